"""Extra pages: content/pages/*.md, Markdown with optional YAML front matter (title, slug)."""

from __future__ import annotations

import re
from pathlib import Path

from markdown_it import MarkdownIt

from digest.errors import ContentError
from digest.frontmatter import load_markdown_folder, read_front_matter
from digest.model import Page, Problem

_SLUG = re.compile(r"[^a-z0-9]+")
_KNOWN = frozenset({"title", "slug"})
_HEADING = re.compile(r"\A\s*#[ \t]+(.+?)[ \t]*(?:\r?\n|\Z)")
"""A first-level Markdown heading at the top of the body: the title when front matter gives none."""


def markdown_renderer() -> MarkdownIt:
    """Return the Markdown renderer for anything a user typed: raw HTML off, unsafe links dropped."""
    return MarkdownIt("js-default")


def parse_page(text: str, file: str, stem: str) -> tuple[Page, tuple[Problem, ...]]:
    """Turn the text of one content page into a Page."""
    meta, body, lines = read_front_matter(text, file, ContentError)
    problems = tuple(Problem(file, f"unknown front-matter key '{k}'", lines.get(k), "title, slug") for k in meta
                     if k not in _KNOWN)
    title = meta.get("title")
    if title is not None and not isinstance(title, str):
        raise ContentError(Problem(file, "'title' must be a string", lines.get("title"), "a string"))
    heading = _HEADING.match(body)
    if title is None and heading:
        title = heading.group(1).strip()
        body = body[heading.end():]
    raw_slug = meta.get("slug", stem)
    slug = _SLUG.sub("-", str(raw_slug).lower()).strip("-") or "page"
    html = markdown_renderer().render(body)
    return Page(slug=slug, title=title or stem.replace("-", " ").title(), html=html, source=file), problems


def load_pages(pages_dir: Path) -> tuple[tuple[Page, ...], tuple[Problem, ...]]:
    """Read every content/pages/*.md file; raise ContentError naming every bad one, return warnings."""
    return load_markdown_folder(pages_dir, lambda text, path: parse_page(text, str(path), path.stem))
