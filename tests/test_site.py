"""Rendering a small site built by hand: markup, anchors, dates, directory, pages, feeds, head metadata, hosting."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import html5lib
import pytest
import yaml
from markupsafe import Markup

from digest.article_view import quote_views, view_article
from digest.assemble import relate_articles
from digest.build import build
from digest.clock import Clock, group_by_day
from digest.config import SiteConfig
from digest.directory import group_by_initial, initial, most_quoted, surname
from digest.errors import ContentError
from digest.jsonld import script_json
from digest.markup import Span, mark_up
from digest.model import (
    Article,
    ArticlePerson,
    Block,
    Caption,
    Mention,
    Page,
    Person,
    PersonQuote,
    Quote,
    Role,
    Seed,
    Site,
)
from digest.pages import load_pages, parse_page
from digest.render import OutputFile, page_numbers, render_site, site_links
from digest.urls import Urls

from .conftest import REPO

IST = timezone(timedelta(hours=5, minutes=30))
HOSTILE = 'Boss </script><script>alert(1)</script> & "co" <!--'


def quote_in(paragraph: str, text: str, speaker: str | None, index: int, **extra: object) -> Quote:
    """Return a Quote of `text` found in `paragraph` number `index`."""
    start = paragraph.index(text)
    return Quote(text, speaker, extra.pop("role", None), "direct", index, start, start + len(text), **extra)  # type: ignore[arg-type]


def mention(paragraph: str, name: str, index: int, occurrence: int = 0) -> Mention:
    """Return the Mention of the n-th occurrence of `name` in a paragraph."""
    starts = [m.start() for m in re.finditer(re.escape(name), paragraph)]
    return Mention(index, starts[occurrence], starts[occurrence] + len(name))


P0 = 'Ann Lee, the mayor, said: "We will rebuild the bridge." Ann Lee spoke & left.'
P1 = '"It is late," said Bob Kent. Nobody knows who said "this one".'
P2 = "Ann Lee met Bob Kent later."


def sample_site(title: str = "Bridge to <be> rebuilt") -> Site:
    """Return a hand-made site: two dated stories (one with quotes and a subheading) and one undated."""
    seed1 = Seed(
        path="one.txt", slug="bridge", title=title,
        body=(Block("paragraph", P0), Block("subheading", "What comes next"), Block("paragraph", P1)),
        byline=("Jo Writer",), dateline="Springfield", published=datetime(2023, 6, 11, 20, 46, tzinfo=IST),
        source="The Courier", caption=Caption("The old bridge", "Ann Photographer"), highlights=("A bridge.",),
    )
    q1 = quote_in(P0, "We will rebuild the bridge.", "Ann Lee", 0, role="the mayor")
    q2 = quote_in(P1, "It is late,", "Bob Kent", 1)
    q3 = quote_in(P1, "this one", None, 1)
    ann = ArticlePerson("Ann Lee", (), ("the mayor",), (mention(P0, "Ann Lee", 0), mention(P0, "Ann Lee", 0, 1)), 1)
    bob = ArticlePerson("Bob Kent", (), (), (mention(P1, "Bob Kent", 1),), 1)
    one = Article(seed1, ("The bridge will be rebuilt.", HOSTILE), (q1, q2, q3), (ann, bob))
    seed2 = Seed(path="two.txt", slug="later", title="Later meeting", body=(Block("paragraph", P2),),
                 published=datetime(2023, 6, 10, 23, 30, tzinfo=UTC))
    two = Article(seed2, ("They met.",), (), (
        ArticlePerson("Ann Lee", (), (), (mention(P2, "Ann Lee", 0),)),
        ArticlePerson("Bob Kent", (), (), (mention(P2, "Bob Kent", 0),)),
    ))
    three = Article(Seed(path="three.txt", slug="undated", title="Undated note", body=(Block("paragraph", "Hi."),)),
                    ("Hi.",), (), ())
    people = (
        Person("ann-lee", "Ann Lee", ("Ann Lee", "Mayor Lee"), (Role("the mayor", "bridge", seed1.published),),
               (PersonQuote(q1, "bridge", seed1.published),), ("bridge", "later"), (("bob-kent", 2),), 3,
               seed2.published, seed1.published, description="Mayor of Springfield", bio_html="<p>Bio.</p>"),
        Person("bob-kent", "Bob Kent", (), (), (PersonQuote(q2, "bridge", seed1.published),), ("bridge", "later"),
               (("ann-lee", 2),), 2, seed2.published, seed1.published),
    )
    links = {("bridge", "Ann Lee"): "ann-lee", ("bridge", "Bob Kent"): "bob-kent",
             ("later", "Ann Lee"): "ann-lee", ("later", "Bob Kent"): "bob-kent"}
    return Site((one, two, three), people, (Page("about", "About", "<p>About us.</p>", "about.md"),), links,
                {"bridge": ("later",), "later": ("bridge",)}, datetime(2023, 11, 14, tzinfo=UTC))


def config_for(base_url: str = "https://example.github.io/digest/", **extra: object) -> SiteConfig:
    """Return a config using the repository's templates and stylesheet."""
    return SiteConfig(root=REPO, title="Test Digest", description="Who said what.", base_url=base_url,
                      timezone="Europe/London", **extra)  # type: ignore[arg-type]


