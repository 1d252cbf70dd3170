"""One rule for numbers given in Python (issue 22, item 4): exact decimals; integers of any
integral type; floats through their shortest repr, never their binary expansion; the same at
construction and at assignment."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

import dualladder
from dualladder.company import Differential, Zone


def test_construction_and_assignment_read_a_float_alike() -> None:
    built = dualladder.Band(min=100.5, max=200)
    assigned = dualladder.Band(min=1, max=200)
    assigned.min = 100.5
    assert built.min == assigned.min == Decimal("100.5")
    assert str(built.min) == str(assigned.min) == "100.5"


def test_a_factor_is_its_shortest_repr() -> None:
    differential = Differential(level="L6", factor=1.023, reason="market")
    assert differential.factor == Decimal("1.023")
    differential.factor = 1.1
    assert str(differential.factor) == "1.1"
    zone = Zone(id="sf", factor=1.15)
    assert str(zone.factor) == "1.15"


def test_integers_of_any_integral_type() -> None:
    band = dualladder.Band(min=np.int64(100), mid=np.int32(150), max=np.uint16(200))
    assert (band.min, band.mid, band.max) == (100, 150, 200)
    assert all(type(v) is Decimal for v in (band.min, band.mid, band.max))
    band.max = np.int64(300)
    assert band.max == Decimal(300) and type(band.max) is Decimal
    band.min = np.float64(120.5)
    assert str(band.min) == "120.5"
    band.min = np.float32(0.1)  # float32's own shortest repr, not 0.100000001490116...
    assert str(band.min) == "0.1"


def test_a_float_with_binary_noise_is_refused_by_the_bounds() -> None:
    """0.1 + 0.2 is 0.30000000000000004: more places than an amount has, refused (DL002)
    at construction and at assignment alike, and the refused assignment changes nothing."""
    with pytest.raises(ValidationError) as built:
        dualladder.Band(min=0.1 + 0.2, max=1)
    band = dualladder.Band(min=Decimal("0.3"), max=1)
    with pytest.raises(ValidationError) as assigned:
        band.min = 0.1 + 0.2
    assert built.value.errors()[0]["type"] == assigned.value.errors()[0]["type"] == "DL002"
    assert band.min == Decimal("0.3")


def test_a_float_in_a_policy_range_and_a_fraction() -> None:
    ladder_policy = dualladder.Policy(pay_tolerance=0.05)
    assert str(ladder_policy.pay_tolerance) == "0.05"
    ladder_policy.pay_tolerance = 0.1
    assert str(ladder_policy.pay_tolerance) == "0.1"
    ladder_policy.range_spread = (0.2, 1.0)
    assert ladder_policy.range_spread == (Decimal("0.2"), Decimal("1.0"))


def test_not_a_number_is_refused() -> None:
    for bad in (float("nan"), float("inf"), np.float64("nan")):
        with pytest.raises(ValidationError):
            dualladder.Band(min=bad, max=200)


@given(st.decimals(min_value=Decimal("0.0001"), max_value=Decimal("99999999"), places=4))
def test_a_float_is_read_as_the_decimal_it_prints(value: Decimal) -> None:
    """Property: any amount a float can print (its shortest repr) is read as exactly that
    decimal, whether built or assigned."""
    number = float(value)
    expected = Decimal(repr(number))
    band = dualladder.Band(min=number, max=Decimal("100000000"))
    assert band.min == expected
    band.min = number
    assert band.min == expected


def test_every_model_with_an_amount_reads_numbers_by_the_one_rule() -> None:
    """Only models with amount fields run the exact-numbers check before validation (a model
    without amounts has nothing to read, and a file holds thousands of them): every model with
    a field that holds a Decimal is such a model, and none without."""
    import importlib
    import pkgutil

    from dualladder._internal import model
    from dualladder._internal.model.base import AmountsModel, LadderModel, _decimal_keys

    for found in pkgutil.iter_modules(model.__path__):
        importlib.import_module(f"{model.__name__}.{found.name}")
    pending, models = [LadderModel], set()
    while pending:
        for sub in pending.pop().__subclasses__():
            pending.append(sub)
            models.add(sub)
    models.discard(AmountsModel)
    assert len(models) > 25
    wrong = sorted(m.__name__ for m in models
                   if bool(_decimal_keys(m)) != issubclass(m, AmountsModel))
    assert wrong == []
