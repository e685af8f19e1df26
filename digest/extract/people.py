"""Find the people named in a story: capitalised names weighed by evidence, merged into one per person."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from digest.extract.names import (
    CALENDAR_WORDS,
    DEMONYMS,
    ENGLISH_WORDS,
    FOREIGN_ARTICLES,
    FUNCTION_WORDS,
    GIVEN_NAMES,
    HONORIFICS,
    MEN_ONLY_NAMES,
    MEN_TITLES,
    MODIFIER_SUFFIXES,
    NAME_SUFFIXES,
    NOBLE_TITLES,
    NOT_NAME_WORDS,
    ORG_AFTER,
    ORG_BEFORE,
    ORG_NAMES_OF_PEOPLE,
    ORG_ROLES,
    ORG_TAILS,
    ORG_WORDS,
    PARTICLES,
    PLACE_ABBREVIATIONS,
    PLACE_WORDS,
    REPORTING_VERBS,
    ROLE_NOUNS,
    ROLE_TITLES,
    SPEECH_BEFORE,
    SPLIT_TITLES,
    WEAK_VERBS,
    WOMEN_ONLY_NAMES,
    WOMEN_TITLES,
    word_set,
)
from digest.extract.roles import appositive_roles, premodifier_roles, who_role
from digest.model import ArticlePerson, Mention

# A word: letters first, then letters, digits, apostrophes and hyphens; a lone capital may take a dot.
_WORD = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_][\w'\u2019\-]*")
_LOWER_WORD = re.compile(r"\b[a-z][a-z'\-]+\b")
_AGE = re.compile(r",\s*(?:aged\s+)?\d{1,3}\s*(?:[,.;)]|--|[\u2013\u2014]|$)")
_DOTTED = re.compile(r"(?:[A-Z]\.){2,}")
_POSSESSIVE = re.compile(r"(?:'s|\u2019s|'|\u2019)$")
_ARABIC_ARTICLE = re.compile(r"^(?:al|el|ad|as|ash|at|az|ar|an|bin|ibn|abu|ben)-[A-Z]")
_SPEECH_AFTER = REPORTING_VERBS - WEAK_VERBS
_MODALS = word_set("Will May Can Must Shall")
# Nouns after a name that make a phrase about a person's side, not an organisation: "the Bush administration".
_PERSON_MODIFIED = word_set(
    """administration government regime team squad club staff workers employees management board office
    headquarters region province district village town city area border forces troops army police navy military
    boss bosses official officials executive executives chairman analyst analysts researcher researchers model
    products product brand era years family campaign"""
)
_LABEL_ROLES = word_set(
    "interviewer moderator narrator announcer caller voice voices audience questioner crowd all both"
)
_NOT_A_NAME = FUNCTION_WORDS | NOT_NAME_WORDS | DEMONYMS | PLACE_WORDS | ORG_WORDS
_TITLE_WORDS = HONORIFICS | ROLE_TITLES
# Title words that name a position on their own; "Foreign" or "Deputy" only qualify one.
_TITLE_HEADS = HONORIFICS | (
    ROLE_TITLES
    - word_set(
        """Crown Field Prime Foreign Defence Defense Interior Finance Justice Health Home Trade Economy Energy
        Education Culture Environment Transport Labour Agriculture Development Information State Shadow
        First Grand Supreme High Acting Former Ex Ex- Vice Deputy Assistant Executive Managing Chief"""
    )
)
_PREFIX_WORDS = FUNCTION_WORDS | DEMONYMS | PLACE_WORDS | ORG_WORDS | HONORIFICS | ROLE_TITLES
_DEMONYM_TAILS = DEMONYMS - word_set("French English Welsh Walsh Scott Irish German Dane")
_CAMEL = re.compile(r"[a-z][A-Z]")
_ACRONYM_PLURAL = re.compile(r"^[A-Z]{2,}s$")
_NAME_PREFIX = re.compile(r"^(?:Mc|Mac|De|Di|Da|Du|La|Le|Van|Von|O'|D')")
_QUOTES = frozenset("\"'\u201c\u201d\u2018\u2019")
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
    """The title words before the name ("President"), or ""."""
    titled_surface: str
    """The name with its title as written ("Prime Minister Narendra Modi"), or ""."""
    roles: tuple[str, ...]
    caps: bool
    sentence_start: bool
    personal: bool
    """True when the text says outright that this is a person: a title, a role, or ", who"."""
    apposed: bool = False
    """True when a title, an appositive, an age or ", who" says so right at this mention."""
    named_as_org: bool = False
    """True when the words around say it is an organisation: "news agency Prensa Latina", "Zycie Warszawy daily"."""
    label: bool = False
    """True for an ALL-CAPS speaker label opening a paragraph: "PUTIN: ..."."""


def find_people(
    paragraphs: Sequence[str], *, title: str = "", exclude: Sequence[str] = ()
) -> tuple[ArticlePerson, ...]:
    """Return the people named in paragraphs, in order of first mention, with aliases, roles and mentions.

    Only the body makes people; a full name in the title ("Blair defends Iraq war" does not count, but
    "Tony Blair defends ...") completes a person the body names by surname alone.
    """
    candidates = [c for i, text in enumerate(paragraphs) for c in _candidates(text, i)]
    common = {m.group() for text in paragraphs for m in _LOWER_WORD.finditer(text)}
    hints = tuple(c.tokens for c in _candidates(title, -1) if len(c.tokens) > 1 and c.tokens[0] in GIVEN_NAMES)
    return _merge(candidates, exclude, frozenset(common), hints)


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


def _runs(text: str, tokens: list[_Token]) -> list[tuple[int, int]]:
    """Group tokens into runs (index ranges) of capitalised words joined only by spaces or particles."""
    runs: list[tuple[int, int]] = []
    begin = -1
    for i, token in enumerate(tokens):
        previous = tokens[i - 1] if i else None
        joined = (
            begin >= 0
            and previous is not None
            and not previous.possessive
            and text[previous.end : token.start].strip() == ""
        )
        if _is_name_part(token):
            if begin >= 0 and not joined:
                runs.append((begin, i))
                begin = -1
            if begin < 0:
                begin = i
        elif token.text in PARTICLES and joined and _particle_leads_to_name(text, tokens, i):
            continue
        elif begin >= 0:
            runs.append((begin, i))
            begin = -1
    if begin >= 0:
        runs.append((begin, len(tokens)))
    return runs


def _particle_leads_to_name(text: str, tokens: list[_Token], i: int) -> bool:
    """Tell whether the particles from token i on are followed, space-separated, by a capitalised word."""
    for j in range(i + 1, min(i + 4, len(tokens))):
        if text[tokens[j - 1].end : tokens[j].start].strip():
            return False
        if _is_name_part(tokens[j]):
            return True
        if tokens[j].text not in PARTICLES:
            return False
    return False


def _normal(word: str) -> str:
    """Return the title-cased form of an ALL-CAPS word (O'BRIEN -> O'Brien); other words unchanged."""
    if not (len(word) > 1 and word.isupper()) or word in _TITLE_WORDS:
        return word
    return re.sub(r"[^\W\d_]+", lambda m: m.group().capitalize(), word.lower())


def _candidates(text: str, paragraph: int) -> list[_Candidate]:
    """Find capitalised name candidates in one paragraph and score each by the evidence around it."""
    tokens = _tokens(text)
    found: list[_Candidate] = []
    for begin, end in _runs(text, tokens):
        for part_begin, part_end in _split_title_case(tokens, begin, end):
            candidate = _candidate(text, paragraph, tokens, part_begin, part_end)
            if candidate is not None:
                found.append(candidate)
    return found


def _split_title_case(tokens: list[_Token], begin: int, end: int) -> list[tuple[int, int]]:
    """Cut a run at capitalised verbs and function words inside it: Title Case text such as "Sir Alex
    Ferguson Says Wayne Rooney Will Stay" holds several names."""
    parts: list[tuple[int, int]] = []
    start = begin
    for i in range(begin + 1, end - 1):
        word = tokens[i].text
        # "Will Young" is a name, but not "Wayne Rooney | Will | Stay".
        given = word in GIVEN_NAMES and tokens[i + 1].text.lower() not in ENGLISH_WORDS
        if (word in FUNCTION_WORDS or word in _MODALS) and not given and word not in _TITLE_WORDS:
            if i > start:
                parts.append((start, i))
            start = i + 1
    parts.append((start, end))
    return parts


