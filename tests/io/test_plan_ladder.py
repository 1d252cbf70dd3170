"""A plan's ladder that cannot be read (``ladder_of``): DL401 says why, without repeating the
path unescaped (the finding quotes it, controls escaped, in every output format)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from paths import EXAMPLES

from dualladder.cli import main

CONTROLS = [chr(c) for c in (*range(0x20), *range(0x7F, 0xA0))]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
@pytest.mark.parametrize("fmt", ["text", "github", "json", "sarif"])
def test_a_plan_whose_ladder_is_not_a_regular_file_names_it_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    os.mkfifo(tmp_path / "p\x1b[31m.yaml")
    text = (EXAMPLES / "plans" / "senior-to-staff.yaml").read_text(encoding="utf-8")
    plan = tmp_path / "plan.yaml"
    plan.write_text(text.replace("path: ../../ladders/acme-robotics-engineering.yaml",
                                 'path: "p\\e[31m.yaml"'), encoding="utf-8")
    assert main(["validate", str(plan), "--format", fmt]) == 1
    out = capsys.readouterr().out
    if fmt == "json":
        messages = [f["message"] for f in json.loads(out)["findings"]]
    elif fmt == "sarif":
        messages = [r["message"]["text"] for r in json.loads(out)["runs"][0]["results"]]
    else:
        messages = out.splitlines()
    message = next(m for m in messages if "DL401" in m or "plan's ladder" in m)
    assert not any(char in message for char in CONTROLS), message
    # why, once: the path is quoted (escaped) by the finding, not repeated by the reason
    assert message.endswith("the plan's ladder 'p\\x1b[31m.yaml' cannot be read: a named pipe "
                            "(FIFO), not a regular file")
