"""Shared set-up of the headless-browser tests: Debian's chromium and chromedriver via Selenium.

:func:`require_browser` skips the calling test module where the browser is missing, except
under CI (``CI`` set), where a missing browser is a failure.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
ARGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1400,1000",
)


def _missing() -> str | None:
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    for path in (CHROMIUM, CHROMEDRIVER):
        if not os.path.exists(path):
            return f"{path} is missing (apt-get install chromium chromium-driver)"
    return None


def require_browser() -> None:
    """Skip the module without a browser (fail under CI, which must run it)."""
    reason = _missing()
    if reason is not None:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the browser test: {reason}", pytrace=False)
        pytest.skip(reason, allow_module_level=True)


def keep_screenshot(browser: Any, name: Path, width: int, tallest: int = 8000) -> None:
    """With ``DUALLADDER_SCREENSHOTS=DIR`` set, a screenshot of the whole page (up to
    ``tallest`` px) in ``DIR/name``, for a look; the window is ``width`` px wide again after."""
    folder = os.environ.get("DUALLADDER_SCREENSHOTS")
    if not folder:
        return
    height = browser.execute_script("return document.documentElement.scrollHeight")
    browser.set_window_size(width, min(int(height) + 140, tallest))
    target = Path(folder) / name
    target.parent.mkdir(parents=True, exist_ok=True)
    assert browser.save_screenshot(os.fspath(target))
    browser.set_window_size(width, 900)


def start_browser(profile: Path) -> Any:
    """A headless chromium driven by Selenium, with a fresh profile folder."""
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = CHROMIUM
    for arg in ARGS:
        options.add_argument(arg)
    options.add_argument(f"--user-data-dir={profile}")
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
