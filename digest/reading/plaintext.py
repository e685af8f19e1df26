"""The structure of text copied from a news page: title, byline, dateline, caption, highlights, body."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import NoReturn

from digest.errors import SeedError
from digest.model import Block, Caption, Problem
from digest.reading.boilerplate import LIST_HEADERS, BoilerplateMatcher, split_title_outlet
from digest.reading.captions import read_caption_line
from digest.reading.header import (
    HeaderFacts,
    caps_place,
    is_bare_writer,
    is_header_furniture,
    is_writer_credit,
    parse_byline,
    parse_date_line,
    parse_segmented,
    parse_trailer_credit,
)
from digest.reading.options import ReadOptions
from digest.reading.wire import split_wire_lead

MAX_TITLE_LENGTH = 300
_HEADER_REACH = 8
"""Header lines (byline, dates) are looked for only this far into the seed."""

_HIGHLIGHTS = re.compile(
    r"(?:story highlights|key highlights|highlights|key points|summary|in brief|at a glance)\s*:?", re.IGNORECASE
)
_BULLET = re.compile(r"[\u2022\u25cf\u25aa\u25a0\u2023\u2043\u00b7*\u2013\u2014-]\s+|\d{1,2}[.)]\s+")
_CLOSING = frozenset(".!?;:,\"'\u201d\u2019\u2026)]\u00bb")
_DANGLING = frozenset(
    ("the", "a", "an", "of", "to", "and", "or", "as", "in", "on", "at", "for", "with", "by", "from", "that", "but")
)
_SHORTEST_WRAPPED = 25
_LOWER_WORD = re.compile(r"[a-z]+\b(?![.'\u2019-]?[A-Z])")
_QUOTES = frozenset('"\u201c\u201d\u201e\u00ab\u00bb')
_QUOTE_MARK = re.compile('["\u201c\u201d\u201e\u00ab\u00bb]')
_ALNUM = re.compile(r"[^\W_]")
"""A letter or digit (what str.isalnum accepts), found without a Python loop over a long line."""


@dataclass(frozen=True, slots=True)
class Line:
    """One non-blank line of the seed and the blank-line-separated chunk it sits in."""

    number: int
    text: str
    chunk: int
    heading: bool = False
    """True for a Markdown heading, which is always a subheading."""


@dataclass(frozen=True, slots=True)
class PlainArticle:
    """Everything read from the text of a seed, before front matter and publisher rules apply."""

    title: str
    body: tuple[Block, ...]
    byline: tuple[str, ...] = ()
    dateline: str | None = None
    agency: str | None = None
    published: datetime | None = None
    updated: datetime | None = None
    caption: Caption | None = None
    highlights: tuple[str, ...] = ()
    dropped: tuple[str, ...] = ()
    """Boilerplate lines that were removed (publisher clues live there)."""
    source: str | None = None
    """Publisher named by the page itself (HTML metadata)."""
    url: str | None = None
    problems: tuple[Problem, ...] = ()


def is_title_line(text: str) -> bool:
    """Tell whether a line reads like a headline rather than a sentence of the story."""
    return len(text) <= 150 and text[-1] not in '.!?"\u201d:;,'


def split_lines(text: str, first_line: int = 1) -> list[Line]:
    """Return the non-blank lines, stripped, with their chunk index; hard-wrapped lines are joined."""
    lines: list[Line] = []
    chunk = 0
    previous_blank = True
    for offset, raw in enumerate(text.split("\n")):
        stripped = raw.strip()
        if not stripped:
            if not previous_blank:
                chunk += 1
            previous_blank = True
            continue
        # A sentence broken by a stray blank line ("Parry revealed Real Madrid" / "did not ...")
        # is joined too, but never onto the title line.
        across_blank = previous_blank and len(lines) > 1 and _LOWER_WORD.match(stripped) is not None
        if lines and (not previous_blank or across_blank) and _continues(lines[-1].text, stripped):
            last = lines[-1]
            lines[-1] = Line(last.number, f"{last.text} {stripped}", last.chunk)
        else:
            lines.append(Line(first_line + offset, stripped, chunk))
        previous_blank = False
    return lines


def _continues(previous: str, line: str) -> bool:
    """Tell whether line is the rest of a hard-wrapped sentence begun on the previous line."""
    # Short lines ("Share" / "close panel") are page furniture, not wrapped prose.
    return len(previous) >= _SHORTEST_WRAPPED and previous[-1] not in _CLOSING and line[0].islower()


def read_plain_text(
    text: str,
    path: str,
    options: ReadOptions,
    matcher: BoilerplateMatcher,
    *,
    first_line: int = 1,
    title: str | None = None,
) -> PlainArticle:
    """Read a plain-text article: the first line is the title, then header lines, then the body."""
    return read_lines(split_lines(text, first_line), path, options, matcher, title=title)


def read_lines(
    lines: list[Line], path: str, options: ReadOptions, matcher: BoilerplateMatcher, *, title: str | None = None
) -> PlainArticle:
    """Read an article from its non-blank lines; without a given title the first line is the title."""
    problems: list[Problem] = []
    if title is None:
        # Rules and ornaments ("---", "* * *") above the headline are not the title.
        while lines and not _ALNUM.search(lines[0].text):
            lines = lines[1:]
        if not lines:
            _raise_empty(path)
        first = lines[0]
        if len(first.text) > MAX_TITLE_LENGTH:
            title = _title_from_words(first.text)
            problems.append(
                Problem(
                    file=path,
                    line=first.number,
                    message="has no title line; the title is made from the first words",
                    expected=f"a first line of at most {MAX_TITLE_LENGTH} characters",
                )
            )
        else:
            title = first.text.lstrip("#").strip()
            lines = lines[1:]
    elif lines and lines[0].text.casefold() == title.casefold():
        lines = lines[1:]
    title, outlet = split_title_outlet(title)
    reader = _Reader(lines, path, options, matcher)
    if outlet is not None:
        reader.dropped.append(outlet)
    reader.read_header()
    reader.read_body()
    body = reader.finish_body()
    return PlainArticle(
        title=title,
        body=body,
        byline=tuple(reader.byline),
        dateline=reader.dateline,
        agency=reader.agency,
        published=reader.published,
        updated=reader.updated,
        caption=reader.caption(),
        highlights=tuple(reader.highlights),
        dropped=tuple(reader.dropped),
        problems=tuple(problems),
    )


def _raise_empty(path: str) -> NoReturn:
    """Raise the SeedError of a seed with no text."""
    raise SeedError(Problem(file=path, message="has no text", expected="a title line, a blank line, then paragraphs"))


def _title_from_words(text: str) -> str:
    """Make a title from the first dozen words of a text with no title line."""
    words = text[:200].split()[:12]
    return " ".join(words) + "\u2026"


class _Reader:
    """Walks the lines once, header first, then body; local mutable state never leaves read_lines."""

    def __init__(self, lines: list[Line], path: str, options: ReadOptions, matcher: BoilerplateMatcher) -> None:
        self.lines = lines
        self.pos = 0
        self.path = path
        self.options = options
        self.matcher = matcher
        self.byline: list[str] = []
        self.dateline: str | None = None
        self.agency: str | None = None
        self.published: datetime | None = None
        self.updated: datetime | None = None
        self.caption_text: str | None = None
        self.caption_credit: str | None = None
        self.pending_credit: str | None = None
        self.highlights: list[str] = []
        self.dropped: list[str] = []
        self.body_lines: list[Line] = []

    def caption(self) -> Caption | None:
        """Return the first caption found, with its credit."""
        if self.caption_text is None and self.pending_credit is None:
            return None
        return Caption(self.caption_text or "", self.caption_credit or self.pending_credit)

    def read_header(self) -> None:
        """Consume byline, dateline, caption, highlights and boilerplate lines before the body."""
        while self.pos < len(self.lines):
            line = self.lines[self.pos]
            text = line.text
            if not (
                self._byline(text)
                or self._date_line(text)
                or self._credit_line(text)
                or self._apply(parse_segmented(text, self.options))
                or self._common(line, highlights=True)
            ):
                if not self._skip_to_header_below():
                    return
                continue
            self.pos += 1

    def _skip_to_header_below(self) -> bool:
        """Keep reading the header past a standfirst or writer credit when a byline or date line follows closely.

        Pages print "Standfirst sentence / Jon Henley Europe correspondent / Sun 11 Jun 2023 15.16 EDT":
        the standfirst stays as text, the credit is dropped, and the date is still read.
        """
        if self.pos >= _HEADER_REACH:
            return False
        for ahead in range(self.pos + 1, min(self.pos + 4, len(self.lines))):
            text = self.lines[ahead].text
            if parse_byline(text, self.options) or parse_date_line(text, self.options):
                break
        else:
            return False
        for line in self.lines[self.pos : ahead]:
            # A bare name just above the date is the writer ("Larry Fine"); other credits and
            # short name-like lines ("World News") are header furniture kept out of the body.
            place = caps_place(line.text)
            if place is not None and self.dateline is None:
                self.dateline = place
            elif is_bare_writer(line.text):
                self.byline.append(line.text)
            elif is_header_furniture(line.text):
                self.dropped.append(line.text)
            elif not self._common(line, highlights=True):
                self.body_lines.append(line)
        self.pos = ahead
        return True

    def _credit_line(self, text: str) -> bool:
        """Read a writer credit without "By", e.g. "Al Jazeera Staff" or "Team WION"; True when it was one."""
        if not is_writer_credit(text):
            return False
        self.dropped.append(text)
        return True

    def read_body(self) -> None:
        """Sort the remaining lines into paragraphs and subheadings, dropping captions and boilerplate."""
        while self.pos < len(self.lines):
            line = self.lines[self.pos]
            if not (self._trailer_credit(line.text) or self._common(line, highlights=not self.body_lines)):
                self.body_lines.append(line)
            self.pos += 1

    def _trailer_credit(self, text: str) -> bool:
        """Read "(Reporting by A; Editing by B)" at the foot of wire copy: reporters join the byline."""
        reporters = parse_trailer_credit(text)
        if reporters is None:
            return False
        self.byline.extend(p for p in reporters if p not in self.byline)
        self.dropped.append(text)
        return True

    def _common(self, line: Line, *, highlights: bool) -> bool:
        """Consume a caption, highlights block (when still allowed) or boilerplate line; True when consumed."""
        text = line.text
        if self._caption_line(text):
            return True
        # Highlights come before the story; a "Summary" line further down is a subheading.
        if highlights and _HIGHLIGHTS.fullmatch(text):
            self._read_highlights(line)
            return True
        rule = self.matcher.rule_of(text)
        if rule is not None:
            self.dropped.append(text)
            if rule in LIST_HEADERS:
                self._drop_headline_list()
            return True
        return not _ALNUM.search(text) and not _QUOTE_MARK.search(text)

    def _byline(self, text: str) -> bool:
        """Read a byline such as "Edited By: A B" or "By A B and C D"; True when it was one."""
        return self._apply(parse_byline(text, self.options))

    def _date_line(self, text: str) -> bool:
        """Read "New Delhi Updated: <date>" or a line that is a date; True when it was one."""
        return self._apply(parse_date_line(text, self.options))

    def _apply(self, facts: HeaderFacts | None) -> bool:
        """Record what a header line said; False when it said nothing (it is not a header line)."""
        if facts is None:
            return False
        self.byline.extend(p for p in facts.people if p not in self.byline)
        self.dropped.extend(facts.clues)
        if facts.place and self.dateline is None:
            self.dateline = facts.place
        for kind, value in facts.dates:
            self._set_date(kind, value)
        return True

    def _set_date(self, kind: str, value: datetime) -> None:
        """Record a publication or update time; an update alone also stands for publication."""
        if kind == "published":
            self.published = self.published or value
        else:
            self.updated = self.updated or value
        if self.published is None:
            self.published = value
        if self.updated is not None and self.published is not None and self.updated <= self.published:
            self.published, self.updated = min(self.published, self.updated), None

    def _caption_line(self, text: str) -> bool:
        """Read a photo caption or credit line; True when it was one (it never becomes body text)."""
        found = read_caption_line(text)
        if found is None:
            return False
        if found.text is None:
            self.pending_credit = self.pending_credit or found.credit
        elif self.caption_text is None:
            # The first caption is kept; later ones are dropped from the body all the same.
            self.caption_text, self.caption_credit = found.text, found.credit
        return True

    def _drop_headline_list(self) -> None:
        """Drop the headlines listed under "Trending Stories" and the like (headline-shaped lines only)."""
        while self.pos + 1 < len(self.lines):
            text = self.lines[self.pos + 1].text
            if not is_title_line(text) or _QUOTE_MARK.search(text):
                return
            self.dropped.append(text)
            self.pos += 1

    def _read_highlights(self, header: Line) -> None:
        """Consume the highlight items after a "Story highlights" line."""
        items: list[Line] = []
        i = self.pos + 1
        if i < len(self.lines) and self.lines[i].chunk == header.chunk:
            while i < len(self.lines) and self.lines[i].chunk == header.chunk:
                items.append(self.lines[i])
                i += 1
        elif i < len(self.lines):
            chunk = self.lines[i].chunk
            while i < len(self.lines) and self.lines[i].chunk == chunk:
                items.append(self.lines[i])
                i += 1
        # Bulleted highlights may be separated by blank lines: follow the bullets.
        if items and _BULLET.match(items[0].text):
            while i < len(self.lines) and _BULLET.match(self.lines[i].text):
                items.append(self.lines[i])
                i += 1
        self.highlights.extend(
            _BULLET.sub("", item.text, count=1) if _BULLET.match(item.text) else item.text for item in items
        )
        self.pos = i - 1

    def finish_body(self) -> tuple[Block, ...]:
        """Turn the body lines into blocks: subheadings where a short unpunctuated line sits between paragraphs."""
        blocks: list[Block] = []
        texts = [line.text for line in self.body_lines]
        first_paragraph_done = False
        for index, text in enumerate(texts):
            if self.body_lines[index].heading:
                blocks.append(Block("subheading", text))
                continue
            if not first_paragraph_done:
                lead = split_wire_lead(text)
                if lead is not None and lead.text.strip():
                    self.dateline = self.dateline or lead.place
                    self.agency = lead.agency
                    text = lead.text.strip()
            if _is_subheading(text, texts, index) and first_paragraph_done:
                blocks.append(Block("subheading", text))
            else:
                blocks.append(Block("paragraph", text))
                first_paragraph_done = True
        return tuple(blocks)


def _is_subheading(text: str, texts: list[str], index: int) -> bool:
    """A subheading is a short line without closing punctuation between two real paragraphs."""
    if not _looks_like_heading(text):
        return False
    if index == 0 or index + 1 >= len(texts):
        return False
    following = texts[index + 1][0]
    if not (following.isupper() or following.isdigit() or following in _QUOTES or following in "\u2018'"):
        return False
    return not _looks_like_heading(texts[index - 1]) and not _looks_like_heading(texts[index + 1])


def _looks_like_heading(text: str) -> bool:
    """Tell whether one line has the shape of a subheading."""
    if len(text) > 100 or text[-1] in _CLOSING or not (text[0].isupper() or text[0].isdigit()):
        return False
    words = text.split()
    if len(words) > 14 or words[-1].lower() in _DANGLING:
        return False
    if len(words) == 1 and not (len(text) >= 4 and text.isalpha()):
        return False
    return not any(ch in _QUOTES for ch in text)
