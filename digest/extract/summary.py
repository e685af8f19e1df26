"""Extractive summaries: whole body sentences, in their original order, within a word budget.

Each sentence is valued by how central it is: the sum, over its content words, of how many other
sentences (and the title and highlights) share the word. The first sentence gets a bonus, since news
puts the gist first. The summary is the set of at most `sentences` sentences and `max_words` words with
the highest total value, read in document order. Faithfulness comes first: a quote spanning several
sentences (or paragraphs) is one unit, taken whole or not at all, and a quote whose speaker is named
only in the sentence before ('"...," he said') comes only with that sentence. A sentence that needs an
earlier one ("However...", "This...") loses value when it would open the summary, and less when it
would follow another sentence than its own predecessor. Only the start of a very long body is read
(MAX_SENTENCES, MAX_CHARACTERS), so the time taken stays bounded whatever the seed holds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations, islice

from digest.extract.sentences import iter_sentences

FIRST_SENTENCE_BONUS = 0.5
"""Extra share of value given to the body's first sentence (news leads with the gist)."""
DANGLING_OPENER_PENALTY = 0.5
"""Share of value a sentence that needs an earlier one loses when it would open the summary."""
DETACHED_PENALTY = 0.25
"""Share of value such a sentence loses later in the summary when the sentence before it is not taken:
"he" might then seem to be someone else."""
UNFINISHED_SHARE = 0.5
"""Share of value kept by a unit that does not end like a sentence or is a list item."""
SHARED_TITLE_WEIGHT = 1.0
"""How many sentences a word of the title or highlights counts for."""
CANDIDATES = 10
"""How many of the highest-valued units are considered for the best combination."""
NEAR_DUPLICATE = 0.7
"""Share of shared content words above which two sentences are near-duplicates, never both taken."""
MAX_SENTENCES = 1000
"""Only this many sentences from the start of the body are summarised (long live blogs have about 300), so a
hostile seed of tens of thousands of sentences costs no more than a long article."""
MAX_CHARACTERS = 100_000
"""Only sentences ending within this many characters of body are summarised (the longest articles we have run
to about 33,000), so a megabyte-long "sentence" of initials or abbreviations is not read to its end."""
LONGEST_WORD = 100
"""A unit counts at least one word per this many characters, so a run of marks without spaces is not one word."""

