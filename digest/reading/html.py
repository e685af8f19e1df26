"""Saved web pages (.html) read with trafilatura, the optional extra `digest[html]`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from digest.errors import SeedError
from digest.model import Problem

HTML_EXTRA = "pip install 'digest[html]' (it brings trafilatura)"
_META_TIME = re.compile(
    r"""(?:property|name|itemprop)\s*=\s*["'](?:article:published_time|og:published_time|datePublished|date|pubdate|publishdate|dc\.date)["'][^>]{0,200}?content\s*=\s*["'](?P<a>[^"']{6,40})["']"""
    r"""|content\s*=\s*["'](?P<b>[^"']{6,40})["'][^>]{0,200}?(?:property|name|itemprop)\s*=\s*["'](?:article:published_time|datePublished)["']"""
    r"""|"datePublished"\s*:\s*"(?P<c>[^"]{6,40})\"""",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class WebPage:
    """What trafilatura found in a saved page."""

    title: str | None
    date_text: str | None
    """The publication time as the page gives it (ISO 8601 when from meta tags)."""
    authors: tuple[str, ...]
    source: str | None
    url: str | None
    blocks: tuple[tuple[str, str], ...]
    """(kind, text) with kind "heading" or "paragraph", in reading order."""


def read_web_page(html: str, path: str) -> WebPage:
    """Extract title, date, authors and main text from HTML; SeedError if trafilatura is missing."""
    try:
        import trafilatura
    except ImportError:
        raise SeedError(
            Problem(
                file=path,
                message="is a saved web page, and reading .html seeds needs the optional extra digest[html]",
                expected=HTML_EXTRA,
            )
        ) from None
    document: Any = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False)
    if document is None or document.body is None:
        raise SeedError(
            Problem(
                file=path, message="is a web page in which no article text was found", expected="a saved article page"
            )
        )
    blocks: list[tuple[str, str]] = []
    for element in document.body:
        kind = "heading" if element.tag == "head" else "paragraph"
        if element.tag == "list":
            blocks.extend(("paragraph", _text_of(item)) for item in element if _text_of(item))
        elif _text_of(element):
            blocks.append((kind, _text_of(element)))
    meta = _META_TIME.search(html[:200_000])
    date_text = next((g for g in meta.groups() if g), None) if meta else None
    authors = tuple(a.strip() for a in re.split(r";|\band\b|,", document.author or "") if a.strip())
    return WebPage(
        title=document.title or None,
        date_text=date_text or document.date or None,
        authors=authors,
        source=document.sitename or None,
        url=document.url or None,
        blocks=tuple(blocks),
    )


def _text_of(element: Any) -> str:
    """Return the text inside an element with whitespace collapsed."""
    return " ".join("".join(element.itertext()).split())
