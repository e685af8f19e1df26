"""Properties that hold for any text given as a seed (hypothesis)."""

from __future__ import annotations

from datetime import UTC, datetime

import html5lib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digest.assemble import assemble_site
from digest.config import SiteConfig
from digest.errors import SeedError
from digest.extract import ExtractOptions, extract_article
from digest.model import Article
from digest.reading import ReadOptions, parse_seed
from digest.render import render_site
from digest.urls import Urls

from .conftest import REPO

# Pieces that stress the reader and extractor: quote marks, attributions, names, markup, line breaks.
PIECES = st.sampled_from([
    '"', "\u201c", "\u201d", "'", "\u2018", "\u2019", " said ", " told ", ", according to ", "Mr ", "President ",
    "John Smith", "Smith", "Jane Doe", "he", "she", "\n", "\n\n", ". ", ", ", ": ", " - ", "(Reuters)", "LONDON",
    "<script>", "</script>", "<zz zzattr=1>", "&amp;", "&", "<", ">", "Updated: Jun 11, 2023, 08:46 PM(IST)",
    "Story highlights", "By ", "Photograph:( Reuters )", "---\n", "title: x\n", "\x00", "\ufeff", "\u202e",
])
TEXTS = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(PIECES, st.text(min_size=1, max_size=12)), max_size=60).map("".join),
)
OPTIONS = ReadOptions()


def extract(data: bytes) -> Article | None:
    try:
        seed = parse_seed(data, "seeds/x.txt", OPTIONS)
    except SeedError:
        return None
    return extract_article(seed, ExtractOptions())


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_reading_and_extraction_never_raise_and_offsets_hold(text: str) -> None:
    article = extract(text.encode("utf-8"))
    if article is None:
        return
    paragraphs = article.seed.paragraphs
    names = {p.name for p in article.people}
    for quote in article.quotes:
        assert 0 <= quote.paragraph < len(paragraphs)
        assert paragraphs[quote.paragraph][quote.start:quote.end] == quote.text
        assert quote.speaker is None or quote.speaker_is_organisation or quote.speaker in names
    for person in article.people:
        for mention in person.mentions:
            assert 0 <= mention.paragraph < len(paragraphs)
            assert 0 <= mention.start < mention.end <= len(paragraphs[mention.paragraph])


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_same_text_gives_same_output(text: str) -> None:
    assert extract(text.encode("utf-8")) == extract(text.encode("utf-8"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_rendered_pages_carry_no_markup_from_the_text(text: str) -> None:
    article = extract(("Title <zz zzattr=1>\n\n" + text).encode("utf-8"))
    if article is None:
        return
    config = SiteConfig(root=REPO, search=False)
    site = assemble_site([article], (), (), datetime(2024, 1, 1, tzinfo=UTC))
    files = render_site(site, config, Urls("https://example.org/d/", "/d/"))
    for file in files:
        if not file.path.endswith(".html"):
            continue
        tree = html5lib.parse(file.data, namespaceHTMLElements=False)
        for element in tree.iter():
            assert element.tag != "zz", file.path
            assert "zzattr" not in element.attrib, file.path
            if element.tag == "script":
                assert element.attrib.get("type") == "application/ld+json", file.path
