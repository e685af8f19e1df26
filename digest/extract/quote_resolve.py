"""Resolve a speaker phrase to one of the article's people, an organisation, or nobody."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from digest.extract.names import (
    DEMONYMS,
    ENGLISH_WORDS,
    FUNCTION_WORDS,
    GIVEN_NAMES,
    HONORIFICS,
    MEN_ONLY_NAMES,
    ORG_WORDS,
    PARTY_LABELS,
    PLACE_WORDS,
    ROLE_NOUNS,
    ROLE_TITLES,
    WOMEN_ONLY_NAMES,
    word_set,
)
from digest.extract.quote_lexicon import (
    FEMALE_NAMES,
    GENDERED_FEMALE,
    GENDERED_MALE,
    MALE_NAMES,
    NAME_PARTICLES,
    TITLES,
)
from digest.extract.quote_phrases import SpeakerPhrase
from digest.model import ArticlePerson

_WORD = re.compile(r"[^\W\d_][\w\u2019'\-]*")
_MODIFIER_WORDS = frozenset(
    """of the a an and for its his her their chief senior deputy former vice general managing
    executive""".split()  # noqa: SIM905
)
"""Lower-case words a pre-modifier role may contain besides role nouns."""
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
    names: tuple[tuple[str, ...], ...]
    """Each person's name as lower-case words without titles."""
    forms: tuple[frozenset[tuple[str, ...]], ...]
    """Each person's name and aliases, as lower-case words without titles."""

    @classmethod
    def of(cls, people: Sequence[ArticlePerson]) -> PersonIndex:
        """Index people by the words of their names and aliases."""
        names = tuple(tuple(_bare(_words(p.name))) for p in people)
        forms = tuple(
            frozenset({name, *(tuple(_bare(_words(a))) for a in p.aliases)})
            for p, name in zip(people, names, strict=True)
        )
        return cls(tuple(people), names, forms)

    def gender(self, person: ArticlePerson) -> str | None:
        """Return "f", "m" or None from honorifics and roles."""
        titles = {_words(a)[0] for a in person.aliases if _words(a)}
        if titles & GENDERED_FEMALE:
            return "f"
        if titles & GENDERED_MALE:
            return "m"
        first = self.names[self.people.index(person)][:1]
        given = first[0].capitalize() if first else ""
        if first and (first[0] in FEMALE_NAMES or given in WOMEN_ONLY_NAMES):
            return "f"
        if first and (first[0] in MALE_NAMES or given in MEN_ONLY_NAMES):
            return "m"
        roles = " ".join(person.roles)
        female = bool(_FEMALE_ROLE.search(roles))
        male = bool(_MALE_ROLE.search(roles))
        if female != male:
            return "f" if female else "m"
        return None

    def named(self, name: str | None) -> ArticlePerson | None:
        """Return the person of the story whose full name is exactly `name`, if any."""
        return next((p for p in self.people if p.name == name), None)

    def by_name(self, text: str) -> list[ArticlePerson]:
        """Return the people a name (full, surname, alias or title form) may refer to."""
        words = tuple(_bare(_words(text)))
        if not words:
            return []
        people = self.people
        exact = [p for p, forms in zip(people, self.forms, strict=True) if words in forms]
        if exact:
            # A one-word "person" ("Clinton") is a surname of a fuller name when exactly one has it.
            if len(exact) == 1 and len(self.names[people.index(exact[0])]) == 1:
                fuller = [
                    p
                    for p, name in zip(people, self.names, strict=True)
                    if p is not exact[0] and name[-1:] == words[-1:]
                ]
                if len(fuller) > 1:
                    return fuller
                return fuller or exact
            return exact
        if len(words) == 1:
            found = [p for p, name in zip(people, self.names, strict=True) if name[-1:] == words]
            return list({self.plainest(p).name: self.plainest(p) for p in found}.values())
        return [
            p
            for p, name in zip(people, self.names, strict=True)
            if name and name[-1] == words[-1] and name[0] == words[0]
        ]

    def plainest(self, person: ArticlePerson) -> ArticlePerson:
        """Return the person whose full name ends this one's ("Crooked Hillary Clinton" -> "Hillary Clinton")."""
        words = self.names[self.people.index(person)]
        for other, tail in zip(self.people, self.names, strict=True):
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


