"""No file of the repository holds the markers of an unresolved merge conflict (one landed in
docs/cli.md once, and nothing else noticed)."""

from __future__ import annotations

import re
import subprocess

from paths import ROOT

MARKER = re.compile(r"^(<{7}|>{7}) ", re.MULTILINE)


def test_no_merge_conflict_markers() -> None:
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=False
    )
    files = (
        [ROOT / name for name in listed.stdout.decode().split("\0") if name]
        if listed.returncode == 0
        else [p for p in ROOT.rglob("*") if ".venv" not in p.parts and ".git" not in p.parts]
    )
    found = []
    for path in files:
        if not path.is_file() or path.suffix not in {".md", ".py", ".j2", ".yaml", ".yml",
                                                     ".css", ".toml", ".txt", ".json"}:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        found.extend(
            f"{path.relative_to(ROOT)}:{text.count(chr(10), 0, m.start()) + 1}"
            for m in MARKER.finditer(text)
        )
    assert found == []
