"""The people directory: A–Z by surname, most quoted overall and most quoted in a run of stories."""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from digest.model import Article, Person

_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "phd", "md", "kc", "qc"})


@dataclass(frozen=True, slots=True)
class LetterGroup:
    """The people whose surname starts with one letter ("#" for anything but A–Z)."""

    letter: str
    people: tuple[Person, ...]


@dataclass(frozen=True, slots=True)
class QuotedPerson:
    """A person and how many quotes they have in some set of stories."""

    person: Person
    quotes: int


def _fold(text: str) -> str:
    """Return text without accents, case-folded, for sorting."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


def surname(name: str) -> str:
    """Return the word a name is filed under: the last word that is not a suffix such as "Jr"."""
    words = [w for w in name.replace(",", " ").split() if w]
    while len(words) > 1 and words[-1].casefold() in _SUFFIXES:
        words.pop()
    return words[-1] if words else name


def sort_key(name: str) -> tuple[str, str]:
    """Return the directory order of a name: by surname, then by the whole name."""
    return _fold(surname(name)), _fold(name)


def initial(name: str) -> str:
    """Return the A–Z letter a name is filed under, or "#"."""
    first = _fold(surname(name))[:1].upper()
    return first if "A" <= first <= "Z" else "#"


def group_by_initial(people: Sequence[Person]) -> tuple[LetterGroup, ...]:
    """Return people grouped A–Z by surname ("#" last), each group in directory order."""
    groups: dict[str, list[Person]] = {}
    for person in sorted(people, key=lambda p: (*sort_key(p.name), p.slug)):
        groups.setdefault(initial(person.name), []).append(person)
    letters = sorted(groups, key=lambda letter: (letter == "#", letter))
    return tuple(LetterGroup(letter, tuple(groups[letter])) for letter in letters)


def most_quoted(people: Sequence[Person], limit: int) -> tuple[QuotedPerson, ...]:
    """Return the `limit` people with the most quotes (ties: more stories, then name); nobody unquoted."""
    ranked = sorted((p for p in people if p.quotes),
                    key=lambda p: (-len(p.quotes), -len(p.article_slugs), sort_key(p.name), p.slug))
    return tuple(QuotedPerson(p, len(p.quotes)) for p in ranked[:limit])


def most_quoted_in(
    articles: Sequence[Article],
    person_links: Mapping[tuple[str, str], str],
    people: Mapping[str, Person],
    limit: int,
) -> tuple[QuotedPerson, ...]:
    """Return the people quoted most often in the given stories, most first."""
    counts: Counter[str] = Counter()
    for article in articles:
        for quote in article.quotes:
            if quote.speaker and not quote.speaker_is_organisation:
                slug = person_links.get((article.slug, quote.speaker))
                if slug is not None and slug in people:
                    counts[slug] += 1
    ranked = sorted(counts.items(), key=lambda item: (-item[1], sort_key(people[item[0]].name), item[0]))
    return tuple(QuotedPerson(people[slug], count) for slug, count in ranked[:limit])
