"""Search: the Pagefind indexing step, the marked-up pages, the search page, and a real browser searching."""

from __future__ import annotations

import functools
import gzip
import json
import shutil
import stat
import threading
import time
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from digest.build import build
from digest.render import OutputFile
from digest.search import BUNDLE_DIR, find_pagefind, index_site, pages_to_index, scratch_parent

from .conftest import make_project

BASE_URL = "https://example.github.io/digest/"
KHODORKOVSKY = "Mikhail Khodorkovsky"
CHROMIUM = Path("/usr/bin/chromium")

needs_pagefind = pytest.mark.skipif(find_pagefind() is None, reason="the Pagefind binary is not installed")


def page(path: str, body: str, *, marked: bool = True) -> OutputFile:
    """Return a small HTML page as the renderer would produce it."""
    attribute = " data-pagefind-body" if marked else ""
    html = f'<!doctype html><html lang="en"><head><title>t</title></head><body><nav>Menu</nav>' \
           f"<article{attribute}>{body}</article></body></html>"
    return OutputFile(path, html.encode("utf-8"))


def fake_binary(folder: Path, script: str) -> Path:
    """Write an executable shell script standing in for the Pagefind binary."""
    path = folder / "fake-pagefind"
    path.write_text("#!/bin/sh\n" + script + "\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def fragments(bundle: Path) -> list[dict[str, Any]]:
    """Return every indexed page record (url, content, meta, filters) of a Pagefind bundle."""
    records = []
    for path in sorted((bundle / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        records.append(json.loads(data[data.index(b"{"):]))
    return records


def enable_search(project: Path) -> Path:
    """Turn search on in a test project (conftest turns it off to keep other tests fast)."""
    config = project / "site.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("search: false", "search: true"), encoding="utf-8")
    return config


class LinkCollector(HTMLParser):
    """Collect every href and src of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def broken_links(site: Path, base_url: str) -> list[str]:
    """Return every internal href/src of the site's pages that does not resolve to a file."""
    base = urlsplit(base_url)
    broken = []
    for html in sorted(site.rglob("*.html")):
        collector = LinkCollector()
        collector.feed(html.read_text(encoding="utf-8"))
        for link in collector.links:
            parts = urlsplit(link)
            if (parts.scheme and parts.netloc != base.netloc) or not parts.path:
                continue
            path = unquote(parts.path)
            if not path.startswith(base.path):
                broken.append(f"{html.relative_to(site)}: {link} (outside {base.path})")
                continue
            target = site / path[len(base.path):]
            if not (target / "index.html" if path.endswith("/") else target).is_file():
                broken.append(f"{html.relative_to(site)}: {link}")
    return broken


# --- the indexing step, on small hand-made pages ---------------------------------------------------------

def test_turned_off_search_adds_nothing() -> None:
    files = (page("a/index.html", "<h1>A</h1>"),)
    assert index_site(files, False, binary=Path("/nonexistent/pagefind")) == (files, ())


def test_only_marked_pages_are_indexed_unless_none_is() -> None:
    marked = page("a/index.html", "<h1>A</h1>")
    plain = page("index.html", "<h1>Home</h1>", marked=False)
    css = OutputFile("style.css", b"body{}")
    assert pages_to_index((marked, plain, css)) == (marked,)
    assert pages_to_index((plain, css)) == (plain,)


def test_scratch_goes_to_memory_only_when_it_is_there_with_room(tmp_path: Path) -> None:
    assert scratch_parent(1000, tmp_path) == tmp_path
    assert scratch_parent(1000, tmp_path / "absent") is None
    assert scratch_parent(10**18, tmp_path) is None


def test_a_missing_binary_warns_and_keeps_the_site(tmp_path: Path) -> None:
    files = (page("a/index.html", "<h1>A</h1>"),)
    out, problems = index_site(files, True, binary=tmp_path / "no-such-pagefind")
    assert out == files
    assert len(problems) == 1 and "cannot run" in problems[0].message and "without search" in problems[0].message


def test_a_binary_for_another_platform_warns(tmp_path: Path) -> None:
    binary = tmp_path / "pagefind"
    binary.write_bytes(b"\x7fELF\x02\x01\x01" + b"\x00" * 64)  # not a loadable program here
    binary.chmod(0o755)
    out, problems = index_site((page("a/index.html", "<h1>A</h1>"),), True, binary=binary)
    assert len(out) == 1 and len(problems) == 1 and "without search" in problems[0].message


def test_a_failing_binary_warns_with_its_error(tmp_path: Path) -> None:
    binary = fake_binary(tmp_path, 'echo "Error: unsupported page" >&2\nexit 3')
    out, problems = index_site((page("a/index.html", "<h1>A</h1>"),), True, binary=binary)
    assert len(out) == 1
    assert len(problems) == 1 and "unsupported page" in problems[0].message


def test_a_hanging_binary_is_stopped_at_the_timeout(tmp_path: Path) -> None:
    binary = fake_binary(tmp_path, "exec sleep 30")
    started = time.monotonic()
    out, problems = index_site((page("a/index.html", "<h1>A</h1>"),), True, binary=binary, timeout=0.5)
    assert time.monotonic() - started < 10
    assert len(out) == 1 and len(problems) == 1 and "longer than 0.5s" in problems[0].message


@needs_pagefind
def test_pagefind_indexes_pages_with_meta_and_filters(tmp_path: Path) -> None:
    story = page("articles/critic-speaks/index.html",
                 '<h1>Critic speaks</h1><p data-pagefind-meta="summary">A short summary.</p>'
                 '<a href="/p/" data-pagefind-filter="person">Tom &amp; Jerry</a><p>"Never give up," he said.</p>')
    home = page("index.html", "<h1>Home</h1>", marked=False)
    files, problems = index_site((story, home), True)
    assert problems == ()
    bundle = {f.path: f.data for f in files if f.path.startswith(BUNDLE_DIR + "/")}
    assert {f"{BUNDLE_DIR}/pagefind.js", f"{BUNDLE_DIR}/pagefind-ui.js", f"{BUNDLE_DIR}/pagefind-ui.css"} <= set(bundle)
    assert not any("modular" in name or "component" in name for name in bundle)
    for path, data in bundle.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_bytes(data)
    records = fragments(tmp_path / BUNDLE_DIR)
    assert [r["url"] for r in records] == ["/articles/critic-speaks/"]
    assert records[0]["meta"]["title"] == "Critic speaks"
    assert records[0]["meta"]["summary"] == "A short summary."
    assert records[0]["filters"] == {"person": ["Tom & Jerry"]}
    assert "Never give up" in records[0]["content"]


@needs_pagefind
def test_the_index_is_the_same_bytes_for_the_same_pages() -> None:
    files = tuple(page(f"{folder}/{n}/index.html", f"<h1>Story {n}</h1><p>Words {n} and word{n * 7} more.</p>")
                  for folder in ("articles", "people") for n in range(12))
    first, _ = index_site(files, True)
    second, _ = index_site(tuple(reversed(files)), True)
    assert sorted((f.path, f.data) for f in first) == sorted((f.path, f.data) for f in second)


def write_files(files: tuple[OutputFile, ...], folder: Path) -> Path:
    """Write output files under a folder, as a previous build would have left them."""
    for item in files:
        (folder / item.path).parent.mkdir(parents=True, exist_ok=True)
        (folder / item.path).write_bytes(item.data)
    return folder


@needs_pagefind
def test_a_rebuild_of_the_same_pages_reuses_the_last_index(tmp_path: Path) -> None:
    files = (page("a/index.html", "<h1>A story</h1><p>Words.</p>"), page("b/index.html", "<h1>B story</h1>"))
    first, _ = index_site(files, True)
    last = write_files(first, tmp_path / "site")
    # a timeout no real run can meet: reusing is the only way to come back without a warning
    again, problems = index_site(files, True, timeout=0.001, last_output=last)
    assert problems == () and {(f.path, f.data) for f in again} == {(f.path, f.data) for f in first}
    changed = (page("a/index.html", "<h1>A story</h1><p>Other words.</p>"), files[1])
    out, problems = index_site(changed, True, timeout=0.001, last_output=last)
    assert out == changed and len(problems) == 1 and "longer than" in problems[0].message
    out, problems = index_site(changed, True, last_output=last)
    assert problems == () and {(f.path, f.data) for f in out} != {(f.path, f.data) for f in first}


@needs_pagefind
def test_a_page_of_the_site_under_the_bundle_folder_is_never_overwritten() -> None:
    files = (page("a/index.html", "<h1>A</h1>"), OutputFile(f"{BUNDLE_DIR}/pagefind.js", b"mine"))
    out, problems = index_site(files, True)
    assert out == files
    assert len(problems) == 1 and "overwrite" in problems[0].message


# --- whole builds of the sample -----------------------------------------------------------------------------

@pytest.fixture
def search_project(tmp_path: Path) -> Path:
    """The sample project hosted at a sub-path, with search turned on."""
    project = make_project(tmp_path / "project", base_url=BASE_URL)
    enable_search(project)
    return project


def article_folder(site: Path) -> Path:
    """Return the folder of the sample's one article page."""
    folders = [p for p in (site / "articles").iterdir() if p.is_dir()]
    assert len(folders) == 1
    return folders[0]


@needs_pagefind
def test_the_sample_is_indexed_with_headline_date_summary_and_filters(search_project: Path) -> None:
    result = build(search_project / "site.yml")
    site = result.output
    assert not [p for p in result.problems if p.file == "search"]
    assert (site / BUNDLE_DIR / "pagefind-ui.js").is_file()
    story = article_folder(site)
    records = {r["url"]: r for r in fragments(site / BUNDLE_DIR)}
    record = records[f"/articles/{story.name}/"]
    html = (story / "index.html").read_text(encoding="utf-8")
    assert record["meta"]["title"] in html
    assert record["meta"]["date"] and record["meta"]["date"] in html
    assert record["meta"]["summary"]
    assert KHODORKOVSKY in record["filters"]["person"]
    assert record["filters"]["source"]
    person = records[f"/people/{next(p.name for p in (site / 'people').iterdir() if 'khodorkovsky' in p.name)}/"]
    assert person["filters"]["person"] == [KHODORKOVSKY]
    # a quote's words lead to its story (in context), not to the speaker's page as well
    quotes = json.loads((site / "digest.json").read_text(encoding="utf-8"))["articles"][0]["quotes"]
    words = " ".join(quotes[0]["text"].split()[:5])
    assert words in " ".join(record["content"].split())
    people_text = [" ".join(r["content"].split()) for url, r in records.items() if url.startswith("/people/")]
    assert people_text and not [text for text in people_text if words in text]
    assert not [url for url in records if not url.startswith(("/articles/", "/people/"))]


@needs_pagefind
def test_a_site_with_search_has_a_search_page_box_and_no_broken_link(search_project: Path) -> None:
    site = build(search_project / "site.yml").output
    search_page = (site / "search" / "index.html").read_text(encoding="utf-8")
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'action="/digest/search/"' in home and 'name="q"' in home
    for fallback in ('href="/digest/people/"', 'href="/digest/"'):
        assert fallback in search_page
    assert 'data-bundle="/digest/pagefind/"' in search_page
    for loaded in ("pagefind-ui.js", "pagefind-ui.css", "pagefind.js"):
        assert (site / BUNDLE_DIR / loaded).is_file(), loaded
    assert "http://" not in search_page.split("<script>", 1)[1] and "https://" not in search_page.split("<script>")[1]
    assert broken_links(site, BASE_URL) == []


def test_search_false_builds_no_index_no_page_and_no_box(project: Path) -> None:
    site = build(project / "site.yml").output
    assert not (site / BUNDLE_DIR).exists() and not (site / "search").exists()
    assert 'role="search"' not in (site / "index.html").read_text(encoding="utf-8")


def test_without_a_runnable_binary_the_site_builds_and_warns(search_project: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(search_project / "no-such-pagefind"))
    result = build(search_project / "site.yml")
    assert [p.file for p in result.problems if "without search" in p.message] == ["search"]
    assert not (result.output / BUNDLE_DIR).exists()
    assert (result.output / "search" / "index.html").is_file()
    assert broken_links(result.output, BASE_URL) == []


@needs_pagefind
def test_a_rebuild_indexes_a_new_story_and_drops_a_removed_one(search_project: Path) -> None:
    site = build(search_project / "site.yml").output
    before = {r["url"] for r in fragments(site / BUNDLE_DIR)}
    (search_project / "seeds" / "zz-new.txt").write_text(
        "Harbour bridge reopens after repairs\n\nThe harbour bridge reopened on Monday after two years of "
        "repairs, the city council said.\n\n\"It is a great day for the town,\" said mayor Anna Lindqvist.\n",
        encoding="utf-8")
    site = build(search_project / "site.yml").output
    added = {r["url"] for r in fragments(site / BUNDLE_DIR)} - before
    assert any(url.startswith("/articles/") for url in added)
    (search_project / "seeds" / "zz-new.txt").unlink()
    site = build(search_project / "site.yml").output
    assert {r["url"] for r in fragments(site / BUNDLE_DIR)} == before


# --- a real browser on the built site -----------------------------------------------------------------------

def browser_or_skip() -> Any:
    """Return Playwright's sync API, or skip when Playwright or Chromium is missing."""
    if not CHROMIUM.is_file():
        pytest.skip("/usr/bin/chromium is missing")
    try:
        from playwright import sync_api
    except ImportError:
        pytest.skip("playwright is not installed")
    if find_pagefind() is None:
        pytest.skip("the Pagefind binary is not installed")
    return sync_api


class QuietHandler(SimpleHTTPRequestHandler):
    """Serve files without logging every request."""

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def serve() -> Iterator[Any]:
    """Serve a folder on 127.0.0.1 from a thread; yields a function folder -> root URL."""
    servers: list[ThreadingHTTPServer] = []

    def start(folder: Path) -> str:
        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def build_at_sub_path(project: Path) -> tuple[Path, Path]:
    """Build the project into www/digest/ (matching base_url's path); return (www, site)."""
    www = project.parent / "www"
    site = build(project / "site.yml", out=www / "digest").output
    return www, site


def open_browser(sync_api: Any) -> Any:
    """Start headless Chromium with no network of its own."""
    playwright = sync_api.sync_playwright().start()
    browser = playwright.chromium.launch(
        executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
    return playwright, browser


def results_once(page: Any, wanted: Callable[[list[str]], bool], seconds: float = 20) -> list[str]:
    """Return the hrefs of the results shown once `wanted` holds for them, or the last seen after `seconds`.

    Pagefind fills the list in as it searches and loads each result, so a single look can be too early.
    """
    deadline = time.monotonic() + seconds
    while True:
        links = [str(a.get_attribute("href")) for a in page.query_selector_all(".pagefind-ui__result-link")]
        if wanted(links) or time.monotonic() > deadline:
            return links
        page.wait_for_timeout(200)


def showing(link: str) -> Callable[[list[str]], bool]:
    """Return a test of result links: whether `link` is among them."""
    return lambda links: link in links


def watch_requests(page: Any, origin: str) -> list[str]:
    """Block and record every request that leaves the local server."""
    outside: list[str] = []

    def route(route: Any) -> None:
        if route.request.url.startswith(origin) or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", route)
    return outside


def test_a_browser_finds_khodorkovsky_and_keeps_him_when_filtering(search_project: Path, serve: Any) -> None:
    sync_api = browser_or_skip()
    www, site = build_at_sub_path(search_project)
    story = f"/digest/articles/{article_folder(site).name}/"
    his_page = next(f"/digest/people/{p.name}/" for p in (site / "people").iterdir() if "khodorkovsky" in p.name)
    root = serve(www)
    playwright, browser = open_browser(sync_api)
    try:
        page = browser.new_page()
        outside = watch_requests(page, root.rstrip("/"))
        page.goto(root + "digest/")
        page.fill('header form[role="search"] input[name="q"]', "Khodorkovsky")
        page.press('header form[role="search"] input[name="q"]', "Enter")
        page.wait_for_url("**/digest/search/?q=Khodorkovsky")
        assert story in results_once(page, showing(story))
        page.fill(".pagefind-ui__search-input", "")
        assert results_once(page, lambda links: not links) == []
        page.type(".pagefind-ui__search-input", "Khodorkovsky", delay=20)
        assert story in results_once(page, showing(story))
        page.locator(".pagefind-ui__filter-panel details summary").filter(has_text="person").first.click()
        page.check(f'.pagefind-ui__filter-checkbox[name="person"][value="{KHODORKOVSKY}"]')
        # the filter does filter: another person in the story keeps the story but not Khodorkovsky's page
        other = next(str(box.get_attribute("value")) for box in
                     page.query_selector_all('.pagefind-ui__filter-checkbox[name="person"]')
                     if box.get_attribute("value") != KHODORKOVSKY)
        page.uncheck(f'.pagefind-ui__filter-checkbox[name="person"][value="{KHODORKOVSKY}"]')
        page.check(f'.pagefind-ui__filter-checkbox[name="person"][value="{other}"]')
        others = results_once(page, lambda links: his_page not in links)
        assert story in others and his_page not in others
        # back to Khodorkovsky: his page returns, and the story is kept
        page.uncheck(f'.pagefind-ui__filter-checkbox[name="person"][value="{other}"]')
        page.check(f'.pagefind-ui__filter-checkbox[name="person"][value="{KHODORKOVSKY}"]')
        filtered = results_once(page, lambda links: his_page in links and story in links)
        assert story in filtered and his_page in filtered
        page.click(f'.pagefind-ui__result-link[href="{story}"]')
        page.wait_for_url("**" + story)
        assert outside == []
    finally:
        browser.close()
        playwright.stop()


def test_a_browser_finds_a_story_by_the_words_of_a_quote(tmp_path: Path, shared: Path, serve: Any) -> None:
    sync_api = browser_or_skip()
    project = make_project(tmp_path / "project", base_url=BASE_URL)
    enable_search(project)
    bbc = sorted((shared / "corpus" / "bbc" / "articles").glob("*/*.txt"))
    for path in bbc[::max(1, len(bbc) // 300)][:300]:
        shutil.copy(path, project / "seeds" / f"bbc-{path.parent.name}-{path.name}")
    www, site = build_at_sub_path(project)
    data = json.loads((site / "digest.json").read_text(encoding="utf-8"))
    assert len(data["articles"]) > 250
    quoted = [(a, q) for a in sorted(data["articles"], key=lambda a: a["slug"]) for q in a["quotes"]
              if len(q["text"].split()) >= 12]
    assert quoted
    root = serve(www)
    playwright, browser = open_browser(sync_api)
    try:
        page = browser.new_page()
        for article, quote in quoted[:: max(1, len(quoted) // 3)][:3]:
            words = quote["text"].split()
            phrase = " ".join(w.strip('"“”‘’,.;:!?()') for w in words[3:9])
            page.goto(root + "digest/search/?q=" + phrase.replace(" ", "+"))
            story = f"/digest/articles/{article['slug']}/"
            assert story in results_once(page, showing(story)), (phrase, story)
    finally:
        browser.close()
        playwright.stop()
