"""The Python API as HR scripts use it (issue 22): lookups that never answer wrong."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from paths import DATA, KESTREL

import dualladder

CURRENCIES = st.sampled_from(["EUR", "GBP", "CHF", "JPY", "USD"])


@pytest.fixture(scope="module")
def kestrel() -> dualladder.Company:
    return dualladder.load_company(KESTREL)


def test_zone_band_knows_its_currency(kestrel: dualladder.Company) -> None:
    data = kestrel.family("Data")
    assert data is not None
    rung = data.tracks["technical"].rungs[0]
    assert data.currency_of(data.band(rung, zone="berlin")) == "EUR"
    assert data.currency_of(data.band(rung, zone="sf")) == "USD"
    assert data.currency_of(data.band(rung)) == "USD"
    assert kestrel.zone_currency("berlin") == "EUR"
    assert kestrel.zone_currency(kestrel.zones[1]) == "EUR"  # a Zone is still accepted
    assert kestrel.zone_currency("sf") == "USD"
    with pytest.raises(KeyError, match="no zone 'mars'"):
        kestrel.zone_currency("mars")


def test_a_zone_band_is_a_copy(kestrel: dualladder.Company) -> None:
    """The band in a zone carries the zone's currency without writing it into the file."""
    band = kestrel.band("L6", zone="berlin")
    assert band is not None and band.currency == "EUR"
    berlin = kestrel.zone("berlin")
    assert berlin is not None and berlin.bands["L6"].currency is None
    band.min = band.min + 1  # editing the copy leaves the file's band (and the file) alone
    assert berlin.bands["L6"].min == 91000
    assert dualladder.saves_company(kestrel) == (KESTREL / "company.yaml").read_text("utf-8")


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(company_currency=CURRENCIES, zone_currencies=st.lists(
    st.none() | CURRENCIES, min_size=2, max_size=2))
def test_a_band_is_paid_in_its_zones_currency(
    kestrel: dualladder.Company, company_currency: str, zone_currencies: list[str | None]
) -> None:
    """Property: whatever currencies the company and its zones declare, every lookup of a band
    in a zone (the company's, each family's rung, through the id or the Zone) says the zone's."""
    saved = kestrel.currency, [z.currency for z in kestrel.zones]
    try:
        kestrel.currency = company_currency
        for zone, currency in zip(kestrel.zones, zone_currencies, strict=True):
            zone.currency = currency
        for zone in kestrel.zones:
            expected = zone.currency or company_currency
            assert kestrel.zone_currency(zone.id) == expected
            assert kestrel.zone_currency(zone) == expected
            for level_id in kestrel.level_ids:
                band = kestrel.band(level_id, zone=zone.id)
                assert band is not None and band.currency == expected
            for family in kestrel.families:
                for _key, _index, rung in family.rungs():
                    band = family.band(rung, zone=zone.id)
                    if band is not None:
                        assert band.currency == expected
                        assert family.currency_of(band) == expected
    finally:
        kestrel.currency = saved[0]
        for zone, currency in zip(kestrel.zones, saved[1], strict=True):
            zone.currency = currency


# -- paper cuts (item 7) -----------------------------------------------------------------------


def test_a_report_is_a_sequence() -> None:
    from collections.abc import Sequence

    negative = DATA / "negative" / "DL002.yaml"
    report = dualladder.check_paths([negative])
    assert isinstance(report, Sequence) and len(report) > 1
    assert report[0] == report.findings[0] and report[-1] == report.findings[-1]
    assert list(report[:2]) == list(report.findings[:2])
    assert report.index(report[1]) == 1 and report[0] in report
    assert report[0].as_dict()["code"] == report[0].code


def test_family_lookup_by_name_is_case_insensitive(kestrel: dualladder.Company) -> None:
    data = kestrel.family("Data")
    assert data is not None
    assert kestrel.family("data") is data and kestrel.family(" DATA ") is data
    assert kestrel.family("nope") is None


def test_the_base_zone_is_none_and_an_empty_zone_is_the_same(kestrel: dualladder.Company) -> None:
    data = kestrel.family("Data")
    assert data is not None
    rung = data.tracks["technical"].rungs[0]
    assert data.band(rung, zone="") is data.band(rung) is data.band(rung, zone=None)
    assert kestrel.band("L5", zone="") is kestrel.band("L5")
    assert kestrel.zone_currency("") == kestrel.zone_currency(None) == "USD"


def test_a_ladder_is_not_hashable_and_says_so() -> None:
    ladder = dualladder.load(KESTREL.parent / "acme-robotics-engineering.yaml")
    with pytest.raises(TypeError, match="unhashable"):
        hash(ladder)
    assert {id(ladder): ladder}[id(ladder)] is ladder  # the documented way to key by ladder


def test_band_scaled_rounds_to_a_step() -> None:
    from decimal import Decimal

    band = dualladder.Band(min=100000, mid=115000, max=130000, currency="EUR")
    raised = band.scaled(3, round_to=500)
    assert (raised.min, raised.mid, raised.max) == (103000, 118500, 134000)
    assert raised.currency == "EUR" and band.min == 100000  # a new band; the old one as it was
    exact = band.scaled(Decimal("2.5"))
    assert (exact.min, exact.mid, exact.max) == (102500, 117875, 133250)
    derived = dualladder.Band(min=100, max=201).scaled(10)
    assert derived.mid_derived and derived.mid == (derived.min + derived.max) / 2
    assert band.scaled(1.5, round_to=1).min == 101500  # a float through its shortest repr
    with pytest.raises(ValueError):
        band.scaled(-100)


@pytest.mark.parametrize("percent", ["100000.5", "500000", "1e999999999", "-1e999999999",
                                     "1e-999999999", "3.0000001"])
def test_band_scaled_refuses_a_percent_past_its_bounds_with_a_value_error(percent: str) -> None:
    """Beyond +-100,000 % or 6 places, a ValueError, however big the exponent (it was
    ``decimal.Overflow`` for ``1e999999999``, and 500,000 % passed)."""
    band = dualladder.Band(min=100, mid=110, max=120)
    with pytest.raises(ValueError, match="a percent is at most 100,000 with at most 6 decimal"):
        band.scaled(percent)
    assert band.scaled("100000").min == 100100
