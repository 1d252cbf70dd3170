"""Hostile input, reading side (issue 8): each test reproduces one report and fails without its fix.

Every input here once gave a traceback, ran for minutes or printed something it should not.
The property they share: reading answers with located findings, in bounded time and memory.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

import dualladder
from dualladder import read_text
from dualladder._internal.io.parse import MAX_DEPTH, MAX_NODES
from dualladder._internal.model.ladder import format_amount
from dualladder._internal.rules.ladder.registry import percent
from dualladder._internal.util.findings import Finding
from dualladder._internal.yaml.tags import QUOTE_LIMIT

BASE = """\
dualladder: 1
organization: Acme
family: Engineering
currency: USD
policy: {range_spread: RANGE}
levels:
  - {id: L1, pay: PAY}
  - {id: L2, pay: {min: 120, mid: 140, max: 160}}
tracks:
  management:
    rungs: [{level: L1, title: M1, rewards: REWARDS}, {level: L2, title: M2}]
  technical:
    rungs: [{level: L1, title: T1}, {level: L2, title: T2}]
"""


def ladder_text(
    pay: str = "{min: 100, mid: 118, max: 136}",
    range_spread: str = "[0.2, 1.0]",
    rewards: str = "{bonus_target: 0.1}",
) -> str:
    return (
        BASE.replace("PAY", pay).replace("RANGE", range_spread).replace("REWARDS", rewards)
    )


def only(findings: list[Finding]) -> Finding:
    assert len(findings) == 1, [str(f) for f in findings]
    return findings[0]


def test_base_ladder_is_valid() -> None:
    """The template the tests below break is itself a valid ladder."""
    assert read_text(ladder_text()).ladder is not None


# -- 1: deep nesting ------------------------------------------------------------------------------


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 400, 999])
def test_deep_nesting_is_a_located_finding(depth: int) -> None:
    text = "dualladder: 1\nx: " + "[" * depth + "]" * depth + "\n"
    finding = only(read_text(text, "deep.yaml").findings)
    assert finding.code == "DL001"
    assert finding.line == 2
    assert "nest more than" in finding.message


def test_nesting_a_ladder_needs_is_fine() -> None:
    text = "dualladder: 1\nx: " + "[" * (MAX_DEPTH - 2) + "]" * (MAX_DEPTH - 2) + "\n"
    assert all("nest" not in f.message for f in read_text(text).findings)


def test_deep_nesting_built_from_aliases_is_caught() -> None:
    # Each anchor wraps the previous one: short text, deep tree.
    lines = ["dualladder: 1", "a0: &a0 [1]"]
    lines += [f"a{i}: &a{i} [*a{i - 1}]" for i in range(1, 100)]
    findings = read_text("\n".join(lines) + "\n").findings
    assert any(f.code == "DL001" and "nest" in f.message for f in findings)


# -- 2: explicit tags that cannot construct -------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("!!bool 1", "a yes/no value"),
        ('!!int ""', "a whole number"),
        ("!!float _", "a number"),
        ("!!timestamp x", "a date"),
        ("!!null nothing", "null"),
        ("!!int 1:40", "a whole number"),
        ("!!timestamp 2026-13-45", "a date"),
    ],
)
def test_explicit_tag_on_a_value_it_cannot_read(value: str, kind: str) -> None:
    finding = only(read_text(f"dualladder: 1\nx: {value}\n").findings)
    assert (finding.code, finding.line, finding.column) == ("DL002", 2, 4)
    assert kind in finding.message


def test_explicit_tags_that_fit_are_read() -> None:
    result = read_text(ladder_text(pay="{min: !!int 100, mid: !!float 118, max: 136}"))
    assert result.ladder is not None
    assert result.ladder.levels[0].pay is not None
    assert result.ladder.levels[0].pay.mid == Decimal(118)


# -- 3 and 10: amounts and fractions with extreme exponents ---------------------------------------


@pytest.mark.parametrize(
    "pay",
    [
        "{min: 1, mid: 1, max: 1.0e+40}",
        "{min: 1.0e-999999999, mid: 1.0e-999999999, max: 1.0e-999999999}",
        "{min: 2.0e+999999999, mid: 1, max: 2}",
        "{min: 1.0e+400, mid: 1.0e+400, max: 1.0e+400}",
        "{min: 1.0e-400, mid: 1.0e-400, max: 1.0e-400}",
        "{min: 100.00001, mid: 118, max: 136}",
        "{min: 1" + "0" * 5000 + ", mid: 1, max: 2}",
    ],
)
def test_amounts_out_of_bounds_are_refused_with_a_short_message(pay: str) -> None:
    findings = read_text(ladder_text(pay=pay)).findings
    assert findings
    assert all(f.code == "DL002" and f.line == 7 for f in findings)
    assert all("an amount has at most 15 digits" in f.message for f in findings)
    assert all(len(f.message) < 200 for f in findings)


def test_largest_and_finest_amounts_still_check() -> None:
    pay = "{min: 100000000000000.0001, mid: 110000000000000, max: 999999999999999.9999}"
    ladder = dualladder.loads(ladder_text(pay=pay))
    report = dualladder.check(ladder)
    assert "DL201" in report.codes  # the level above is far below: reported, not a crash


@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("range_spread", "[0.5, 1.0e+30]"),
        ("range_spread", "[1.0e-999999999, 1]"),
        ("bonus_target", "{bonus_target: 1.0e+30}"),
        ("bonus_target", "{bonus_target: 1.0e-999999999}"),
    ],
)
def test_fractions_out_of_bounds_are_refused(field: str, text: str) -> None:
    kwargs = {"range_spread": text} if field == "range_spread" else {"rewards": text}
    finding = only(read_text(ladder_text(**kwargs)).findings)  # type: ignore[arg-type]
    assert finding.code == "DL002"
    assert "a fraction is at most 100" in finding.message


def test_format_amount_never_writes_an_unbounded_number() -> None:
    assert format_amount(Decimal("150000")) == "150,000"
    assert len(format_amount(Decimal("2.0e+999999999"))) < 20


def test_percent_of_a_range_compounded_over_many_levels() -> None:
    assert percent(Decimal("1.3") ** 400) == "> 1e20 %"
    assert percent(Decimal("Infinity")) == "> 1e20 %"
    assert percent(Decimal("0.0769")) == "7.7 %"


def test_many_skipped_levels_do_not_overflow_the_progression_rule() -> None:
    levels = "\n".join(f"  - {{id: L{i}}}" for i in range(400))
    text = f"""\
