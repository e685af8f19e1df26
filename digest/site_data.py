"""digest.json: every article, quote and person of the site with their URLs, for reuse by others."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from functools import partial
from typing import Any

from digest.clock import iso_or_none
from digest.model import Article, Person, Quote, Site
from digest.urls import Urls

FORMAT_VERSION = 1


def article_data(
    article: Article, urls: Urls, speaker_slugs: Sequence[str | None], person_slug: Callable[[str], str | None]
) -> dict[str, Any]:
    """Return one article with its quotes (speaker_slugs[i] is the page of quote i's speaker)."""
    seed = article.seed
    url = urls.absolute(urls.article(article.slug))
    return {
        "slug": article.slug,
        "url": url,
        "title": seed.title,
        "published": iso_or_none(seed.published),
        "updated": iso_or_none(seed.updated),
        "source": seed.source,
        "original_url": seed.url,
        "byline": list(seed.byline),
        "dateline": seed.dateline,
        "summary": list(article.summary),
        "highlights": list(seed.highlights),
        "quotes": [
            {
                "id": f"quote-{n}",
                "url": f"{url}#quote-{n}",
                "text": quote.text,
                "kind": quote.kind,
                "speaker": quote.speaker,
                "speaker_role": quote.speaker_role,
                "speaker_is_organisation": quote.speaker_is_organisation,
                "speaker_slug": slug,
                "speaker_url": urls.absolute(urls.person(slug)) if slug else None,
            }
            for n, (quote, slug) in enumerate(zip(article.quotes, speaker_slugs, strict=True), start=1)
        ],
        "people": [
            {
                "name": person.name,
                "roles": list(person.roles),
                "quotes": person.quoted,
                "slug": (slug := person_slug(person.name)),
                "url": urls.absolute(urls.person(slug)) if slug else None,
            }
            for person in article.people
        ],
    }


def site_data(
    site: Site, urls: Urls, title: str, speaker_slugs: Mapping[str, Sequence[str | None]], updated: datetime
) -> str:
    """Return digest.json; `speaker_slugs` maps an article slug to the person page of each of its quotes."""
    by_slug = {article.slug: article for article in site.articles}
    pages = {person.slug for person in site.people}
    links = {key: slug for key, slug in site.person_links.items() if slug in pages}
    articles = [
        article_data(article, urls, speaker_slugs[article.slug], partial(_person_slug, links, article.slug))
        for article in site.articles
    ]
    payload = {
        "version": FORMAT_VERSION,
        "title": title,
        "url": urls.absolute(""),
        "updated": updated.isoformat(),
        "articles": articles,
        "people": [_person_data(person, urls, by_slug) for person in site.people],
    }
    return json.dumps(payload, ensure_ascii=False, indent=1) + "\n"


def _person_data(person: Person, urls: Urls, articles: Mapping[str, Article]) -> dict[str, Any]:
    """Return one person with their roles, stories and quotes."""
    return {
        "slug": person.slug,
        "url": urls.absolute(urls.person(person.slug)),
        "feed": urls.absolute(urls.person_feed(person.slug)),
        "name": person.name,
        "aliases": list(person.aliases),
        "description": person.description,
        "roles": [{"text": r.text, "article": r.article_slug} for r in person.roles],
        "articles": list(person.article_slugs),
        "mentions": person.mentions,
        "first_seen": iso_or_none(person.first_seen),
        "last_seen": iso_or_none(person.last_seen),
        "appears_with": [{"slug": slug, "stories": count} for slug, count in person.appears_with],
        "quotes": [
            {
                "text": pq.quote.text,
                "article": pq.article_slug,
                "url": _quote_url(articles, urls, pq.article_slug, pq.quote),
                "published": iso_or_none(pq.published),
            }
            for pq in person.quotes
        ],
    }


def _person_slug(links: Mapping[tuple[str, str], str], article_slug: str, name: str) -> str | None:
    return links.get((article_slug, name))


def _quote_url(articles: Mapping[str, Article], urls: Urls, article_slug: str, quote: Quote) -> str:
    """Return the URL of a quote in its story (the story itself when the quote is not found there)."""
    url = urls.absolute(urls.article(article_slug))
    article = articles.get(article_slug)
    if article is not None and quote in article.quotes:
        return f"{url}#quote-{article.quotes.index(quote) + 1}"
    return url
