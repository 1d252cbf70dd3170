"""A pay quarter's count with a fraction (a tie shared across a quarter boundary, the documented
method, docs/audit.md "Pay quarters") is explained in the report itself (mends item 7): the
kestrel example's "(8.5)" read as eight and a half people. The note is under the report only
where such a count is shown, in the report's language."""

from __future__ import annotations

import html

import pytest
from paths import ACME, EXAMPLES, KESTREL

from dualladder.cli import main

NOTE = ("A pay quarter's count with a fraction, such as 8.5, is not a number of people: people "
        "paid the same across the boundary of two pay quarters are shared between the quarters "
        "in proportion to their sexes")


def _audit(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(["audit", *argv]) in (0, 1)
    return " ".join(html.unescape(capsys.readouterr().out).replace("\\", "").split())


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_a_shared_tie_is_explained_under_the_report(
    capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    out = _audit(capsys, str(KESTREL), str(EXAMPLES / "kestrel-roster.csv"), "-f", fmt)
    assert "women 50.0 % (8.5)" in out  # the documented method, unchanged
    assert NOTE in out
    assert "The proportions are the figures Art. 9(1)(f) asks for." in out
    # no fraction shown, no note
    out = _audit(capsys, str(ACME), str(EXAMPLES / "roster.csv"), "-f", fmt)
    assert "pay quarter's count with a fraction" not in out


def test_the_note_is_in_the_reports_language(capsys: pytest.CaptureFixture[str]) -> None:
    out = _audit(capsys, str(KESTREL), str(EXAMPLES / "kestrel-roster.csv"), "--locale", "de")
    assert ("Eine Anzahl mit Nachkommastellen in einem Vergütungsquartil, etwa 8,5, ist keine "
            "Zahl von Personen") in out