_SPEAKS_FOR_OR_CLAUSE = frozenset("for at while as when since before".split())  # noqa: SIM905
"""Words before an organisation that leave it the speaker: "a spokesman for X", "while X said" opens a clause."""


def resolve_phrase(phrase: SpeakerPhrase, index: PersonIndex) -> Speaker | None:
    """Return the speaker a name, organisation or description phrase means, None when unsure."""
    if phrase.kind == "organisation":
        # "After the Paris attacks, …", "obtained by the Gazette": a name a preposition governs is no subject,
        # but "a spokesman for the Gazette", "an official at the ministry" speak for it.
        spoken_for = not phrase.governed or phrase.governor in _SPEAKS_FOR_OR_CLAUSE
        return Speaker(phrase.text, is_organisation=True) if spoken_for else None
    if phrase.kind == "name":
        found = index.by_name(phrase.text)
        if len(found) > 1:
            # "Post Trump" (from "Washington Post Trump said") is no rival to "Donald Trump".
            found = [p for p in found if _has_given_name(p.name)] or found
        title = (phrase.title or "").lower()
        if len(found) > 1 and title in GENDERED_FEMALE | GENDERED_MALE:
            # "Mrs Clinton" among Hillary and Bill Clinton.
            sex = "f" if title in GENDERED_FEMALE else "m"
            found = [p for p in found if index.gender(p) == sex]
        if len(found) == 1:
            person = index.plainest(found[0])
            return Speaker(person.name, role=phrase.role or (person.roles[0] if person.roles else None))
        if found:
            return None
        if _names_organisation(phrase.text):
            return Speaker(phrase.text, is_organisation=True)
        if _new_person_name(phrase):
            return Speaker(phrase.text, role=phrase.role)
        if _unknown_organisation(phrase):
            return Speaker(phrase.text, is_organisation=True)
        return None
    if phrase.kind == "description" and not phrase.possessive and not _someone_unnamed(phrase):
        found = index.by_role(phrase.text)
        if len(found) == 1:
            person = found[0]
            return Speaker(person.name, role=person.roles[0] if person.roles else None)
    return None


_INDEFINITE_DETERMINERS = frozenset({"a", "an"})


def _someone_unnamed(phrase: SpeakerPhrase) -> bool:
    """Tell whether a description speaks for no one person: "a spokesman" is new, "her lawyers" are many."""
    if phrase.determiner in _INDEFINITE_DETERMINERS:
        return True  # "a spokesman said" introduces someone; a named spokesman of another side is not him
    head = phrase.text.split()[-1].lower() if phrase.text.split() else ""
    if not head.endswith("s") or head.endswith("ss"):
        return False
    singular = {head[:-1], head[:-2] if head.endswith("es") else head[:-1]}
    return bool(singular & ROLE_NOUNS)  # "her lawyers said": a group, not the one of them named later


MentionIndex = dict[int, list[tuple[int, ArticlePerson]]]
"""Paragraph -> (offset, person) of each mention, in reading order."""


def _has_given_name(name: str) -> bool:
    """Return True when a name starts with a known given name (or an initial)."""
    first = name.split()[0].rstrip(".") if name.split() else ""
    return first in GIVEN_NAMES or first.lower() in MALE_NAMES | FEMALE_NAMES or (len(first) == 1 and first.isupper())


# Words of a page's furniture that ORG_WORDS holds but that end no organisation's name a quote comes from.
_PAGE_WORDS = word_set("Watch Live Read Story Video Photo Photograph Picture Highlights App Images")


# Heads of a role that only relate the speaker to someone else: "rival", "wife" tell a reader nothing.
_RELATIONAL_ROLES = word_set("rival rivals friend friends wife husband daughter son mother father brother sister")
# One-word role nouns too vague or ambiguous to stand alone ("major", "staff", "chief").
_VAGUE_ROLES = word_set("major staff chief former")
_POSSESSIVE_END = re.compile(r"(?:'s|\u2019s|s'|s\u2019)$")
_PARTY_STATE = re.compile(r"^\(?[RDI]-[A-Z][\w.]*\)?$")  # "R-Ky.", "(D-Calif.)"