def render(site: Site | None = None, base_url: str = "https://example.github.io/digest/",
           **extra: object) -> dict[str, bytes]:
    """Render a site and return its files by path."""
    config = config_for(base_url, **extra)
    files = render_site(site or sample_site(), config, Urls(config.base_url, config.base_path))
    return {f.path: f.data for f in files}


def text(files: dict[str, bytes], path: str) -> str:
    return files[path].decode("utf-8")


# ---------------------------------------------------------------------------------------------- markup


def test_mark_up_escapes_text_and_nests_spans() -> None:
    spans = [Span(0, 5, Markup("<b>"), Markup("</b>")), Span(0, 2, Markup("<i>"), Markup("</i>"))]
    assert mark_up("a<b&c", spans) == "<b><i>a&lt;</i>b&amp;c</b>"


def test_mark_up_leaves_out_a_span_crossing_an_earlier_one() -> None:
    spans = [Span(0, 4, Markup("<b>"), Markup("</b>")), Span(2, 6, Markup("<i>"), Markup("</i>"))]
    assert mark_up("abcdefg", spans) == "<b>abcd</b>efg"


def test_mark_up_nests_identical_spans_in_priority_order() -> None:
    spans = [Span(1, 3, Markup("<b>"), Markup("</b>")), Span(1, 3, Markup("<i>"), Markup("</i>"))]
    assert mark_up("abcd", spans) == "a<b><i>bc</i></b>d"


def test_mark_up_ignores_spans_outside_the_text() -> None:
    assert mark_up("ab", [Span(1, 9, Markup("<b>"), Markup("</b>"))]) == "ab"


# ---------------------------------------------------------------------------------------------- urls


@pytest.mark.parametrize(("base_url", "base_path", "href", "absolute"), [
    ("https://u.github.io/repo/", "/repo/", "/repo/people/ann-lee/", "https://u.github.io/repo/people/ann-lee/"),
    ("https://news.example.org/", "/", "/people/ann-lee/", "https://news.example.org/people/ann-lee/"),
    ("/", "/", "/people/ann-lee/", "/people/ann-lee/"),
])
def test_urls_work_at_a_sub_path_a_custom_domain_and_a_bare_path(
    base_url: str, base_path: str, href: str, absolute: str
) -> None:
    urls = Urls(base_url, base_path)
    assert urls.path(urls.person("ann-lee")) == href
    assert urls.absolute(urls.person("ann-lee")) == absolute
    assert urls.path(urls.index(1)) == base_path and urls.path(urls.index(3)) == base_path + "page/3/"


# ---------------------------------------------------------------------------------------------- JSON-LD


def test_json_ld_can_never_close_its_script() -> None:
    data = {"headline": HOSTILE, "x": "a\u2028b"}
    body = script_json(data)
    assert "<" not in body and ">" not in body and "&" not in body and "\u2028" not in body
    assert json.loads(str(body)) == data


# ---------------------------------------------------------------------------------------------- article markup


def test_article_body_wraps_quotes_and_links_each_persons_first_mention() -> None:
    site = sample_site()
    view = view_article(site.articles[0], Urls("https://x.org/d/", "/d/"), site.person_links)
    first = view.body[0].html
    assert first.count('href="/d/people/ann-lee/"') == 1
    assert first.index('href="/d/people/ann-lee/"') < first.index('id="quote-1"')
    assert '<span class="quote" id="quote-1">We will rebuild the bridge.</span>' in first
    assert "spoke &amp; left" in first
    assert [b.kind for b in view.body] == ["paragraph", "subheading", "paragraph"]
    assert [q.anchor for q in view.quotes] == ["quote-1", "quote-2", "quote-3"]
    assert [q.person_slug for q in view.quotes] == ["ann-lee", "bob-kent", None]


