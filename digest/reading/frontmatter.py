"""YAML front matter of Markdown seeds: split off, loaded safely, checked key by key."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

import yaml

from digest.errors import SeedError
from digest.model import Problem
from digest.reading.dates import local_zone, parse_date
from digest.reading.options import ReadOptions

MAX_FRONT_MATTER_BYTES = 65_536
_WEB_ADDRESS = re.compile(r"^https?://[^\s<>\"]+$", re.IGNORECASE)
KNOWN_KEYS = ("title", "date", "updated", "source", "url", "author", "tags", "summary", "slug", "draft", "dateline")
_OPENING = re.compile(r"---[ \t]*\n")
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


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
    opening = _OPENING.match(text)
    if opening is None:
        return None, text, 1
    closing = _CLOSING.search(text, opening.end())
    if closing is None and not required_closing:
        return None, text, 1
    if closing is None:
        raise SeedError(
            Problem(file=path, line=1, message="front matter is never closed", expected="a line '---' after the YAML")
        )
    yaml_text = text[text.index("\n") + 1 : closing.start()]
    body_start = closing.end() + 1
    return yaml_text, text[body_start:], text.count("\n", 0, body_start) + 1


def load_front_matter(yaml_text: str, path: str, options: ReadOptions) -> FrontMatter:
    """Load front matter with yaml.safe_load, refusing anchors and aliases; errors name the key."""
    if len(yaml_text.encode("utf-8")) > MAX_FRONT_MATTER_BYTES:
        raise SeedError(
            Problem(
                file=path,
                line=2,
                message="front matter is too large",
                expected=f"at most {MAX_FRONT_MATTER_BYTES:,} bytes",
            )
        )
    try:
        # Anchors and aliases are refused before anything is built: they are what
        # "billion laughs" bombs are made of, and no seed needs them.
        for token in yaml.scan(yaml_text, Loader=yaml.SafeLoader):
            if isinstance(token, (yaml.AnchorToken, yaml.AliasToken)):
                raise SeedError(
                    Problem(
                        file=path,
                        line=token.start_mark.line + 2,
                        message="front matter uses a YAML anchor or alias",
                        expected="plain keys and values without & or *",
                    )
                )
        data = yaml.safe_load(yaml_text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        if mark is not None and mark.index >= len(yaml_text.rstrip()):
            # Found only at the end ("unclosed ["): point at where the open construct began.
            mark = getattr(err, "context_mark", None) or mark
        line = mark.line + 2 if mark is not None else 2
        reason = getattr(err, "problem", None) or str(err).splitlines()[0]
        raise SeedError(
            Problem(
                file=path, line=line, message=f"front matter is not valid YAML: {reason}", expected="key: value lines"
            )
        ) from None
    if data is None:
        return FrontMatter()
    if not isinstance(data, dict):
        raise SeedError(
            Problem(file=path, line=2, message="front matter is not a mapping", expected="key: value lines")
        )
    return _check(data, yaml_text, path, options)


def _check(data: dict[Any, Any], yaml_text: str, path: str, options: ReadOptions) -> FrontMatter:
    """Check each key's type and turn values into FrontMatter fields."""
    errors: list[Problem] = []
    warnings: list[Problem] = []
    fields: dict[str, Any] = {}

    def problem(key: str, message: str, expected: str) -> Problem:
        return Problem(file=path, line=_line_of(yaml_text, key), message=message, expected=expected)

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


def _line_of(yaml_text: str, key: str) -> int:
    """Return the seed line of a top-level key (front matter starts on line 2)."""
    match = re.search(rf"^{re.escape(key)}\s*:", yaml_text, re.MULTILINE)
    return yaml_text.count("\n", 0, match.start()) + 2 if match else 2
