"""Changing a loaded ladder from a script: every assignment is validated as loading is, a refused
assignment changes nothing, and the lookups a script needs."""

from __future__ import annotations

from decimal import Decimal

import pytest
from paths import ACME
from pydantic import ValidationError

import dualladder
from dualladder import MANAGEMENT, TECHNICAL, Band, Ladder, Rung, Scope, read_text


@pytest.fixture
def ladder() -> Ladder:
    return dualladder.load(ACME)


def only_error(exc: pytest.ExceptionInfo[ValidationError]) -> tuple[str, tuple[object, ...], str]:
    (err,) = exc.value.errors()
    return err["type"], tuple(err["loc"]), err["msg"]


# -- assignments are validated ----------------------------------------------------------------


def test_an_int_amount_becomes_an_exact_decimal(ladder: Ladder) -> None:
    band = ladder.level("L6").pay  # type: ignore[union-attr]
    assert band is not None
    band.mid = 210000  # type: ignore[assignment]
    assert type(band.mid) is Decimal and band.mid == Decimal(210000)
    band.max = "240000.50"  # type: ignore[assignment]
    assert band.max == Decimal("240000.50")
    # and the changed ladder renders (an int used to crash the renderer)
    assert dualladder.format_amount(band.mid) == "210,000"


def test_a_float_amount_is_read_through_its_shortest_repr(ladder: Ladder) -> None:
    """Floats follow the one rule for numbers (docs/python-api.md): the decimal they print,
    never their binary expansion; one with binary noise has too many places (DL002)."""
    band = ladder.level("L6").pay  # type: ignore[union-attr]
    assert band is not None
    band.mid = 210000.5  # type: ignore[assignment]
    assert str(band.mid) == "210000.5"
    with pytest.raises(ValidationError) as exc:
        band.mid = 210000.1 + 0.2  # type: ignore[assignment]  # 210000.30000000002
    code, loc, message = only_error(exc)
    assert (code, loc) == ("DL002", ("mid",))
    assert "4 after it" in message
    assert str(band.mid) == "210000.5"


def test_a_float_in_a_policy_range_is_its_shortest_repr(ladder: Ladder) -> None:
    ladder.policy.pay_tolerance = 0.1  # type: ignore[assignment]
    assert str(ladder.policy.pay_tolerance) == "0.1"


def test_a_mapping_amount_is_refused_with_the_message_a_file_gets(ladder: Ladder) -> None:
    band = ladder.level("L6").pay  # type: ignore[union-attr]
    assert band is not None
    with pytest.raises(ValidationError) as exc:
        band.mid = {"amount": 1}  # type: ignore[assignment]
    code, loc, message = only_error(exc)
    assert (code, loc) == ("DL002", ("mid",))
    text = ACME.read_text().replace(
        "pay: {min: 175000, mid: 205000, max: 235000}",
        "pay: {min: 175000, mid: {amount: 1}, max: 235000}",
    )
    (finding,) = read_text(text, "acme.yaml").findings
    assert finding.code == "DL002" and message in finding.message


def test_a_band_out_of_order_raises_dl006_at_once_and_keeps_the_old_value(
    ladder: Ladder,
) -> None:
    band = ladder.level("L6").pay  # type: ignore[union-attr]
    assert band is not None
    with pytest.raises(ValidationError) as exc:
        band.mid = Decimal(999999)
    code, loc, message = only_error(exc)
    assert code == "DL006" and loc == ("max",)
    assert message.startswith("pay band max 235,000 is below mid 999,999")
    assert band.mid == Decimal(205000)  # the refused value is not left behind
    assert dualladder.dumps(ladder).count("mid: 999999") == 0