def test_a_quote_that_cannot_be_marked_links_to_its_paragraph() -> None:
    site = sample_site()
    article = site.articles[0]
    crossing = Quote("said: \"We", "Ann Lee", None, "partial", 0, P0.index("said"), P0.index("said") + 9)
    article = replace(article, quotes=(*article.quotes, crossing))
    view = view_article(article, Urls("/", "/"), site.person_links)
    assert view.quotes[-1].anchor == "p-1"
    assert 'id="p-1"' not in view.body[0].html  # the id sits on the <p> the template writes


def test_quote_views_are_those_of_the_whole_view_with_or_without_pages() -> None:
    site = sample_site()
    article = site.articles[0]
    crossing = Quote("said: \"We", "Ann Lee", None, "partial", 0, P0.index("said"), P0.index("said") + 9)
    article = replace(article, quotes=(*article.quotes, crossing))
    urls = Urls("/", "/")
    for names in (None, {"ann-lee": "Ann Lee"}, {}):
        quotes = quote_views(article, site.person_links, names)
        assert quotes == view_article(article, urls, site.person_links, names).quotes
        assert [q.person_slug for q in quotes][:2] == (["ann-lee", "bob-kent"] if names is None
                                                       else ["ann-lee", None] if names else [None, None])


def test_a_first_mention_crossing_a_quote_gives_way_to_the_next_mention() -> None:
    paragraph = '"I am Ann" Lee said. Ann Lee left.'
    quote = quote_in(paragraph, "I am Ann", "Ann Lee", 0)
    person = ArticlePerson("Ann Lee", (), (), (Mention(0, 6, 13), mention(paragraph, "Ann Lee", 0, 0)))
    article = Article(Seed("a.txt", "a", "A", (Block("paragraph", paragraph),)), (), (quote,), (person,))
    view = view_article(article, Urls("/", "/"), {("a", "Ann Lee"): "ann-lee"})
    html = str(view.body[0].html)
    assert '<span class="quote" id="quote-1">I am Ann</span>' in html
    assert html.endswith('<a class="person" href="/people/ann-lee/">Ann Lee</a> left.')


def test_only_people_with_a_page_are_linked_and_under_their_page_name() -> None:
    site = sample_site()
    view = view_article(site.articles[0], Urls("/", "/"), site.person_links, {"ann-lee": "Ann Lee-Smith"})
    assert [(p.name, p.slug) for p in view.people] == [("Ann Lee-Smith", "ann-lee")]
    assert [q.person_slug for q in view.quotes] == ["ann-lee", None, None]
    assert "bob-kent" not in "".join(str(b.html) for b in view.body)


def test_organisation_and_unclear_speakers_get_no_person_link() -> None:
    paragraph = '"No comment," the ministry said.'
    quote = quote_in(paragraph, "No comment,", "Ministry of Truth", 0, speaker_is_organisation=True)
    article = Article(Seed("a.txt", "a", "A", (Block("paragraph", paragraph),)), (), (quote,), ())
    view = view_article(article, Urls("/", "/"), {("a", "Ministry of Truth"): "ministry-of-truth"})
    assert view.quotes[0].person_slug is None


# ---------------------------------------------------------------------------------------------- dates and directory


def test_index_groups_stories_by_day_in_the_site_time_zone() -> None:
    site = sample_site()
    groups = group_by_day(site.articles, Clock(ZoneInfo("Europe/London")))
    # 20:46 IST on 11 June is 16:16 in London; 23:30 UTC on 10 June is 00:30 on 11 June in London
    assert [(g.label, [a.slug for a in g.articles]) for g in groups] == [
        ("Sunday 11 June 2023", ["bridge", "later"]), ("Undated", ["undated"])]
    assert Clock(ZoneInfo("Europe/London")).time(site.articles[0].seed.published) == "11 June 2023, 16:16 BST"


@pytest.mark.parametrize(("name", "filed"), [
    ("Vladimir Putin", "Putin"), ("Martin Luther King Jr", "King"), ("Madonna", "Madonna"), ("Ann Lee, III", "Lee"),
])
def test_people_are_filed_by_surname(name: str, filed: str) -> None:
    assert surname(name) == filed


