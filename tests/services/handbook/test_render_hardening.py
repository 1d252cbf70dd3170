"""Hardening of the renderer (issue 8): whatever validates renders, at any amount the model
accepts (item 4). End to end through ``dualladder render`` on real files, plus the axis
arithmetic on amounts far beyond what the model accepts."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from paths import ACME, KESTREL

import dualladder
from dualladder._internal.services.handbook.svg_chart import (
    _domain,
    axis_ticks,
    nice_step,
    tick_label,
)
from dualladder._internal.util.findings import LadderError
from dualladder.cli import main
from dualladder.handbook import render

SVG = "{http://www.w3.org/2000/svg}"

#: Two levels whose bands are given as text; every rung of a track on each level.
BANDS = """\
dualladder: 1
organization: Acme
family: Engineering
currency: USD
policy: {{midpoint_progression: [0, 100], range_spread: [0, 100]}}
levels:
  - {{id: L1, pay: {{min: {0}, mid: {1}, max: {2}}}}}
  - {{id: L2, pay: {{min: {3}, mid: {4}, max: {5}}}}}
tracks:
  management:
    rungs:
      - {{level: L1, title: Manager, rewards: {{equity: {2}}}}}
      - {{level: L2, title: Director}}
  technical:
    rungs:
      - {{level: L1, title: Engineer, rewards: {{equity: {2}}}}}
      - {{level: L2, title: Principal}}
