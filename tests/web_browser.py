"""A real browser for the web tests: Debian's Chromium driven by Playwright for Python, one per session.

Playwright cannot download its own browsers here (`playwright install` is never run); it drives
the system's /usr/bin/chromium through `executable_path`. axe-core (the accessibility engine) is
installed from the npm registry by `make test-deps` into build/npm/ (git-ignored, version pinned in
the Makefile) rather than vendored: 650 kB of minified code stays out of the history, and its
MPL-2.0 licence ships beside it in the package.

conftest.py imports the fixtures `browser` (one per session) and `page` (a fresh tab per test).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
AXE = REPO / "build" / "npm" / "node_modules" / "axe-core" / "axe.min.js"
# the flags the machine needs: no sandbox as root, no background connections to a closed network
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENSHOTS = os.environ.get("RAADSLENS_SCREENSHOTS")  # a folder: the click tests write a PNG per page type


def _missing(what: str, how: str) -> None:
    """In CI a missing browser part is a failure (make test installs it); elsewhere a skip."""
    message = f"{what} is not installed ({how})"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright", "pip install -e '.[test]'")
    if CHROMIUM is None:
        _missing("chromium", "make test-deps installs the Debian package")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser) -> Iterator[Any]:
    """A fresh tab (own cookies and cache) at a desktop size, downloads allowed."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True, locale="nl-NL")
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()


def axe_violations(tab: Any) -> list[dict[str, Any]]:
    """axe-core's violations of the page in the tab (all its WCAG and best-practice rules).

    The script is evaluated through the DevTools protocol, which the page's
    Content-Security-Policy does not govern: the page itself is tested as served."""
    if not AXE.is_file():
        _missing("axe-core", "make test-deps installs it from the npm registry into build/npm/")
    tab.evaluate(AXE.read_text())
    return tab.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                       nodes: v.nodes.map(n => n.html.slice(0, 200))}));
    }""")


def screenshot(tab: Any, name: str) -> None:
    """Keep a screenshot of the viewport as DIR/NAME.png when RAADSLENS_SCREENSHOTS=DIR is set."""
    if not SCREENSHOTS:
        return
    import io

    from PIL import Image

    folder = Path(SCREENSHOTS)
    folder.mkdir(parents=True, exist_ok=True)
    shot = Image.open(io.BytesIO(tab.screenshot(full_page=False, type="png")))
    # a 64-colour palette keeps the PNGs small for the repository (text and flat colours survive it)
    shot.convert("RGB").quantize(colors=64).save(folder / f"{name}.png", optimize=True)