def _sentence_start(text: str, start: int) -> bool:
    """Tell whether the word at start opens a sentence, a quotation or the paragraph."""
    i = start - 1
    while i >= 0 and start - i < 6 and text[i] in " \t\"'\u201c\u2018(\u2014\u2013-":
        if text[i] in "\"\u201c\u2018(\u2014\u2013":
            return True
        i -= 1
    return i < 0 or text[i] in ".!?:;"


def _strip_prefix(words: list[str]) -> int:
    """Return how many leading words are titles, nationalities, places or openers rather than the name."""
    first = 0
    while first < len(words) - 1 and (
        words[first] in _PREFIX_WORDS
        or words[first] in PLACE_ABBREVIATIONS
        or words[first].endswith(MODIFIER_SUFFIXES)
        or (words[first].lower() in ROLE_NOUNS and words[first] not in GIVEN_NAMES)
    ):
        if words[first] in GIVEN_NAMES and words[first + 1] not in _PREFIX_WORDS:
            break
        first += 1
    # "Texan Michael Chicoine": an unknown word before a given name and a surname is a modifier.
    if len(words) - first >= 3 and words[first] not in GIVEN_NAMES and words[first + 1] in GIVEN_NAMES:
        first += 1
    # A title deeper in the run ends the role: "Federal Reserve Governor Lawrence Lindsey".
    for i in range(len(words) - 2, first - 1, -1):
        if words[i] in SPLIT_TITLES and words[i + 1] not in _PREFIX_WORDS:
            if words[i] in ("General", "Justice") and len(words) - i < 3:
                continue  # "General Mills", "Justice Department"
            return i + 1
    return first


