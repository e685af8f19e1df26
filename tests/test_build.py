"""Whole builds of a small project: pages, links at a sub-path, feeds, determinism, golden output."""

from __future__ import annotations

import filecmp
import html
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from digest.build import build

from .conftest import REPO

GOLDEN = Path(__file__).parent / "golden"
SAMPLE_PEOPLE = {
    "Vladimir Putin", "Alexei Navalny", "Andrius Kubilius", "Leonid Volkov", "Michael Siebert",
    "Mikhail Khodorkovsky", "Vladimir Milov", "Oleksiy Arestovich",
}
NOT_PEOPLE = ("financial", "reuters", "european", "new-delhi", "brussels", "harshit", "sabarwal", "story")


class LinkCollector(HTMLParser):
    """Collect every href and src of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def internal_target(site: Path, base_url: str, link: str) -> Path | None:
    """Return the file an internal link points at, or None for external links and anchors."""
    parts = urlsplit(link)
    base = urlsplit(base_url)
    if parts.scheme and parts.netloc != base.netloc:
        return None
    if not parts.path:
        return None
    path = unquote(parts.path)
    assert path.startswith(base.path), f"link {link!r} is outside the site path {base.path!r}"
    target = site / path[len(base.path):]
    return target / "index.html" if path.endswith("/") else target


def build_project(project: Path, out: Path | None = None) -> Path:
    result = build(project / "site.yml", out=out)
    return result.output


def test_sample_builds_every_page(project: Path) -> None:
    site = build_project(project)
    people = {p.name for p in (site / "people").iterdir() if p.is_dir()}
    data = json.loads((site / "digest.json").read_text(encoding="utf-8"))
    names = {person["name"] for person in data["people"]}
    assert names == SAMPLE_PEOPLE
    for person in data["people"]:
        assert person["slug"] in people
        page = (site / "people" / person["slug"] / "index.html").read_text(encoding="utf-8")
        assert html.escape(person["name"]) in page
    assert not [slug for slug in people if any(word in slug for word in NOT_PEOPLE)]
    for name in ("index.html", "404.html", "feed.xml", "sitemap.xml", "robots.txt", ".nojekyll", "digest.json",
                 "people/index.html", "about/index.html", "style.css"):
        assert (site / name).is_file(), name
    articles = list((site / "articles").iterdir())
    assert len(articles) == 1 and (articles[0] / "index.html").is_file()


def test_every_internal_link_resolves_at_a_sub_path(project: Path) -> None:
    site = build_project(project)
    pages = [p for p in site.rglob("*.html")]
    assert len(pages) > 10
    for page in pages:
        collector = LinkCollector()
        collector.feed(page.read_text(encoding="utf-8"))
        for link in collector.links:
            target = internal_target(site, "https://example.github.io/digest/", link)
            if target is not None:
                assert target.is_file(), f"{page.relative_to(site)} links to missing {link}"


def test_feed_and_sitemap_parse_and_list_every_article(project: Path) -> None:
    site = build_project(project)
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.parse(site / "feed.xml").getroot()
    for required in ("id", "title", "updated"):
        assert feed.find(atom + required) is not None
    entries = feed.findall(atom + "entry")
    articles = sorted(p.name for p in (site / "articles").iterdir())
    assert sorted(e.findtext(atom + "id", "").rstrip("/").rsplit("/", 1)[-1] for e in entries) == articles
    for entry in entries:
        for required in ("id", "title", "updated", "author"):
            assert entry.find(atom + required) is not None
    sitemap = ET.parse(site / "sitemap.xml").getroot()
    locs = [e.text or "" for e in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    for slug in articles:
        assert f"https://example.github.io/digest/articles/{slug}/" in locs


def test_same_input_gives_byte_identical_output(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = build_project(project, project / "one")
    second = build_project(project, project / "two")
    compared = filecmp.dircmp(first, second)
    assert not compared.diff_files and not compared.left_only and not compared.right_only
    for path in first.rglob("*"):
        if path.is_file():
            assert path.read_bytes() == (second / path.relative_to(first)).read_bytes(), path


def test_a_broken_seed_does_not_take_down_the_build(project: Path) -> None:
    (project / "seeds" / "broken.txt").write_bytes(b"\x00\x01\x02\xff\xfe" * 200)
    result = build(project / "site.yml")
    assert any("broken.txt" in str(p) for p in result.problems)
    assert len(list((result.output / "articles").iterdir())) == 1


def test_golden_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The sample's whole site equals tests/golden/ (regenerate with `make golden`)."""
    from .make_golden import build_golden

    out = build_golden(tmp_path)
    expected = sorted(p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file())
    actual = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert actual == expected
    for name in expected:
        assert (out / name).read_bytes() == (GOLDEN / name).read_bytes(), f"{name} differs; run `make golden`"


def test_build_killed_midway_leaves_the_old_site(project: Path) -> None:
    seeds = project / "seeds"
    for n in range(40):  # enough work that the kill lands mid-build
        shutil.copy(next(seeds.glob("*.txt")), seeds / f"copy{n:02}.txt")
        text = (seeds / f"copy{n:02}.txt").read_text(encoding="utf-8")
        (seeds / f"copy{n:02}.txt").write_text(text.replace("Russian opposition", f"Opposition {n}", 1) +
                                               f"\n\nUnique paragraph number {n}.\n", encoding="utf-8")
    site = build_project(project)
    old = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    (seeds / "new.txt").write_text("A new story\n\nIt happened today in a new way.\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    for delay in (0.2, 0.5, 0.8, 1.1):
        proc = subprocess.Popen([sys.executable, "-m", "digest", "build", "--config", str(project / "site.yml")],
                                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        now = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
        if any("new-story" in str(p) for p in now):  # a build finished before its kill: a complete new site
            assert set(old) < set(now)
        else:
            assert now == old
