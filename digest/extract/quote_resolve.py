"""Resolve a speaker phrase to one of the article's people, an organisation, or nobody."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from digest.extract.quote_lexicon import GENDERED_FEMALE, GENDERED_MALE, TITLES
from digest.extract.quote_phrases import SpeakerPhrase
from digest.model import ArticlePerson

_WORD = re.compile(r"[^\W\d_][\w\u2019'\-]*")
_FEMALE_ROLE = re.compile(
    r"\b(?:woman|wife|mother|daughter|sister|spokeswoman|congresswoman|chairwoman|businesswoman|"
    r"actress|queen|princess|first lady|widow|girlfriend|grandmother|her)\b",
    re.IGNORECASE,
)
_MALE_ROLE = re.compile(
    r"\b(?:man|husband|father|son|brother|spokesman|congressman|chairman|businessman|actor|king|"
    r"prince|widower|boyfriend|grandfather|his)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Speaker:
    """A resolved speaker: a full name, whether it is an organisation, and its role."""

    name: str
    is_organisation: bool = False
    role: str | None = None


def _words(text: str) -> list[str]:
    return [w.lower().replace("\u2019", "'").removesuffix("'s") for w in _WORD.findall(text)]


def _bare(words: list[str]) -> list[str]:
    """Drop leading title words from a name's words."""
    while len(words) > 1 and words[0].rstrip(".") in TITLES:
        words = words[1:]
    return words


@dataclass(frozen=True, slots=True)
class PersonIndex:
    """The article's people with the lookups resolution needs."""

    people: tuple[ArticlePerson, ...]

    def gender(self, person: ArticlePerson) -> str | None:
        """Return "f", "m" or None from honorifics and roles."""
        titles = {_words(a)[0] for a in person.aliases if _words(a)}
        if titles & GENDERED_FEMALE:
            return "f"
        if titles & GENDERED_MALE:
            return "m"
        roles = " ".join(person.roles)
        female = bool(_FEMALE_ROLE.search(roles))
        male = bool(_MALE_ROLE.search(roles))
        if female != male:
            return "f" if female else "m"
        return None

    def by_name(self, text: str) -> list[ArticlePerson]:
        """Return the people a name (full, surname, alias or title form) may refer to."""
        words = _bare(_words(text))
        if not words:
            return []
        exact = [
            p
            for p in self.people
            if words == _bare(_words(p.name)) or any(words == _bare(_words(a)) for a in p.aliases)
        ]
        if exact:
            # A one-word "person" ("Clinton") is a surname of a fuller name when exactly one has it.
            if len(exact) == 1 and len(_bare(_words(exact[0].name))) == 1:
                fuller = [p for p in self.people if p is not exact[0] and _bare(_words(p.name))[-1:] == words[-1:]]
                if len(fuller) > 1:
                    return fuller
                return fuller or exact
            return exact
        if len(words) == 1:
            found = [p for p in self.people if _bare(_words(p.name))[-1:] == words]
            return list({self.plainest(p).name: self.plainest(p) for p in found}.values())
        return [p for p in self.people if (pw := _bare(_words(p.name))) and pw[-1] == words[-1] and pw[0] == words[0]]

    def plainest(self, person: ArticlePerson) -> ArticlePerson:
        """Return the person whose full name ends this one's ("Crooked Hillary Clinton" -> "Hillary Clinton")."""
        words = _words(person.name)
        for other in self.people:
            tail = _words(other.name)
            if 2 <= len(tail) < len(words) and words[-len(tail) :] == tail:
                return other
        return person

    def by_role(self, description: str) -> list[ArticlePerson]:
        """Return the people whose roles contain the description ("opposition activist")."""
        words = _words(description)
        if not words:
            return []
        pattern = re.compile(r"\b" + r"\s+".join(re.escape(w) for w in words) + r"\b", re.IGNORECASE)
        return [p for p in self.people if any(pattern.search(r.replace("\u2019", "'")) for r in p.roles)]


def resolve_phrase(phrase: SpeakerPhrase, index: PersonIndex) -> Speaker | None:
    """Return the speaker a name, organisation or description phrase means, None when unsure."""
    if phrase.kind == "organisation":
        return Speaker(phrase.text, is_organisation=True)
    if phrase.kind == "name":
        found = index.by_name(phrase.text)
        if len(found) == 1:
            person = index.plainest(found[0])
            return Speaker(person.name, role=phrase.role or (person.roles[0] if person.roles else None))
        if found:
            return None
        words = phrase.text.split()
        if len(words) >= 2 and all(
            w[0].isupper()
            for w in words
            if w.lower() not in {"de", "van", "von", "der", "al", "bin", "la", "le", "da", "di", "du"}
        ):
            if phrase.text.isupper():
                return None
            return Speaker(phrase.text, role=phrase.role)
        return None
    if phrase.kind == "description" and not phrase.possessive:
        found = index.by_role(phrase.text)
        if len(found) == 1:
            person = found[0]
            return Speaker(person.name, role=person.roles[0] if person.roles else None)
    return None


def person_mentions(paragraphs: Sequence[str], index: PersonIndex) -> list[tuple[int, int, ArticlePerson]]:
    """Return (paragraph, offset, person) of every unambiguous mention, in reading order."""
    found: list[tuple[int, int, ArticlePerson]] = []
    seen: set[tuple[int, int]] = set()
    for person in index.people:
        for m in person.mentions:
            found.append((m.paragraph, m.start, person))
            seen.add((m.paragraph, m.start))
    forms: dict[str, list[ArticlePerson]] = {}
    for person in index.people:
        names = {person.name, *person.aliases}
        surname = _bare(_words(person.name))[-1:]
        for form in names:
            forms.setdefault(form, []).append(person)
        if surname:
            forms.setdefault(person.name.split()[-1], []).append(person)
    if not forms:
        return found
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) + r")\b")
    for number, text in enumerate(paragraphs):
        for match in pattern.finditer(text):
            owners = {p.name: p for p in forms.get(match.group(), [])}
            if len(owners) == 1 and (number, match.start()) not in seen:
                found.append((number, match.start(), next(iter(owners.values()))))
    found.sort(key=lambda item: (item[0], item[1]))
    return found


def resolve_pronoun(
    pronoun: str,
    paragraph: int,
    offset: int,
    mentions: list[tuple[int, int, ArticlePerson]],
    index: PersonIndex,
    last_speaker: str | None,
) -> Speaker | None:
    """Return the one person a pronoun can mean: the only compatible person mentioned just before."""
    want = "f" if pronoun == "she" else "m"
    here = {
        p.name: p
        for par, start, p in mentions
        if par == paragraph and start < offset and index.gender(p) in (want, None)
    }
    if len(here) == 1:
        return _speaker_named(next(iter(here)), index)
    if here:
        return None
    window = [p for par, start, p in mentions if (par == paragraph and start < offset) or par == paragraph - 1]
    if not window and last_speaker:
        return _speaker_named(last_speaker, index)
    compatible: list[ArticlePerson] = []
    for person in reversed(window):
        if index.gender(person) in (want, None) and person not in compatible:
            compatible.append(person)
    if len(compatible) == 1:
        return _speaker_named(compatible[0].name, index)
    if compatible and last_speaker and compatible[0].name == last_speaker:
        return _speaker_named(last_speaker, index)
    return None


def _speaker_named(name: str, index: PersonIndex) -> Speaker:
    for person in index.people:
        if person.name == name:
            return Speaker(person.name, role=person.roles[0] if person.roles else None)
    return Speaker(name)