_LEADING_QUOTE = re.compile("^(?:\"|''|``|[\u201c\u2018])")
_FINISHED = re.compile(r"[.!?][\"'\u201d\u2019)\]]*$")
_LIST_ITEM = re.compile(r"^(?:[-*\u2022\u2013]|\d+[.)])\s")
# Double quotes (also as ''...'' or ``...'' in wire and archive text), and curly single quotes where they
# cannot be apostrophes ("don\u2019t"; "players\u2019 union" stays ambiguous and counts as a close).
# Each alternative starts with a literal (the \u2018 test looks behind it), so a search skips to the next mark.
_QUOTE_MARK = re.compile(r"\"|''|``|\u201c|\u201d|\u2018(?<!\w\u2018)|\u2019(?!\w)")
_SAME_MARK = {"''": '"', "``": "\u201c"}
_NO_TERM = frozenset({""})  # what _term gives a stopword
_ALNUM = re.compile(r"[^\W_]")  # a letter or digit, as str.isalnum
_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*|\d[\d,.]*\d|\d")
_STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had has
    have having he her here hers herself him himself his how i if in into is it its itself just may me
    might more most mr mrs ms must my myself no nor not now of off on once one only or other our ours
    ourselves out over own said same say says she should so some such than that the their theirs them
    themselves then there these they this those through to too told two under until up us very was we
    were what when where which while who whom why will with would year years you your yours yourself""".split()  # noqa: SIM905
)
# Openers that point back to an earlier sentence: pronouns, demonstratives and connectives.
_DANGLING_OPENER = re.compile(
    r"^[\"'\u201c\u2018(]?(?:He|She|It|They|His|Her|Its|Their|Them|This|That|These|Those|But|And|Or|Also|"
    r"However|Meanwhile|So|Yet|Then|Still|Instead|Such|Moreover|Furthermore|Besides|Nevertheless|"
    r"Nonetheless|Otherwise|Thus|Therefore|Hence|Indeed|Likewise|Similarly|Another|The latter|The former|"
    r"In addition|As a result|Even so|Despite this|On the other hand|In contrast)\b"
)
# A quote attributed to a pronoun ('"...," he said.') needs the sentence that named the speaker.
_SPEECH_VERB = r"(?:said|says|added|adds|told|tells|explained|insisted|warned|argued|continued|noted|claimed)\b"
_PRONOUN_ATTRIBUTION = re.compile(
    rf"[\"'\u201d\u2019]\s*,?\s*(?:he|she|they|it)\s+{_SPEECH_VERB}|^(?:He|She|They)\s+{_SPEECH_VERB}.*?"
    r"(?:[\"\u201c\u2018]|''|``)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class _Unit:
    """A piece the summary takes whole: one sentence, or every sentence of one quote."""

    sentences: tuple[str, ...]
    words: int
    """Words counted against the budget: whitespace-separated, but at least one per LONGEST_WORD characters."""
    terms: frozenset[str]
    dangling: bool
    """Opens with a word pointing back to an earlier sentence ("He", "This", "However")."""
    unattributed: bool
    """Quotes a speaker named only in an earlier sentence: nothing but quoted words, or '"...," he said'."""
    selectable: bool
    """False for part of a quote that cannot be taken whole, or a sentence announcing what follows."""
    finished: bool
    """Ends like a sentence and is not a list item: a heading or fragment is worth less."""


def summarize(
    paragraphs: Sequence[str],
    *,
    title: str = "",
    highlights: Sequence[str] = (),
    sentences: int = 3,
    max_words: int = 75,
) -> tuple[str, ...]:
    """Pick up to `sentences` whole sentences of the body, in order, totalling at most `max_words` words."""
    units = tuple(_units(paragraphs, max_words))
    if not units or sentences < 1:
        return ()
    values = _values(units, title, highlights)
    selectable = [i for i, unit in enumerate(units) if unit.selectable]
    candidates = sorted(sorted(selectable, key=lambda i: -values[i])[:CANDIDATES])
    chosen = _best_selection(units, values, candidates, sentences, max_words)
    return tuple(sentence for i in chosen for sentence in units[i].sentences)


def _best_selection(
    units: Sequence[_Unit], values: Sequence[float], candidates: Sequence[int], max_sentences: int, max_words: int
) -> tuple[int, ...]:
    """Return the candidate units, in order, of highest total value within the sentence and word budgets."""
    duplicates = _near_duplicates(units, candidates)
    words = [units[i].words for i in candidates]
    counts = [len(units[i].sentences) for i in candidates]
    opening_values = [
        values[i] * (1 - DANGLING_OPENER_PENALTY) if i > 0 and units[i].dangling else values[i] for i in candidates
    ]
    # On equal value, the set using more of the word budget says more.
    best: list[tuple[tuple[float, int], tuple[int, ...]]] = [((0.0, 0), ())]

    def extend(first: int, chosen: tuple[int, ...], value: float, used_words: int, used_sentences: int) -> None:
        for position in range(first, len(candidates)):
            total_words = used_words + words[position]
            total_sentences = used_sentences + counts[position]
            if total_words > max_words or total_sentences > max_sentences:
                continue
            unit = candidates[position]
            if duplicates and any((earlier, unit) in duplicates for earlier in chosen):
                continue
            if units[unit].unattributed and (not chosen or chosen[-1] != unit - 1):
                continue  # a quote whose speaker is named only before it: alone, it could seem anyone's
            if not chosen:
                total = value + opening_values[position]
            elif units[unit].dangling and chosen[-1] != unit - 1:
                total = value + values[unit] * (1 - DETACHED_PENALTY)
            else:
                total = value + values[unit]
            grown = (*chosen, unit)
            if (total, total_words) > best[0][0]:
                best[0] = ((total, total_words), grown)
            if total_sentences < max_sentences:
                extend(position + 1, grown, total, total_words, total_sentences)

    extend(0, (), 0.0, 0, 0)
    return best[0][1]


def _units(paragraphs: Sequence[str], max_words: int) -> Iterator[_Unit]:
    """Yield the units of the body in order; a quote running over paragraph breaks stays one unit."""
    pending: list[str] = []
    open_quotes = (False, False)
    left = MAX_SENTENCES
    characters = MAX_CHARACTERS
    for paragraph in paragraphs:
        if left <= 0 or characters <= 0:
            break
        sentences = islice(iter_sentences(paragraph, stop=characters), left)
        characters -= len(paragraph)
        first = next(sentences, None)
        if pending and not (first is not None and _LEADING_QUOTE.match(first)):
            yield _unit(tuple(pending), selectable=False, max_words=max_words)  # a quote never closed
            pending, open_quotes = [], (False, False)
        if first is None:
            continue
        for sentence in (first, *sentences):
            left -= 1
            pending.append(sentence)
            open_quotes = _quotes_open_after(sentence, open_quotes)
            if open_quotes == (False, False):
                yield _unit(tuple(pending), selectable=True, max_words=max_words)
                pending = []
    if pending:
        yield _unit(tuple(pending), selectable=False, max_words=max_words)


def _quotes_open_after(sentence: str, open_quotes: tuple[bool, bool]) -> tuple[bool, bool]:
    """Tell whether a double and a single quote are still open after the sentence, given the state before."""
    double, single = open_quotes
    if double or single:
        sentence = _LEADING_QUOTE.sub("", sentence)  # a quote running on over a paragraph break re-opens
    found = _QUOTE_MARK.findall(sentence)
    if not found:
        return double, single  # most sentences
    # Only the last curly mark of a kind matters, then how many straight marks follow it: count, don't loop.
    marks = "".join(found).replace("''", '"').replace("``", "\u201c")
    last_curly = max(marks.rfind("\u201c"), marks.rfind("\u201d"))
    if last_curly >= 0:
        double = marks[last_curly] == "\u201c"
    if marks.count('"', last_curly + 1) % 2:
        double = not double
    last_single = max(marks.rfind("\u2018"), marks.rfind("\u2019"))
    if last_single >= 0:
        single = marks[last_single] == "\u2018"
    return double, single


def _unit(sentences: tuple[str, ...], *, selectable: bool, max_words: int) -> _Unit:
    """Build a unit from consecutive sentences; one too long for the budget is only valued, never read closely."""
    text = " ".join(sentences)
    first, last = sentences[0], sentences[-1]
    words = max(len(text.split()), len(text) // LONGEST_WORD)
    fits = words <= max_words
    return _Unit(
        sentences=sentences,
        words=words,
        terms=_terms(text),
        dangling=fits and bool(_DANGLING_OPENER.match(first)),
        unattributed=fits
        and _QUOTE_MARK.search(text) is not None
        and (_only_quoted(text) or bool(_PRONOUN_ATTRIBUTION.search(text))),
        selectable=selectable and not last.endswith(":"),  # "Caddell continued:" announces what is not there
        finished=bool(_FINISHED.search(last)) and not _LIST_ITEM.match(first),
    )


def _only_quoted(text: str) -> bool:
    """Tell whether text has quoted words and no word outside the quotes."""
    inside = False
    position = 0
    for found in _QUOTE_MARK.finditer(text):
        if not inside and _ALNUM.search(text, position, found.start()):
            return False
        mark = _SAME_MARK.get(found.group(), found.group())
        inside = not inside if mark == '"' else mark in "\u201c\u2018"
        position = found.end()
    return position > 0 and (inside or not _ALNUM.search(text, position))


def _terms(text: str) -> frozenset[str]:
    """Return the stems of the content words of text."""
    return frozenset(map(_term, _WORD.findall(text.lower()))) - _NO_TERM


@lru_cache(maxsize=1 << 16)
def _term(word: str) -> str:
    """Reduce a lowercase word to a crude stem, so 'profits' and 'profit' count as one term; '' for a stopword."""
    word = word.replace("\u2019", "'")
    if word in _STOPWORDS:
        return ""
    word = word.removesuffix("'s")
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _values(units: Sequence[_Unit], title: str, highlights: Sequence[str]) -> list[float]:
    """Value each unit by how many other units, and the title and highlights, share its content words."""
    shared: dict[str, float] = {}
    for unit in units:
        for term in unit.terms:
            shared[term] = shared.get(term, 0.0) + 1.0
    for line in (title, *highlights):
        for term in _terms(line):
            shared[term] = shared.get(term, 0.0) + SHARED_TITLE_WEIGHT
    values = [sum(shared[term] - 1.0 for term in unit.terms) for unit in units]
    values[0] *= 1 + FIRST_SENTENCE_BONUS
    return [value if unit.finished else value * UNFINISHED_SHARE for value, unit in zip(values, units, strict=True)]


def _near_duplicates(units: Sequence[_Unit], candidates: Sequence[int]) -> frozenset[tuple[int, int]]:
    """Return the pairs of candidate units that say nearly the same thing."""
    pairs: set[tuple[int, int]] = set()
    for first, second in combinations(candidates, 2):
        a, b = units[first].terms, units[second].terms
        if a and b and len(a & b) > NEAR_DUPLICATE * min(len(a), len(b)):
            pairs.add((first, second))
    return frozenset(pairs)
