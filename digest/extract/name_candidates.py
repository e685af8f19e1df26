"""Capitalised name candidates in a paragraph, each scored by the evidence around it (titles, given names,
roles, reporting verbs, possessives) and with what the words around it say (an organisation, a speaker label)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from digest.extract.names import (
    CALENDAR_WORDS,
    DEMONYMS,
    ENGLISH_WORDS,
    FOREIGN_ARTICLES,
    FUNCTION_WORDS,
    GIVEN_NAMES,
    HONORIFICS,
    MODIFIER_SUFFIXES,
    NAME_SUFFIXES,
    NOT_NAME_WORDS,
    ORG_AFTER,
    ORG_BEFORE,
    ORG_NAMES_OF_PEOPLE,
    ORG_ROLES,
    ORG_TAILS,
    ORG_WORDS,
    PARTICLES,
    PARTY_LABELS,
    PLACE_ABBREVIATIONS,
    PLACE_WORDS,
    REPORTING_VERBS,
    ROLE_NOUNS,
    ROLE_TITLES,
    SPEECH_BEFORE,
    SPLIT_TITLES,
    WEAK_VERBS,
    word_set,
)
from digest.extract.roles import appositive_roles, premodifier_roles, who_role

# A word: letters first, then letters, digits, apostrophes and hyphens; a lone capital may take a dot.
WORD = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_][\w'\u2019\-]*")
LOWER_WORD = re.compile(r"\b[a-z][a-z'\-]+\b")
_AGE = re.compile(r",\s*(?:aged\s+)?\d{1,3}\s*(?:[,.;)]|--|[\u2013\u2014]|$)")
_DOTTED = re.compile(r"(?:[A-Z]\.){2,}")
_POSSESSIVE = re.compile(r"(?:'s|\u2019s|'|\u2019)$")
# Names are read in the first 100,000 characters of a paragraph: a real one is a few hundred long, and a
# megabyte-long "paragraph" of names would otherwise cost seconds.
_LONGEST_PARAGRAPH = 100_000
# More capitalised words than a name (five at most) and the titles before it: "Alpha Beta Gamma Delta ...".
_LONGEST_PHRASE = 16
_POSSESSIVE_ENDS = frozenset("s'\u2019")
# A stretch with no capital long enough to skip the middle of: only the words within
# _MARGIN characters of a capital are read, and a real paragraph has capitals far more often than that.
_MARGIN = 200
_QUIET = re.compile(rf"(?<![\W\d_a-z])[\W\d_a-z]{{{4 * _MARGIN},}}")
_WORD_BREAK = re.compile(r"[^\w'\u2019\-.]")  # a character no word contains
# Four or more words of lowercase ASCII letters in a row. The rules read the words next to a name (one after it,
# two before it) but never a word between two such words, so the inside of the stretch is skipped; with it goes
# most of the cost of splitting a paragraph into words.
_PLAIN_WORD = r"[a-z][a-z\d_'\u2019\-]*+(?![\w'\u2019\-])"
_PLAIN_GAP = r"[^\w'\u2019\-][\W\d_]*+"  # up to the next letter
_PLAIN_STRETCH = re.compile(
    rf"(?<![\w'\u2019\-])(?P<first>{_PLAIN_WORD}{_PLAIN_GAP})(?:{_PLAIN_WORD}{_PLAIN_GAP})+"
    rf"(?P<tail>{_PLAIN_WORD}{_PLAIN_GAP}{_PLAIN_WORD}{_PLAIN_GAP})"
)
_LAST_WORD_BREAK = re.compile(r"[^\w'\u2019\-.](?=[\w'\u2019\-.]*\Z)")
ARABIC_ARTICLE = re.compile(r"^(?:al|el|ad|as|ash|at|az|ar|an|bin|ibn|abu|ben)-[A-Z]")
_SPEECH_AFTER = REPORTING_VERBS - WEAK_VERBS
_MODALS = word_set("Will May Can Must Shall")
# Nouns after a name that make a phrase about a person's side, not an organisation: "the Bush administration".
_PERSON_MODIFIED = word_set(
    """administration government regime team squad club staff workers employees management board office
    headquarters region province district village town city area border forces troops army police navy military
    boss bosses official officials executive executives chairman analyst analysts researcher researchers model
    products product brand era years family campaign"""
)
NOT_A_NAME = FUNCTION_WORDS | NOT_NAME_WORDS | DEMONYMS | PLACE_WORDS | ORG_WORDS
TITLE_WORDS = HONORIFICS | ROLE_TITLES
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
_DOTTED_TITLES = frozenset(w[:-1] for w in HONORIFICS | ROLE_TITLES if w.endswith(".") and len(w) > 2)
_CAMEL = re.compile(r"[a-z][A-Z]")
_TITLE_OF_WORK_AFTER = re.compile(r" (?i:and the) [A-Z]\w* (?i:of) ")
_WORK_BEFORE = re.compile(
    r"\b(?:(?:role|roles|performance|performances|part|starred|starring|stars|appeared|appears|appearing)\s+in"
    r"|(?:take|version|re-release|remix|cover|recording|sequel|prequel|adaptation|remake|staging|screening)\s+of"
    r"|(?:hits|dramas|comedies|thrillers|musicals|singles|tracks|films|movies|songs|albums|novels|books|titles))\s+$"
)
_EXAMPLES_OF = re.compile(r"\b([A-Za-z]+)\s+(?:such as|like|including)\s+$")
# Kinds whose examples are never people: "companies such as Adam Opel", "games such as Harry Potter".
_KINDS = ORG_BEFORE | word_set("game title blockbuster hit carmaker rival competitor retailer sponsor bank charity")
# Kinds of work whose title follows them: "abortion drama Vera Drake", "the single Jailhouse Rock".
_WORK_GENRES = word_set("drama comedy thriller biopic musical single track sitcom documentary")
# Buildings, grounds and bays that are also surnames or given names ("Guantanamo Bay", "Bay Buchanan"): a place
# after a word that is no given name.
_BUILDING_TAILS = word_set("Hall Castle Abbey Cathedral Chapel Tower Towers Manor Lodge Barracks Gardens Common Bay")
_VARIANT = re.compile(r"^[A-Z][a-z]{3,}-[A-Z]$")
_ACRONYM_PLURAL = re.compile(r"^[A-Z]{2,}s$")
_NAME_PREFIX = re.compile(r"^(?:Mc|Mac|De|Di|Da|Du|La|Le|Van|Von|O'|D')")
_QUOTES = frozenset("\"'\u201c\u201d\u2018\u2019")
# Strong institutional words: a phrase containing one is an organisation, place or event.
_ORG_HEADS = ORG_WORDS - GIVEN_NAMES
# Clubs, towns and firms that are also common surnames: after a given name they end a person's name
# ("John Bolton", "Bobby Charlton", "Denis Law", "Steve Forbes"), never an organisation's.
_SURNAME_ORG_WORDS = word_set(
    "Bolton Charlton Everton Fulham Blackburn Sunderland Forbes Bond Law Wall Downing Lyon Post"
)
# Courtesy titles, which stand before a name and never end one.
_COURTESY_TITLES = word_set("Mr Mrs Ms Miss Mr. Mrs. Ms. Dr Dr. Sir Madam")
# Titles that are also given names: after another title they begin the name ("Gov. Earl Ray Tomblin").
_GIVEN_TITLES = word_set("Earl Duke Prince Count King Baron")
# Capitals glued before a word by a page's layout: "10:57PMJeb Bush", "ASSOCIATED PRESSOhio Gov."; a time's
# "PM" or a word of four capitals or more, not a firm's initials ("JPMorgan").
_GLUED_CAPS = re.compile(r"[A-Z]{2,}(?=[A-Z][a-z])")


class _Token(NamedTuple):
    """One word of a paragraph with its offsets; `text` has any possessive ending removed.

    A named tuple rather than a frozen dataclass: a megabyte of capitalised words makes 180,000 of them, and a
    frozen dataclass is four times slower to build.
    """

    text: str
    start: int
    end: int
    possessive: bool
    caps: bool
    name_part: bool
    """True when the word can be part of a capitalised name: "Blair", "al-Qaeda"."""


class NameCandidate(NamedTuple):
    """A capitalised name found in a paragraph, with what the text around it says.

    A named tuple rather than a frozen dataclass, for the same reason as _Token: a story makes a few dozen, and a
    frozen dataclass of fifteen fields is three times slower to build.
    """

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


def _tokens(text: str, spans: Sequence[tuple[int, int]]) -> list[_Token]:
    """Split the spans of text into words, keeping a dot after initials and marking possessives.

    find_candidates passes the _windows of the text: long stretches with no capital are skipped but for the
    words next to a capital, which are all the rules read, so a megabyte of lowercase words costs one
    regular-expression scan.
    """
    # Most words are lowercase: no possessive, initial, title, glued capitals or ALL CAPS, and a name part only
    # as an Arabic article ("al-Qaeda").
    tokens: list[_Token] = []
    size = len(text)
    for window_start, window_end in spans:
        for match in WORD.finditer(text, window_start, window_end):
            word = match.group()
            start, end = match.span()
            if word[0].islower():
                tokens.append(_Token(word, start, end, False, False, "-" in word and _is_name_part(word)))
                continue
            possessive = False
            if word[-1] in _POSSESSIVE_ENDS and len(word) > 2 and word[0].isupper() and _POSSESSIVE.search(word):
                stripped = _POSSESSIVE.sub("", word)
                possessive = True
                word, end = stripped, start + len(stripped)
            elif end < size and text[end] == "." and ((len(word) == 1 and word.isupper()) or word in _DOTTED_TITLES):
                word, end = word + ".", end + 1  # an initial ("J.") or a title ("Sen.", "Dr.")
            glued = _GLUED_CAPS.match(word) if len(word) > 3 and word[1].isupper() else None
            if glued and (glued.end() >= 4 or (start and text[start - 1].isdigit())):  # not "JPMorgan"
                word, start = word[glued.end() :], start + glued.end()  # the glued capitals are no name
            tokens.append(_Token(word, start, end, possessive, _all_caps(word), _is_name_part(word)))
    return tokens


def _all_caps(word: str) -> bool:
    """Tell whether a word is written in capitals ("PUTIN", "O'BRIEN"), not a single letter."""
    return len(word) > 1 and word.isupper() and word.replace("'", "").replace("-", "").isalpha()


def _read_end(text: str) -> int:
    """Return where reading names in a paragraph stops: its end, or the first word break after
    _LONGEST_PARAGRAPH characters."""
    if len(text) <= _LONGEST_PARAGRAPH:
        return len(text)
    stop = _WORD_BREAK.search(text, _LONGEST_PARAGRAPH)
    return stop.start() if stop else len(text)


def _windows(text: str, stop: int) -> list[tuple[int, int]]:
    """Return the spans of text[:stop] worth splitting into words: all of it but the inside of long stretches
    with no capital, each span cut where no word can cross (so the words are those of a whole-text split)."""
    windows: list[tuple[int, int]] = []
    begin = 0
    for quiet in _QUIET.finditer(text, 0, stop):
        cut = _WORD_BREAK.search(text, quiet.start() + _MARGIN, quiet.start() + 2 * _MARGIN)
        resume = _LAST_WORD_BREAK.search(text, quiet.end() - 2 * _MARGIN, quiet.end() - _MARGIN)
        if cut is None or resume is None:
            continue  # words too long to cut between: split the stretch whole
        windows.append((begin, cut.start()))
        begin = resume.start()
    windows.append((begin, stop))
    return [span for window_start, window_end in windows for span in _skip_plain(text, window_start, window_end)]


def _skip_plain(text: str, start: int, stop: int) -> list[tuple[int, int]]:
    """Return the spans of text[start:stop] left when the inside of each stretch of plain lowercase words is cut
    out: its first word and its last two are kept, each span cut at the start of a word."""
    spans: list[tuple[int, int]] = []
    for stretch in _PLAIN_STRETCH.finditer(text, start, stop):
        spans.append((start, stretch.end("first")))
        start = stretch.start("tail")
    spans.append((start, stop))
    return spans


def _is_name_part(word: str) -> bool:
    """Tell whether a word can be part of a capitalised name."""
    return word[0].isupper() or bool(ARABIC_ARTICLE.match(word))


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
        if token.name_part:
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
        if tokens[j].name_part:
            return True
        if tokens[j].text not in PARTICLES:
            return False
    return False


def normal_word(word: str) -> str:
    """Return the title-cased form of an ALL-CAPS word (O'BRIEN -> O'Brien); other words unchanged."""
    if not (len(word) > 1 and word.isupper()) or word in TITLE_WORDS or len(word) <= 3:
        return word  # titles and acronyms ("US", "CEO") keep their capitals
    return re.sub(r"[^\W\d_]+", lambda m: m.group().capitalize(), word.lower())


def find_candidates(text: str, paragraph: int) -> list[NameCandidate]:
    """Find capitalised name candidates in one paragraph and score each by the evidence around it."""
    return _candidates_in(text, paragraph, _tokens(text, _windows(text, _read_end(text))))


def _candidates_in(text: str, paragraph: int, tokens: list[_Token]) -> list[NameCandidate]:
    """Find the name candidates among the words of a paragraph (all of them, or those _windows keeps)."""
    found: list[NameCandidate] = []
    for begin, end in _runs(text, tokens):
        for part_begin, part_end in _split_title_case(tokens, begin, end):
            if part_end - part_begin > _LONGEST_PHRASE:
                continue
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
        if (word in FUNCTION_WORDS or word in _MODALS) and not given and word not in TITLE_WORDS:
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


def _strip_prefix(words: Sequence[str]) -> int:
    """Return how many leading words are titles, nationalities, places or openers rather than the name."""
    first = 0
    while first < len(words) - 1 and (
        words[first] in _PREFIX_WORDS
        or words[first] in PLACE_ABBREVIATIONS
        or words[first].endswith(MODIFIER_SUFFIXES)
        or (_is_role_word(words[first]) and words[first] not in GIVEN_NAMES)
    ):
        # "Tory David Heathcoat-Amory", "Tory Liam Fox": a party label before a given name or a two-word name.
        party_label = words[first] in PARTY_LABELS and (words[first + 1] in GIVEN_NAMES or len(words) - first > 2)
        if words[first] in GIVEN_NAMES and words[first + 1] not in _PREFIX_WORDS and not party_label:
            break
        if _given_title(words, first):
            break
        first += 1
    # "Texan Michael Chicoine": an unknown word before a given name and a surname is a modifier.
    modifier = words[first] not in GIVEN_NAMES and not _given_title(words, first)
    if len(words) - first >= 3 and modifier and words[first + 1] in GIVEN_NAMES:
        first += 1
    # "Political Editor Matthew Boyle", "Minority Whip Richard J. Durbin": ordinary words before a given name
    # and a surname are a title.
    ordinary = first
    while ordinary < len(words) - 2 and words[ordinary] not in GIVEN_NAMES and words[ordinary].lower() in ENGLISH_WORDS:
        ordinary += 1
    if ordinary > first and words[ordinary] in GIVEN_NAMES:
        first = ordinary
    # A title deeper in the run ends the role: "Federal Reserve Governor Lawrence Lindsey".
    for i in range(len(words) - 2, first - 1, -1):
        if words[i] in SPLIT_TITLES and words[i + 1] not in _PREFIX_WORDS and not _given_title(words, i):
            if words[i] in ("General", "Justice") and len(words) - i < 3:
                continue  # "General Mills", "Justice Department"
            return i + 1
    return first


def _given_title(words: Sequence[str], i: int) -> bool:
    """Tell whether title word i is a given name: after a title, before a given name and a surname
    ("Gov. Earl Ray Tomblin"), not "Prince Charles"."""
    return (
        i > 0
        and words[i] in _GIVEN_TITLES
        and len(words) - i >= 3
        and words[i + 1] in GIVEN_NAMES
        and (words[i - 1] in TITLE_WORDS or words[i - 1].lower() in ROLE_NOUNS)
    )


def _is_role_word(word: str) -> bool:
    """Tell whether a capitalised word is a role noun, singular or plural ("Sprinters Kostas Kenteris and ...")."""
    lower = word.lower()
    return lower in ROLE_NOUNS or (lower.endswith("s") and lower[:-1] in ROLE_NOUNS)


def _looks_like_org(name: tuple[str, ...], run: tuple[str, ...]) -> bool:
    """Tell whether a capitalised phrase (its words title-cased, and as written) is an organisation, place,
    event or title of a work."""
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
    org_surname = (
        name[0] in GIVEN_NAMES and name[-1] in _SURNAME_ORG_WORDS and not any(w in _ORG_HEADS for w in name[1:-1])
    )
    if any(w in _ORG_HEADS for w in name) and not given_first and not org_surname:
        return True
    if all(w in NOT_A_NAME or w in TITLE_WORDS or w in PARTICLES for w in name):
        return not (len(name) == 1 and name[0] in GIVEN_NAMES)
    if any(w in FUNCTION_WORDS and w not in GIVEN_NAMES for w in name[1:]):
        return True  # "Love Will Tear Us Apart"
    if len(name[-1]) == 1 or name[-1].endswith(".") or _DOTTED.fullmatch(name[-1]):
        return True
    if len(name) > 1 and name[0] in PARTY_LABELS and all(w.lower() in ENGLISH_WORDS for w in name[1:]):
        return True  # "Tory Parliamentary (hopefuls)", "Labour Leader"
    if len(name) > 1 and name[-1] in _BUILDING_TAILS and name[0] not in GIVEN_NAMES:
        return True  # "Carnegie Hall", "Windsor Castle"; but "Barbara Castle", "Lee Hall"
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
    if len(name) == 2 and name[0] in DEMONYMS and tail.endswith("s") and tail[:-1] in ENGLISH_WORDS:
        return True  # "(Allied) Irish Banks": a nationality is no given name before a plural noun
    if len(name) > 1 and name[-1] in NOT_NAME_WORDS and name[0] not in GIVEN_NAMES and name[-1] not in TITLE_WORDS:
        return True
    for word in run:
        if any(ch.isdigit() for ch in word):
            return True
        if len(run) > 1 and _all_caps(word) and len(word) <= 4 and not all(_all_caps(w) for w in run):
            return True
        if (_CAMEL.search(word) and not _NAME_PREFIX.match(word)) or _ACRONYM_PLURAL.match(word):
            return True
        if _VARIANT.search(word):
            return True  # a virus or model variant: "Bankash-A", "Sober-C"
    return False


class _RunWords(NamedTuple):
    """What the words of a run say on their own, whatever the text around them."""

    words: tuple[str, ...]
    """The words with ALL-CAPS ones title-cased."""
    first: int
    """Where the name begins (after titles and openers)."""
    last: int
    """Where the name ends (before dates, function words and suffixes)."""
    title_words: tuple[str, ...]
    """The title words before the name."""
    score: float
    """What the words alone add to the score: a title, a given name, initials, a foreign article."""
    caps: bool
    """True when every word of the name is ALL CAPS."""
    all_caps: bool
    """True when every word of the run is ALL CAPS."""


@lru_cache(maxsize=1 << 14)  # about 7 MB when full; the 2,225 BBC stories read 21,000 different runs
def _run_words(texts: tuple[str, ...]) -> _RunWords | None:
    """Find the name and its title words in a run of capitalised words, or None when the words alone make it an
    organisation, place or title of a work (cached: the same runs come back in story after story)."""
    words = tuple(normal_word(text) for text in texts)
    first = _strip_prefix(words)
    last = len(words)
    while last - 1 > first and (
        words[last - 1] in CALENDAR_WORDS
        or words[last - 1] in FUNCTION_WORDS
        or words[last - 1] in NAME_SUFFIXES
        or words[last - 1] in _COURTESY_TITLES  # "Marco Rubio Miss (The Mark)": "Miss" never ends a name
    ):
        last -= 1
    prefix = words[:first]
    name = words[first:last]
    title_words = tuple(w for w in prefix if w in _TITLE_HEADS or w.lower() in ROLE_NOUNS)
    if _looks_like_org(name, texts[first:last]):
        return None
    if len(name) == 1 and prefix and not title_words and any(w not in FUNCTION_WORDS for w in prefix):
        return None  # "Hong Kong Standard", "New York Energy Desk"
    score = 3.0 if title_words else 0.0
    if name[0] in FOREIGN_ARTICLES and name[0] not in GIVEN_NAMES:
        score -= 4  # "Der Spiegel", "San Bernardino"; "Le Pen" may still join "Marine Le Pen"
    if len(name) > 1:
        score += 1
        if name[0] in GIVEN_NAMES:
            score += 2
        elif _DOTTED.fullmatch(name[0]) or len(name[0].rstrip(".")) == 1:
            score += 1  # initials: "J.K. Rowling", "G Easterby"
        elif not any(w.lower() in ENGLISH_WORDS for w in name) and not any(
            w in NOT_A_NAME or w in TITLE_WORDS for w in name
        ):
            score += 1
        elif name[0].lower() in ENGLISH_WORDS:
            score -= 1
    caps = [_all_caps(text) for text in texts]
    return _RunWords(words, first, last, title_words, score, all(caps[first:last]), all(caps))


def _candidate(text: str, paragraph: int, tokens: list[_Token], begin: int, stop: int) -> NameCandidate | None:
    """Turn one run of capitalised words into a scored name candidate, or None when it is no name."""
    run = tokens[begin:stop]
    read = _run_words(tuple([t.text for t in run]))
    if read is None:
        return None
    words, first, last, title_words, score, caps, all_caps = read
    prefix = words[:first]
    name = words[first:last]
    name_tokens = run[first:last]
    start, end = name_tokens[0].start, name_tokens[-1].end
    after = tokens[stop] if stop < len(tokens) else None
    before = tokens[begin - 1] if begin else None
    gap_after = text[run[-1].end : after.start] if after else text[run[-1].end :]
    gap_before = text[before.end : run[0].start] if before else text[: run[0].start]
    if "&" in gap_after[:3] or "&" in gap_before[-3:]:
        return None  # "Douglas & Lomason", "Johnson & Johnson"
    if gap_before[-1:] in _QUOTES and gap_after[:1] in _QUOTES:
        return None  # a title of a work: "Sleeping Bread"
    if gap_before.strip() == "(" and gap_after[:1] == ")" and _full_name_ends_at(text, tokens, begin - 1):
        return None  # a film, role or club after a person: "Imelda Staunton (Vera Drake)"
    if _TITLE_OF_WORK_AFTER.match(text, run[-1].end):
        return None  # "Nora Vell and the Keeper of Lanterns"
    prev_word = before.text if before and gap_before.strip() == "" else ""
    next_word = after.text if after else ""
    given_full = len(name) > 1 and name[0] in GIVEN_NAMES
    named_as_org = False
    # "state-owned airline, Aer Lingus", "companies such as Adam Opel", "films like Harry Potter", "abortion
    # drama Vera Drake", "her role in Vera Drake" (but "a role in Mike Leigh's film").
    apposed_to_kind = (
        before is not None
        and gap_before.strip() == ","
        and before.text in ORG_BEFORE
        and not given_full
        and not _role_heads(text[max(0, before.start - 80) : before.start])
    )
    kind_before = first == 0 and (
        apposed_to_kind
        or _kind_of(text[max(0, start - 40) : start])
        or prev_word in _WORK_GENRES
        or (not run[-1].possessive and _work_before(text, start))
    )
    if not title_words and (prev_word in ORG_BEFORE or kind_before or (_place_of(tokens, begin) and not given_full)):
        score -= 4
        named_as_org = prev_word in ORG_BEFORE or kind_before  # "news agency Prensa Latina"
    if after is not None and gap_after.strip() == "" and after.text in ORG_AFTER and not run[-1].possessive:
        score -= 4  # "Ericsson spokesman", "Pan Am flight", "Zycie Warszawy daily"
        named_as_org = named_as_org or after.text not in _PERSON_MODIFIED
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
    if ((prev_word in ("the", "The") and first == 0) or prefix == ("The",)) and not title_words:
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
    if tail and text.startswith(",", end):  # both kinds of role follow a comma
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
    return NameCandidate(
        tokens=tuple(name),
        surface=text[start:end],
        paragraph=paragraph,
        start=start,
        end=end,
        score=score,
        titled=" ".join(title_words),
        titled_surface=_titled_surface(text, run, words, first, end) if title_words or prefix else "",
        roles=tuple(r for r in roles if r),
        caps=caps,
        sentence_start=_sentence_start(text, start),
        personal=score > 0 and bool(title_words or person_role or age or who),
        apposed=score > 0 and bool(title_words or roles_after or age or who),
        named_as_org=named_as_org,
        label=all_caps and not text[:start].strip() and gap_after.lstrip().startswith(":"),
    )


def _titled_surface(text: str, run: list[_Token], words: Sequence[str], first: int, end: int) -> str:
    """Return the name with its title or party label as written ("Prime Minister Narendra Modi", "Tory Liam
    Fox"), so that a quote's speaker written that way is the same person; "" when neither stands before it."""
    start = _title_start(words, first)
    if start == first and words[first - 1] in PARTY_LABELS:
        start = first - 1
    return text[run[start].start : end] if start < first else ""


def _role_heads(before: str) -> bool:
    """Tell whether a role noun stands in the text before, as in "the director of the play, Arlo Benning"."""
    return any(w.lower() in ROLE_NOUNS for w in before.split()[1:])


def _kind_of(before: str) -> bool:
    """Tell whether text ends with a plural kind of organisation or work and "such as", "like" or "including"."""
    if not before.rstrip().endswith(("such as", "like", "including")):
        return False  # the quick test for most names
    match = _EXAMPLES_OF.search(before)
    if match is None:
        return False
    kind = match.group(1).lower()
    singulars = {kind[:-1], kind[:-3] + "y"}  # "movies", "companies"
    return kind.endswith("s") and bool(singulars & _KINDS)


def _work_before(text: str, start: int) -> bool:
    """Tell whether the words before start introduce a title of a work: "her role in", "a remake of", "hits"."""
    if not text[max(0, start - 40) : start].rstrip().endswith(("in", "of", "s")):
        return False  # the quick test for most names
    return bool(_WORK_BEFORE.search(text, max(0, start - 40), start))


def _full_name_ends_at(text: str, tokens: list[_Token], i: int) -> bool:
    """Tell whether token i ends a given name and a surname: "Imelda Staunton"."""
    if i < 1 or not tokens[i].name_part or tokens[i - 1].text not in GIVEN_NAMES:
        return False
    return text[tokens[i - 1].end : tokens[i].start] == " "


def _place_of(tokens: list[_Token], begin: int) -> bool:
    """Tell whether the run follows "town of", "village of" and the like."""
    if begin < 2 or tokens[begin - 1].text != "of":
        return False
    head = tokens[begin - 2]
    return head.text in ORG_BEFORE or head.text[0].isupper()


def _title_start(words: Sequence[str], first: int) -> int:
    """Return where the title phrase before a name begins: "Prime" in "Indian Prime Minister Narendra Modi"."""
    i = first
    while i > 0 and (words[i - 1] in TITLE_WORDS or words[i - 1].lower() in ROLE_NOUNS):
        i -= 1
    return i


def _role_start(prefix: Sequence[str]) -> int:
    """Return where the role part of a title prefix begins (after openers and honorifics)."""
    i = 0
    while i < len(prefix) and (prefix[i] in FUNCTION_WORDS or prefix[i] in HONORIFICS):
        i += 1
    return i