"""

#: Amounts at the edges of what the model accepts: the smallest step (0.0001), the largest
#: amount (15 digits and 4 places), both in one chart, equal ends, and ends that differ only in
#: the last place of 19 digits.
EXTREMES = {
    "tiny": ("0.0001", "0.0001", "0.0002", "0.0003", "0.0004", "0.0005"),
    "huge": ("999999999999998", "999999999999999", "999999999999999.9999") * 2,
    "tiny-and-huge": ("0.0001", "0.0002", "0.0003", "1", "500000000000000", "999999999999999"),
    "flat": ("100000",) * 6,
    "last-place": (
        "999999999999999.9997",
        "999999999999999.9998",
        "999999999999999.9999",
        "999999999999999.9998",
        "999999999999999.9998",
        "999999999999999.9999",
    ),
}


def _ticks(svg: Path) -> list[tuple[float, str]]:
    """(x, label) of the chart's axis labels: the ``<text>`` elements with a numeric-ish label
    on the axis line (the last row of texts of each panel)."""
    root = ET.parse(svg).getroot()
    texts = [t for t in root.iter(f"{SVG}text") if t.get("text-anchor") == "middle"]
    return [(float(t.get("x", "0")), t.text or "") for t in texts if (t.text or "") != "!"]


@pytest.mark.parametrize("case", sorted(EXTREMES))
@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_extreme_amounts_validate_and_render(
    case: str, fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ladder = tmp_path / "extreme.yaml"
    ladder.write_text(BANDS.format(*EXTREMES[case]), encoding="utf-8")
    assert main(["validate", "--strict", str(ladder)]) in (0, 1)
    out = tmp_path / "out"
    code = main(["render", str(ladder), "-o", str(out), "-f", fmt, "--allow-invalid"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "Traceback" not in captured.err
    if fmt == "markdown":
        ticks = _ticks(out / "pay-bands.svg")
        assert len(ticks) >= 2
        assert all(len(label) <= 8 for _, label in ticks), ticks
        xs = [x for x, _ in ticks]
        assert xs == sorted(xs) and len(set(xs)) == len(xs)
        pay = (out / "pay.md").read_text(encoding="utf-8")
        assert max(len(line) for line in pay.splitlines()) < 400
    else:
        page = (out / "pay.html").read_text(encoding="utf-8")
        chart = re.search(r"<svg.*?</svg>", page, re.DOTALL)
        assert chart is not None
        labels = [t.text or "" for t in ET.fromstring(chart.group()).iter(f"{SVG}text")]
        assert labels and max(len(label) for label in labels) < 200


def test_the_smallest_amount_is_shown_not_rounded_to_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ladder = tmp_path / "tiny.yaml"
    ladder.write_text(BANDS.format(*EXTREMES["tiny"]), encoding="utf-8")
    assert main(["render", str(ladder), "-o", str(tmp_path / "out")]) == 0
    pay = (tmp_path / "out" / "pay.md").read_text(encoding="utf-8")
    assert "| 0.0001 | 0.0001 | 0.0002 |" in pay
    assert "0.00 " not in pay


@st.composite
def accepted_amounts(draw: st.DrawFn) -> str:
    """An amount the model accepts (at least 0.0001, below 10**15, at most 4 places), written
    as YAML may write it: plainly, or as digits and an exponent, with zeros to spare."""
    digits = draw(st.integers(1, 19))  # the amount in units of 0.0001: 1 to 19 digits
    units = draw(st.integers(10 ** (digits - 1), 10**digits - 1))
    exponent = -4
    while units % 10 == 0:
        units, exponent = units // 10, exponent + 1
    zeros = draw(st.integers(0, 6))  # more zeros on the digits, the exponent lower to match
    units, exponent = units * 10**zeros, exponent - zeros
    if draw(st.booleans()):
        return str(Decimal(units).scaleb(exponent))
    return f"{units}e{exponent}"


@st.composite
def refused_amounts(draw: st.DrawFn) -> str:
    """An amount beyond the model's bounds: 15 or more digits before the point or more than
    4 after it, at any exponent up to the largest a decimal has."""
    significand = draw(st.integers(1, 9))
    exponent = draw(st.one_of(st.integers(15, 999_999_999), st.integers(-999_999_999, -5)))
    return f"{significand}e{exponent}"


@given(amounts=st.lists(accepted_amounts(), min_size=6, max_size=6))
def test_whatever_loads_renders(
    amounts: list[str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    low, high = sorted(amounts[:3], key=Decimal), sorted(amounts[3:], key=Decimal)
    ladder = dualladder.loads(BANDS.format(*low, *high))  # every amount is within bounds
    out = tmp_path_factory.mktemp("out")
    for fmt in ("markdown", "html"):
        assert render(ladder, out / fmt, format=fmt, allow_invalid=True)


@given(amounts=st.lists(accepted_amounts(), min_size=6, max_size=6),
       refused=refused_amounts(), where=st.integers(0, 5))
def test_an_amount_beyond_the_bounds_is_refused_where_it_is_written(
    amounts: list[str], refused: str, where: int
) -> None:
    amounts[where] = refused
    text = BANDS.format(*sorted(amounts[:3], key=Decimal), *sorted(amounts[3:], key=Decimal))
    with pytest.raises(LadderError) as caught:
        dualladder.loads(text)
    lines = text.splitlines()
    assert [f.code for f in caught.value.findings] == ["DL002"] * len(caught.value.findings)
    assert all(refused in lines[f.line - 1] for f in caught.value.findings)


@pytest.mark.parametrize(
    "values",
    [
        [Decimal("1e400"), Decimal("2e400")],
        [Decimal("1e-400"), Decimal("1e-400")],
        [Decimal("1e-400"), Decimal("1e400")],
        [Decimal("1e-999999999"), Decimal("1e999999999")],
        [Decimal("2e999999999")] * 2,
        [Decimal("1e20"), Decimal("1e20") + Decimal("1e-8")],
    ],
)
def test_the_axis_copes_with_any_finite_amount(values: list[Decimal]) -> None:
    start, end, step = _domain(values)
    assert start <= min(values) and max(values) <= end and step > 0
    ticks = axis_ticks(start, end, step)
    assert 2 <= len(ticks) <= 25
    assert all(len(tick_label(tick)) <= 16 for tick in ticks)  # 1.8e+999999999


def test_nice_step_and_labels() -> None:
    assert nice_step(Decimal(600000)) == Decimal(100000)
    assert nice_step(Decimal("1.2e401")) == Decimal("2e400")
    assert nice_step(Decimal("6e-400")) == Decimal("1e-400")
    assert nice_step(Decimal(0)) == Decimal("0.2")
    assert tick_label(Decimal(150000)) == "150k"
    assert tick_label(Decimal(1250000)) == "1.25M"
    assert tick_label(Decimal(2 * 10**14)) == "200T"
    assert tick_label(Decimal("1e400")) == "1e+400"
    assert tick_label(Decimal("2.5e-400")) == "2.5e-400"
    assert tick_label(Decimal("0.00002")) == "0.00002"


# -- item 13: user templates run in the sandbox --------------------------------------------------


ESCAPES = {
    "globals": "{{ cycler.__init__.__globals__.os.popen('touch PWNED').read() }}",
    "subclasses": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "lipsum": "{{ lipsum.__globals__['os'].system('touch PWNED') }}",
    "private": "{{ self._TemplateReference__context }}",
    "format": "{{ '{0.__class__.__init__.__globals__}'.format(ladder) }}",
    "power": "{{ 2 ** 1000000 }}",
    "repeat": "{{ 'x' * 10 ** 9 }}",
    # issue 20 item 20: string padding, format widths, lipsum, and changing the model
    "rjust": "{{ 'a'.rjust(2000000) }}",
    "zfill": "{{ '1'.zfill(2000000) }}",
    "percent-width": "{{ '%02000000d' % 1 }}",
    "percent-star": "{{ '%*d' % (2000000, 1) }}",
    "format-width": "{{ '{:>2000000}'.format(1) }}",
    "format-nested": "{{ '{:{}}'.format(1, 2000000) }}",
    "expandtabs": "{{ 'a\tb'.expandtabs(2000000) }}",
    "lipsum-many": "{{ lipsum(200) }}",
    "center-filter": "{{ 'a' | center(2000000) }}",
    "format-filter": "{{ '%02000000d' | format(1) }}",
    "indent-filter": "{{ 'ab' | indent(2000000, true) }}",
    "mutate-list": "{{ ladder.levels.clear() }}",
    "mutate-dict": "{{ ladder.tracks.pop('technical') }}",
    # running time: one render has a budget of steps (sandbox.MAX_STEPS), calls nest MAX_DEPTH
    "nested-range": "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}"
                    "{% endfor %}",
    "nested-string": "{% set s = 'x' * 900000 %}{% for a in s %}{% for b in s %}{% endfor %}"
                     "{% endfor %}",
    "loop-filter": "{% set s = 'x' * 900000 %}{% for a in s if a %}"
                   "{% for b in s if b %}{% endfor %}{% endfor %}",
    "recursive-loop": "{% set s = 'x' * 900000 %}{% for a in s recursive %}"
                      "{% if loop.first and loop.depth < 40 %}{{ loop(s) }}{% endif %}{% endfor %}",
    "filter-in-loop": "{% set s = 'x' * 900000 %}{% for a in range(100000) %}"
                      "{{ s | list | length }}{% endfor %}",
    "method-in-loop": "{% set s = 'x' * 900000 %}{% for a in range(100000) %}"
                      "{{ s.count('y') }}{% endfor %}",
    "macro-recursion": "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}",
    "macro-fan-out": "{% macro f(n) %}{% if n < 40 %}{{ f(n + 1) }}{{ f(n + 1) }}{% endif %}"
                     "{% endmacro %}{{ f(0) }}",
}


@pytest.mark.parametrize("name", sorted(ESCAPES))
@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_a_user_template_cannot_reach_python(
    name: str,
    fmt: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "site"
    assert main(["render", str(ACME), "-o", str(out), "-f", fmt]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    templates = tmp_path / "templates" / fmt
    templates.mkdir(parents=True)
    page = "overview.md.j2" if fmt == "markdown" else "overview.html.j2"
    (templates / page).write_text(ESCAPES[name] + "\n", encoding="utf-8")
    capsys.readouterr()
    argv = ["render", str(ACME), "-o", str(out), "-f", fmt, "--templates", str(templates.parent)]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "SecurityError" in err, err
    assert f"{page}:1:" in err
    assert not (tmp_path / "PWNED").exists()
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_a_sandboxed_user_template_still_does_what_templates_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    templates = tmp_path / "templates" / "markdown"
    templates.mkdir(parents=True)
    (templates / "overview.md.j2").write_text(
        "{% import 'markdown/_macros.md.j2' as m %}# {{ ladder.organization | upper }}\n"
        "{% for track in tracks %}- {{ track.name }}: {{ track.rungs | length }} rungs\n"
        "{% endfor %}{{ ladder.currency * 2 }} {{ 2 ** 10 }} {{ range(3) | list | length }}\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    assert main(["render", str(ACME), "-o", str(out), "--templates", str(templates.parent)]) == 0
    index = (out / "index.md").read_text(encoding="utf-8")
    assert index.startswith("# ACME ROBOTICS\n- Engineering Management: ")
    assert index.endswith("USDUSD 1024 3\n")
    # every other page is still rendered by the built-in templates, in the same sandbox
    assert (out / "pay.md").read_text(encoding="utf-8").startswith("#")


def test_a_template_that_includes_itself_is_one_clean_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "site"
    assert main(["render", str(ACME), "-o", str(out)]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    templates = tmp_path / "templates" / "markdown"
    templates.mkdir(parents=True)
    (templates / "overview.md.j2").write_text(
        "x{% include 'markdown/overview.md.j2' %}{% include 'markdown/overview.md.j2' %}\n",
        encoding="utf-8",
    )
    capsys.readouterr()
    argv = ["render", str(ACME), "-o", str(out), "--templates", str(templates.parent)]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1, err
    assert "overview.md.j2:1: templates include or call each other too deeply" in err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_the_built_in_templates_render_well_within_the_budget(tmp_path: Path) -> None:
    """The budget bounds hostile templates, not real ones: the built-in templates, run in the
    sandbox, render the company example with a budget a twentieth of the real one (its largest
    page takes about 92,000 steps)."""
    from dualladder._internal.services.handbook import sandbox

    (tmp_path / "templates").mkdir()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sandbox, "MAX_STEPS", sandbox.MAX_STEPS // 20)
        for fmt in ("markdown", "html"):
            argv = ["render", str(KESTREL), "-o", str(tmp_path / fmt), "-f", fmt,
                    "--templates", str(tmp_path / "templates")]
            assert main(argv) == 0
