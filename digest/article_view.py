"""An article made ready for its page: quotes with anchors, the text marked up, the people with pages."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from digest.markup import Span, fits, mark_up
from digest.model import Article, Quote
from digest.urls import Urls


@dataclass(frozen=True, slots=True)
class QuoteView:
    """A quote as shown on a page: with its article, anchor and the speaker's person page."""

    quote: Quote
    article: Article
    anchor: str
    """Id of the quote's place in the story text (the paragraph's id when the quote cannot be marked)."""
    person_slug: str | None


@dataclass(frozen=True, slots=True)
class BodyBlock:
    """One block of an article's text, ready for the page."""

    kind: str
    """"paragraph" or "subheading"."""
    html: Markup
    id: str


@dataclass(frozen=True, slots=True)
class StoryPerson:
    """A person of one story who has a person page."""

    name: str
    slug: str
    role: str | None
    quoted: int


@dataclass(frozen=True, slots=True)
class ArticleView:
    """An article with everything its page, feeds and lists need."""

    article: Article
    quotes: tuple[QuoteView, ...]
    body: tuple[BodyBlock, ...]
    people: tuple[StoryPerson, ...]


def view_article(
    article: Article, urls: Urls, person_links: Mapping[tuple[str, str], str],
    names: Mapping[str, str] | None = None,
) -> ArticleView:
    """Mark up an article: quotes wrapped with anchors, each person's first clear mention linked.

    `names` maps the slug of every person page to the name it shows; links to other slugs are not made.
    """
    person_links = _links_with_pages(article, person_links, names)
    spans: dict[int, list[Span]] = {}
    quotes = _quote_views(article, _place_quotes(article, spans), person_links)
    people = _link_people(article, urls, person_links, names, spans)
    return ArticleView(article, quotes, _body(article, spans), people)


def quote_views(
    article: Article, person_links: Mapping[tuple[str, str], str], names: Mapping[str, str] | None = None,
) -> tuple[QuoteView, ...]:
    """Return the quotes of `view_article(article, …)` without marking up the text (quotes are placed first)."""
    person_links = _links_with_pages(article, person_links, names)
    return _quote_views(article, _place_quotes(article, {}), person_links)


def _links_with_pages(
    article: Article, person_links: Mapping[tuple[str, str], str], names: Mapping[str, str] | None,
) -> Mapping[tuple[str, str], str]:
    """Return the article's person links that lead to a page in `names` (all links when there are no names)."""
    if names is None:
        return person_links
    # only this article's keys: filtering every link of the site per article is quadratic
    wanted = [(article.slug, p.name) for p in article.people]
    wanted += [(article.slug, q.speaker) for q in article.quotes if q.speaker]
    return {key: person_links[key] for key in wanted if person_links.get(key) in names}


def _quote_views(
    article: Article, anchors: Sequence[str], person_links: Mapping[tuple[str, str], str],
) -> tuple[QuoteView, ...]:
    """Return each quote with its anchor and the page of its speaker (none for organisations)."""
    return tuple(
        QuoteView(quote, article, anchor,
                  None if quote.speaker_is_organisation or not quote.speaker
                  else person_links.get((article.slug, quote.speaker)))
        for quote, anchor in zip(article.quotes, anchors, strict=True)
    )


def _place_quotes(article: Article, spans: dict[int, list[Span]]) -> list[str]:
    """Add a span for every quote that can be marked to `spans` (by paragraph); return each quote's anchor."""
    paragraphs = article.seed.paragraphs
    anchors: list[str] = []
    for number, quote in enumerate(article.quotes, start=1):
        anchor = f"quote-{number}"
        span = Span(quote.start, quote.end, Markup('<span class="quote" id="{}">').format(anchor), Markup("</span>"))
        placed = spans.setdefault(quote.paragraph, [])
        if 0 <= quote.paragraph < len(paragraphs) and fits(span, paragraphs[quote.paragraph], placed):
            placed.append(span)
            anchors.append(anchor)
        else:
            anchors.append(f"p-{quote.paragraph + 1}" if 0 <= quote.paragraph < len(paragraphs) else "story-text")
    return anchors


def _link_people(
    article: Article, urls: Urls, person_links: Mapping[tuple[str, str], str], names: Mapping[str, str] | None,
    spans: dict[int, list[Span]],
) -> tuple[StoryPerson, ...]:
    """Return the story's people who have a page; add a link on the first mention of each that can take one."""
    paragraphs = article.seed.paragraphs
    people: list[StoryPerson] = []
    for person in article.people:
        slug = person_links.get((article.slug, person.name))
        if slug is None:
            continue
        shown = names.get(slug, person.name) if names is not None else person.name
        people.append(StoryPerson(shown, slug, person.roles[0] if person.roles else None, person.quoted))
        link = Markup('<a class="person" href="{}">').format(urls.path(urls.person(slug)))
        for mention in person.mentions:
            if not 0 <= mention.paragraph < len(paragraphs):
                continue
            span = Span(mention.start, mention.end, link, Markup("</a>"))
            placed = spans.setdefault(mention.paragraph, [])
            if fits(span, paragraphs[mention.paragraph], placed) and not _inside_link(span, placed):
                placed.append(span)
                break
    return tuple(people)


def _body(article: Article, spans: Mapping[int, Sequence[Span]]) -> tuple[BodyBlock, ...]:
    """Return the story text block by block: paragraphs with their spans marked up, subheadings escaped."""
    paragraphs = article.seed.paragraphs
    body: list[BodyBlock] = []
    index = 0
    for number, block in enumerate(article.seed.body, start=1):
        if block.kind == "paragraph":
            body.append(BodyBlock("paragraph", mark_up(paragraphs[index], spans.get(index, ())), f"p-{index + 1}"))
            index += 1
        else:
            body.append(BodyBlock("subheading", escape(block.text), f"section-{number}"))
    return tuple(body)


def _inside_link(span: Span, placed: Sequence[Span]) -> bool:
    """Return True when a span would overlap a link already placed (links cannot nest)."""
    return any(p.open.startswith("<a ") and p.start < span.end and span.start < p.end for p in placed)
