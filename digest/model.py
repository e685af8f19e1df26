"""Frozen data passed between the stages of a build: read -> extract -> assemble -> render."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

BlockKind = Literal["paragraph", "subheading"]
QuoteKind = Literal["direct", "partial"]


@dataclass(frozen=True, slots=True)
class Problem:
    """A warning or error about one input file, printed as `file[:line]: message (expected)`."""

    file: str
    """Path of the file at fault, as the user would type it."""
    message: str
    """What went wrong."""
    line: int | None = None
    """1-based line number, when it helps."""
    expected: str | None = None
    """What was expected instead, when it helps."""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        tail = f" ({self.expected})" if self.expected else ""
        return f"{where}: {self.message}{tail}"


@dataclass(frozen=True, slots=True)
class Caption:
    """A photo caption and who took or supplied the photo."""

    text: str
    credit: str | None = None


@dataclass(frozen=True, slots=True)
class Block:
    """One piece of an article body: a paragraph or a subheading, as plain text."""

    kind: BlockKind
    text: str


@dataclass(frozen=True, slots=True)
class Seed:
    """One input article as read from disk, before any extraction."""

    path: str
    """Path of the seed file, relative to the project when possible."""
    slug: str
    """URL-safe ASCII name of the article page (made unique during assembly)."""
    title: str
    body: tuple[Block, ...]
    """Paragraphs and subheadings in reading order, boilerplate removed."""
    byline: tuple[str, ...] = ()
    """Names of the writers or editors."""
    dateline: str | None = None
    """Place the story was filed from, e.g. "New Delhi"."""
    agency: str | None = None
    """News agency named in a wire dateline, e.g. "Reuters"."""
    published: datetime | None = None
    """Publication time, always timezone-aware when present."""
    updated: datetime | None = None
    source: str | None = None
    """Publisher, e.g. "WION"."""
    url: str | None = None
    """Address of the original story."""
    caption: Caption | None = None
    highlights: tuple[str, ...] = ()
    """Publisher's own "Story highlights" bullet points."""
    tags: tuple[str, ...] = ()
    summary: tuple[str, ...] = ()
    """A summary given in front matter; replaces the generated one."""
    draft: bool = False
    problems: tuple[Problem, ...] = ()
    """Warnings found while reading."""

    @property
    def paragraphs(self) -> tuple[str, ...]:
        """Return the body paragraphs (without subheadings); quote offsets index into these."""
        return tuple(b.text for b in self.body if b.kind == "paragraph")


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation found in an article and who said it."""

    text: str
    """The quoted words without the quote marks; equals paragraph[start:end]."""
    speaker: str | None
    """Full name of the speaker (a person of the article, or an organisation), or None if unsure."""
    speaker_role: str | None
    """The speaker's role as the story gives it, e.g. "Navalny's longtime chief of staff"."""
    kind: QuoteKind
    """"direct" for a whole quoted statement, "partial" for a fragment inside reported speech."""
    paragraph: int
    """Index into Seed.paragraphs."""
    start: int
    end: int
    speaker_is_organisation: bool = False
    """True when the speaker is an organisation ("the ministry said"), which never gets a page."""


@dataclass(frozen=True, slots=True)
class Mention:
    """Where a person's name occurs: paragraph index and character offsets into it."""

    paragraph: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ArticlePerson:
    """A person named in one article."""

    name: str
    """Canonical full name, honorifics stripped, e.g. "Vladimir Putin"."""
    aliases: tuple[str, ...]
    """Other forms used in the story, e.g. ("Putin", "President Putin")."""
    roles: tuple[str, ...]
    """Roles the story gives, e.g. ("Russian President",)."""
    mentions: tuple[Mention, ...]
    """Every mention in the body, in reading order."""
    quoted: int = 0
    """How many quotes of the article are attributed to this person."""


@dataclass(frozen=True, slots=True)
class Article:
    """A seed with everything extraction found in it."""

    seed: Seed
    summary: tuple[str, ...]
    quotes: tuple[Quote, ...]
    people: tuple[ArticlePerson, ...]
    problems: tuple[Problem, ...] = ()
    """Warnings from reading and extraction."""

    @property
    def slug(self) -> str:
        """Return the article's slug."""
        return self.seed.slug


@dataclass(frozen=True, slots=True)
class Role:
    """A role a person was given in one story."""

    text: str
    article_slug: str
    published: datetime | None


@dataclass(frozen=True, slots=True)
class PersonQuote:
    """A quote of a person together with the story it came from."""

    quote: Quote
    article_slug: str
    published: datetime | None


@dataclass(frozen=True, slots=True)
class Person:
    """One real person across the whole digest: the subject of a person page."""

    slug: str
    name: str
    aliases: tuple[str, ...]
    roles: tuple[Role, ...]
    """Deduplicated, newest first."""
    quotes: tuple[PersonQuote, ...]
    """Newest first."""
    article_slugs: tuple[str, ...]
    """Stories the person appears in, newest first."""
    appears_with: tuple[tuple[str, int], ...]
    """(person slug, stories shared), strongest first."""
    mentions: int = 0
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    description: str | None = None
    """One-line description from content/people/<slug>.md."""
    bio_html: str = ""
    """Rendered (safe) Markdown bio from content/people/<slug>.md."""
    links: tuple[tuple[str, str], ...] = ()
    """(label, url) pairs from the profile."""


@dataclass(frozen=True, slots=True)
class Page:
    """An extra page from content/pages/*.md, e.g. About."""

    slug: str
    title: str
    html: str
    """Body rendered from Markdown with raw HTML disabled."""
    source: str
    """Path of the Markdown file."""


@dataclass(frozen=True, slots=True)
class Site:
    """Everything the renderer needs: articles, people and the links between them."""

    articles: tuple[Article, ...]
    """Newest first; undated articles last."""
    people: tuple[Person, ...]
    """Sorted by slug."""
    pages: tuple[Page, ...]
    person_links: Mapping[tuple[str, str], str]
    """(article slug, article-level person name) -> person slug."""
    related: Mapping[str, tuple[str, ...]]
    """Article slug -> slugs of related articles, best first."""
    built: datetime
    """Build time (from SOURCE_DATE_EPOCH when set)."""
    problems: tuple[Problem, ...] = ()
