"""Extra pages: content/pages/*.md, Markdown with optional YAML front matter (title, slug)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from markdown_it import MarkdownIt

from digest.config import load_yaml
from digest.errors import ConfigError, ContentError
from digest.model import Page, Problem

Parsed = TypeVar("Parsed")
"""What one Markdown file of a content folder is parsed into (a Page, a person profile)."""
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
_SLUG = re.compile(r"[^a-z0-9]+")
_KNOWN = frozenset({"title", "slug"})
_HEADING = re.compile(r"\A\s*#[ \t]+(.+?)[ \t]*(?:\r?\n|\Z)")
"""A first-level Markdown heading at the top of the body: the title when front matter gives none."""


def markdown_renderer() -> MarkdownIt:
    """Return the Markdown renderer for anything a user typed: raw HTML off, unsafe links dropped."""
    return MarkdownIt("js-default")


def split_front_matter(text: str, file: str) -> tuple[dict[str, object], str, dict[str, int]]:
    """Return (front matter, body, line in the file of each front-matter key) of a Markdown file."""
    text = text.removeprefix("\ufeff")  # a byte-order mark, as some editors save, is no text of the page
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text, {}
    try:
        data, lines = load_yaml(match.group(1), file, first_line=2)
    except ConfigError as exc:
        raise ContentError(exc.problems) from exc
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ContentError(Problem(file, "front matter must be a mapping", 2, "key: value lines"))
    key_lines = {path[0]: line for path, line in lines.items() if len(path) == 1}
    return {str(k): v for k, v in data.items()}, text[match.end():], key_lines


def parse_page(text: str, file: str, stem: str) -> tuple[Page, tuple[Problem, ...]]:
    """Turn the text of one content page into a Page."""
    meta, body, lines = split_front_matter(text, file)
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


def load_markdown_folder(
    folder: Path, parse: Callable[[str, Path], tuple[Parsed, tuple[Problem, ...]]]
) -> tuple[tuple[Parsed, ...], tuple[Problem, ...]]:
    """Parse every *.md file of a folder in name order; raise ContentError naming every bad one, return warnings."""
    if not folder.is_dir():
        return (), ()
    items: list[Parsed] = []
    warnings: list[Problem] = []
    errors: list[Problem] = []
    for path in sorted(folder.glob("*.md")):
        try:
            item, found = parse(path.read_text(encoding="utf-8"), path)
        except (OSError, UnicodeDecodeError) as exc:
            errors.append(Problem(str(path), f"cannot be read: {exc}", None, "a UTF-8 Markdown file"))
            continue
        except ContentError as exc:
            errors.extend(exc.problems)
            continue
        items.append(item)
        warnings.extend(found)
    if errors:
        raise ContentError(errors)
    return tuple(items), tuple(warnings)
