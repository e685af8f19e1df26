"""The site of the sample plus 300 BBC stories, hosted at a sub-path: links, HTML, feeds, sitemap, JSON-LD, hosts."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import html5lib
import pytest

from digest.build import build

from .conftest import SHARED, make_project

BASE_URL = "https://example.github.io/digest/"
PER_CATEGORY = 60
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
REFERENCE_ATTRIBUTES = ("href", "src", "srcset", "action", "poster", "data", "formaction", "cite")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the sample plus 60 stories of each BBC category at the sub-path /digest/."""
    bbc = SHARED / "corpus" / "bbc" / "articles"
    if not bbc.is_dir():
        pytest.skip("../shared/corpus/bbc is absent")
    project = make_project(tmp_path_factory.mktemp("corpus") / "project", base_url=BASE_URL)
    for category in sorted(p for p in bbc.iterdir() if p.is_dir()):
        for path in sorted(category.glob("*.txt"))[:PER_CATEGORY]:
            shutil.copy(path, project / "seeds" / f"bbc-{category.name}-{path.name}")
    return build(project / "site.yml").output


@pytest.fixture(scope="module")
def documents(site: Path) -> dict[Path, ET.Element]:
    """Parse every HTML page with html5lib; any parse error fails the build of this fixture."""
    parsed: dict[Path, ET.Element] = {}
    errors: list[str] = []
    for path in sorted(site.rglob("*.html")):
        parser = html5lib.HTMLParser(tree=html5lib.getTreeBuilder("etree", ET), strict=False)
        parsed[path] = parser.parse(path.read_bytes(), transport_encoding="utf-8")
        errors.extend(f"{path.relative_to(site)}: {error}" for error in parser.errors)
    assert not errors, errors[:10]
    return parsed


def elements(root: ET.Element, tag: str) -> Iterator[ET.Element]:
    """Yield the elements of one HTML tag name."""
    yield from root.iter(XHTML + tag)


def references(root: ET.Element) -> Iterator[tuple[ET.Element, str]]:
    """Yield (element, URL) for every attribute that makes a browser or a reader go somewhere."""
    for element in root.iter():
        for name in REFERENCE_ATTRIBUTES:
            value = element.get(name)
            if value:
                for part in value.split(",") if name == "srcset" else [value]:
                    yield element, part.strip().split(" ")[0]
        if element.tag == XHTML + "meta" and (element.get("property", "") + element.get("name", "")).endswith(":url"):
            yield element, element.get("content", "")


def target_file(site: Path, link: str) -> Path | None:
    """Return the file an internal link points at, or None for a bare fragment."""
    parts = urlsplit(link)
    if not parts.path:
        return None
    base = urlsplit(BASE_URL)
    path = unquote(parts.path)
    assert path.startswith(base.path), f"{link!r} is outside the site path {base.path}"
    target = site / path[len(base.path):]
    return target / "index.html" if path.endswith("/") else target


def test_the_corpus_site_is_big_enough_to_mean_something(site: Path, documents: dict[Path, ET.Element]) -> None:
    assert len(list((site / "articles").iterdir())) >= 290
    assert len(list((site / "page").iterdir())) >= 10, "300 stories at 20 a page make 15 index pages"
    assert len(documents) > 500


def test_every_internal_link_resolves_and_no_page_references_another_host(
    site: Path, documents: dict[Path, ET.Element]
) -> None:
    base = urlsplit(BASE_URL)
    ids: dict[Path, set[str]] = {path: {e.get("id", "") for e in root.iter()} for path, root in documents.items()}
    missing: list[str] = []
    for path, root in documents.items():
        for element, link in references(root):
            parts = urlsplit(link)
            where = f"{path.relative_to(site)}: <{element.tag.removeprefix(XHTML)}> {link}"
            assert parts.scheme in ("", "https", "http"), where
            if parts.netloc and "external" in element.get("rel", "").split():
                continue  # a link an editor typed into a profile or front matter, marked rel="external"
            if parts.netloc:
                assert (parts.scheme, parts.netloc) == (base.scheme, base.netloc), f"another host: {where}"
            assert parts.netloc or link.startswith(("/", "#")), f"relative link breaks at other depths: {where}"
            target = target_file(site, link) or path
            if not target.is_file():
                missing.append(where)
            elif parts.fragment and target.suffix == ".html" and parts.fragment not in ids[target]:
                missing.append(f"{where} (no id {parts.fragment!r})")
    assert not missing, missing[:10]


def test_stylesheet_is_small_and_asks_for_nothing_else(site: Path) -> None:
    css = (site / "style.css").read_text(encoding="utf-8")
    assert len(css.encode()) < 12_000
    assert not re.search(r"url\(|@import|@font-face", css)