def _looks_like_org(name: list[str], run: list[_Token]) -> bool:
    """Tell whether a capitalised phrase is an organisation, place, event or title of a work."""
    if len(name) > 5 or name[0] in PARTICLES:
        return True
    if " ".join(name) in ORG_NAMES_OF_PEOPLE:
        return True
    if len(name) > 1 and name[-1] in ORG_TAILS:
        return True  # "Goodison Park", "Warner Brothers", "X Factor"
    if len(name) == 2 and len(name[0].rstrip(".")) == 1 and name[1].lower() in ENGLISH_WORDS:
        return True  # an initial before a common word: "X Factor", "E Street"
    common = sum(w.lower() in ENGLISH_WORDS for w in name)
    if len(name) > 1 and common == len(name) and name[0] not in GIVEN_NAMES:
        return True  # "Customs Enforcement", "Quantum Leap"
    if len(name) > 2 and common * 2 > len(name):
        return True  # "Foster Long-Term Innovation Investment"
    given_first = len(name) > 1 and name[0] in GIVEN_NAMES and name[-1] not in _ORG_HEADS
    if any(w in _ORG_HEADS for w in name) and not given_first:
        return True
    if all(w in _NOT_A_NAME or w in _TITLE_WORDS or w in PARTICLES for w in name):
        return not (len(name) == 1 and name[0] in GIVEN_NAMES)
    if any(w in FUNCTION_WORDS and w not in GIVEN_NAMES for w in name[1:]):
        return True  # "Love Will Tear Us Apart"
    if len(name[-1]) == 1 or name[-1].endswith(".") or _DOTTED.fullmatch(name[-1]):
        return True
    if len(name) > 1 and ((name[-1] in PLACE_WORDS and name[0] not in GIVEN_NAMES) or name[-1] in _DEMONYM_TAILS):
        return True
    if len(name) > 1 and name[0] in NOT_NAME_WORDS and name[0] not in GIVEN_NAMES:
        return True
    if name[-1].endswith(MODIFIER_SUFFIXES) or name[0].endswith(("-called", "-style")):
        return True  # "George Bush-style", "So-called Ascii"
    tail = name[-1].lower()
    plural = tail.endswith("s") and tail in ENGLISH_WORDS and tail[:-1] in ENGLISH_WORDS
    if len(name) > 1 and plural and name[0] not in GIVEN_NAMES:
        return True  # "Cleveland Cavaliers", "Alpha Natural Resources"
    if len(name) > 1 and name[-1] in NOT_NAME_WORDS and name[0] not in GIVEN_NAMES and name[-1] not in _TITLE_WORDS:
        return True
    for token in run:
        word = token.text
        if any(ch.isdigit() for ch in word):
            return True
        if len(run) > 1 and token.caps and len(word) <= 4 and not all(t.caps for t in run):
            return True
        if (_CAMEL.search(word) and not _NAME_PREFIX.match(word)) or _ACRONYM_PLURAL.match(word):
            return True
    return False


