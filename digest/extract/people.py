"""Find the people named in a story: name candidates merged into one person each, with aliases and roles."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from digest.extract.name_candidates import (
    ARABIC_ARTICLE,
    LOWER_WORD,
    NOT_A_NAME,
    TITLE_WORDS,
    WORD,
    NameCandidate,
    find_candidates,
    normal_word,
)
from digest.extract.names import (
    ENGLISH_WORDS,
    GIVEN_NAMES,
    HONORIFICS,
    MEN_ONLY_NAMES,
    MEN_TITLES,
    NOBLE_TITLES,
    PARTICLES,
    ROLE_NOUNS,
    WOMEN_ONLY_NAMES,
    WOMEN_TITLES,
    word_set,
)
from digest.model import ArticlePerson, Mention

_LABEL_ROLES = word_set(
    "interviewer moderator narrator announcer caller voice voices audience questioner crowd all both"
)


def find_people(
    paragraphs: Sequence[str], *, title: str = "", exclude: Sequence[str] = ()
) -> tuple[ArticlePerson, ...]:
    """Return the people named in paragraphs, in order of first mention, with aliases, roles and mentions.

    Only the body makes people; a full name in the title ("Blair defends Iraq war" does not count, but
    "Tony Blair defends ...") completes a person the body names by surname alone.
    """
    candidates = _without_headline_phrases([c for i, text in enumerate(paragraphs) for c in find_candidates(text, i)])
    common = {word for text in paragraphs for word in LOWER_WORD.findall(text)}
    hints = tuple(c.tokens for c in find_candidates(title, -1) if len(c.tokens) > 1 and c.tokens[0] in GIVEN_NAMES)
    return _merge(candidates, exclude, frozenset(common), hints)


@dataclass(slots=True)
class _Group:
    """The mentions gathered for one person while merging (local to _merge)."""

    tokens: tuple[str, ...]
    first: tuple[int, int]
    score: float
    forms: list[str]
    roles: list[str]
    mentions: list[tuple[int, int, int]]
    titled: bool = False
    inside: int = 0
    personal: bool = False
    honorific: bool = False
    label: bool = False
    apposed: bool = False
    noble: str = ""
    named_as_org: bool = False


def _merge(
    candidates: list[NameCandidate],
    exclude: Sequence[str],
    common: frozenset[str],
    hints: tuple[tuple[str, ...], ...] = (),
) -> tuple[ArticlePerson, ...]:
    """Merge candidates into people: full names first, then surname-only and given-name-only mentions."""
    excluded = _ExcludedNames(exclude)
    excluded_words = excluded.words
    groups = _FullNames()
    for c in candidates:
        if len(c.tokens) >= 2 and not c.caps:
            _add(groups.find_or_add(c), c)
    short: dict[str, list[NameCandidate]] = {}
    for c in candidates:
        if len(c.tokens) == 1 and not c.caps:
            short.setdefault(c.tokens[0], []).append(c)
    people = [g for g in groups.groups if _full_is_person(g, short) and not excluded.covers(g.tokens)]
    index = _ShortForms(people)
    singles: dict[str, _Group] = {}
    guesses: list[tuple[NameCandidate, _Group, tuple[_Group, ...]]] = []
    for c in candidates:
        if len(c.tokens) >= 2 and not c.caps:
            continue
        word = " ".join(c.tokens)
        group, rivals = index.resolve(c)
        if group is not None:
            _add(group, c, alias=not rivals)
            if rivals:
                guesses.append((c, group, rivals))
            continue
        if c.label and _label_is_person(c.tokens) and not excluded.covers(c.tokens):
            group = singles.setdefault(word, _Group(c.tokens, (c.paragraph, c.start), 0.0, [], [], []))
            _add(group, c)
            group.label = True
            continue
        if len(c.tokens) != 1 or c.caps or word in excluded_words:
            continue
        group = singles.get(word)
        if group is None:
            group = _Group(c.tokens, (c.paragraph, c.start), 0.0, [], [], [])
            singles[word] = group
        _add(group, c)
    full_surnames = {g.tokens[-1] for g in people if len(g.tokens) > 1}
    for group in singles.values():
        if group.tokens[0] in full_surnames:
            continue
        completions = {h for h in hints if h[-1] == group.tokens[0] and not excluded.covers(h)}
        # A surname the title gives in full ("Cecile Richards: ...") needs no more evidence than a name's.
        titled_in_full = (
            len(completions) == 1
            and len(next(iter(completions))) == 2
            and group.score > 0
            and _plain_name_word(group.tokens[0], common)
        )
        if not (titled_in_full or _single_is_person(group, common)):
            continue
        if len(completions) == 1:
            group.forms.append(group.tokens[0])
            (group.tokens,) = completions
        elif group.noble:
            group.forms.append(group.tokens[0])
            group.tokens = (group.noble, group.tokens[0])  # "Prince Charles", "Lord Falconer"
        people.append(group)
    _alias_dominant_guesses(guesses)
    people.sort(key=lambda g: min(m[:2] for m in g.mentions))
    return tuple(_person(g) for g in people)


def _without_headline_phrases(candidates: list[NameCandidate]) -> list[NameCandidate]:
    """Cut the Title Case phrases that wrap another full name of the story in ordinary words down to that name
    ("Ted Cruz Hints Trump", "Telling Jeb Bush"), and drop those that hold two of them ("Jeb Bush Hits Marco
    Rubio"): headlines of a live blog, not longer names."""
    names = {c.tokens for c in candidates if len(c.tokens) > 1 and not c.caps}
    surnames = {name[-1] for name in names if name[0] in GIVEN_NAMES}
    kept: list[NameCandidate] = []
    for c in candidates:
        tokens = c.tokens
        if len(tokens) == 2 and tokens[1] in surnames and _ordinary_opener(tokens[0]) and not c.caps:
            # "Celebrating Clinton", "Joining Rubio": a word opening the sentence before a known surname.
            kept.append(_trimmed(c, 1, 2))
            continue
        inner = [
            (i, i + size)
            for size in range(2, len(tokens))
            for i in range(len(tokens) - size + 1)
            if tokens[i : i + size] in names
        ]
        if not inner or c.caps:
            kept.append(c)
            continue
        if any(a[1] <= b[0] for a in inner for b in inner):
            continue
        begin, end = max(inner, key=lambda span: span[1] - span[0])
        if not all(_ordinary_opener(w) for w in tokens[:begin] + tokens[end:]):
            kept.append(c)
            continue
        kept.append(_trimmed(c, begin, end))
    return kept


def _ordinary_opener(word: str) -> bool:
    """Tell whether a capitalised word is an ordinary word, never a given name, a title or a particle ("Bin")."""
    lower = word.lower()
    return word not in GIVEN_NAMES and word not in TITLE_WORDS and lower in ENGLISH_WORDS and lower not in PARTICLES


def _trimmed(c: NameCandidate, begin: int, end: int) -> NameCandidate:
    """Return a candidate cut down to its words begin..end, without the titles and roles of the whole."""
    words = list(WORD.finditer(c.surface))
    if len(words) != len(c.tokens):
        return c
    return c._replace(
        tokens=c.tokens[begin:end],
        surface=c.surface[words[begin].start() : words[end - 1].end()],
        start=c.start + words[begin].start(),
        end=c.start + words[end - 1].end(),
        titled="" if begin else c.titled,
        titled_surface="" if begin else c.titled_surface,
        roles=(),
    )


class _ExcludedNames:
    """The byline's names, which are never people of the story ("Edited By: Harshit Sabarwal")."""

    def __init__(self, exclude: Sequence[str]) -> None:
        self.names = [tuple(normal_word(m.group()) for m in WORD.finditer(e)) for e in exclude]
        self.words = frozenset(w for name in self.names for w in name)

    def covers(self, tokens: tuple[str, ...]) -> bool:
        """Tell whether a name is, word for word, part of a byline name."""
        size = len(tokens)
        return any(name[i : i + size] == tokens for name in self.names for i in range(len(name) - size + 1))


class _FullNames:
    """Full-name groups of one story, found by first and last word or by a shared ending (local to _merge)."""

    def __init__(self) -> None:
        self.groups: list[_Group] = []
        self._by_ends: dict[tuple[str, str], _Group] = {}
        self._by_words: dict[tuple[str, ...], _Group] = {}

    def find_or_add(self, c: NameCandidate) -> _Group:
        """Return the group of a full-name candidate, making one if it is new."""
        folded = tuple(w.casefold() for w in c.tokens)
        group = self._by_ends.get((folded[0], folded[-1]))
        if group is not None and not _middles_agree(folded, tuple(w.casefold() for w in group.tokens)):
            group = None  # George H. W. Bush is not George W. Bush
        group = group or self._by_words.get(folded)
        if group is None:
            # "Lula da Silva" after "Luiz Inacio Lula da Silva", or the other way round.
            group = next((g for i in range(1, len(folded) - 1) if (g := self._by_words.get(folded[i:]))), None)
        if group is None:
            group = _Group(c.tokens, (c.paragraph, c.start), 0.0, [], [], [])
            self.groups.append(group)
        elif len(c.tokens) > len(group.tokens):
            group.tokens = c.tokens
        self._by_ends.setdefault((folded[0], folded[-1]), group)
        for i in range(len(folded) - 1):
            self._by_words.setdefault(folded[i:], group)
        return group


def _middles_agree(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Tell whether two names with the same first and last word can be one person: one has no middle, or the
    middles match word for word, an initial matching a word ("George W. Bush", "George Walker Bush")."""
    ma, mb = a[1:-1], b[1:-1]
    if not ma or not mb:
        return True
    if len(ma) != len(mb):
        return False
    return all(x == y or x.rstrip(".") == y[:1] or y.rstrip(".") == x[:1] for x, y in zip(ma, mb, strict=True))


class _ShortForms:
    """Index of the people of one story by their short forms and given names (local to _merge)."""

    def __init__(self, people: list[_Group]) -> None:
        self._by_form: dict[str, list[_Group]] = {}
        self._by_given: dict[str, list[_Group]] = {}
        for group in people:
            for form in {*_short_forms(group.tokens), " ".join(group.tokens).casefold()}:
                self._by_form.setdefault(form, []).append(group)
            if len(group.tokens) > 1:
                self._by_given.setdefault(group.tokens[0].casefold(), []).append(group)

    def resolve(self, candidate: NameCandidate) -> tuple[_Group | None, tuple[_Group, ...]]:
        """Find the person a short form refers to (by surname, else by unique given name), with the rivals
        it was chosen from when it was a guess.

        A surname shared by two people ("Trump" with Donald and Ivana Trump in the story) goes to the one
        the story names most, or else to the one named last.
        """
        word = " ".join(candidate.tokens).casefold()
        at = (candidate.paragraph, candidate.start)
        by_surname = self._by_form.get(word, [])
        if len(by_surname) > 1:
            by_surname = _same_sex(by_surname, candidate.titled) or by_surname
        if len(by_surname) == 1:
            return by_surname[0], ()
        if len(by_surname) > 1:
            before = [g for g in by_surname if g.first <= at]
            if not before:
                return None, ()
            counts = sorted((len(g.mentions) for g in before), reverse=True)
            if len(counts) == 1 or counts[0] > counts[1]:
                return max(before, key=lambda g: len(g.mentions)), tuple(by_surname)
            return max(before, key=lambda g: max(m[:2] for m in g.mentions if m[:2] <= at)), tuple(by_surname)
        by_given = self._by_given.get(word, [])
        return (by_given[0], ()) if len(by_given) == 1 else (None, ())


def _alias_dominant_guesses(guesses: list[tuple[NameCandidate, _Group, tuple[_Group, ...]]]) -> None:
    """Make a shared surname an alias of the person it was always given to, when the story names that person
    at least three times as often as anyone else of the name ("Scott" for Bobby Scott, not for Tim Scott)."""
    by_word: dict[str, list[tuple[NameCandidate, _Group, tuple[_Group, ...]]]] = {}
    for guess in guesses:
        by_word.setdefault(" ".join(guess[0].tokens).casefold(), []).append(guess)
    for same in by_word.values():
        chosen = {id(group) for _, group, _ in same}
        group = same[0][1]
        others = [len(g.mentions) for g in same[0][2] if g is not group]
        if len(chosen) == 1 and len(group.mentions) >= 3 * max(others, default=0):
            for candidate, _, _ in same:
                _add_forms(group, candidate)


def _full_is_person(group: _Group, short: Mapping[str, list[NameCandidate]]) -> bool:
    """Tell whether a full name is a person, counting the evidence of its surname-only mentions too."""
    support = short.get(group.tokens[-1], []) if len(group.tokens) > 1 else []
    if group.named_as_org and not group.personal:
        return False
    best = max([group.score, *(c.score for c in support)])
    mentions = len(group.mentions) + len(support)
    return best + min(1.0, (mentions - 1) / 2) >= 2


def _label_is_person(tokens: tuple[str, ...]) -> bool:
    """Tell whether an ALL-CAPS speaker label names someone ("PUTIN:") rather than a role ("REPORTER:")."""
    return not any(
        len(w) < 4 or w in NOT_A_NAME or w in TITLE_WORDS or w.lower() in ROLE_NOUNS or w.lower() in _LABEL_ROLES
        for w in tokens
    )


def _single_is_person(group: _Group, common: frozenset[str]) -> bool:
    """Tell whether a one-word name with no full name in the story is a person."""
    word = group.tokens[0]
    if group.label:
        return True
    if word in NOT_A_NAME or word in TITLE_WORDS or word.lower() in common:
        return False
    if word.lower() in ENGLISH_WORDS and not group.honorific:
        return False
    return group.apposed or (group.personal and group.inside > 0)


def _plain_name_word(word: str, common: frozenset[str]) -> bool:
    """Tell whether a word can only be a name here: no title, organisation, place or ordinary word."""
    return not (
        word in NOT_A_NAME or word in TITLE_WORDS or word.lower() in common or word.lower() in ENGLISH_WORDS
    )


def _short_forms(tokens: tuple[str, ...]) -> set[str]:
    """Return the case-folded short forms of a full name: "bin laden", "laden", "zawahiri"."""
    folded = [w.casefold() for w in tokens]
    forms = {" ".join(folded[i:]) for i in range(1, len(folded))}
    last = folded[-1]
    if ARABIC_ARTICLE.match(tokens[-1]) or re.match(r"^(?:al|el)-", last):
        forms.add(last.split("-", 1)[1])
    return forms


def _same_sex(groups: list[_Group], titled: str) -> list[_Group]:
    """Keep the people whose given name fits a "Mrs" or "Mr" before the surname."""
    words = set(titled.split())
    if words & WOMEN_TITLES:
        return [g for g in groups if g.tokens[0] not in MEN_ONLY_NAMES]
    if words & MEN_TITLES:
        return [g for g in groups if g.tokens[0] not in WOMEN_ONLY_NAMES]
    return []


def _add(group: _Group, c: NameCandidate, *, alias: bool = True) -> None:
    """Record one candidate in a group; its surface form becomes an alias unless it was a guess."""
    group.score = max(group.score, c.score)
    group.mentions.append((c.paragraph, c.start, c.end))
    if alias:
        _add_forms(group, c)
    group.roles.extend(c.roles)
    group.titled = group.titled or bool(c.titled)
    group.personal = group.personal or c.personal
    group.apposed = group.apposed or c.apposed
    group.named_as_org = group.named_as_org or c.named_as_org
    group.noble = group.noble or next((w for w in c.titled.split() if w in NOBLE_TITLES), "")
    group.honorific = group.honorific or any(w in HONORIFICS for w in c.titled.split())
    group.inside += not c.sentence_start


def _add_forms(group: _Group, c: NameCandidate) -> None:
    """Record the forms a candidate names its person by, as aliases."""
    if c.titled_surface:
        group.forms.append(c.titled_surface)
    group.forms.append(c.surface)


def _person(group: _Group) -> ArticlePerson:
    """Build the ArticlePerson of a merged group."""
    name = " ".join(group.tokens).replace("\u2019", "'")
    aliases = tuple(dict.fromkeys(f for f in group.forms if f != name))
    roles = tuple(dict.fromkeys(group.roles))
    mentions = tuple(Mention(p, s, e) for p, s, e in sorted(set(group.mentions)))
    return ArticlePerson(name=name, aliases=aliases, roles=roles, mentions=mentions)
