"""Structured data for search engines: schema.org JSON-LD for articles and people, safe inside <script>."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from markupsafe import Markup

from digest.clock import iso_or_none
from digest.markup import clip
from digest.model import Article, Person
from digest.urls import Urls

_SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
HEADLINE_MAX = 110
"""Longest headline search engines accept in NewsArticle.headline."""


def script_json(data: object) -> Markup:
    """Return JSON to put inside a <script> (data or code); user text can never close the script."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in _SCRIPT_ESCAPES.items():
        text = text.replace(char, escaped)
    return Markup(text)


def _drop_empty(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if v not in (None, "", [], {})}


def news_article(
    article: Article, urls: Urls, site_title: str, mentioned: Sequence[tuple[str, str]]
) -> dict[str, Any]:
    """Return a schema.org NewsArticle; `mentioned` holds (name, person slug) of the people in it."""
    seed = article.seed
    url = urls.absolute(urls.article(article.slug))
    publisher = {"@type": "Organization", "name": seed.source or site_title}
    authors: list[dict[str, Any]] = [{"@type": "Person", "name": name} for name in seed.byline]
    if not authors:
        authors = [publisher]
    return _drop_empty({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": clip(seed.title, HEADLINE_MAX),
        "name": seed.title,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": iso_or_none(seed.published),
        "dateModified": iso_or_none(seed.updated or seed.published),
        "dateline": seed.dateline,
        "author": authors,
        "publisher": publisher,
        "description": " ".join(article.summary),
        "isBasedOn": seed.url,
        "keywords": list(seed.tags),
        "mentions": [
            {"@type": "Person", "name": name, "url": urls.absolute(urls.person(slug))} for name, slug in mentioned
        ],
    })


def person_data(person: Person, urls: Urls) -> dict[str, Any]:
    """Return a schema.org Person for a person page."""
    return _drop_empty({
        "@context": "https://schema.org",
        "@type": "Person",
        "name": person.name,
        "url": urls.absolute(urls.person(person.slug)),
        "alternateName": [a for a in person.aliases if a != person.name],
        "description": person.description,
        "jobTitle": list(dict.fromkeys(r.text for r in person.roles))[:3],
        "sameAs": [href for _, href in person.links],
    })


def website_data(urls: Urls, title: str, description: str) -> dict[str, Any]:
    """Return a schema.org WebSite for the index pages."""
    return _drop_empty({
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": title,
        "description": description,
        "url": urls.absolute(""),
    })