def _candidate(text: str, paragraph: int, tokens: list[_Token], begin: int, stop: int) -> _Candidate | None:
    """Turn one run of capitalised words into a scored name candidate, or None when it is no name."""
    run = tokens[begin:stop]
    words = [_normal(t.text) for t in run]
    first = _strip_prefix(words)
    last = len(run)
    while last - 1 > first and (
        words[last - 1] in CALENDAR_WORDS or words[last - 1] in FUNCTION_WORDS or words[last - 1] in NAME_SUFFIXES
    ):
        last -= 1
    prefix = words[:first]
    name = words[first:last]
    name_tokens = run[first:last]
    title_words = [w for w in prefix if w in _TITLE_HEADS or w.lower() in ROLE_NOUNS]
    if _looks_like_org(name, name_tokens):
        return None
    if len(name) == 1 and prefix and not title_words and any(w not in FUNCTION_WORDS for w in prefix):
        return None  # "Hong Kong Standard", "New York Energy Desk"
    start, end = name_tokens[0].start, name_tokens[-1].end
    after = tokens[stop] if stop < len(tokens) else None
    before = tokens[begin - 1] if begin else None
    gap_after = text[run[-1].end : after.start] if after else text[run[-1].end :]
    gap_before = text[before.end : run[0].start] if before else text[: run[0].start]
    if "&" in gap_after[:3] or "&" in gap_before[-3:]:
        return None  # "Douglas & Lomason", "Johnson & Johnson"
    if gap_before[-1:] in _QUOTES and gap_after[:1] in _QUOTES:
        return None  # a title of a work: "Sleeping Bread"
    prev_word = before.text if before and gap_before.strip() == "" else ""
    next_word = after.text if after else ""
    score = 3.0 if title_words else 0.0
    if name[0] in FOREIGN_ARTICLES and name[0] not in GIVEN_NAMES:
        score -= 4  # "Der Spiegel", "San Bernardino"; "Le Pen" may still join "Marine Le Pen"
    given_full = len(name) > 1 and name[0] in GIVEN_NAMES
    named_as_org = False
    if not title_words and (prev_word in ORG_BEFORE or (_place_of(tokens, begin) and not given_full)):
        score -= 4
        named_as_org = prev_word in ORG_BEFORE  # "news agency Prensa Latina"
    if after is not None and gap_after.strip() == "" and after.text in ORG_AFTER and not run[-1].possessive:
        score -= 4  # "Ericsson spokesman", "Pan Am flight", "Zycie Warszawy daily"
        named_as_org = named_as_org or after.text not in _PERSON_MODIFIED
    plain = not any(w.lower() in ENGLISH_WORDS for w in name)
    if len(name) > 1:
        score += 1
        if name[0] in GIVEN_NAMES:
            score += 2
        elif _DOTTED.fullmatch(name[0]) or len(name[0].rstrip(".")) == 1:
            score += 1  # initials: "J.K. Rowling", "G Easterby"
        elif plain and not any(w in _NOT_A_NAME or w in _TITLE_WORDS for w in name):
            score += 1
        elif name[0].lower() in ENGLISH_WORDS:
            score -= 1
    tail = last == len(run) and not run[-1].possessive
    who = tail and next_word == "who" and gap_after.strip() == ","
    age = tail and bool(_AGE.match(text, run[-1].end))
    if age:
        score += 2  # "Severine Potty, 19,"
    if tail and gap_after.strip() in ("", ",") and next_word in _SPEECH_AFTER:
        score += 2
    elif tail and gap_after.strip() == "" and next_word in WEAK_VERBS:
        score += 0.5
    if first == 0 and prev_word in SPEECH_BEFORE:
        score += 2
    if ((prev_word in ("the", "The") and first == 0) or prefix == ["The"]) and not title_words:
        score -= 3
    if first == 0 and prev_word in ("in", "at", "near") and name[0] not in GIVEN_NAMES:
        score -= 1
    roles: list[str] = []
    roles_after: tuple[str, ...] = ()
    person_role = False
    if any(w not in HONORIFICS for w in title_words):
        roles.append(" ".join(t.text for t in run[_role_start(prefix) : first]))
    if first == 0:
        roles_before = premodifier_roles(text[max(0, start - 160) : start])
        if roles_before:
            roles.extend(roles_before)
            head = roles_before[-1].split()[-1].lower()
            person_role = head not in ORG_ROLES and not (head.endswith("s") and head[:-1] in ROLE_NOUNS)
            score += 2
    if tail:
        roles_after = appositive_roles(text[end : end + 300])
        clause_role = who_role(text[end : end + 200])
        if roles_after:
            roles.extend(roles_after)
            person_role = True
            score += 2
        elif clause_role:
            roles.append(clause_role)
    if run[-1].possessive and last == len(run):
        score += 0.5
    return _Candidate(
        tokens=tuple(name),
        surface=text[start:end],
        paragraph=paragraph,
        start=start,
        end=end,
        score=score,
        titled=" ".join(title_words),
        titled_surface=text[run[_title_start(words, first)].start : end] if title_words else "",
        roles=tuple(r for r in roles if r),
        caps=all(t.caps for t in name_tokens),
        sentence_start=_sentence_start(text, start),
        personal=score > 0 and bool(title_words or person_role or age or who),
        apposed=score > 0 and bool(title_words or roles_after or age or who),
        named_as_org=named_as_org,
        label=all(t.caps for t in run) and not text[:start].strip() and gap_after.lstrip().startswith(":"),
    )


