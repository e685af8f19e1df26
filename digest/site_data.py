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
_string: Callable[[str], str] = json.encoder.encode_basestring
"""JSON string of a str without escaping non-ASCII (the C function when available, as json.dumps uses)."""


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


ITEM_INDENT = "\n  "
"""What follows each line break inside an item of digest.json's "articles" and "people" lists."""


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
        **_head(title, urls, updated),
        "articles": articles,
        "people": [_person_data(person, urls, by_slug) for person in site.people],
    }
    return indented_json(payload) + "\n"


def article_item(
    article: Article, urls: Urls, speaker_slugs: Sequence[str | None], person_slug: Callable[[str], str | None]
) -> str:
    """Return one article as digest.json writes it in its "articles" list (see `joined_site_data`)."""
    parts: list[str] = []
    _encode_into(article_data(article, urls, speaker_slugs, person_slug), ITEM_INDENT, parts)
    return "".join(parts)


def person_item(person: Person, urls: Urls, articles: Mapping[str, Article]) -> str:
    """Return one person as digest.json writes it in its "people" list (see `joined_site_data`)."""
    parts: list[str] = []
    _encode_into(_person_data(person, urls, articles), ITEM_INDENT, parts)
    return "".join(parts)


def joined_site_data(
    title: str, urls: Urls, updated: datetime, articles: Sequence[bytes], people: Sequence[bytes],
    encode: Callable[[str], bytes],
) -> bytes:
    """Return digest.json from its items already encoded (`encode` of `article_item`s and `person_item`s).

    Equal byte for byte to `encode(site_data(...))` when `encode` maps concatenation to concatenation.
    """
    head = indented_json(_head(title, urls, updated))
    parts = [encode(head[:-2]), b',\n "articles": ']
    _join_list(articles, parts)
    parts.append(b',\n "people": ')
    _join_list(people, parts)
    parts.append(b"\n}\n")
    return b"".join(parts)


def _join_list(items: Sequence[bytes], parts: list[bytes]) -> None:
    """Append the indented JSON list of items encoded at ITEM_INDENT, inside the top-level object."""
    if not items:
        parts.append(b"[]")
        return
    separator = b"," + ITEM_INDENT.encode()
    parts.append(b"[" + ITEM_INDENT.encode())
    for item in items:
        parts.append(item)
        parts.append(separator)
    parts[-1] = b"\n ]"


def _head(title: str, urls: Urls, updated: datetime) -> dict[str, Any]:
    """Return the fields of digest.json before its lists."""
    return {"version": FORMAT_VERSION, "title": title, "url": urls.absolute(""), "updated": updated.isoformat()}


def indented_json(value: Any) -> str:
    """Return exactly `json.dumps(value, ensure_ascii=False, indent=1)`, several times faster."""
    parts: list[str] = []
    _encode_into(value, "\n", parts)
    return "".join(parts)


def _encode_into(value: Any, newline: str, parts: list[str]) -> None:
    """Append the indented JSON of one value whose line breaks are followed by `newline`'s indentation."""
    kind = type(value)
    if kind is str:
        parts.append(_string(value))
    elif value is None:
        parts.append("null")
    elif value is True:
        parts.append("true")
    elif value is False:
        parts.append("false")
    elif kind is int:
        parts.append(int.__repr__(value))
    elif kind is dict and all(type(key) is str for key in value):
        if not value:
            parts.append("{}")
            return
        inner = newline + " "
        separator = "{" + inner
        for key, item in value.items():
            parts.append(separator)
            parts.append(_string(key))
            parts.append(": ")
            _encode_into(item, inner, parts)
            separator = "," + inner
        parts.append(newline + "}")
    elif kind is list or kind is tuple:
        if not value:
            parts.append("[]")
            return
        inner = newline + " "
        separator = "[" + inner
        for item in value:
            parts.append(separator)
            _encode_into(item, inner, parts)
            separator = "," + inner
        parts.append(newline + "]")
    else:  # floats and anything unusual: the standard encoder, its lines shifted to this depth
        parts.append(json.dumps(value, ensure_ascii=False, indent=1).replace("\n", newline))


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
