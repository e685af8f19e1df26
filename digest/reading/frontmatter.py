"""YAML front matter of Markdown seeds: split off, loaded safely, checked key by key."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from digest.errors import SeedError
from digest.frontmatter import FRONT_MATTER_LINE
from digest.frontmatter import load_front_matter as load_yaml_front_matter
from digest.frontmatter import split_front_matter as split_yaml_front_matter
from digest.model import Problem
from digest.reading.dates import local_zone, parse_date
from digest.reading.options import ReadOptions

_WEB_ADDRESS = re.compile(r"^https?://[^\s<>\"]+$", re.IGNORECASE)
KNOWN_KEYS = ("title", "date", "updated", "source", "url", "author", "tags", "summary", "slug", "draft", "dateline")


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """The checked fields of a seed's front matter; None or () when the key is absent."""

    title: str | None = None
    published: datetime | None = None
    updated: datetime | None = None
    source: str | None = None
    url: str | None = None
    authors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    summary: tuple[str, ...] = ()
    slug: str | None = None
    draft: bool = False
    dateline: str | None = None
    problems: tuple[Problem, ...] = ()


def split_front_matter(text: str, path: str, *, required_closing: bool = True) -> tuple[str | None, str, int]:
    """Return (YAML text or None, body, line number where the body starts).

    Without a closing "---", Markdown is an error; plain text just starts with a rule line.
    """
    return split_yaml_front_matter(text, path, SeedError, required_closing=required_closing)


def load_front_matter(yaml_text: str, path: str, options: ReadOptions) -> FrontMatter:
    """Load front matter safely (no anchors or aliases, no key twice) and check it key by key."""
    data, key_lines = load_yaml_front_matter(yaml_text, path, SeedError)
    return _check(data, key_lines, path, options)


def _check(data: dict[str, Any], key_lines: dict[str, int], path: str, options: ReadOptions) -> FrontMatter:
    """Check each key's type and turn values into FrontMatter fields."""
    errors: list[Problem] = []
    warnings: list[Problem] = []
    fields: dict[str, Any] = {}

    def problem(key: str, message: str, expected: str) -> Problem:
        return Problem(file=path, line=key_lines.get(key, FRONT_MATTER_LINE), message=message, expected=expected)

    def fail(key: str, expected: str) -> None:
        errors.append(
            problem(key, f"front-matter key '{key}' has the wrong type ({type(data[key]).__name__})", expected)
        )

    for key, value in data.items():
        name = str(key)
        if name not in KNOWN_KEYS:
            warnings.append(
                problem(name, f"unknown front-matter key '{name}' is ignored", "one of " + ", ".join(KNOWN_KEYS))
            )
            continue
        if value is None:
            continue
        if name in ("title", "source", "url", "slug", "dateline"):
            text = _text(value)
            if text is None:
                fail(name, "text")
            elif name == "url" and not _WEB_ADDRESS.match(text):
                message = f"front-matter 'url' is not a web address and is dropped: {text[:60]!r}"
                warnings.append(problem(name, message, "an http:// or https:// address"))
            else:
                fields[name] = text
        elif name in ("date", "updated"):
            when = _when(value, options)
            if when is None:
                message = f"front-matter key '{name}' is not a date: {str(value)[:60]!r}"
                errors.append(problem(name, message, "e.g. 2023-06-11 or 2023-06-11T20:46:00+05:30"))
            else:
                fields["published" if name == "date" else "updated"] = when
        elif name in ("author", "tags", "summary"):
            items = _texts(value, split_commas=name == "tags")
            if items is None:
                fail(name, "text or a list of texts")
            else:
                fields["authors" if name == "author" else name] = items
        elif name == "draft":
            if isinstance(value, bool):
                fields["draft"] = value
            else:
                fail(name, "true or false")
    if errors:
        raise SeedError(errors)
    return FrontMatter(**fields, problems=tuple(warnings))


def _text(value: Any) -> str | None:
    """Return a scalar as text (numbers allowed, e.g. a title "1984"); None for lists, maps, booleans."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float, date)):
        return None
    return str(value).strip()


def _texts(value: Any, *, split_commas: bool) -> tuple[str, ...] | None:
    """Return a text or list of texts as a tuple; None when it is something else."""
    if isinstance(value, list):
        items = [_text(item) for item in value]
        if any(item is None for item in items):
            return None
        return tuple(item for item in items if item)
    text = _text(value)
    if text is None:
        return None
    parts = text.split(",") if split_commas else [text]
    return tuple(part.strip() for part in parts if part.strip())


def _when(value: Any, options: ReadOptions) -> datetime | None:
    """Return an aware datetime from a YAML date, datetime or date text."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=local_zone(options))
    if isinstance(value, date):
        return datetime.combine(value, time(0, 0), tzinfo=local_zone(options))
    if isinstance(value, str):
        return parse_date(value, options)
    return None
