"""Find the people named in a story: capitalised names weighed by evidence, merged into one per person."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from digest.extract.names import (
    DEMONYMS,
    FUNCTION_WORDS,
    GIVEN_NAMES,
    HONORIFICS,
    NOT_NAME_WORDS,
    ORG_WORDS,
    PARTICLES,
    PLACE_WORDS,
    REPORTING_VERBS,
    ROLE_TITLES,
    word_set,
)
from digest.extract.roles import appositive_roles, premodifier_role
from digest.model import ArticlePerson, Mention

# A word: letters first, then letters, digits, apostrophes and hyphens; a lone capital may take a dot.
_WORD = re.compile(r"[^\W\d_][\w'\u2019\-]*")
_POSSESSIVE = re.compile(r"(?:'s|\u2019s|'|\u2019)$")
_ARABIC_ARTICLE = re.compile(r"^(?:al|el|ad|as|ash|at|az|ar|an|bin|ibn|abu|ben)-[A-Z]")
_SPEECH_BEFORE = word_set("said says told quoted added asked according")
_WEAK_VERBS = word_set(
    """was is has had will would could should won beat lost scored finished shot led leads met visited
    called became did does signed resigned died served joined took takes made makes gave"""
)
_SPEECH_AFTER = REPORTING_VERBS - _WEAK_VERBS
_NOT_A_NAME = FUNCTION_WORDS | NOT_NAME_WORDS | DEMONYMS | PLACE_WORDS | ORG_WORDS
_TITLE_WORDS = HONORIFICS | ROLE_TITLES
# Strong institutional words: a phrase containing one is an organisation, place or event.
_ORG_HEADS = ORG_WORDS - GIVEN_NAMES


@dataclass(frozen=True, slots=True)
class _Token:
    """One word of a paragraph with its offsets; `text` has any possessive ending removed."""

    text: str
    start: int
    end: int
    possessive: bool
    caps: bool


@dataclass(frozen=True, slots=True)
class _Candidate:
    """A capitalised name found in a paragraph, with what the text around it says."""

    tokens: tuple[str, ...]
    surface: str
    paragraph: int
    start: int
    end: int
    score: float
    titled: str
    roles: tuple[str, ...]
    caps: bool


def find_people(
    paragraphs: Sequence[str], *, title: str = "", exclude: Sequence[str] = ()
) -> tuple[ArticlePerson, ...]:
    """Return the people named in paragraphs, in order of first mention, with aliases, roles and mentions."""
    candidates = [c for i, text in enumerate(paragraphs) for c in _candidates(text, i)]
    return _merge(candidates, exclude)


def _tokens(text: str) -> list[_Token]:
    """Split text into words, keeping a dot after initials and marking possessives."""
    tokens: list[_Token] = []
    for match in _WORD.finditer(text):
        word, start, end = match.group(), match.start(), match.end()
        possessive = False
        if len(word) > 2 and _POSSESSIVE.search(word) and word[0].isupper():
            stripped = _POSSESSIVE.sub("", word)
            possessive = True
            word, end = stripped, start + len(stripped)
        elif end < len(text) and text[end] == "." and len(word) == 1 and word.isupper():
            word, end = word + ".", end + 1
        caps = len(word) > 1 and word.isupper() and word.replace("'", "").replace("-", "").isalpha()
        tokens.append(_Token(word, start, end, possessive, caps))
    return tokens


def _is_name_part(token: _Token) -> bool:
    """Tell whether a token can be part of a capitalised name."""
    return token.text[0].isupper() or bool(_ARABIC_ARTICLE.match(token.text))


def _runs(text: str, tokens: list[_Token]) -> list[list[_Token]]:
    """Group tokens into runs of capitalised words separated only by spaces (or lower-case particles)."""
    runs: list[list[_Token]] = []
    current: list[_Token] = []
    for i, token in enumerate(tokens):
        joined = bool(current) and text[current[-1].end : token.start].strip() == "" and not current[-1].possessive
        if _is_name_part(token):
            if current and not joined:
                runs.append(current)
                current = []
            current.append(token)
        elif (
            token.text in PARTICLES
            and joined
            and i + 1 < len(tokens)
            and _is_name_part(tokens[i + 1])
            and text[token.end : tokens[i + 1].start].strip() == ""
        ):
            current.append(token)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def _normal(word: str) -> str:
    """Return the title-cased form of an ALL-CAPS word (O'BRIEN -> O'Brien); other words unchanged."""
    if not (len(word) > 1 and word.isupper()):
        return word
    return re.sub(r"[^\W\d_]+", lambda m: m.group().capitalize(), word.lower())


def _candidates(text: str, paragraph: int) -> list[_Candidate]:
    """Find capitalised name candidates in one paragraph and score each by the evidence around it."""
    tokens = _tokens(text)
    found: list[_Candidate] = []
    for run in _runs(text, tokens):
        candidate = _candidate(text, paragraph, run, tokens)
        if candidate is not None:
            found.append(candidate)
    return found


def _candidate(text: str, paragraph: int, run: list[_Token], tokens: list[_Token]) -> _Candidate | None:
    """Turn one run of capitalised words into a scored name candidate, or None when it is no name."""
    words = [_normal(t.text) for t in run]
    # Leading words that are titles, nationalities, places or sentence openers are not the name.
    first = 0
    while first < len(run) - 1 and (words[first] in _NOT_A_NAME or words[first] in _TITLE_WORDS):
        if words[first] in GIVEN_NAMES and words[first + 1] not in _TITLE_WORDS and first > 0:
            break
        first += 1
    last = len(run)
    while last - 1 > first and (words[last - 1] in NOT_NAME_WORDS or words[last - 1] in FUNCTION_WORDS):
        last -= 1
    prefix = words[:first]
    name = words[first:last]
    name_tokens = run[first:last]
    if not name or len(name) > 5:
        return None
    given_first = len(name) > 1 and name[0] in GIVEN_NAMES and name[-1] not in _ORG_HEADS
    if any(w in _ORG_HEADS for w in name) and not given_first:
        return None
    if all(w in _NOT_A_NAME or w in _TITLE_WORDS or w in PARTICLES for w in name):
        return None
    if name[0] in PARTICLES:
        return None
    if any(len(w) == 1 or (w.endswith(".") and len(w) == 2) for w in name[-1:]):
        return None
    title_words = [w for w in prefix if w in _TITLE_WORDS]
    score = 0.0
    if title_words:
        score += 3
    if len(name) > 1:
        score += 1
        if name[0] in GIVEN_NAMES:
            score += 2
    start, end = name_tokens[0].start, name_tokens[-1].end
    after_index = tokens.index(run[-1]) + 1
    before_index = tokens.index(run[0]) - 1
    next_word = tokens[after_index].text if after_index < len(tokens) else ""
    gap_after = text[run[-1].end : tokens[after_index].start] if after_index < len(tokens) else ""
    prev_word = tokens[before_index].text if before_index >= 0 else ""
    gap_before = text[tokens[before_index].end : run[0].start] if before_index >= 0 else ""
    if last == len(run) and gap_after.strip() in ("", ",") and next_word in _SPEECH_AFTER:
        score += 2
    elif last == len(run) and gap_after.strip() == "" and next_word in _WEAK_VERBS:
        score += 0.5
    if first == 0 and prev_word in _SPEECH_BEFORE and gap_before.strip() == "":
        score += 2
    if first == 0 and prev_word in ("the", "The") and not title_words:
        score -= 3
    roles: list[str] = []
    role_prefix = " ".join(words[_role_start(prefix) : first]) if title_words else ""
    if role_prefix and any(w in ROLE_TITLES for w in prefix):
        roles.append(role_prefix)
    if first == 0:
        before = premodifier_role(text[: run[0].start])
        if before:
            roles.append(before)
            score += 2
    if last == len(run) and not run[-1].possessive:
        after = appositive_roles(text[end:])
        if after:
            roles.extend(after)
            score += 2
    if run[-1].possessive and last == len(run):
        score += 0.5
    caps = all(t.caps for t in name_tokens)
    return _Candidate(
        tokens=tuple(name),
        surface=text[start:end],
        paragraph=paragraph,
        start=start,
        end=end,
        score=score,
        titled=" ".join(title_words),
        roles=tuple(roles),
        caps=caps,
    )


def _role_start(prefix: list[str]) -> int:
    """Return where the role part of a title prefix begins (after openers and honorifics)."""
    i = 0
    while i < len(prefix) and (prefix[i] in FUNCTION_WORDS or prefix[i] in HONORIFICS):
        i += 1
    return i


@dataclass(slots=True)
class _Group:
    """The mentions gathered for one person while merging (local to _merge)."""

    tokens: tuple[str, ...]
    first: tuple[int, int]
    score: float
    forms: list[str]
    roles: list[str]
    mentions: list[tuple[int, int, int]]


def _merge(candidates: list[_Candidate], exclude: Sequence[str]) -> tuple[ArticlePerson, ...]:
    """Merge candidates into people: full names first, then surname-only and given-name-only mentions."""
    excluded = {tuple(_normal(w) for w in e.split()) for e in exclude if e.strip()}
    excluded_words = {w for e in excluded for w in e}
    groups: list[_Group] = []
    by_tokens: dict[tuple[str, ...], _Group] = {}
    for c in candidates:
        if len(c.tokens) < 2 or c.caps:
            continue
        group = _find_full(groups, c.tokens)
        if group is None:
            group = _Group(c.tokens, (c.paragraph, c.start), 0.0, [], [], [])
            groups.append(group)
        elif len(c.tokens) > len(group.tokens):
            group.tokens = c.tokens
        by_tokens[c.tokens] = group
        _add(group, c)
    people = [g for g in groups if g.score >= 2 and g.tokens not in excluded]
    singles: dict[str, _Group] = {}
    for c in candidates:
        if len(c.tokens) >= 2 and not c.caps:
            continue
        word = " ".join(c.tokens)
        group = _resolve(people, c.tokens, (c.paragraph, c.start))
        if group is not None:
            _add(group, c)
            continue
        if len(c.tokens) != 1 or c.caps or word in excluded_words:
            continue
        group = singles.get(word)
        if group is None:
            group = _Group(c.tokens, (c.paragraph, c.start), 0.0, [], [], [])
            singles[word] = group
        _add(group, c)
    people.extend(g for g in singles.values() if g.score >= 2 and g.tokens[0] not in _NOT_A_NAME)
    people.sort(key=lambda g: min(m[:2] for m in g.mentions))
    return tuple(_person(g) for g in people)


def _find_full(groups: list[_Group], tokens: tuple[str, ...]) -> _Group | None:
    """Return the group of the same full name (same first and last word, or one extends the other)."""
    for group in groups:
        if group.tokens[-1] == tokens[-1] and group.tokens[0] == tokens[0]:
            return group
    return None


def _resolve(people: list[_Group], tokens: tuple[str, ...], at: tuple[int, int]) -> _Group | None:
    """Find the person a short form refers to: by surname, else by unique given name."""
    word = " ".join(tokens)
    by_surname = [g for g in people if _surname(g.tokens) == word or " ".join(g.tokens) == word]
    if len(by_surname) == 1:
        return by_surname[0]
    if len(by_surname) > 1:
        before = [g for g in by_surname if g.first <= at]
        return max(before, key=lambda g: max(m[:2] for m in g.mentions if m[:2] <= at)) if before else None
    by_given = [g for g in people if g.tokens[0] == word]
    if len(by_given) == 1:
        return by_given[0]
    return None


def _surname(tokens: tuple[str, ...]) -> str:
    """Return the family-name part of a full name: the last word with any particles before it."""
    i = len(tokens) - 1
    while i > 1 and tokens[i - 1] in PARTICLES:
        i -= 1
    return " ".join(tokens[i:])


def _add(group: _Group, c: _Candidate) -> None:
    """Record one candidate in a group."""
    group.score = max(group.score, c.score) + (0.5 if group.mentions else 0)
    group.mentions.append((c.paragraph, c.start, c.end))
    group.forms.append(f"{c.titled} {c.surface}".strip())
    group.forms.append(c.surface)
    group.roles.extend(c.roles)


def _person(group: _Group) -> ArticlePerson:
    """Build the ArticlePerson of a merged group."""
    name = " ".join(group.tokens)
    aliases = tuple(dict.fromkeys(f for f in group.forms if f != name))
    roles = tuple(dict.fromkeys(group.roles))
    mentions = tuple(Mention(p, s, e) for p, s, e in sorted(set(group.mentions)))
    return ArticlePerson(name=name, aliases=aliases, roles=roles, mentions=mentions)
