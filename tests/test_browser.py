"""The built site in a real browser (headless Chromium): phone and desktop widths, focus, no requests elsewhere."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from digest.build import build

from .conftest import REPO, SHARED, make_project

CHROMIUM = Path("/usr/bin/chromium")
SCREENS = REPO / "_site-screens"
WIDTHS = (320, 375, 1280)
BBC_EXTRA = 12
"""BBC stories added to the sample when the shared corpus is there: fuller index, directory and people."""

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
if not CHROMIUM.is_file():
    pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)", allow_module_level=True)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serve files without logging every request to the test output."""

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """Build the sample (plus a few BBC stories) at the sub-path /digest/ and serve it on 127.0.0.1."""
    root = tmp_path_factory.mktemp("browser")
    project = make_project(root / "project")
    bbc = SHARED / "corpus" / "bbc" / "articles"
    if bbc.is_dir():
        for category in ("politics", "business"):
            for path in sorted((bbc / category).glob("*.txt"))[: BBC_EXTRA // 2]:
                shutil.copy(path, project / "seeds" / f"bbc-{category}-{path.name}")
    www = root / "www"
    build(project / "site.yml", out=www / "digest")
    handler = functools.partial(QuietHandler, directory=str(www))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/digest/", www / "digest"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def browser(served: tuple[str, Path]) -> Iterator[Any]:
    """Launch headless Chromium once for the module."""
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        try:
            yield chromium
        finally:
            chromium.close()


def pages_to_check(site: Path) -> dict[str, str]:
    """Return name -> site path of one page of each kind: index, article, person, directory."""
    article = sorted(p.name for p in (site / "articles").iterdir())[0]
    sample = [p for p in (site / "articles").iterdir() if p.name.startswith("russian-opposition")]
    if sample:
        article = sample[0].name
    person = "andrius-kubilius" if (site / "people" / "andrius-kubilius").is_dir() else sorted(
        p.name for p in (site / "people").iterdir() if p.is_dir())[0]
    return {"index": "", "article": f"articles/{article}/", "person": f"people/{person}/", "directory": "people/"}


@pytest.mark.parametrize("width", WIDTHS)
def test_pages_fit_the_screen_and_show_quotes_and_people(
    served: tuple[str, Path], browser: Any, width: int
) -> None:
    base, site = served
    SCREENS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": 900})
    outside: list[str] = []

    def only_this_site(route: Any) -> None:
        if route.request.url.startswith(base):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", only_this_site)
    page = context.new_page()
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
    try:
        for name, path in pages_to_check(site).items():
            page.goto(base + path, wait_until="load")
            page.screenshot(path=str(SCREENS / f"{name}-{width}.png"), full_page=True)
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, f"{name} at {width}px scrolls sideways by {overflow}px"
            wide = page.evaluate("""() => [...document.querySelectorAll('main *')]
                .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
                .map(e => e.tagName + '.' + e.className).slice(0, 5)""")
            assert not wide, f"{name} at {width}px: elements wider than the screen: {wide}"
            if name == "article":
                assert page.locator(".who-said-what .quotes li").first.is_visible()
                assert page.locator(".who-said-what .attribution a[href*='/people/']").first.is_visible()
                assert page.locator(".story-text a.person").first.is_visible()
            if name == "person":
                assert page.locator(".quotes li blockquote").first.is_visible()
            if name == "directory":
                assert page.locator(".directory a[href*='/people/']").first.is_visible()
            if name == "index":
                assert page.locator(".story h3 a").first.is_visible()
        assert not outside, f"pages asked for other hosts: {outside}"
        assert not failed, f"requests failed: {failed}"
    finally:
        context.close()


def test_keyboard_focus_is_visible(served: tuple[str, Path], browser: Any) -> None:
    base, site = served
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    try:
        page.goto(base + pages_to_check(site)["article"], wait_until="load")
        page.keyboard.press("Tab")
        skip = page.evaluate("""() => { const e = document.activeElement, r = e.getBoundingClientRect();
            return {cls: e.className, top: r.top, bottom: r.bottom, outline: getComputedStyle(e).outlineStyle,
                    width: parseFloat(getComputedStyle(e).outlineWidth)}; }""")
        assert skip["cls"] == "skip", "the first Tab lands on the skip link"
        assert skip["top"] >= 0 and skip["bottom"] > skip["top"], "the focused skip link is on screen"
        assert skip["outline"] != "none" and skip["width"] >= 2, "focus has a visible outline"
        page.screenshot(path=str(SCREENS / "focus-skip-375.png"))
        for _ in range(3):
            page.keyboard.press("Tab")
            focused = page.evaluate("""() => { const e = document.activeElement, s = getComputedStyle(e);
                return {tag: e.tagName, outline: s.outlineStyle, width: parseFloat(s.outlineWidth)}; }""")
            assert focused["tag"] == "A" and focused["outline"] != "none" and focused["width"] >= 2, focused
        page.screenshot(path=str(SCREENS / "focus-link-375.png"))
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Enter")  # follow the skip link: focus moves into the main content
        assert page.evaluate("document.activeElement.id") == "main"
    finally:
        context.close()