def test_directory_groups_a_to_z_with_accents_folded_and_others_last() -> None:
    def person(slug: str, name: str, quotes: int = 0) -> Person:
        return Person(slug, name, (), (), tuple(PersonQuote(Quote("x", name, None, "direct", 0, 0, 1), "a", None)
                                                for _ in range(quotes)), ("a",), ())
    people = [person("z", "Émile Zola", 1), person("a", "Ann Öberg", 3), person("b", "Bob Abel", 3),
              person("n", "Ned 42", 0), person("c", "Cy Adams", 2)]
    assert initial("Ann Öberg") == "O" and initial("Ned 42") == "#"
    groups = group_by_initial(people)
    assert [(g.letter, [p.name for p in g.people]) for g in groups] == [
        ("A", ["Bob Abel", "Cy Adams"]), ("O", ["Ann Öberg"]), ("Z", ["Émile Zola"]), ("#", ["Ned 42"])]
    assert [(q.person.name, q.quotes) for q in most_quoted(people, 3)] == [
        ("Bob Abel", 3), ("Ann Öberg", 3), ("Cy Adams", 2)]


# ---------------------------------------------------------------------------------------------- related stories


def story(slug: str, people: tuple[str, ...], title: str = "Story") -> Article:
    seed = Seed(f"{slug}.txt", slug, title, (Block("paragraph", "Text."),))
    return Article(seed, (), (), tuple(ArticlePerson(name, (), (), ()) for name in people))


def test_related_stories_prefer_rarer_shared_people_and_stop_at_five() -> None:
    articles = [story("a", ("Common", "Rare")), story("b", ("Rare",)), story("c", ("Common",))]
    articles += [story(f"x{n}", ("Common",)) for n in range(6)]
    links = {(a.slug, p.name): p.name.lower() for a in articles for p in a.people}
    related = relate_articles(articles, links)
    assert related["a"][0] == "b"
    assert len(related["a"]) == 5
    assert "a" not in related["a"]


def test_related_stories_fill_up_with_stories_sharing_rare_words() -> None:
    articles = [story("a", ("Ann",), "Volcano eruption near Reykjavik airport"),
                story("b", ("Ann",), "Budget vote"),
                story("c", (), "Reykjavik airport closed by volcano"),
                story("d", (), "Airport strike"), story("e", (), "Football result"),
                *(story(f"f{n}", (), f"Unrelated item {n} stock market") for n in range(30))]
    links = {(a.slug, p.name): p.name.lower() for a in articles for p in a.people}
    related = relate_articles(articles, links)
    assert related["a"][:2] == ("b", "c")
    assert "e" not in related["a"]


# ---------------------------------------------------------------------------------------------- whole render


def parse_strict(html: bytes) -> None:
    html5lib.HTMLParser(strict=True).parse(html, transport_encoding="utf-8")


def test_every_page_parses_strictly_and_user_text_stays_text() -> None:
    files = render(sample_site(title=HOSTILE))
    for path, data in files.items():
        if path.endswith(".html"):
            parse_strict(data)
            assert b"<script>alert" not in data, path
        if path.endswith(".xml"):
            ET.fromstring(data)
    article = text(files, "articles/bridge/index.html")
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', article, re.S)
    assert len(blocks) == 1 and json.loads(blocks[0])["name"] == HOSTILE


def test_control_characters_in_any_text_never_reach_a_page_or_feed() -> None:
    files = render(sample_site(title="Bad \x0b title \x01 with \x85 controls \ud800"))
    for path in ("articles/bridge/index.html", "feed.xml", "index.html"):
        assert "Bad  title  with  controls " in text(files, path)
    ET.fromstring(files["feed.xml"])
    parse_strict(files["articles/bridge/index.html"])