def shown_role(role: str | None) -> str | None:
    """Return a speaker's role as a quote shows it, None for a vague one ("rival", "Fox's", "defensive")."""
    words = (role or "").split()
    if not words or _POSSESSIVE_END.search(words[-1]):
        return None
    head = words[-1].lower().rstrip(".,")
    if head in _RELATIONAL_ROLES:
        return None
    if len(words) == 1 and not (_PARTY_STATE.match(words[0]) or words[0] in HONORIFICS | ROLE_TITLES):
        return role if head in ROLE_NOUNS and head not in _VAGUE_ROLES else None
    return role


def _names_organisation(name: str) -> bool:
    """Tell whether a name no person of the story has ends in an institutional noun ("Delta Airlines")."""
    words = name.split()
    last = words[-1] if len(words) > 1 else ""
    if last not in ORG_WORDS or last in _PAGE_WORDS or last in GIVEN_NAMES or last.lower() not in ENGLISH_WORDS:
        return False
    if words[0] in FUNCTION_WORDS:
        return False  # "When Twitter": a sentence's opener glued to a name
    if last in PARTY_LABELS or last.rstrip("s") in PARTY_LABELS:
        return False  # "a Nevada Democrat said": a person of a party
    # After a given name only a plural ends a firm's name ("Delta Airlines"); "Don Guardian" is a mayor.
    return not _has_given_name(name) or last.endswith("s")


def _unknown_organisation(phrase: SpeakerPhrase) -> bool:
    """Tell whether an unknown name of ordinary capitalised words is an organisation ("Judicial Watch").

    No word may be a given name, and neither a place ("South Carolina") nor a party member ("a Nevada
    Democrat") is an organisation; _new_person_name has already refused it as a person.
    """
    words = phrase.text.split()
    if not 2 <= len(words) <= 4 or phrase.title is not None or phrase.role is not None or phrase.governed:
        return False  # "economist at Global Insight said": the name after a preposition is not the subject
    if words[0] in FUNCTION_WORDS or any(w.lower().rstrip(".") in TITLES for w in words):
        return False  # "UK Chancellor" is an office
    if not all(
        len(w) > 1 and w[0].isupper() and w.replace("-", "").isalpha() and (len(w) <= 4 or not w.isupper())
        for w in words
    ):
        return False  # "CONGRESS HAS INVESTIGATED HIM" is a headline, "B B" a name cut at "&"
    if any(w in GIVEN_NAMES or w.lower() in MALE_NAMES | FEMALE_NAMES or w in PARTY_LABELS for w in words):
        return False
    last = words[-1]
    if last.endswith("s") and last[:-1].lower() in ENGLISH_WORDS:
        return False  # "said Flight Attendants": a group of people, not a body
    if last in PLACE_WORDS | PARTY_LABELS | DEMONYMS or last.rstrip("s") in PARTY_LABELS | DEMONYMS:
        return False
    return not all(w in PLACE_WORDS for w in words)


def _new_person_name(phrase: SpeakerPhrase) -> bool:
    """Return True for a full name a story may introduce: a given name (or a title) and a surname."""
    words = phrase.text.split()
    if len(words) < 2 or phrase.text.isupper():
        return False
    if not all(w[0].isupper() for w in words if w.lower() not in NAME_PARTICLES):
        return False
    first = words[0].rstrip(".")
    known = first in GIVEN_NAMES or first.lower() in MALE_NAMES | FEMALE_NAMES
    initial = len(first) == 1 and first.isupper()
    if known or initial or phrase.title is not None:
        return True
    # An unfamiliar given name is fine when no word of the name is an ordinary word ("Flight Attendants").
    return not any(w.lower().rstrip(".") in ENGLISH_WORDS or w in ORG_WORDS for w in words)


