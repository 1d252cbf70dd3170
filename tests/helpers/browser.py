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


#: Everything on the page that sticks out, scrolls sideways or is cut, as one line each.
LAYOUT_PROBLEMS = """
const vw = document.documentElement.clientWidth;
const out = [];
const name = el => {
  const cls = typeof el.className === 'string' ? el.className.trim() : '';
  const text = (el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 50);
  const classes = cls ? '.' + cls.split(/\\s+/).join('.') : '';
  return el.tagName.toLowerCase() + classes + ' "' + text + '"';
};
const html = document.documentElement;
if (html.scrollWidth > vw) out.push('the page scrolls sideways: ' + html.scrollWidth + ' > ' + vw);
for (const el of document.body.querySelectorAll('*')) {
  if (el.closest('.skip, .visually-hidden, title, desc, defs')) continue;
  const inSvg = el.closest('svg') !== null && el.tagName.toLowerCase() !== 'svg';
  const cs = getComputedStyle(el);
  if (cs.display === 'none' || cs.visibility === 'hidden') continue;
  const r = el.getBoundingClientRect();
  if (r.width === 0 && r.height === 0) continue;
  if (inSvg) {
    if (el.tagName.toLowerCase() !== 'text') continue;
    const box = el.closest('svg').getBoundingClientRect();
    if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5
        || r.bottom > box.bottom + 0.5) out.push('text outside its picture: ' + name(el));
    const rung = el.closest('g.dl-rung');
    if (rung && !el.classList.contains('dl-badge')) {
      const rect = rung.querySelector('rect').getBoundingClientRect();
      if (r.left < rect.left - 0.5 || r.right > rect.right + 0.5) {
        out.push('text wider than its box: ' + name(el));
      }
    }
    if (el.textContent.trim().endsWith('\\u2026')) {
      const title = el.parentElement.querySelector(':scope > title');
      if (!title || title.textContent.trim().endsWith('\\u2026')) {
        out.push('text cut without a tooltip: ' + name(el));
      }
    }
    continue;
  }
  // a box made for scrolling sideways (reached by the keyboard, named) may hold wider content
  const madeToScroll = e => e.matches('[role="region"][tabindex="0"][aria-label]')
    && ['auto', 'scroll'].includes(getComputedStyle(e).overflowX);
  const inScrollBox = el.parentElement && el.parentElement.closest('[role="region"][tabindex="0"]');
  if ((r.right > vw + 0.5 || r.left < -0.5) && !(inScrollBox && madeToScroll(inScrollBox))) {
    out.push('sticks out (' + Math.round(r.left) + '..' + Math.round(r.right) + '): ' + name(el));
  }
  if (cs.overflowX !== 'visible' && el.scrollWidth > el.clientWidth + 1 && !madeToScroll(el)) {
    const sizes = el.scrollWidth + ' > ' + el.clientWidth;
    out.push('cut or scrolls sideways (' + sizes + '): ' + name(el));
  }
  const clips = cs.overflowY === 'hidden' || cs.overflowY === 'clip';
  if (clips && el.scrollHeight > el.clientHeight + 1) {
    out.push('cut at the bottom: ' + name(el));
  }
  if (cs.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth && !el.title) {
    out.push('cut with an ellipsis and no tooltip: ' + name(el));
  }
}
return Array.from(new Set(out));
"""