def test_article_page_shows_who_said_what_and_the_story_furniture() -> None:
    page = text(render(), "articles/bridge/index.html")
    assert '<time datetime="2023-06-11T20:46:00+05:30">11 June 2023, 16:16 BST</time>' in page
    for expected in ("Springfield", "The Courier", "By Jo Writer", "The old bridge", "Photo: Ann Photographer",
                     "A bridge.", "Who said what", "People in this story", "What comes next", "Related stories"):
        assert expected in page, expected
    said = page[page.index("Who said what"):page.index("People in this story")]
    assert re.search(r'<a href="/digest/people/ann-lee/">Ann Lee</a>, <span class="role">the mayor</span>', said)
    assert said.count('href="#quote-') == 3
    assert "speaker not clear" in said
    assert 'rel="prev" href="/digest/articles/later/"' in page  # the older story comes next in reading order
    data = json.loads(re.findall(r'ld\+json">(.*?)</script>', page, re.S)[0])
    assert data["@type"] == "NewsArticle" and data["datePublished"] == "2023-06-11T20:46:00+05:30"
    assert data["author"] == [{"@type": "Person", "name": "Jo Writer"}]
    assert data["publisher"]["name"] == "The Courier"
    assert [m["name"] for m in data["mentions"]] == ["Ann Lee", "Bob Kent"]
    assert '<meta property="og:type" content="article">' in page
    assert '<link rel="canonical" href="https://example.github.io/digest/articles/bridge/">' in page


def test_index_pages_paginate_with_stable_urls_and_a_most_quoted_strip() -> None:
    files = render(per_page=2)
    assert {"index.html", "page/2/index.html"} <= set(files) and "page/3/index.html" not in files
    first, second = text(files, "index.html"), text(files, "page/2/index.html")
    assert first.index("Sunday 11 June 2023") < first.index("Bridge to &lt;be&gt; rebuilt") < first.index(
        "Later meeting")
    assert '<link rel="next" href="/digest/page/2/">' in first
    assert '<link rel="prev" href="/digest/">' in second and "Undated" in second
    strip = first[first.index('class="quoted-strip"'):first.index("</section>")]
    assert "11 June 2023" in strip and "Ann Lee" in strip and "Bob Kent" in strip
    assert "“We will rebuild the bridge.”" in first  # the lead quote, with its speaker
    assert 'class="quoted-strip"' not in second  # nobody is quoted in the undated story


@pytest.mark.parametrize(("current", "count", "shown"), [
    (1, 1, (1,)), (1, 3, (1, 2, 3)), (1, 15, (1, 2, None, 15)), (8, 15, (1, None, 7, 8, 9, None, 15)),
    (15, 15, (1, None, 14, 15)), (3, 15, (1, 2, 3, 4, None, 15)),
])
def test_index_pages_link_first_last_and_neighbouring_pages(
    current: int, count: int, shown: tuple[int | None, ...]
) -> None:
    assert page_numbers(current, count) == shown


def test_the_lead_quote_on_the_index_prefers_a_whole_statement() -> None:
    site = sample_site()
    article = site.articles[0]
    article = replace(article, quotes=(replace(article.quotes[0], kind="partial"), article.quotes[1]))
    index = text(render(replace(site, articles=(article, *site.articles[1:]))), "index.html")
    assert "“It is late,”" in index and "“We will rebuild the bridge.”" not in index


def test_person_page_directory_and_feed() -> None:
    files = render()
    person = text(files, "people/ann-lee/index.html")
    for expected in ("Mayor of Springfield", "<p>Bio.</p>", "Mayor Lee", "the mayor", "First seen", "Last seen",
                     "Appears with", "Bob Kent", "/digest/articles/bridge/#quote-1", "people/ann-lee/feed.xml"):
        assert expected in person, expected
    data = json.loads(re.findall(r'ld\+json">(.*?)</script>', person, re.S)[0])
    assert data["@type"] == "Person" and data["url"] == "https://example.github.io/digest/people/ann-lee/"
    directory = text(files, "people/index.html")
    assert directory.index('id="letter-k"') < directory.index('id="letter-l"')
    assert "Most quoted" in directory
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.fromstring(files["people/ann-lee/feed.xml"])
    assert [e.findtext(atom + "title") for e in feed.findall(atom + "entry")] == [
        "Bridge to <be> rebuilt", "Later meeting"]
    assert "We will rebuild the bridge." in (feed.findall(atom + "entry")[0].findtext(atom + "content") or "")


def test_site_feed_carries_summary_quotes_and_absolute_links() -> None:
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.fromstring(render()["feed.xml"])
    entry = feed.findall(atom + "entry")[0]
    content = entry.findtext(atom + "content") or ""
    assert "The bridge will be rebuilt." in content and "We will rebuild the bridge." in content
    assert 'href="https://example.github.io/digest/people/ann-lee/"' in content
    assert entry.findtext(atom + "summary", "").startswith("The bridge will be rebuilt.")
    assert [a.findtext(atom + "name") for a in entry.findall(atom + "author")] == ["Jo Writer"]