def _place_of(tokens: list[_Token], begin: int) -> bool:
    """Tell whether the run follows "town of", "village of" and the like."""
    if begin < 2 or tokens[begin - 1].text != "of":
        return False
    head = tokens[begin - 2]
    return head.text in ORG_BEFORE or head.text[0].isupper()


def _title_start(words: list[str], first: int) -> int:
    """Return where the title phrase before a name begins: "Prime" in "Indian Prime Minister Narendra Modi"."""
    i = first
    while i > 0 and (words[i - 1] in _TITLE_WORDS or words[i - 1].lower() in ROLE_NOUNS):
        i -= 1
    return i


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
    titled: bool = False
    inside: int = 0
    personal: bool = False
    honorific: bool = False
    label: bool = False
    apposed: bool = False
    noble: str = ""
    named_as_org: bool = False


def _merge(
    candidates: list[_Candidate],
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
    short: dict[str, list[_Candidate]] = {}
    for c in candidates:
        if len(c.tokens) == 1 and not c.caps:
            short.setdefault(c.tokens[0], []).append(c)
    people = [g for g in groups.groups if _full_is_person(g, short) and not excluded.covers(g.tokens)]
    index = _ShortForms(people)
    singles: dict[str, _Group] = {}
    guesses: list[tuple[_Candidate, _Group, tuple[_Group, ...]]] = []
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
        if group.tokens[0] in full_surnames or not _single_is_person(group, common):
            continue
        completions = {h for h in hints if h[-1] == group.tokens[0] and not excluded.covers(h)}
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


class _ExcludedNames:
    """The byline's names, which are never people of the story ("Edited By: Harshit Sabarwal")."""

    def __init__(self, exclude: Sequence[str]) -> None:
        self.names = [tuple(_normal(m.group()) for m in _WORD.finditer(e)) for e in exclude]
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

    def find_or_add(self, c: _Candidate) -> _Group:
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

    def resolve(self, candidate: _Candidate) -> tuple[_Group | None, tuple[_Group, ...]]:
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


def _alias_dominant_guesses(guesses: list[tuple[_Candidate, _Group, tuple[_Group, ...]]]) -> None:
    """Make a shared surname an alias of the person it was always given to, when the story names that person
    at least three times as often as anyone else of the name ("Scott" for Bobby Scott, not for Tim Scott)."""
    by_word: dict[str, list[tuple[_Candidate, _Group, tuple[_Group, ...]]]] = {}
    for guess in guesses:
        by_word.setdefault(" ".join(guess[0].tokens).casefold(), []).append(guess)
    for same in by_word.values():
        chosen = {id(group) for _, group, _ in same}
        group = same[0][1]
        others = [len(g.mentions) for g in same[0][2] if g is not group]
        if len(chosen) == 1 and len(group.mentions) >= 3 * max(others, default=0):
            for candidate, _, _ in same:
                _add_forms(group, candidate)


def _full_is_person(group: _Group, short: Mapping[str, list[_Candidate]]) -> bool:
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
        w in _NOT_A_NAME or w in _TITLE_WORDS or w.lower() in ROLE_NOUNS or w.lower() in _LABEL_ROLES for w in tokens
    )


def _single_is_person(group: _Group, common: frozenset[str]) -> bool:
    """Tell whether a one-word name with no full name in the story is a person."""
    word = group.tokens[0]
    if group.label:
        return True
    if word in _NOT_A_NAME or word in _TITLE_WORDS or word.lower() in common:
        return False
    if word.lower() in ENGLISH_WORDS and not group.honorific:
        return False
    return group.apposed or (group.personal and group.inside > 0)


def _short_forms(tokens: tuple[str, ...]) -> set[str]:
    """Return the case-folded short forms of a full name: "bin laden", "laden", "zawahiri"."""
    folded = [w.casefold() for w in tokens]
    forms = {" ".join(folded[i:]) for i in range(1, len(folded))}
    last = folded[-1]
    if _ARABIC_ARTICLE.match(tokens[-1]) or re.match(r"^(?:al|el)-", last):
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


def _add(group: _Group, c: _Candidate, *, alias: bool = True) -> None:
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


def _add_forms(group: _Group, c: _Candidate) -> None:
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
