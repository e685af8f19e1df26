"""Site configuration: `site.yml` loaded and validated up front, every problem reported at once."""

from __future__ import annotations

import difflib
import re
import zoneinfo
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from digest.errors import ConfigError
from digest.frontmatter import load_yaml
from digest.model import Problem
from digest.reading import ReadOptions

DateOrder = Literal["DMY", "MDY"]
_OFFSET = re.compile(r"^[+-]\d{2}:\d{2}$")
INPUT_DIRS = ("seeds_dir", "content_dir", "templates_dir", "static_dir")
"""The settings naming folders a site is built from (the output folder must stay clear of them)."""


@dataclass(frozen=True, slots=True)
class SiteConfig:
    """Validated settings of one site; paths are absolute, resolved against the folder of site.yml."""

    root: Path
    """Folder holding site.yml; relative paths are resolved against it."""
    title: str = "digest"
    """Name of the site, shown in the header and feeds."""
    description: str = ""
    """One-sentence description for the index, feeds and meta tags."""
    base_url: str = "/"
    """Where the site is hosted, e.g. https://example.github.io/digest/ (always ends with /)."""
    language: str = "en"
    """BCP 47 language tag of the site, set as <html lang>."""
    timezone: str = "UTC"
    """IANA zone for times given without one, and for grouping the index by day."""
    seeds_dir: Path = Path("seeds")
    """Folder of input articles."""
    content_dir: Path = Path("content")
    """Editorial layer: people/*.md profiles, pages/*.md extra pages."""
    templates_dir: Path = Path("templates")
    """Jinja2 templates."""
    static_dir: Path = Path("static")
    """Files copied as they are into the output (CSS, icons)."""
    output_dir: Path = Path("_site")
    """Where the site is written; replaced whole at the end of a build."""
    cache_dir: Path = Path(".digest-cache")
    """Extraction cache; safe to delete."""
    per_page: int = 20
    """Stories per index page."""
    feed_items: int = 50
    """Newest stories in the Atom feed."""
    summary_sentences: int = 3
    """`summary.sentences`: most sentences in a generated summary."""
    summary_max_words: int = 75
    """`summary.max_words`: most words in a generated summary."""
    prefer_highlights: bool = False
    """`summary.prefer_highlights`: use the publisher's highlights as the summary when present."""
    date_order: DateOrder = "DMY"
    """How to read numeric dates such as 11/06/2023: DMY or MDY."""
    zones: tuple[tuple[str, str], ...] = ()
    """Zone abbreviation overrides, e.g. IST: "+05:30"."""
    boilerplate: tuple[str, ...] = ()
    """Extra regular expressions of lines to drop from seeds."""
    sources: tuple[tuple[str, str], ...] = ()
    """File-name glob -> publisher name."""
    max_seed_bytes: int = 2_000_000
    """Seeds larger than this are skipped with a warning."""
    search: bool = True
    """Build the Pagefind search index."""

    def path(self, name: str) -> Path:
        """Return the absolute path of one of the *_dir settings."""
        value: Path = getattr(self, name)
        return value if value.is_absolute() else (self.root / value)

    @property
    def base_path(self) -> str:
        """Return the path part of base_url, e.g. "/digest/"."""
        match = re.match(r"^[a-z][a-z0-9+.-]*://[^/]+(/.*)?$", self.base_url, re.I)
        path = (match.group(1) if match else self.base_url) or "/"
        return path if path.endswith("/") else path + "/"

    def read_options(self) -> ReadOptions:
        """Return the options the reading stage needs."""
        return ReadOptions(
            timezone=self.timezone,
            date_order=self.date_order,
            zones=self.zones,
            boilerplate=self.boilerplate,
            sources=self.sources,
            max_seed_bytes=self.max_seed_bytes,
        )


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None