def test_extra_pages_are_linked_from_header_and_footer() -> None:
    files = render()
    index = text(files, "index.html")
    header = index[index.index('<header class="site-header">'):index.index("</header>")]
    footer = index[index.index('<footer class="site-footer">'):]
    assert 'href="/digest/about/"' in header and 'href="/digest/about/"' in footer
    assert "<p>About us.</p>" in text(files, "about/index.html")


@pytest.mark.parametrize(("href", "resolved"), [
    ("../people/", "/digest/people/"), ("/people/ann-lee/", "/digest/people/ann-lee/"),
    ("/digest/feed.xml", "/digest/feed.xml"), ("#top", "#top"), ("https://x.org/", "https://x.org/"),
    ("mailto:a@b.org", "mailto:a@b.org"), ("other/", "/digest/about/other/"),
])
def test_links_in_editor_pages_work_at_the_base_path(href: str, resolved: str) -> None:
    html = f'<p><a href="{href}">x</a></p>'
    urls = Urls("https://u.github.io/digest/", "/digest/")
    assert site_links(html, urls, "about/") == f'<p><a href="{resolved}">x</a></p>'


def test_an_original_story_link_is_only_made_for_web_addresses() -> None:
    site = sample_site()
    for url, shown in (("https://news.example.org/a", True), ("javascript:alert(1)", False)):
        article = replace(site.articles[0], seed=replace(site.articles[0].seed, url=url))
        page = text(render(replace(site, articles=(article, *site.articles[1:]))), "articles/bridge/index.html")
        assert (f'href="{url}"' in page) is shown


def test_an_extra_page_cannot_take_the_path_of_the_sites_own_pages() -> None:
    site = replace(sample_site(), pages=(Page("people", "People", "<p>x</p>", "content/pages/people.md"),))
    with pytest.raises(ContentError) as caught:
        render(site)
    assert "content/pages/people.md" in str(caught.value) and "slug" in str(caught.value)


def test_404_links_work_at_any_depth_and_is_not_indexed() -> None:
    page = text(render(), "404.html")
    hrefs = re.findall(r'href="([^"]+)"', page)
    assert hrefs and all(h.startswith(("/digest/", "#")) for h in hrefs)
    assert '<meta name="robots" content="noindex">' in page and 'rel="canonical"' not in page


def test_a_site_at_a_bare_path_has_no_absolute_urls_to_invent() -> None:
    files = render(base_url="/")
    assert "Sitemap" not in text(files, "robots.txt")
    assert '<link rel="canonical" href="/articles/bridge/">' in text(files, "articles/bridge/index.html")
    custom = render(base_url="https://news.example.org/")
    assert "Sitemap: https://news.example.org/sitemap.xml" in text(custom, "robots.txt")
    assert 'href="/people/ann-lee/"' in text(custom, "articles/bridge/index.html")


def test_rendering_is_a_pure_function_of_its_inputs() -> None:
    assert render() == render()
    later = replace(sample_site(), built=datetime(2030, 1, 1, tzinfo=UTC))
    assert render(later) == render(), "building unchanged stories again changes no file"
    assert isinstance(render_site(sample_site(), config_for(), Urls("/", "/"))[0], OutputFile)


def test_digest_json_lists_articles_quotes_and_people_with_urls() -> None:
    data = json.loads(render()["digest.json"])
    bridge = data["articles"][0]
    assert bridge["url"] == "https://example.github.io/digest/articles/bridge/"
    assert [q["speaker_url"] for q in bridge["quotes"]] == [
        "https://example.github.io/digest/people/ann-lee/", "https://example.github.io/digest/people/bob-kent/", None]
    assert data["people"][0]["quotes"][0]["url"] == "https://example.github.io/digest/articles/bridge/#quote-1"


# ---------------------------------------------------------------------------------------------- sample and hosting


def test_sample_article_page_and_stylesheet_are_small(project: Path) -> None:
    site = build(project / "site.yml").output
    article = next((site / "articles").iterdir()) / "index.html"
    assert article.stat().st_size < 40_000
    assert (site / "style.css").stat().st_size < 12_000
    css = (site / "style.css").read_text(encoding="utf-8")
    for feature in ("prefers-color-scheme: dark", "@media print", ":focus-visible", ".skip"):
        assert feature in css, feature


