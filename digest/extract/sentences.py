"""Split news text into sentences: abbreviations, initials, decimals, money, quotes and ellipses."""

from __future__ import annotations

import re
from collections.abc import Iterator

# A candidate boundary: terminal punctuation (or an ellipsis), any closing quotes or brackets, then
# whitespace. Whether it really ends a sentence is decided by looking at the words on either side.
# Every alternative starts with its own literal mark, so the regex engine skips straight to the next
# mark instead of trying each position of a long text.
_CANDIDATE = re.compile(
    r"(?:\.(?:\.{2,}|\s\.\s(?:\.\s)*\.|[.!?]*)|\u2026|![.!?]*|\?[.!?]*)"  # ., ?!, ..., . . ., !, ?
    r"[\"'\u201d\u2019)\]]*"  # closing quotes / brackets that belong to the sentence
    r"(?=\s|$)"
)


def _word_set(words: str) -> frozenset[str]:
    """Return the whitespace-separated words of a literal as a set."""
    return frozenset(words.split())


_NEXT_WORD = re.compile(r"\s+([\"'\u201c\u2018(\[]*)(\S*)")

# Abbreviations that are (almost) never the end of a sentence when a capitalised word follows:
# titles before names, and words that take a number ("No. 10", "Jan. 5").
_TITLES = _word_set(
    """mr mrs ms messrs mme mlle dr prof sen rep gov gen lt col maj capt cpt sgt cpl adm cmdr
    rev fr mt pres supt insp det hon rt revd brig"""
)
_BEFORE_NUMBER = _word_set(
    """no nos nr vol vols p pp fig figs sec ch op jan feb mar apr jun jul aug sep sept oct nov
    dec tel ext"""
)
# Abbreviations that can end a sentence: split only when the next word looks like a sentence start.
_AMBIGUOUS = _word_set("""inc ltd co corp plc bros llc jr sr st al vs v approx est dept univ assn ave blvd rd""")
# Capitalised words that open sentences far more often than they follow "U.S." or "Inc." in a name.
_SENTENCE_OPENERS = _word_set(
    """a an the he she it they we i you his her its their our my your this that these those there
    here but and or so yet if when while after before as at by for from in on of to with without
    however meanwhile although though because since until unless also still then now today
    yesterday earlier later last next some many most all both each every one two no not nor
    what who whom whose which where why how is are was were do does did can could will would should
    has have had shares analysts officials police"""
)
_CONTINUATION = frozenset(")]},;:.")
_PRONOUN_I = re.compile(r"^I(?:\b|['\u2019])")
_SHORTEST_AMBIGUOUS_SENTENCE = 3
_LONGEST_WORD = 64  # how far back to look for the word before a mark, so long text stays linear
_CLOCK = frozenset({"a.m", "p.m"})
_INITIAL = re.compile(r"^[A-Z]$")
_CAMEL_CASE = re.compile(r"^[a-z]+[A-Z]")  # iPod, eBay
_DOTTED = re.compile(r"^(?:[A-Za-z]\.){2,}$")  # U.S., U.K., e.g., a.m.


def split_sentences(text: str) -> tuple[str, ...]:
    """Split text into sentences, each stripped of surrounding whitespace."""
    return tuple(iter_sentences(text))


def iter_sentences(text: str, stop: int | None = None) -> Iterator[str]:
    """Yield the sentences of text one by one, so a caller can stop early; see iter_sentence_spans for stop."""
    for start, end in iter_sentence_spans(text, stop):
        yield text[start:end]


def split_sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Return (start, end) offsets of each sentence in text, whitespace excluded."""
    return tuple(iter_sentence_spans(text))


def iter_sentence_spans(text: str, stop: int | None = None) -> Iterator[tuple[int, int]]:
    """Yield (start, end) offsets of each sentence in text, whitespace excluded; with stop, those ended by it."""
    start = 0
    for match in _CANDIDATE.finditer(text):
        end = match.end()
        if stop is not None and end > stop:
            return  # the sentence running over stop is never read to its end
        if _is_boundary(text, start, match.start(), end):
            span = _trimmed(text, start, end)
            if span is not None:
                yield span
            start = end
    span = _trimmed(text, start, len(text))
    if span is not None and (stop is None or span[1] <= stop):
        yield span


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Return the span text[start:end] trimmed of whitespace, or None when nothing is left."""
    piece = text[start:end]
    kept = piece.lstrip()
    start += len(piece) - len(kept)
    end = start + len(kept.rstrip())
    return (start, end) if start < end else None


def _is_boundary(text: str, sentence_start: int, mark_start: int, mark_end: int) -> bool:
    """Decide whether the terminal mark at text[mark_start:mark_end] ends the sentence begun at sentence_start."""
    after = _NEXT_WORD.match(text, mark_end)
    if after is None or after.group(0).count("\n") > 1:
        return True  # end of text, or a paragraph break
    opening, next_word = after.group(1), after.group(2)
    if not next_word and not opening:
        return True
    first = (next_word or opening)[0]
    if first in _CONTINUATION:
        return False  # "(Ae Fond Kiss... )." - the mark is inside a bracket or list that goes on
    if first.islower() and not _CAMEL_CASE.match(next_word):
        return False  # '"Stop!" he said.', 'e.g. apples'; but 'iPod sales rose' may open a sentence
    mark = text[mark_start:mark_end].rstrip("\"'\u201d\u2019)]")
    if mark != ".":
        # !, ?, an ellipsis or several marks: a capital after them starts a sentence, unless it is the pronoun
        # I, capitalised anywhere, after an ellipsis or a bracket ("the thing is . . . I didn't", "(and the song!) I")
        pronoun_i = bool(_PRONOUN_I.match(next_word))
        return not (pronoun_i and (mark[0] in ".\u2026" or text[mark_end - 1] in ")]"))
    before = text[max(sentence_start, mark_start - _LONGEST_WORD) : mark_start].split()[-1:]
    before_word = before[0].lstrip("\"'\u201c\u2018([") if before else ""
    if text[mark_start:mark_end] != mark:
        # 'He said "Stop." Then...': a closing quote or bracket after the period ends the sentence.
        return True
    lowered = before_word.lower()
    next_bare = next_word.strip("\"'\u201c\u2018,;:")
    opens_sentence = next_bare.lower() in _SENTENCE_OPENERS or next_bare.lower().rstrip(".") in _TITLES or bool(opening)
    if lowered in _TITLES and before_word[:1].isupper():
        return False
    if lowered in _BEFORE_NUMBER:
        return not first.isdigit()
    if _INITIAL.match(before_word):
        return opens_sentence  # initials: "J. K. Rowling", "George W. Bush"
    ambiguous = lowered in _CLOCK or lowered in _AMBIGUOUS or bool(_DOTTED.match(before_word + "."))
    if not ambiguous:
        return True
    so_far = text[max(sentence_start, mark_start - _LONGEST_WORD) : mark_start]
    if len(so_far.split()) <= _SHORTEST_AMBIGUOUS_SENTENCE and mark_start - sentence_start < _LONGEST_WORD:
        return False  # "At 5 a.m. Mr. Smith went...": too short to be a sentence of its own
    if lowered in _CLOCK:
        return opens_sentence or not next_bare.isupper()  # "at 3 a.m. Firefighters arrived", but "10 p.m. GMT"
    return opens_sentence