def person_mentions(paragraphs: Sequence[str], index: PersonIndex) -> MentionIndex:
    """Return the people's mentions by paragraph: those given, or found by name when none are given."""
    found: MentionIndex = {}
    if any(person.mentions for person in index.people):
        for person in index.people:
            for m in person.mentions:
                found.setdefault(m.paragraph, []).append((m.start, person))
    else:
        forms: dict[str, set[str]] = {}
        by_name = {person.name: person for person in index.people}
        for person in index.people:
            for form in {person.name, *person.aliases, person.name.split()[-1]}:
                forms.setdefault(form, set()).add(person.name)
        for number, text in enumerate(paragraphs):
            for form, owners in forms.items():
                if len(owners) != 1:
                    continue
                at = text.find(form)
                while at >= 0:
                    end = at + len(form)
                    if (at == 0 or not text[at - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
                        found.setdefault(number, []).append((at, by_name[next(iter(owners))]))
                    at = text.find(form, end)
    for items in found.values():
        items.sort(key=lambda item: item[0])
    return found


def resolve_pronoun(
    pronoun: str,
    paragraph: int,
    offset: int,
    mentions: MentionIndex,
    index: PersonIndex,
    last_speaker: str | None,
    text: str = "",
) -> Speaker | None:
    """Return the one person a pronoun can mean: the only compatible person mentioned just before.

    offset is where to look back from (the pronoun, or the quote when the pronoun follows it); text is the
    paragraph, whose last two sentences before offset are searched first.
    """
    if pronoun not in {"he", "she"}:
        return None
    want = "f" if pronoun == "she" else "m"
    recent = _recent_subject(text, offset, mentions.get(paragraph, []), index, want)
    if recent is not None:
        return _speaker_named(recent.name, index)
    here = {p.name: p for start, p in mentions.get(paragraph, []) if start < offset and index.gender(p) in (want, None)}
    if len(here) == 1:
        return _speaker_named(next(iter(here)), index)
    if here:
        return None
    window = [p for _, p in mentions.get(paragraph - 1, [])]
    if not window and last_speaker:
        last = index.named(last_speaker)
        # Nobody named since the last speaker: the pronoun goes on with them, if it can be them.
        return _speaker_named(last_speaker, index) if last is None or index.gender(last) in (want, None) else None
    compatible: list[ArticlePerson] = []
    for person in reversed(window):
        if index.gender(person) in (want, None) and person not in compatible:
            compatible.append(person)
    if len(compatible) == 1:
        return _speaker_named(compatible[0].name, index)
    if compatible and last_speaker and compatible[0].name == last_speaker:
        return _speaker_named(last_speaker, index)
    return None


_SENTENCE_END = re.compile(r"[.!?][\"\u201d\u2019']?\s+(?=[\"\u201c\u2018A-Z])")


def _recent_subject(
    text: str, offset: int, mentions: list[tuple[int, ArticlePerson]], index: PersonIndex, want: str
) -> ArticlePerson | None:
    """Return the only person of the last two sentences before offset whom the pronoun can mean.

    Two candidates of the same sex (or of unknown sex) are an ambiguity, and resolve to nobody.
    """
    lo = max(0, offset - 600)
    starts = [lo] + [m.end() for m in _SENTENCE_END.finditer(text, lo, offset)]
    window_start = starts[-2] if len(starts) >= 2 else starts[-1]
    compatible = {p.name: p for at, p in mentions if window_start <= at < offset and index.gender(p) in (want, None)}
    return next(iter(compatible.values())) if len(compatible) == 1 else None


def opens_sentence(before: list[str]) -> bool:
    """Return True when the words before a name are only a pre-modifier ("Real Madrid director of sport")."""
    if len(before) > 6:
        return False
    previous = ""
    for word in before:
        bare = word.strip(",.'\u2019").lower()
        if word[:1].isupper() or bare in ROLE_NOUNS or bare in _MODIFIER_WORDS or previous == "of":
            previous = bare
            continue
        return False
    return True


def _speaker_named(name: str, index: PersonIndex) -> Speaker:
    for person in index.people:
        if person.name == name:
            return Speaker(person.name, role=person.roles[0] if person.roles else None)
    return Speaker(name)