def test_pages_workflow_uses_the_official_actions_with_the_reported_base_url() -> None:
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    uses = [step["uses"].split("@")[0] for step in steps if "uses" in step]
    wanted = ["actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"]
    assert [u for u in uses if u in wanted] == wanted
    build_step = next(step for step in steps if "make build" in step.get("run", ""))
    assert "steps.pages.outputs.base_url" in json.dumps(build_step) and "BASE_URL=" in build_step["run"]
    upload = next(step for step in steps if step.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "_site"
    assert workflow["permissions"]["pages"] == "write" and workflow["permissions"]["id-token"] == "write"


def luminance(colour: str) -> float:
    """Return the WCAG relative luminance of a #rgb or #rrggbb colour."""
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    channels = [int(digits[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def palettes(css: str) -> dict[str, dict[str, str]]:
    """Return the colour variables of the light (first :root) and dark (prefers-color-scheme) palettes."""
    light = re.search(r":root\s*\{(.*?)\}", css, re.S)
    dark = re.search(r"prefers-color-scheme:\s*dark\)\s*\{\s*:root\s*\{(.*?)\}", css, re.S)
    assert light and dark
    return {name: dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{3,6})\b", block.group(1)))
            for name, block in (("light", light), ("dark", dark))}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_text_colours_meet_wcag_aa_on_every_background(scheme: str) -> None:
    palette = palettes((REPO / "static" / "style.css").read_text(encoding="utf-8"))[scheme]
    for text_colour in ("fg", "muted", "accent", "accent-hover"):
        for background in ("bg", "tint", "mark"):
            ratio = contrast(palette[text_colour], palette[background])
            assert ratio >= 4.5, f"{scheme}: --{text_colour} on --{background} is {ratio:.2f}:1"
    assert contrast(palette["focus"], palette["bg"]) >= 3, "focus outline stands out (WCAG 1.4.11)"
    assert contrast(palette["bg"], palette["accent"]) >= 4.5, "button text on the accent colour"


@pytest.mark.parametrize(("text", "line"), [
    ("---\ntitle: About\nslug: a: b\n---\nBody\n", 3),  # YAML syntax error on the third line of the file
    ("---\ntitle: [About]\n---\nBody\n", 2),  # a title that is no string
])
def test_page_front_matter_errors_give_the_line_in_the_file(text: str, line: int) -> None:
    with pytest.raises(ContentError) as caught:
        parse_page(text, "content/pages/about.md", "about")
    assert [p.line for p in caught.value.problems] == [line]
    assert str(caught.value).startswith(f"content/pages/about.md:{line}: ")


def test_page_unknown_front_matter_key_is_warned_about_with_its_line() -> None:
    page, problems = parse_page("---\ntitle: About\nmneu: x\n---\nBody\n", "content/pages/about.md", "about")
    assert page.title == "About"
    assert [str(p) for p in problems] == ["content/pages/about.md:3: unknown front-matter key 'mneu' (title, slug)"]


def test_page_front_matter_key_that_does_nothing_is_warned_about() -> None:
    _, problems = parse_page("---\ntitle: About\nmenu: false\n---\nBody\n", "content/pages/about.md", "about")
    assert [p.message for p in problems] == ["unknown front-matter key 'menu'"]


def test_every_bad_page_is_reported_at_once(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("---\ntitle: [A]\n---\nBody\n", encoding="utf-8")
    (tmp_path / "b.md").write_bytes(b"\xff\xfe not UTF-8\n")
    (tmp_path / "c.md").write_text("# Fine\n\nBody\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_pages(tmp_path)
    assert [(Path(p.file).name, p.line) for p in caught.value.problems] == [("a.md", 2), ("b.md", None)]


@pytest.mark.parametrize("text", [
    "---\ntitle: About us\n---",  # closing line at the end of the file, no newline after it
    "\ufeff---\ntitle: About us\n---\n",  # a byte-order mark, as some editors save
    "---\r\ntitle: About us\r\n---\r\n",
])
def test_page_front_matter_is_read_however_the_file_was_saved(text: str) -> None:
    page, problems = parse_page(text, "content/pages/about.md", "about")
    assert (page.title, page.html, problems) == ("About us", "", ())


def test_page_title_comes_from_a_heading_on_the_first_line_only() -> None:
    page, _ = parse_page("# About us", "content/pages/about.md", "about")
    assert (page.title, page.html) == ("About us", "")
    page, _ = parse_page("#\n\nFirst paragraph.\n", "content/pages/about-us.md", "about-us")
    assert page.title == "About Us" and "First paragraph." in page.html
