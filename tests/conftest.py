"""What every test shares: the hypothesis profiles, ``--regen-golden`` and the browser fixture.

The layout of tests/ (it mirrors src/dualladder) is in docs/architecture.md; the repository's
paths (ROOT, DATA, GOLDEN, LADDERS, ACME, KESTREL, ...) are in tests/helpers/paths.py, imported
by name (``from paths import ROOT``) as every helper of tests/helpers/ is.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "dev", max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--regen-golden",
        action="store_true",
        default=False,
        help="rewrite the golden handbook files under tests/golden/ from the current renderer",
    )


@pytest.fixture
def regen_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--regen-golden"))


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A headless chromium for the module's tests (tests/helpers/browser.py; the module calls
    ``require_browser()`` first)."""
    from browser import start_browser

    driver = start_browser(tmp_path_factory.mktemp("chromium-profile"))
    try:
        yield driver
    finally:
        driver.quit()