def test_feed_has_the_required_atom_elements(site: Path) -> None:
    feeds = [site / "feed.xml", *sorted((site / "people").glob("*/feed.xml"))]
    assert len(feeds) > 100
    for path in feeds:
        feed = ET.parse(path).getroot()
        assert feed.tag == ATOM + "feed", path
        for required in ("id", "title", "updated"):
            assert (feed.findtext(ATOM + required) or "").strip(), f"{path}: feed has no {required}"
        assert [link for link in feed.findall(ATOM + "link") if link.get("rel") == "self"], path
        entries = feed.findall(ATOM + "entry")
        assert entries, path
        assert feed.find(ATOM + "author") is not None or all(e.find(ATOM + "author") is not None for e in entries)
        ids = [e.findtext(ATOM + "id") for e in entries]
        assert len(ids) == len(set(ids)), f"{path}: entry ids repeat"
        for entry in entries:
            for required in ("id", "title", "updated"):
                assert (entry.findtext(ATOM + required) or "").strip(), f"{path}: entry has no {required}"
            assert re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d([+-]\d\d:\d\d|Z)$", entry.findtext(ATOM + "updated", ""))
            links = entry.findall(ATOM + "link")
            alternate = [link.get("href", "") for link in links if link.get("rel") == "alternate"]
            assert alternate and alternate[0].startswith(BASE_URL), path
            assert entry.find(ATOM + "content") is not None or entry.find(ATOM + "summary") is not None
    main = ET.parse(site / "feed.xml").getroot()
    entries = main.findall(ATOM + "entry")
    assert len(entries) == 50
    quoted = [e for e in entries if "Who said what" in (e.findtext(ATOM + "content") or "")]
    assert quoted, "feed entries carry their quotes"
    assert all(BASE_URL in (e.findtext(ATOM + "content") or "") for e in entries), "content links are absolute"


def test_sitemap_lists_every_page(site: Path) -> None:
    root = ET.parse(site / "sitemap.xml").getroot()
    locs = [e.text or "" for e in root.iter(SITEMAP + "loc")]
    assert len(locs) == len(set(locs))
    pages = set()
    for path in site.rglob("*.html"):
        relative = path.relative_to(site).as_posix()
        if relative != "404.html":
            pages.add(BASE_URL + relative.removesuffix("index.html"))
    assert set(locs) == pages


def test_every_json_ld_block_parses(site: Path, documents: dict[Path, ET.Element]) -> None:
    kinds: dict[str, int] = {}
    for path, root in documents.items():
        for script in elements(root, "script"):
            assert script.get("type") == "application/ld+json", f"{path}: only JSON-LD scripts"
            data = json.loads(script.text or "")
            kinds[data["@type"]] = kinds.get(data["@type"], 0) + 1
            if data["@type"] == "NewsArticle":
                for key in ("headline", "author", "publisher", "url"):
                    assert data.get(key), f"{path}: NewsArticle without {key}"
                assert len(data["headline"]) <= 110
                assert all(m["url"].startswith(BASE_URL + "people/") for m in data.get("mentions", []))
            if data["@type"] == "Person":
                assert data["name"] and data["url"].startswith(BASE_URL + "people/")
    assert kinds.get("NewsArticle", 0) >= 290 and kinds.get("Person", 0) > 100


def test_every_page_has_a_language_landmarks_and_a_canonical_link(
    site: Path, documents: dict[Path, ET.Element]
) -> None:
    for path, root in documents.items():
        assert root.get("lang") == "en", path
        assert len(list(elements(root, "main"))) == 1, path
        assert len(list(elements(root, "h1"))) == 1, path
        canonical = [e.get("href", "") for e in elements(root, "link") if e.get("rel") == "canonical"]
        if path.name != "404.html":
            assert len(canonical) == 1 and canonical[0].startswith(BASE_URL), path


def test_digest_json_has_every_article_quote_and_person(site: Path) -> None:
    data = json.loads((site / "digest.json").read_text(encoding="utf-8"))
    assert {a["slug"] for a in data["articles"]} == {p.name for p in (site / "articles").iterdir()}
    assert {p["slug"] for p in data["people"]} == {p.name for p in (site / "people").iterdir() if p.is_dir()}
    quotes = [q for a in data["articles"] for q in a["quotes"]]
    assert quotes and all(q["url"].startswith(BASE_URL + "articles/") for q in quotes)
    for quote in quotes:
        if quote["speaker_url"]:
            assert (site / quote["speaker_url"].removeprefix(BASE_URL) / "index.html").is_file()
