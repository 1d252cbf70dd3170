"""The printed career plan page in a real browser: every example plan prints on one or two A4
or Letter pages, and nothing is cut off (no content wider than the printable width)."""

from __future__ import annotations

import base64
import re
from pathlib import Path
from typing import Any

import pytest
from browser import require_browser
from paths import EXAMPLES

from dualladder._internal.io.plan.read import read_plan
from dualladder._internal.services.plan.page import render_plan

require_browser()

from selenium.webdriver.common.print_page_options import PrintOptions  # noqa: E402

PLANS = sorted((EXAMPLES / "plans").glob("*.yaml"))
#: paper (width, height) in cm; the page margin of the print stylesheet is 14 mm a side
PAPER = {"A4": (21.0, 29.7), "Letter": (21.59, 27.94)}
MARGIN_CM = 1.4
PX_PER_CM = 96 / 2.54


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out: dict[str, Path] = {}
    for path in PLANS:
        result = read_plan(path)
        assert result.plan is not None
        target = tmp_path_factory.mktemp("plan") / path.stem
        render_plan(result.plan, target, base=path.parent, source=result.source,
                    format="html", allow_invalid=True)
        out[path.stem] = target / "plan.html"
    return out


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


@pytest.mark.parametrize("paper", sorted(PAPER))
@pytest.mark.parametrize("name", [p.stem for p in PLANS])
def test_plan_prints_on_one_or_two_pages_without_cut_offs(
    browser: Any, pages: dict[str, Path], name: str, paper: str
) -> None:
    width, height = PAPER[paper]
    browser.get(pages[name].as_uri())
    assert browser.find_element("css selector", "h1").text.startswith("Career plan")
    options = PrintOptions()
    options.page_width, options.page_height = width, height
    pdf = base64.b64decode(browser.print_page(options))
    assert pdf.startswith(b"%PDF")
    assert 1 <= _pdf_pages(pdf) <= 2, f"{name} prints on {_pdf_pages(pdf)} {paper} pages"
    # Lay the page out as printed, at the printable width, and look for anything wider.
    printable = round((width - 2 * MARGIN_CM) * PX_PER_CM)
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": printable, "height": 1000, "deviceScaleFactor": 1, "mobile": False},
    )
    try:
        overflow = browser.execute_script(
            """
            const limit = document.documentElement.clientWidth;
            const wide = [];
            for (const el of document.querySelectorAll('body *')) {
              const box = el.getBoundingClientRect();
              if (box.right > limit + 1 || el.scrollWidth > el.clientWidth + 1 && el.clientWidth)
                wide.push(el.tagName + ' ' + (el.textContent || '').slice(0, 40));
            }
            return [document.documentElement.scrollWidth, limit, wide];
            """
        )
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    scroll, limit, wide = overflow
    assert scroll <= limit, f"{name} is {scroll} px wide at {limit} px ({paper})"
    assert wide == [], f"{name}: cut off at {paper} width: {wide[:5]}"
