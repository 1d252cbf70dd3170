"""The English Art. 7 statement writes amounts as every other page does (mends item 5): the
code first, ``USD 200,400``, through the same helper as the handbook and the other languages
(:func:`dualladder._internal.util.i18n.money`); it wrote ``200,400 USD``."""

from __future__ import annotations

import re

import pytest
from paths import ACME, EXAMPLES

from dualladder.cli import main


@pytest.mark.parametrize("fmt", ["text", "html"])
def test_the_english_statement_writes_amounts_as_the_pages_do(
    capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    assert main(["audit", str(ACME), str(EXAMPLES / "roster.csv"), "--statement", "E001113",
                 "-f", fmt]) == 0
    out = capsys.readouterr().out
    assert "USD 200,400" in out and "USD 224,400" in out  # base and total pay
    assert "USD 215,191.67" in out  # the category's women's average
    assert "USD 175,000 - 235,000 (mid 205,000)" in out  # the band, the code once, first
    assert not re.search(r"\d USD", out), re.findall(r".{20}\d USD", out)