dualladder: 1
organization: Acme
family: Engineering
policy: {{midpoint_progression: [0.5, 100]}}
levels:
{levels}
tracks:
  management:
    rungs:
      - {{level: L0, title: M1, pay: {{min: 100, mid: 110, max: 120}}}}
      - {{level: L399, title: M2, pay: {{min: 200, mid: 220, max: 240}}}}
  technical:
    rungs: []
"""
    report = dualladder.check(dualladder.loads(text))
    dl202 = [f for f in report if f.code == "DL202"]
    assert dl202 and "> 1e20 %" in dl202[0].message


# -- 6: API type errors ---------------------------------------------------------------------------


def test_loads_accepts_utf8_bytes() -> None:
    ladder = dualladder.loads(ladder_text().encode("utf-8"))
    assert ladder.organization == "Acme"


def test_loads_of_bytes_that_are_not_utf8_is_a_finding() -> None:
    with pytest.raises(dualladder.LadderError) as caught:
        dualladder.loads(b"dualladder: 1\norganization: \xff\n")
    assert caught.value.findings[0].code == "DL001"
    assert caught.value.findings[0].line == 2


@pytest.mark.parametrize("value", [None, 123, ["dualladder: 1"]])
def test_loads_of_something_else_is_a_type_error(value: object) -> None:
    with pytest.raises(TypeError, match="str \\(or UTF-8 bytes\\)"):
        dualladder.loads(value)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [None, {"dualladder": 1}, "ladders/x.yaml"])
def test_check_of_something_else_is_a_type_error(value: object) -> None:
    with pytest.raises(TypeError, match="check\\(\\) takes a Ladder"):
        dualladder.check(value)  # type: ignore[arg-type]


# -- 7: merge-key bomb ----------------------------------------------------------------------------


def merge_bomb(levels: int = 9, width: int = 9) -> str:
    lines = ["dualladder: 1", "a0: &a0 {k: 1}"]
    for i in range(1, levels + 1):
        refs = ", ".join([f"*a{i - 1}"] * width)
        lines.append(f"a{i}: &a{i} {{<<: [{refs}], k{i}: 1}}")
    return "\n".join(lines) + "\n"


def test_merge_key_bomb_is_answered_quickly() -> None:
    text = merge_bomb()
    assert len(text) < 1000
    findings = read_text(text).findings  # minutes before the fix; now each mapping expands once
    assert findings and all(f.code == "DL002" for f in findings)  # unknown fields, nothing more


def test_merged_keys_count_against_the_node_cap() -> None:
    # One mapping of many keys merged many times: each merged key counts as a node.
    keys = ", ".join(f"k{i}: 1" for i in range(2000))
    refs = ", ".join(["*big"] * 200)
    text = f"dualladder: 1\nbig: &big {{{keys}}}\nm: {{<<: [{refs}]}}\n"
    finding = only(read_text(text).findings)
    assert finding.code == "DL001"
    assert f"more than {MAX_NODES:,} nodes" in finding.message
    assert finding.line == 3


# -- 14: what is not a ladder is not quoted -------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "password: hunter2-SECRET\napi_key: sk-SECRET\n",
        "password: hunter2-SECRET\npassword: again-SECRET\n",
        "- user: root-SECRET\n  hash: x-SECRET\n",
        "root:$6$SECRET:19000:0:99999:7:::\n",
        "key: *SECRET-alias\n",
        "a: !SECRET!tag x\n",
    ],
)
def test_a_file_that_is_not_a_ladder_is_never_quoted(text: str) -> None:
    finding = only(read_text(text, "link.yaml").findings)
    assert "SECRET" not in finding.message


# -- 19: version and value messages ---------------------------------------------------------------


@pytest.mark.parametrize("version", ["2", "'1'", "1.0", "true", "1:40:00"])
def test_unsupported_version_message_has_no_placeholder(version: str) -> None:
    text = ladder_text().replace("dualladder: 1", f"dualladder: {version}")
    finding = only(read_text(text).findings)
    assert finding.message.startswith("dualladder: unsupported format version;")
    assert "{" not in finding.message


@pytest.mark.parametrize("version", ["0x1", "0b1", "+1", "1_", "01"])
def test_other_spellings_of_1_are_not_the_version(version: str) -> None:
    text = ladder_text().replace("dualladder: 1", f"dualladder: {version}")
    finding = only(read_text(text).findings)
    assert (finding.code, finding.line, finding.column) == ("DL002", 1, 13)
    assert f"not {version!r}" in finding.message


def test_base_60_numbers_are_text_not_numbers() -> None:
    text = ladder_text(pay="{min: 1:40:00, mid: 118, max: 136}")
    finding = only(read_text(text).findings)
    assert finding.code == "DL002"
    assert "1:40:00" in finding.message
    assert "6000" not in finding.message


@pytest.mark.parametrize(
    ("value", "expected"),
    [("~", "YAML reads ~ as null (no value)"), ("null", "as null"), ("", "no value is given")],
)
def test_null_where_text_belongs_is_called_null(value: str, expected: str) -> None:
    text = ladder_text().replace("organization: Acme", f"organization: {value}")
    finding = only(read_text(text).findings)
    assert expected in finding.message
    assert "as a number" not in finding.message


def test_a_long_value_is_quoted_short() -> None:
    text = ladder_text().replace("currency: USD", "currency: " + "x" * 100_000)
    finding = only(read_text(text).findings)
    assert len(finding.message) < 2 * QUOTE_LIMIT + 100


# -- 20: a control character is located -----------------------------------------------------------


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x7f", "\ufffe"])
def test_control_character_has_line_and_column(char: str) -> None:
    lines = ladder_text().splitlines(keepends=True)
    lines[10] = lines[10].replace("title: M1", f"title: Mé{char}1")
    finding = only(read_text("".join(lines)).findings)
    assert finding.code == "DL001"
    assert (finding.line, finding.column) == (11, lines[10].index(char) + 1)
    assert f"U+{ord(char):04X}" in finding.message
    assert "position" not in finding.message


# -- 21: messages that say what is expected -------------------------------------------------------


def test_percentage_where_a_fraction_belongs() -> None:
    finding = only(read_text(ladder_text(rewards="{bonus_target: 10%}")).findings)
    assert "a fraction is a number such as 0.10 for 10 %" in finding.message
    assert "valid decimal" not in finding.message


@pytest.mark.parametrize("currency", ["eur", "EURO", "E1"])
def test_currency_message_names_the_format_not_a_regex(currency: str) -> None:
    text = ladder_text().replace("currency: USD", f"currency: {currency}")
    finding = only(read_text(text).findings)
    assert "a three-letter ISO 4217 code in capitals, such as EUR" in finding.message
    assert not re.search(r"\^|\{3\}|pattern", finding.message)


def test_python_built_band_refuses_extreme_amounts_too() -> None:
    with pytest.raises(ValueError, match="an amount has at most 15 digits"):
        dualladder.Band(min=Decimal("1e40"), mid=Decimal("1e40"), max=Decimal("1e40"))