@pytest.mark.parametrize(
    ("target", "field", "value", "code"),
    [
        ("rung", "title", "", "DL002"),
        ("rung", "level", 6, "DL002"),
        ("rung", "scope", "galaxy", "DL002"),
        ("rung", "expectations", ["fine", 7], "DL002"),
        ("band", "currency", "usd", "DL002"),
        ("band", "min", 0, "DL006"),
        ("band", "min", True, "DL002"),
        ("ladder", "organization", "", "DL002"),
        ("ladder", "levels", [], "DL002"),
    ],
)
def test_bad_assignments_are_refused_with_the_code_a_file_gets(
    ladder: Ladder, target: str, field: str, value: object, code: str
) -> None:
    rung = ladder.rung(TECHNICAL, "L6")
    assert rung is not None and rung.pay is None
    band = ladder.level("L6").pay  # type: ignore[union-attr]
    obj = {"rung": rung, "band": band, "ladder": ladder}[target]
    before = getattr(obj, field)
    with pytest.raises(ValidationError) as exc:
        setattr(obj, field, value)
    assert exc.value.errors()[0]["type"] == code
    assert getattr(obj, field) == before


def test_a_mapping_assigned_to_a_model_field_is_read_as_a_file_would_be(ladder: Ladder) -> None:
    rung = ladder.rung(TECHNICAL, "L6")
    assert rung is not None
    rung.pay = {"min": 1, "mid": 2, "max": 3}  # type: ignore[assignment]
    assert rung.pay == Band(min=Decimal(1), mid=Decimal(2), max=Decimal(3))
    rung.scope = "company"  # type: ignore[assignment]
    assert rung.scope is Scope.COMPANY
    with pytest.raises(ValidationError):
        rung.pay = {"min": 3, "mid": 2, "max": 1}  # type: ignore[assignment]
    hint = "unknown field 'tittle'; did you mean 'title'"
    with pytest.raises(ValidationError, match=hint) as exc:
        rung.tittle = "Staff"
    assert only_error(exc)[0] == "DL002"


# -- lookups ----------------------------------------------------------------------------------


def test_rung_by_track_and_level(ladder: Ladder) -> None:
    rung = ladder.rung(TECHNICAL, "L6")
    assert rung is not None and rung.title == "Staff Software Engineer"
    assert ladder.rung(MANAGEMENT, "L3") is None
    assert ladder.rung("research", "L6") is None


def test_find_by_title_alias_or_code(ladder: Ladder) -> None:
    by_title = ladder.find("staff  software ENGINEER")
    by_alias = ladder.find("Staff Engineer")
    by_code = ladder.find("SWE4")
    assert [(key, rung.level) for key, rung in by_title] == [(TECHNICAL, "L6")]
    assert by_alias == by_title == by_code
    assert ladder.find("Chief Vibes Officer") == []


def test_find_lists_every_rung_that_one_title_names(ladder: Ladder) -> None:
    rung = ladder.rung(MANAGEMENT, "L6")
    assert rung is not None
    rung.title = "Staff Software Engineer"
    assert [key for key, _ in ladder.find("Staff Software Engineer")] == [MANAGEMENT, TECHNICAL]


def test_helpers_scripts_use_are_exported() -> None:
    assert dualladder.MANAGEMENT == "management" and dualladder.TECHNICAL == "technical"
    assert dualladder.format_amount(Decimal("1234.5")) == "1,234.50"
    for name in ("MANAGEMENT", "TECHNICAL", "format_amount"):
        assert name in dualladder.__all__


def test_a_rung_built_in_python_validates_its_fields() -> None:
    rung = Rung(level="L4", title="Engineer")
    with pytest.raises(ValidationError):
        rung.aliases = "not a list"  # type: ignore[assignment]
    rung.aliases = ["Dev"]
    assert rung.aliases == ["Dev"]


def test_a_refused_edit_of_a_band_with_a_derived_midpoint_changes_nothing() -> None:
    band = Band(min=Decimal(100), max=Decimal(200))
    assert band.mid_derived and band.mid == 150
    band.max = 300  # type: ignore[assignment]
    assert band.mid == 200 and band.mid_derived  # the midpoint follows
    with pytest.raises(ValidationError) as exc:
        band.min = 400  # type: ignore[assignment]
    assert only_error(exc)[0] == "DL006"
    assert (band.min, band.mid, band.max) == (100, 200, 300) and band.mid_derived
