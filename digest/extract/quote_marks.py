"""Find the spans of text between quotation marks, in one linear pass per paragraph."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

DOUBLE_OPENERS = frozenset('"\u201c\u201e\u00ab\u201f')
DOUBLE_CLOSERS = frozenset('"\u201d\u00bb')
SINGLE_OPENERS = frozenset("'\u2018")
SINGLE_CLOSERS = frozenset("'\u2019")
_DOUBLE_MARK = re.compile('["\u201c\u201d\u201e\u201f\u00ab\u00bb]')
_SINGLE_MARK = re.compile("['\u2018\u2019]")
_OPEN_CANDIDATE = re.compile(
    "[\u201c\u201e\u00ab\u201f]"  # a curly or angle opening mark always may open
    '|(?:^|(?<=\\s))"'  # a straight mark after a space
    '|"(?=[^\\W_])'  # or before a letter or digit
    '|(?<=[(\\[{\u2014\u2013])"(?=[\u2026.\\[])'  # or after a bracket, before an ellipsis or bracket
)
"""Marks that can open a quote when none is open: a straight mark that ends a word ("…\u201d") cannot."""
_EMPTY_QUOTES = re.compile('(?:[\u201c\u201e\u00ab\u201f]["\u201d\u00bb])+')
"""A run of curly opening marks each closed at once: empty quotes, which nobody said."""
ALL_MARKS = DOUBLE_OPENERS | DOUBLE_CLOSERS | SINGLE_OPENERS | SINGLE_CLOSERS
# Characters after which a single mark can open a quote rather than end a word.
SINGLE_OPEN_AFTER = frozenset(" \t\n([{\u2014\u2013-/:")


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """Where one quoted piece lies in a paragraph: marks and the trimmed text between them."""

    paragraph: int
    open: int
    """Index of the opening mark."""
    close: int
    """Index of the closing mark, or len(paragraph) when the quote runs on."""
    start: int
    """Start of the quoted words (marks and spaces trimmed)."""
    end: int
    closed: bool
    """False when the paragraph ends inside the quote."""
    continued: bool = False
    """True when this piece continues a quote left open just before (previous paragraph or sentence)."""


def _looks_closing(text: str, i: int) -> bool:
    """Return True when the mark at i ends a word ("…percent.“ "), as a misused opening mark may."""
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and not after.isalnum()


def _looks_opening(text: str, i: int) -> bool:
    """Return True when the mark at i starts a word after a space or bracket ("… "Then")."""
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{\u2014\u2013") and (after.isalnum() or after in "\u2026.[")


def _after_sentence(text: str, opened: int, i: int) -> bool:
    """Return True when the quoted text between opened and i ends a sentence (". "Then" starts another)."""
    j = i - 1
    while j > opened and text[j].isspace():
        j -= 1
    return j > opened + 1 and j < i - 1 and text[j] in ".?!\u2026"


def _double_spans(text: str) -> list[tuple[int, int, bool, bool]]:
    """Return (open, close, closed, continued) for double-mark quotes; a paragraph end closes an open one.

    A quote whose sentence ends and is followed by a fresh opening mark ran on over a paragraph break
    that the text lost (". "Then …"): it ends there, unclosed, and the next piece continues it.
    While no quote is open only marks that can open one are looked at, so runs of marks cost one search.
    """
    spans: list[tuple[int, int, bool, bool]] = []
    opened = -1
    continued = False
    at = 0
    while True:
        mark = (_OPEN_CANDIDATE if opened < 0 else _DOUBLE_MARK).search(text, at)
        if mark is None:
            break
        i, ch = mark.start(), mark.group()
        at = i + 1
        if opened < 0:
            empty = _EMPTY_QUOTES.match(text, i)
            if empty is not None:
                at = empty.end()  # "\u201c\u201d" pairs quote nothing: skip the whole run
                continue
            opened = i
        elif ch in DOUBLE_OPENERS and _looks_opening(text, i) and _after_sentence(text, opened, i):
            spans.append((opened, i, False, continued))
            opened, continued = i, True
        elif ch in DOUBLE_CLOSERS or (ch == "\u201c" and _looks_closing(text, i)):
            spans.append((opened, i, True, continued))
            opened, continued = -1, False
    if opened >= 0:
        spans.append((opened, len(text), False, continued))
    return spans


def _single_spans(text: str, inside_double: list[tuple[int, int, bool, bool]]) -> list[tuple[int, int]]:
    """Return (open, close) for single-mark quotes outside double quotes; unmatched marks are apostrophes."""
    spans: list[tuple[int, int]] = []
    blocked = iter(inside_double)
    block = next(blocked, None)
    opened = -1
    n = len(text)
    for mark in _SINGLE_MARK.finditer(text):
        i, ch = mark.start(), mark.group()
        while block is not None and i > block[1]:
            block = next(blocked, None)
        if block is not None and block[0] <= i <= block[1]:
            continue
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < n else " "
        can_close = opened >= 0 and not before.isspace() and not after.isalnum()
        if can_close and ch in SINGLE_CLOSERS:
            spans.append((opened, i))
            opened = -1
        elif ch in SINGLE_OPENERS and before in SINGLE_OPEN_AFTER and after.isalpha():
            opened = i
    return spans


def _outside(
    doubles: list[tuple[int, int, bool, bool]], singles: list[tuple[int, int]]
) -> list[tuple[int, int, bool, bool]]:
    """Return the double spans not nested inside a single span (both lists sorted, disjoint)."""
    kept: list[tuple[int, int, bool, bool]] = []
    j = 0
    for d in doubles:
        while j < len(singles) and singles[j][1] < d[0]:
            j += 1
        if j < len(singles) and singles[j][0] < d[0] and d[1] <= singles[j][1]:
            continue
        kept.append(d)
    return kept


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) past spaces, a trailing comma and stray marks."""
    while start < end and (text[start].isspace() or text[start] in ALL_MARKS):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:" or text[end - 1] in ALL_MARKS):
        end -= 1
    return start, end


def find_quote_spans(paragraphs: Sequence[str]) -> tuple[QuoteSpan, ...]:
    """Return every quoted piece of every paragraph in reading order, linking run-on quotes."""
    found: list[QuoteSpan] = []
    previous_open = False
    for index, text in enumerate(paragraphs):
        doubles = _double_spans(text)
        singles = _single_spans(text, doubles)
        # A double quote wholly inside a single-quoted span is nested: keep only the outer one.
        raw = _outside(doubles, singles)
        raw.extend((o, c, True, False) for o, c in singles)
        raw.sort()
        lead = len(text) - len(text.lstrip())
        for open_at, close_at, closed, runs_on in raw:
            start, end = _trimmed(text, open_at + 1, close_at)
            if end <= start or not any(ch.isalnum() for ch in text[start:end]):
                continue
            continued = runs_on or (previous_open and open_at == lead)
            found.append(QuoteSpan(index, open_at, close_at, start, end, closed, continued))
        previous_open = bool(raw) and not raw[-1][2]
    return tuple(found)