def _bool(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


def _path(value: Any) -> Path | None:
    return Path(value) if isinstance(value, str) and value.strip() else None


def _base_url(value: Any) -> str | None:
    if not isinstance(value, str) or not re.match(r"^(https?://[^/\s]+)?/[^\s]*$|^https?://[^/\s]+$", value):
        return None
    return value if value.endswith("/") else value + "/"


def _timezone(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None
    return value


def _date_order(value: Any) -> DateOrder | None:
    return "DMY" if value == "DMY" else "MDY" if value == "MDY" else None


def _zones(value: Any) -> tuple[tuple[str, str], ...] | None:
    if not isinstance(value, dict):
        return None
    pairs = [(str(k), str(v)) for k, v in value.items()]
    if not all(_OFFSET.match(v) for _, v in pairs):
        return None
    return tuple(sorted(pairs))


def _patterns(value: Any) -> tuple[str, ...] | None:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return None
    try:
        for v in value:
            re.compile(v)
    except re.error:
        return None
    return tuple(value)


def _sources(value: Any) -> tuple[tuple[str, str], ...] | None:
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        return None
    return tuple((str(k), v) for k, v in value.items())


_Field = tuple[str, Callable[[Any], Any], str]

# key in site.yml -> (SiteConfig attribute, parser returning None when invalid, what is expected)
_FIELDS: dict[str, _Field] = {
    "title": ("title", _str, "a string"),
    "description": ("description", _str, "a string"),
    "base_url": ("base_url", _base_url, "an http(s) URL or a path starting with /"),
    "language": ("language", _str, "a language tag such as en"),
    "timezone": ("timezone", _timezone, "an IANA time zone such as Europe/London"),
    "seeds_dir": ("seeds_dir", _path, "a folder path"),
    "content_dir": ("content_dir", _path, "a folder path"),
    "templates_dir": ("templates_dir", _path, "a folder path"),
    "static_dir": ("static_dir", _path, "a folder path"),
    "output_dir": ("output_dir", _path, "a folder path"),
    "cache_dir": ("cache_dir", _path, "a folder path"),
    "per_page": ("per_page", _int, "a positive whole number"),
    "feed_items": ("feed_items", _int, "a positive whole number"),
    "date_order": ("date_order", _date_order, "DMY or MDY"),
    "zones": ("zones", _zones, 'a mapping of abbreviations to offsets such as IST: "+05:30"'),
    "boilerplate": ("boilerplate", _patterns, "a list of regular expressions"),
    "sources": ("sources", _sources, "a mapping of file-name patterns to publisher names"),
    "max_seed_bytes": ("max_seed_bytes", _int, "a positive whole number of bytes"),
    "search": ("search", _bool, "true or false"),
}
_SUMMARY_FIELDS: dict[str, _Field] = {
    "sentences": ("summary_sentences", _int, "a positive whole number"),
    "max_words": ("summary_max_words", _int, "a positive whole number"),
    "prefer_highlights": ("prefer_highlights", _bool, "true or false"),
}


def _suggest(key: str, known: list[str]) -> str:
    close = difflib.get_close_matches(key, known, n=1)
    return f"did you mean '{close[0]}'?" if close else "known keys: " + ", ".join(sorted(known))


def _settings(data: Mapping[Any, Any]) -> Iterator[tuple[tuple[str, ...], Any, Mapping[str, _Field]]]:
    """Yield (key path, value, the fields it may name) of every setting, those of the summary section included."""
    for key, value in data.items():
        if str(key) == "summary" and isinstance(value, dict):
            for inner, setting in value.items():
                yield ("summary", str(inner)), setting, _SUMMARY_FIELDS
        else:
            yield (str(key),), value, _FIELDS


def parse_config(text: str, file: str, root: Path) -> tuple[SiteConfig, tuple[Problem, ...]]:
    """Validate the text of site.yml; return the config and warnings or raise ConfigError with every error."""
    data, lines = load_yaml(text, file, ConfigError)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(Problem(file, "site.yml must be a mapping of settings", 1, "key: value lines"))
    values: dict[str, Any] = {}
    errors: list[Problem] = []
    warnings: list[Problem] = []
    for path, value, fields in _settings(data):
        key, line, label = path[-1], lines.get(path), ".".join(path)
        if path == ("summary",):  # a summary section that is no mapping
            errors.append(Problem(file, f"'{label}' has the wrong type", line, "a mapping"))
        elif key not in fields:
            hint = _suggest(key, [*fields, "summary"] if len(path) == 1 else list(fields))
            warnings.append(Problem(file, f"unknown key '{label}'", line, hint))
        elif (parsed := fields[key][1](value)) is None:
            errors.append(Problem(file, f"'{label}' has an invalid value {value!r}", line, fields[key][2]))
        else:
            values[fields[key][0]] = parsed
    config = SiteConfig(root=root, **values)
    errors.extend(_folder_problems(config, file, lines))
    if errors:
        raise ConfigError(errors)
    return config, tuple(warnings)


def _folder_problems(config: SiteConfig, file: str, lines: Mapping[tuple[str, ...], int]) -> list[Problem]:
    """Return what is wrong with the folders: files where folders belong, an output folder over the inputs."""
    problems: list[Problem] = []
    out = config.path("output_dir").resolve()
    for name in INPUT_DIRS:
        folder = config.path(name).resolve()
        if folder.is_relative_to(out) or out.is_relative_to(folder):
            problems.append(Problem(file, f"'output_dir' would overwrite '{name}'", lines.get(("output_dir",)),
                                    "a folder of its own such as _site"))
    for name in (*INPUT_DIRS, "output_dir", "cache_dir"):
        folder = config.path(name)
        if folder.exists() and not folder.is_dir():
            problems.append(Problem(file, f"'{name}' points at a file: {folder}", lines.get((name,)), "a folder"))
    root = config.root.resolve()
    if out == root or root.is_relative_to(out):
        problems.append(Problem(file, "'output_dir' points at the project itself", lines.get(("output_dir",)),
                                "a folder of its own such as _site"))
    return problems


def load_config(path: Path) -> tuple[SiteConfig, tuple[Problem, ...]]:
    """Read and validate site.yml; a missing file gives the defaults with the project folder as root."""
    root = path.parent.resolve()
    if not path.exists():
        return SiteConfig(root=root), ()
    if not path.is_file():
        raise ConfigError(Problem(str(path), "is not a file", None, "a YAML file"))
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(Problem(str(path), f"cannot be read: {exc}", None, "a UTF-8 YAML file")) from exc
    return parse_config(text, str(path), root)
