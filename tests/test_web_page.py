"""The web page in a real browser (headless Chromium) against the real server on the corpus."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import urllib.parse

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (make system-deps installs it)")


def rendered_dom(url: str) -> str:
    """The DOM after the page's scripts ran (fetches included), as Chromium sees it."""
    with tempfile.TemporaryDirectory() as profile:
        out = subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}", "--virtual-time-budget=10000", "--dump-dom", url],
            capture_output=True, text=True, timeout=120,
        )
    assert out.returncode == 0, out.stderr[-2000:]
    return out.stdout


def test_search_page_shows_cited_hits(server):
    dom = rendered_dom(f"{server}/?q={urllib.parse.quote('veilig thuis')}")
    assert 'class="hit"' in dom
    assert "<mark>" in dom and "p. " in dom
    assert "/pages/" in dom  # every hit links to its page


def test_question_page_shows_answer_and_sources(server):
    q = "Wat veranderde er aan het VTT-bedrag tussen de versies?"
    dom = rendered_dom(f"{server}/?ask={urllib.parse.quote(q)}")
    assert "983.000" in dom and "850.000" in dom
    assert 'class="cite"' in dom


def test_malformed_query_shows_the_message(server):
    dom = rendered_dom(f"{server}/?q={urllib.parse.quote(chr(34) + 'unbalanced')}")
    assert 'class="error"' in dom and "unbalanced quote" in dom
