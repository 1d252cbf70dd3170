"""Screenshots of the HTML handbook for docs/handbook.md, taken in headless chromium.

    python tools/screenshots.py [--locale en] [--out docs/screenshots]

Renders the example ladder (``ladders/acme-robotics-engineering.yaml``) and the example company
(``ladders/kestrel/``) to HTML in a temporary folder, opens a level page of each at a phone width
(390 px) and a laptop width (1280 px), and writes ``<out>/<locale>/<page>-<width>.png``: the top
of the page, at most 2000 px tall. Needs selenium (the test extra) and Debian's chromium and
chromedriver (``/usr/bin/chromium``, ``/usr/bin/chromedriver``), as the browser tests do.

``--locale`` names the language of the pages (``en``, ``de``, ``fr`` or ``es``; several,
comma-separated); docs/handbook.md shows ``en`` and ``de``: ``--locale en,de`` takes both.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "helpers"))  # the browser tests' chromium (browser.py)

#: (name of the screenshot, site, page in the site)
SHOTS = (
    ("level", "acme", "level-l6.html"),
    ("company-level", "kestrel", "level-l5.html"),
)
WIDTHS = (390, 1280)
#: The locales whose pages the script can take (dualladder's shipped catalogs).
LOCALES = ("en", "de", "fr", "es")
MAX_HEIGHT = 2000


def render_sites(root: Path, locale: str) -> dict[str, Path]:
    """The example handbook and company site as HTML under ``root``."""
    import dualladder
    from dualladder.handbook import render

    if locale not in LOCALES:
        raise SystemExit(f"screenshots: no pages in locale {locale!r} (have: "
                         f"{', '.join(LOCALES)})")
    sites = {"acme": root / "acme", "kestrel": root / "kestrel"}
    render(dualladder.load(ROOT / "ladders" / "acme-robotics-engineering.yaml"), sites["acme"],
           format="html", locale=locale)
    render(dualladder.load_company(ROOT / "ladders" / "kestrel"), sites["kestrel"],
           format="html", locale=locale)
    return sites


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--locale", default="en", help="language of the pages (default en)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots",
                        help="folder for the PNG files (default docs/screenshots)")
    args = parser.parse_args(argv)
    from browser import start_browser

    locales = [name.strip() for name in args.locale.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        every = {lang: render_sites(Path(tmp) / "sites" / lang, lang) for lang in locales}
        driver = start_browser(Path(tmp) / "profile")
        try:
            for lang, sites in every.items():
                _shoot(driver, sites, args.out / lang)
        finally:
            driver.quit()
    return 0


def _shoot(driver: Any, sites: dict[str, Path], out: Path) -> None:
    """The pictures of one language's sites into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    for name, site, page in SHOTS:
        for width in WIDTHS:
            driver.set_window_size(width, 900)
            driver.get((sites[site] / page).as_uri())
            height = driver.execute_script(
                "return document.documentElement.scrollHeight"
            )
            driver.set_window_size(width, min(int(height), MAX_HEIGHT))
            target = out / f"{name}-{width}.png"
            if not driver.save_screenshot(str(target)):
                raise SystemExit(f"screenshots: could not write {target}")
            print(target.relative_to(ROOT) if target.is_relative_to(ROOT) else target)


if __name__ == "__main__":
    raise SystemExit(main())
