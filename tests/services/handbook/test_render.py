"""The handbook renderer (``docs/handbook.md``): golden files, determinism, template overrides,
strict templates, atomic writes, refusing foreign folders, escaping, path safety, invalid ladders
and a hypothesis property over every ladder the strategy builds."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from pages import FORMATS, check_html_links, check_inside, check_markdown, check_svgs, snapshot
from paths import ACME, GOLDEN
from strategies import ladders

import dualladder
from dualladder._internal.model.ladder import Ladder
from dualladder._internal.services.handbook import engine
from dualladder._internal.services.handbook.site import slugify
from dualladder._internal.util.escape import markdown_escape
from dualladder._internal.util.findings import LadderError
from dualladder.handbook import MARKER, RenderError, render


@pytest.fixture(scope="module")
def acme() -> Ladder:
    return dualladder.load(ACME)


def leftovers(parent: Path, keep: set[str]) -> list[str]:
    """Entries of ``parent`` other than ``keep`` (temporary folders a render left behind)."""
    return sorted(p.name for p in parent.iterdir() if p.name not in keep)


def minimal(**changes: Any) -> dict[str, Any]:
    """A small valid ladder as data: two levels, a rung on each track on each level."""
    data: dict[str, Any] = {
        "dualladder": 1,
        "organization": "Org",
        "family": "Family",
        "currency": "EUR",
        "levels": [
            {"id": "L1", "name": "One", "pay": {"min": 100, "mid": 110, "max": 125}},
            {"id": "L2", "name": "Two", "pay": {"min": 120, "mid": 130, "max": 150}},
        ],
        "tracks": {
            "management": {
                "name": "Management",
                "rungs": [
                    {"level": "L1", "title": "Lead"},
                    {"level": "L2", "title": "Manager"},
                ],
            },
            "technical": {
                "name": "Technical",
                "rungs": [
                    {"level": "L1", "title": "Senior"},
                    {"level": "L2", "title": "Staff"},
                ],
            },
        },
        "crossover": [
            {"from": "technical", "to": "management", "levels": ["L1", "L2"]},
            {"from": "management", "to": "technical", "levels": ["L1", "L2"]},
        ],
    }
    data.update(changes)
    return data


# -- golden files ---------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_golden_handbook_of_acme(
    fmt: str, acme: Ladder, tmp_path: Path, regen_golden: bool
) -> None:
    out = tmp_path / "handbook"
    written = render(acme, out, format=fmt)  # type: ignore[arg-type]
    check_inside(out, written)
    got = snapshot(out)
    golden = GOLDEN / fmt
    if regen_golden:
        shutil.rmtree(golden, ignore_errors=True)
        shutil.copytree(out, golden)
    want = snapshot(golden)
    assert sorted(got) == sorted(want), "the handbook's files differ from tests/golden"
    for name in sorted(want):
        assert got[name].decode() == want[name].decode(), (
            f"{fmt}/{name} differs from tests/golden (pytest --regen-golden rewrites it)"
        )


def test_golden_pages_are_the_expected_set(acme: Ladder, tmp_path: Path) -> None:
    levels = [f"level-l{n}" for n in range(3, 11)]
    md = {p.name for p in render(acme, tmp_path / "md")}
    assert md == {
        MARKER, "index.md", "pay.md", "decisions.md", "track-management.md",
        "track-technical.md", "ladder.svg", "pay-bands.svg", *(f"{lv}.md" for lv in levels),
        "mkdocs-nav.yml",  # the pages for MkDocs' nav, as a company site has (issue 21)
    }
    html = {p.name for p in render(acme, tmp_path / "html", format="html")}
    assert html == {
        MARKER, "index.html", "pay.html", "decisions.html", "track-management.html",
        "track-technical.html", "style.css", *(f"{lv}.html" for lv in levels),
    }


@pytest.mark.parametrize("fmt", FORMATS)
def test_links_tables_and_pictures_are_sound(fmt: str, acme: Ladder, tmp_path: Path) -> None:
    out = tmp_path / "out"
    render(acme, out, format=fmt)  # type: ignore[arg-type]
    if fmt == "html":
        check_html_links(out)
        index = (out / "index.html").read_text(encoding="utf-8")
        pay = (out / "pay.html").read_text(encoding="utf-8")
        assert 'class="dl-ladder"' in index and 'class="dl-payband"' in pay
    else:
        check_markdown(out)
        check_svgs(out)
        index = (out / "index.md").read_text(encoding="utf-8")
        assert "![" in index and "](ladder.svg)" in index
        assert "](pay-bands.svg)" in (out / "pay.md").read_text(encoding="utf-8")


def test_overview_puts_the_tracks_side_by_side(acme: Ladder, tmp_path: Path) -> None:
    render(acme, tmp_path / "md")
    index = (tmp_path / "md" / "index.md").read_text(encoding="utf-8")
    row = next(line for line in index.splitlines() if line.startswith("| [L7]"))
    assert "Director of Engineering" in row and "Senior Staff Software Engineer" in row
    assert "USD 205,000 \u2013 279,000" in row and "organization" in row
    svg = (tmp_path / "md" / "ladder.svg").read_text(encoding="utf-8")
    # one join per level where both tracks have a rung (L5-L9), both ways (crossover)
    joins = re.findall(r"<line [^>]*marker-start[^>]*marker-end[^>]*><title>", svg)
    assert len(joins) == 5


# -- determinism ----------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_output_is_byte_identical_on_repeat(fmt: str, acme: Ladder, tmp_path: Path) -> None:
    render(acme, tmp_path / "a", format=fmt)  # type: ignore[arg-type]
    render(acme, tmp_path / "b", format=fmt)  # type: ignore[arg-type]
    first = snapshot(tmp_path / "a")
    assert first == snapshot(tmp_path / "b")
    render(acme, tmp_path / "a", format=fmt)  # again, over itself
    assert snapshot(tmp_path / "a") == first
    # a model equal to it, built anew, from a file of the same name in another folder (pages
    # name the ladder file by its base name, in the command that starts a career plan)
    elsewhere = tmp_path / "elsewhere" / ACME.name
    elsewhere.parent.mkdir()
    elsewhere.write_text(dualladder.dumps(acme), encoding="utf-8")
    reloaded = dualladder.load(elsewhere)
    assert reloaded == acme
    render(reloaded, tmp_path / "c", format=fmt)  # type: ignore[arg-type]
    assert snapshot(tmp_path / "c") == first


# -- templates ------------------------------------------------------------------------------------


def test_a_user_template_overrides_only_its_page(acme: Ladder, tmp_path: Path) -> None:
    render(acme, tmp_path / "builtin")
    user = tmp_path / "templates" / "markdown"
    user.mkdir(parents=True)
    (user / "pay.md.j2").write_text(
        "# Our pay\n\n{{ handbook.organization }} pays {{ chart.panels | length }} currency.\n",
        encoding="utf-8",
    )
    render(acme, tmp_path / "custom", templates=tmp_path / "templates")
    builtin, custom = snapshot(tmp_path / "builtin"), snapshot(tmp_path / "custom")
    assert custom["pay.md"] == b"# Our pay\n\nAcme Robotics pays 1 currency.\n"
    assert {k: v for k, v in custom.items() if k != "pay.md"} == {
        k: v for k, v in builtin.items() if k != "pay.md"
    }


def test_an_edited_user_template_is_used_on_the_next_render(
    acme: Ladder, tmp_path: Path
) -> None:
    # environments are cached per template folder: an edit must still show
    user = tmp_path / "templates" / "markdown"
    user.mkdir(parents=True)
    page = user / "pay.md.j2"
    page.write_text("first\n", encoding="utf-8")
    render(acme, tmp_path / "one", templates=tmp_path / "templates")
    page.write_text("second edit\n", encoding="utf-8")
    render(acme, tmp_path / "two", templates=tmp_path / "templates")
    assert (tmp_path / "one" / "pay.md").read_text(encoding="utf-8") == "first\n"
    assert (tmp_path / "two" / "pay.md").read_text(encoding="utf-8") == "second edit\n"


def test_html_overrides_base_layout_and_stylesheet(acme: Ladder, tmp_path: Path) -> None:
    user = tmp_path / "templates" / "html"
    user.mkdir(parents=True)
    (user / "style.css").write_text("body { color: red }\n", encoding="utf-8")
    (user / "base.html.j2").write_text(
        "<!DOCTYPE html><title>{{ page.title }}</title>{% block content %}{% endblock %}\n",
        encoding="utf-8",
    )
    render(acme, tmp_path / "out", format="html", templates=tmp_path / "templates")
    assert (tmp_path / "out" / "style.css").read_text(encoding="utf-8") == "body { color: red }\n"
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert index.startswith("<!DOCTYPE html><title>Acme Robotics · Engineering: career ladder")
    assert 'class="dl-ladder"' in index  # the page itself is still the built-in one


def test_a_template_typo_fails_and_leaves_the_old_output(acme: Ladder, tmp_path: Path) -> None:
    out = tmp_path / "out"
    render(acme, out)
    before = snapshot(out)
    user = tmp_path / "templates" / "markdown"
    user.mkdir(parents=True)
    (user / "track.md.j2").write_text("# {{ track.name }}\n\n{{ trakc.rungs }}\n", encoding="utf-8")
    with pytest.raises(RenderError) as info:
        render(acme, out, templates=tmp_path / "templates")
    message = str(info.value)
    assert "trakc" in message and "track.md.j2:3" in message
    assert "\n" not in message
    assert snapshot(out) == before
    assert leftovers(tmp_path, {"out", "templates"}) == []


def test_a_broken_template_is_a_one_line_error(acme: Ladder, tmp_path: Path) -> None:
    user = tmp_path / "templates" / "html"
    user.mkdir(parents=True)
    (user / "level.html.j2").write_text("{% if level %}\n{{ level.id }\n", encoding="utf-8")
    with pytest.raises(RenderError) as info:
        render(acme, tmp_path / "out", format="html", templates=tmp_path / "templates")
    assert "level.html.j2:2" in str(info.value) and "\n" not in str(info.value)
    assert not (tmp_path / "out").exists()
    assert leftovers(tmp_path, {"templates"}) == []


def test_a_missing_template_or_folder_is_an_error(acme: Ladder, tmp_path: Path) -> None:
    with pytest.raises(RenderError, match="does not exist"):
        render(acme, tmp_path / "out", templates=tmp_path / "nowhere")
    user = tmp_path / "templates" / "markdown"
    user.mkdir(parents=True)
    (user / "overview.md.j2").write_text('{% include "markdown/nope.md.j2" %}\n', "utf-8")
    with pytest.raises(RenderError, match=r"markdown/nope\.md\.j2 not found"):
        render(acme, tmp_path / "out", templates=tmp_path / "templates")
    assert not (tmp_path / "out").exists()


def test_data_is_never_evaluated_as_a_template(tmp_path: Path) -> None:
    data = minimal(organization="{{ 7*7 }}{% for x in range(3) %}X{% endfor %}")
    ladder = Ladder.model_validate(data)
    for fmt in FORMATS:
        render(ladder, tmp_path / fmt, format=fmt)  # type: ignore[arg-type]
    html = (tmp_path / "html" / "index.html").read_text(encoding="utf-8")
    assert "{{ 7*7 }}{% for x in range(3) %}X{% endfor %}" in html
    assert "49" not in html and "XXX" not in html
    md = (tmp_path / "markdown" / "index.md").read_text(encoding="utf-8")
    assert r"\{\{ 7\*7 \}\}\{% for x in range(3) %\}X\{% endfor %\}" in md


# -- atomic write and refusing foreign folders ----------------------------------------------------


def test_a_template_failing_on_the_third_page_changes_nothing(
    acme: Ladder, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    render(acme, out)
    before = snapshot(out)
    user = tmp_path / "templates" / "markdown"
    user.mkdir(parents=True)
    # level pages render lowest first: L3, L4, then L5 raises
    (user / "level.md.j2").write_text(
        '# {{ level.id }}\n{% if level.id == "L5" %}{{ 1 // 0 }}{% endif %}\n', encoding="utf-8"
    )
    with pytest.raises(RenderError, match="ZeroDivisionError"):
        render(acme, out, templates=tmp_path / "templates")
    assert snapshot(out) == before
    assert leftovers(tmp_path, {"out", "templates"}) == []


def test_a_write_failing_midway_changes_nothing(
    acme: Ladder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    render(acme, out, format="html")
    before = snapshot(out)
    calls: list[Path] = []
    real = engine._write

    def flaky(path: Path, data: bytes) -> None:
        calls.append(path)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        real(path, data)

    monkeypatch.setattr(engine, "_write", flaky)
    with pytest.raises(RenderError, match="No space left on device"):
        render(acme, out, format="html")
    assert len(calls) == 3
    assert calls[0].parent != out and calls[0].parent.parent == tmp_path  # a folder beside out
    assert snapshot(out) == before
    assert leftovers(tmp_path, {"out"}) == []


def test_a_failed_swap_puts_the_old_folder_back(
    acme: Ladder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    render(acme, out)
    before = snapshot(out)
    real = os.rename

    def rename(src: Any, dst: Any) -> None:
        if Path(dst) == out.resolve() and ".tmp-" in Path(src).name:
            raise OSError(13, "Permission denied")
        real(src, dst)

    monkeypatch.setattr(engine.os, "rename", rename)
    with pytest.raises(RenderError, match="Permission denied"):
        render(acme, out, format="html")
    monkeypatch.undo()
    assert snapshot(out) == before
    assert leftovers(tmp_path, {"out"}) == []


def test_a_foreign_folder_is_never_replaced(acme: Ladder, tmp_path: Path) -> None:
    out = tmp_path / "docs"
    out.mkdir()
    (out / "notes.md").write_text("mine\n", encoding="utf-8")
    with pytest.raises(RenderError) as info:
        render(acme, out)
    assert str(info.value) == (
        f"{out} exists and was not written by dualladder; choose an empty or new folder"
    )
    assert snapshot(out) == {"notes.md": b"mine\n"}
    assert leftovers(tmp_path, {"docs"}) == []


def test_a_file_in_the_way_is_an_error(acme: Ladder, tmp_path: Path) -> None:
    (tmp_path / "out").write_text("x", encoding="utf-8")
    with pytest.raises(RenderError, match="is not a folder"):
        render(acme, tmp_path / "out")
    assert (tmp_path / "out").read_text(encoding="utf-8") == "x"


def test_an_empty_folder_and_a_missing_parent_are_fine(acme: Ladder, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert render(acme, tmp_path / "empty")
    assert (tmp_path / "empty" / MARKER).is_file()
    written = render(acme, tmp_path / "a" / "b" / "c", format="html")
    assert written[0].parent == tmp_path / "a" / "b" / "c"


def test_rendering_again_replaces_the_whole_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    data = minimal()
    render(Ladder.model_validate(data), out, format="html", allow_invalid=True)
    assert (out / "level-l2.html").is_file()
    data["levels"] = data["levels"][:1]
    for track in data["tracks"].values():
        track["rungs"] = track["rungs"][:1]
    data["crossover"] = []
    render(Ladder.model_validate(data), out, format="html", allow_invalid=True)
    assert not (out / "level-l2.html").exists()
    assert (out / "level-l1.html").is_file()


def test_a_file_the_marker_does_not_list_is_never_deleted(tmp_path: Path) -> None:
    """A file added to a handbook by hand is not dualladder's: the folder is refused, the file
    kept (issue 20 item 10; it was deleted)."""
    out = tmp_path / "out"
    render(Ladder.model_validate(minimal()), out, format="html", allow_invalid=True)
    (out / "stray.txt").write_text("left by hand\n", encoding="utf-8")
    with pytest.raises(RenderError, match=r"stray\.txt is not listed in its \.dualladder-handbook"):
        render(Ladder.model_validate(minimal()), out, format="html", allow_invalid=True)
    assert (out / "stray.txt").read_text(encoding="utf-8") == "left by hand\n"


def test_render_error_and_format_check(acme: Ladder, tmp_path: Path) -> None:
    with pytest.raises(RenderError, match="unknown format 'pdf'"):
        render(acme, tmp_path / "out", format="pdf")  # type: ignore[arg-type]
    assert not (tmp_path / "out").exists()
    assert RenderError("a\nb  c").args == ("a b c",)


# -- escaping -------------------------------------------------------------------------------------

HOSTILE = {
    "script": "<script>alert(1)</script>",
    "pipe": "a | b",
    "jinja": "{{ 7*7 }}",
    "bold": "**bold**",
    "link": "[x](javascript:alert(1))",
    "newline": "line1\nline2",
}


@pytest.fixture(scope="module")
def hostile() -> Ladder:
    titles = list(HOSTILE.values())
    levels = [{"id": f"L{n}", "name": title} for n, title in enumerate(titles, start=1)]
    data = minimal(
        organization="<b>Org</b> & Co",
        family="Fam | ily",
        levels=levels,
        tracks={
            "management": {
                "name": "<i>Mgmt</i>",
                "rungs": [
                    {
                        "level": f"L{n}",
                        "title": title,
                        "summary": title,
                        "expectations": [title],
                        "aliases": [title],
                        "code": title,
                        "rewards": {"perks": [title]},
                        "decisions": [{"domain": title, "authority": "decides", "scope": "team"}],
                        "pay": {"min": 10, "mid": 11, "max": 12, "currency": "CHF"},
                    }
                    for n, title in enumerate(titles, start=1)
                ],
            },
            "technical": {
                "name": "Tech | nical",
                "rungs": [
                    {"level": f"L{n}", "title": f"{title} (IC)"}
                    for n, title in enumerate(titles, start=1)
                ],
            },
        },
        crossover=[],
    )
    return Ladder.model_validate(data)


@pytest.fixture(scope="module")
def hostile_out(hostile: Ladder, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("hostile")
    for fmt in FORMATS:
        render(hostile, out / fmt, format=fmt, allow_invalid=True)  # type: ignore[arg-type]
    return out


def _all_text(folder: Path, *suffixes: str) -> str:
    return "\n".join(
        p.read_text(encoding="utf-8") for p in sorted(folder.iterdir()) if p.suffix in suffixes
    )


@pytest.mark.parametrize(
    ("key", "escaped", "raw"),
    [
        ("script", "&lt;script&gt;alert(1)&lt;/script&gt;", "<script"),
        ("pipe", r"a \| b", "a | b"),
        ("jinja", r"\{\{ 7\*7 \}\}", "{{ 7*7 }}"),
        ("bold", r"\*\*bold\*\*", "**bold**"),
        ("link", r"\[x\](javascript:alert(1))", "[x](javascript"),
        ("newline", "line1 line2", "line1\nline2"),
    ],
)
def test_markdown_escapes_hostile_text(key: str, escaped: str, raw: str, hostile_out: Path) -> None:
    text = _all_text(hostile_out / "markdown", ".md")
    assert escaped in text, key
    assert raw not in text, key


def test_markdown_hostile_text_keeps_tables_and_links_intact(hostile_out: Path) -> None:
    folder = hostile_out / "markdown"
    check_markdown(folder)
    check_svgs(folder)
    text = _all_text(folder, ".md")
    assert "&lt;b&gt;Org&lt;/b&gt; &amp; Co" in text and "<b>" not in text and "<i>" not in text
    assert not any(line.startswith("line2") for line in text.splitlines())
    svg = _all_text(folder, ".svg")
    assert "&lt;script&gt;" in svg and "<script" not in svg


@pytest.mark.parametrize(
    ("key", "shown"),
    [
        ("script", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("pipe", "a | b"),
        ("jinja", "{{ 7*7 }}"),
        ("bold", "**bold**"),
        ("link", "[x](javascript:alert(1))"),
        ("newline", "line1\nline2"),
    ],
)
def test_html_escapes_hostile_text(key: str, shown: str, hostile_out: Path) -> None:
    text = _all_text(hostile_out / "html", ".html")
    assert shown in text, key


def test_html_hostile_text_runs_nothing(hostile_out: Path) -> None:
    folder = hostile_out / "html"
    text = _all_text(folder, ".html")
    assert "<script" not in text.lower()
    assert "javascript:" not in "".join(re.findall(r'href="([^"]*)"', text))
    assert "<b>Org</b>" not in text and "&lt;b&gt;Org&lt;/b&gt; &amp; Co" in text
    assert ">49<" not in text
    check_html_links(folder)


def test_markdown_escape_unit() -> None:
    assert markdown_escape("2026. A year") == r"2026\. A year"
    assert markdown_escape("# Heading") == r"\# Heading"
    assert markdown_escape("- item") == r"\- item"
    assert markdown_escape("40.0%") == "40.0%"
    assert markdown_escape("back\\slash_x~y`z") == r"back\\slash\_x\~y\`z"
    assert markdown_escape("a\r\n  b\u2028c") == "a b c"
    assert markdown_escape("nul\x00") == "nul\ufffd"


def test_values_marked_safe_are_left_alone(acme: Ladder, tmp_path: Path) -> None:
    user = tmp_path / "templates" / "markdown"
    user.mkdir(parents=True)
    (user / "pay.md.j2").write_text(
        '{% set s = "<b>a|b</b>" %}{{ s }}\n{{ s | safe }}\n{{ ["*", "<"] | join(" | ") }}\n',
        encoding="utf-8",
    )
    render(acme, tmp_path / "out", templates=tmp_path / "templates")
    assert (tmp_path / "out" / "pay.md").read_text(encoding="utf-8") == (
        "&lt;b&gt;a\\|b&lt;/b&gt;\n<b>a|b</b>\n\\* \\| &lt;\n"
    )


# -- path safety ----------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_hostile_ids_cannot_choose_paths(fmt: str, tmp_path: Path) -> None:
    ids = ["../../etc/passwd", "C:\\x", ".", "..", "/abs", "CON", "L1", "l1", "---", "é"]
    data = minimal(
        levels=[{"id": i} for i in ids],
        tracks={
            "management": {"rungs": [{"level": i, "title": f"M {i}"} for i in ids]},
            "technical": {"rungs": [{"level": i, "title": f"T {i}"} for i in ids]},
            "../evil": {"rungs": [{"level": "L1", "title": "E"}]},
            "/root/x": {"rungs": []},
        },
        crossover=[],
    )
    ladder = Ladder.model_validate(data)
    out = tmp_path / "sub" / "out"
    written = render(ladder, out, format=fmt, allow_invalid=True)  # type: ignore[arg-type]
    check_inside(out, written)
    assert sorted(p.name for p in tmp_path.rglob("*")) == sorted(
        ["sub", "out", *(p.name for p in written)]
    )
    suffix = ".md" if fmt == "markdown" else ".html"
    names = {p.name for p in written}
    for slug in ["etc-passwd", "c-x", "3", "4", "abs", "con", "l1", "l1-2", "9", "e"]:
        assert f"level-{slug}{suffix}" in names, slug
    for slug in ["management", "technical", "evil", "root-x"]:
        assert f"track-{slug}{suffix}" in names, slug
    assert all(re.fullmatch(r"[a-z0-9][a-z0-9.-]*", n) for n in names - {MARKER})
    if fmt == "html":
        check_html_links(out)
    else:
        check_markdown(out)


def test_slugify() -> None:
    used: set[str] = set()
    assert [slugify(t, used, "x") for t in ["A B", "a-b", "", "Ünïcode", "a" * 80]] == [
        "a-b", "a-b-2", "x", "unicode", "a" * 48,
    ]


# -- invalid ladders ------------------------------------------------------------------------------


def test_a_ladder_with_errors_is_refused_unless_allowed(tmp_path: Path) -> None:
    data = minimal()
    data["tracks"]["technical"]["rungs"] = data["tracks"]["technical"]["rungs"][:1]
    data["crossover"] = []
    ladder = Ladder.model_validate(data)  # technical tops out below management: DL101
    report = dualladder.check(ladder)
    assert "DL101" in [f.code for f in report.errors]
    with pytest.raises(LadderError) as info:
        render(ladder, tmp_path / "out")
    assert "DL101" in [f.code for f in info.value.findings]
    assert not (tmp_path / "out").exists()
    written = render(ladder, tmp_path / "out", format="html", allow_invalid=True)
    assert written
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "DL101" in index and "Equivalence checks" in index


# -- odd but valid ladders ------------------------------------------------------------------------


def test_missing_bands_empty_track_many_levels_long_titles_currencies(tmp_path: Path) -> None:
    levels = [{"id": f"G{n:02d}"} for n in range(1, 41)]
    long_title = "Principal Distinguished Senior Staff Engineer of Extremely Long Titles " * 3
    data = minimal(
        currency=None,
        levels=levels,
        tracks={
            "management": {"rungs": []},
            "technical": {
                "rungs": [
                    {
                        "level": f"G{n:02d}",
                        "title": long_title if n % 2 else f"E{n}",
                        **(
                            {"pay": {"min": n * 1000, "mid": n * 1100, "max": n * 1300,
                                     "currency": ["USD", "EUR", "JPY"][n % 3]}}
                            if n % 4 else {}
                        ),
                    }
                    for n in range(1, 41)
                ]
            },
            "research": {"name": "Research", "rungs": [{"level": "G05", "title": "Scientist"}]},
        },
        crossover=[],
    )
    ladder = Ladder.model_validate(data)
    for fmt in FORMATS:
        out = tmp_path / fmt
        render(ladder, out, format=fmt, allow_invalid=True)  # type: ignore[arg-type]
    check_svgs(tmp_path / "markdown")
    check_markdown(tmp_path / "markdown")
    check_html_links(tmp_path / "html")
    chart = (tmp_path / "markdown" / "pay-bands.svg").read_text(encoding="utf-8")
    for currency in ("EUR", "JPY", "USD"):
        assert f"Pay bands in {currency}" in chart
    assert "without a pay band" in chart
    diagram = (tmp_path / "markdown" / "ladder.svg").read_text(encoding="utf-8")
    assert "no rungs yet" in diagram and "…" in diagram


# -- the property ---------------------------------------------------------------------------------


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ladder=ladders)
def test_every_ladder_renders_in_both_formats(ladder: Ladder) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in FORMATS:
            out = Path(tmp) / fmt
            written = render(ladder, out, format=fmt, allow_invalid=True)  # type: ignore[arg-type]
            check_inside(out, written)
        check_svgs(Path(tmp) / "markdown")
        check_markdown(Path(tmp) / "markdown")
        assert sorted(p.name for p in Path(tmp).iterdir()) == ["html", "markdown"]


# -- packaging ------------------------------------------------------------------------------------


def test_importing_the_renderer_does_not_import_jinja2() -> None:
    code = (
        "import sys, dualladder.handbook, dualladder.rules, dualladder.cli\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('jinja2', 'markupsafe')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_dualladder_render_is_the_function_after_importing_the_package(
    acme: Ladder, tmp_path: Path
) -> None:
    import dualladder.handbook  # the subpackage has its own name: no clash with the function

    assert dualladder.render is dualladder.handbook.render
    written = dualladder.render(acme, tmp_path / "out", format="html")
    assert (tmp_path / "out" / "index.html") in written
