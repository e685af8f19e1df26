"""Read the speaker phrase of an attribution ("Khodorkovsky said", "said Michael Siebert, …")."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import lru_cache, partial
from typing import Literal, NamedTuple

from digest.extract.names import DEMONYMS, ENGLISH_WORDS, FUNCTION_WORDS, GIVEN_NAMES
from digest.extract.quote_lexicon import (
    AUXILIARIES,
    DETERMINERS,
    DISCOURSE_OPENERS,
    NAME_PARTICLES,
    NON_NAME_CAPITALS,
    ORGANISATION_HEADS,
    ORGANISATION_WORDS,
    OTHER_PRONOUNS,
    PREPOSITIONS,
    PRONOUNS,
    REPORTING_VERBS,
    TITLES,
)

PhraseKind = Literal["name", "pronoun", "description", "organisation", "several"]
""""several": names joined by "and" ("said Tom and Jerry producer Ida Wex"), which name no one speaker."""

_TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}"  # U.S., D.C.
    r"|[^\W\d_](?:[\w\u2019']|-(?!-))*\.?"  # words, maybe ending in a dot (decided below)
    r"|\d+(?:[-.,/:]\d+)*[a-z]*"
    r"|--|(?<=\s)-(?=\s)|[,;:()\[\].!?\u2014\u2013\u2015]"  # "--" and " - " are typed dashes
)
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr sen rep del gov gen col lt capt adm sgt rev st jr sr prof mt ft no vs inc corp ltd co""".split()  # noqa: SIM905
)


_OFFICES_OF = frozenset("secretary master chief director head minister chairman president".split())  # noqa: SIM905
"""Offices written with "of" before the name in lower case ("secretary of state John Kerry")."""
_WHEN_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tonight".split()  # noqa: SIM905
)
_NOT_IN_DESCRIPTION = frozenset(
    """and but or not no is was are were be been being has have had do does did will would shall should can
    could may might must who which that""".split()  # noqa: SIM905
)


class Token(NamedTuple):
    """A word or punctuation mark with its offsets in the paragraph."""

    text: str
    start: int
    end: int
    lower: str
    """The word in lower case without a final dot or possessive."""
    is_word: bool
    """True for a word (not punctuation or a number)."""
    is_capitalised: bool


@lru_cache(maxsize=65536)
def _word_facts(text: str) -> tuple[str, bool, bool]:
    """Return a token text's lower-case form (no final dot or possessive), is-word and is-capitalised."""
    word = text.lower().rstrip(".")
    if word.endswith(("'s", "\u2019s")):
        word = word[:-2]
    first = text[0]
    return word, first.isalpha(), first.isupper()


_new_token = partial(tuple.__new__, Token)
"""Build a Token from a tuple without the Python-level constructor (tokens are made by the million)."""


_GROUP_PRONOUNS = frozenset("it they we i you".split())  # noqa: SIM905
_NOT_IN_ROLE = frozenset("he she they we i it said says".split())  # noqa: SIM905
_HONORIFICS = frozenset("mr mrs ms miss dr sir dame".split())  # noqa: SIM905
_TITLE_WORDS = {
    "rep": "Representative",
    "sen": "Senator",
    "gov": "Governor",
    "del": "Delegate",
    "gen": "General",
    "lt": "Lieutenant",
    "col": "Colonel",
    "capt": "Captain",
    "adm": "Admiral",
    "sgt": "Sergeant",
    "rev": "Reverend",
    "prof": "Professor",
}
"""Abbreviated titles spelt out when they are the whole role ("Rep." -> "Representative")."""


@dataclass(frozen=True, slots=True)
class SpeakerPhrase:
    """Who an attribution names, before resolution against the article's people."""

    kind: PhraseKind
    text: str
    """The name without titles, the pronoun, or the description without its determiner."""
    role: str | None = None
    """A role given by an appositive or pre-modifier."""
    title: str | None = None
    """A title word before the name ("President", "Mr")."""
    possessive: bool = False
    """True for "Trump's spokesman"-like phrases, which never name the possessor."""
    start: int = -1
    """Offset of a pronoun in its paragraph (pronouns look back from there)."""
    governed: bool = False
    """True when a preposition governs the name ("economist at Global Insight said"): no subject of its own."""
    governor: str = ""
    """The preposition that governs the name ("at", "for"), when governed."""
    determiner: str = ""
    """The determiner a description opens with ("a", "the", "her"), in lower case."""


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Split text[start:end] into words and punctuation, splitting sentence dots off words."""
    tokens: list[Token] = []
    append = tokens.append
    n = len(text)
    for match in _TOKEN.finditer(text, start, n if end is None else end):
        word = match.group()
        at, stop = match.span()
        if word[-1] == "." and len(word) > 1:
            after = text[stop] if stop < n else " "
            if "." not in word[:-1] and not after.isalnum() and after not in "),":
                stem = word[:-1].lower()
                if stem not in _ABBREVIATIONS and not (len(stem) == 1 and word[0].isupper()):
                    append(_new_token((word[:-1], at, stop - 1, *_word_facts(word[:-1]))))
                    append(_new_token((".", stop - 1, stop, "", False, False)))
                    continue
        append(_new_token((word, at, stop, *_word_facts(word))))
    return tokens


_DENSE_LENGTH = 4000
"""Paragraphs at least this long may be tokenized whole once instead of window by window."""


def tokens_between(text: str, lo: int, hi: int) -> list[Token]:
    """Return the tokens of text[lo:hi], as tokenize does; long paragraphs thick with quotes are tokenized once."""
    whole = _whole_paragraph(text) if len(text) >= _DENSE_LENGTH else None
    if whole is None:
        return tokenize(text, lo, hi)
    tokens, starts, ends = whole
    i = bisect_left(starts, lo)
    j = bisect_left(starts, hi)
    if (i and ends[i - 1] > lo) or (j > i and ends[j - 1] > hi):
        return tokenize(text, lo, hi)  # a token runs over an edge: the window cuts it differently
    return list(tokens[i:j])


@lru_cache(maxsize=4)
def _whole_paragraph(text: str) -> tuple[tuple[Token, ...], list[int], list[int]] | None:
    """Return a paragraph's tokens with their starts and ends; None unless thick with double marks."""
    marks = text.count('"') + text.count("\u201c") + text.count("\u201d")
    if marks * 200 < len(text):
        return None
    tokens = tuple(tokenize(text))
    return tokens, [t.start for t in tokens], [t.end for t in tokens]


def clause_start(tokens: list[Token]) -> int:
    """Return the index of the first token of the last sentence in tokens."""
    begin = 0
    for i, token in enumerate(tokens):
        if token.text in ".!?;" and (i + 1 == len(tokens) or tokens[i + 1].is_capitalised or not tokens[i + 1].is_word):
            begin = i + 1
    return begin


def _is_name_word(token: Token) -> bool:
    if not token.is_word:
        return False
    if token.is_capitalised:
        return True
    return token.lower in NAME_PARTICLES


def _name_block_end_back(tokens: list[Token], j: int, lo: int) -> int:
    """Return the index where the capitalised block ending at j starts."""
    k = j
    while (
        k - 1 >= lo
        and _is_name_word(tokens[k - 1])
        and not tokens[k - 1].text.endswith(("'s", "\u2019s"))
        and tokens[k - 1].lower not in REPORTING_VERBS
    ):
        k -= 1
        # "Secretary of State John Kerry": a title may take "of" and the department.
        if (
            k - 2 >= lo
            and tokens[k - 1].lower == "of"
            and tokens[k - 2].lower in TITLES
            and tokens[k - 2].is_capitalised
        ):
            k -= 2
    while k < j and not tokens[k].is_capitalised:
        k += 1
    return k


def _looks_like_organisation(words: list[Token]) -> bool:
    last = words[-1].lower
    if last in ORGANISATION_HEADS or (len(words) == 1 and last in ORGANISATION_WORDS):
        return True
    return (
        len(words) == 1
        and words[0].text.isupper()
        and len(words[0].text) > 1
        and words[0].text.isalpha()
        and len(words[0].text) <= 5
    )


def name_phrase(words: list[Token], role_words: list[Token], definite: bool = False) -> SpeakerPhrase | None:
    """Build a name or organisation phrase from a capitalised block and the words before it."""
    definite = definite or (bool(words) and words[0].lower == "the")
    while words and (words[0].lower in NON_NAME_CAPITALS or _opens_sentence_only(words)):
        words = words[1:]
    if not words:
        return None
    titled = any(w.lower in TITLES for w in words[:-1])
    last = words[-1]
    if definite and (last.text in DEMONYMS or last.lower.endswith(("man", "woman", "lander")) or last.lower in TITLES):
        # "said the American", "the Ealing North MP added", "the Judge said": a person described.
        return SpeakerPhrase("description", " ".join(w.text for w in words))
    if definite and not titled:
        # People are never "the X": "The Hill reported", "the New York Times said".
        shown = " ".join(w.text for w in words)
        return SpeakerPhrase("organisation", f"The {shown}" if len(words) == 1 else shown)
    if not titled and _looks_like_organisation(words):
        return SpeakerPhrase("organisation", " ".join(w.text for w in words))
    title_at = -1
    for i, w in enumerate(words[:-1]):
        if w.lower in TITLES or (i and words[i - 1].lower == "of" and title_at == i - 2):
            title_at = i
    while role_words and role_words[0].lower in DETERMINERS:
        role_words = role_words[1:]
    titles = [w for w in words[: title_at + 1] if w.lower not in _HONORIFICS]
    if role_words:
        # "Democratic vice-presidential nominee Gov. Ada Rook": the words say more than "Gov." does.
        titles = [w for w in titles if not w.text.endswith(".")]
    role_parts = [w.text for w in role_words] + [_TITLE_WORDS.get(w.lower, w.text) for w in titles]
    name = words[title_at + 1 :]
    title = words[title_at].text.rstrip(".") if title_at >= 0 else None
    given = _given_name_after_role(name)
    if given:
        # "Maricopa County Recorder Helen Purcell": the words before the given name are her office.
        role_parts.extend(w.text for w in name[:given])
        name = name[given:]
    return SpeakerPhrase("name", " ".join(w.text for w in name), role=" ".join(role_parts) or None, title=title)


def _opens_sentence_only(words: list[Token]) -> bool:
    """Return True for a capitalised sentence opener glued to a name ("Although Weiner", "As Politico")."""
    first = words[0].text
    return len(words) > 1 and first in FUNCTION_WORDS and first not in GIVEN_NAMES and words[0].lower not in TITLES


def _given_name_after_role(name: list[Token]) -> int:
    """Return where a personal name starts after capitalised office words ("Senate Minority Whip Dick Durbin"), else 0.

    The name is a known given name and one or two more words; the word before it is an ordinary word
    (an office, not another given name: "Mary Ann Smith" stays whole).
    """
    for i in range(max(1, len(name) - 3), len(name) - 1):
        before = name[i - 1].text
        if (
            name[i].text in GIVEN_NAMES
            and before not in GIVEN_NAMES
            and all(part in ENGLISH_WORDS for part in before.lower().split("-"))
            and all(w.is_capitalised for w in name[i:])
        ):
            return i
    return 0


def phrase_before(tokens: list[Token], verb: int, lo: int) -> SpeakerPhrase | None:
    """Return the subject of the verb at index verb, looking no further back than lo."""
    j = verb - 1
    while (
        j >= lo
        and tokens[j].is_word
        and (
            tokens[j].lower in AUXILIARIES
            or tokens[j].lower in _WHEN_WORDS
            or (tokens[j].lower == "on" and j + 1 < verb and tokens[j + 1].lower in _WHEN_WORDS)
            or (tokens[j].lower.endswith("ly") and not tokens[j].is_capitalised)
        )
    ):
        j -= 1  # "Priebus later on Thursday told …": the subject is before the adverbs of time
    if j < lo:
        return None
    if tokens[j].text == ")":
        k = j
        while k >= lo and tokens[k].text != "(":
            k -= 1
        if k <= lo:
            return None
        j = k - 1
    if tokens[j].text == "," and j - 1 > lo and tokens[j - 1].text == ")":
        # "Gov. John Kasich (R-OH), said": the name before a party tag in brackets.
        k = j - 1
        while k > lo and tokens[k].text != "(":
            k -= 1
        inside = tokens[k + 1 : j - 1]
        party = 1 <= len(inside) <= 2 and (inside[0].text.isupper() or "-" in inside[0].text)
        named = _phrase_ending_at(tokens, k - 1, lo) if k > lo and party else None
        if named is not None and named.kind == "name":
            return named
    if tokens[j].text == ",":
        return _subject_with_appositive(tokens, lo, j)
    k = j
    while k > lo + 1 and tokens[k].text not in {",", ".", ";", ":", "(", ")", "\u2014", "\u2013", "--", "-"}:
        following = tokens[k + 1]
        subject_relative = following.is_word and not following.is_capitalised and following.lower not in PRONOUNS
        if tokens[k].lower in {"who", "which"} and tokens[k - 1].text == "," and subject_relative:
            # "Nell Adair, who is head of the Fair Roads Fund said": the subject is before "who"
            # (but in "Voss, who Hale called", Hale speaks).
            named = _phrase_ending_at(tokens, k - 2, lo)
            if named is not None and named.kind == "name":
                return named
            break
        if tokens[k].lower == "that":
            break  # "… so heated that Gov. Ada Rook said": the subject's clause starts here
        if tokens[k].lower in {"who", "whom", "which"} and subject_relative:
            return None  # "The lawyer who had advised Mr Pryce had said": Martin is inside the clause
        k -= 1
    return _phrase_ending_at(tokens, j, lo)


def _phrase_ending_at(tokens: list[Token], j: int, lo: int) -> SpeakerPhrase | None:
    """Read a noun phrase that ends at token j (a pronoun, a name with pre-modifiers, a description)."""
    last = tokens[j]
    if not last.is_word:
        return None
    if last.lower in PRONOUNS:
        return SpeakerPhrase("pronoun", last.lower, start=last.start)
    if last.lower in OTHER_PRONOUNS:
        # "it said", "they said": an attribution to nobody in particular, which still ends the search.
        return SpeakerPhrase("pronoun", last.lower, start=last.start) if last.lower in _GROUP_PRONOUNS else None
    if last.is_capitalised and last.lower not in NON_NAME_CAPITALS:
        k = _name_block_end_back(tokens, j, lo)
        if k - 1 >= lo and tokens[k - 1].lower in {"and", "&"}:
            return None
        of = k - 2 if k - 2 >= lo and tokens[k - 1].lower == "the" else k - 1
        if of - 1 >= lo and tokens[of].lower == "of":
            # "G.K. Butterfield of North Carolina", "Mr. Morgan of the Sierra Club": the person, not the place.
            person = _person_before_of(tokens, of - 1, lo)
            if person is not None:
                return person
        if of - 1 >= lo and tokens[of].lower in {"of", "for", "at"} and tokens[of - 1].lower in ORGANISATION_HEADS:
            # "Ivo Brandt of the Anna Lind Institute for Water Studies": the person before both.
            outer = _phrase_ending_at(tokens, of - 1, lo)
            if outer is not None and outer.kind == "name":
                return outer
        role_start = k
        while (
            role_start - 1 >= lo
            and tokens[role_start - 1].is_word
            and tokens[role_start - 1].lower not in PREPOSITIONS | REPORTING_VERBS | {"that", "who", "which"}
            and k - role_start < 8
        ):
            role_start -= 1
        at_clause_start = role_start == lo or not tokens[role_start - 1].is_word
        role_words = tokens[role_start:k] if at_clause_start else []
        while role_words and role_words[0].lower in DISCOURSE_OPENERS:
            role_words = role_words[1:]
        phrase = name_phrase(tokens[k : j + 1], role_words, definite=k - 1 >= lo and tokens[k - 1].lower == "the")
        if phrase is not None and of >= lo and tokens[of].lower in PREPOSITIONS:
            return replace(phrase, governed=True, governor=tokens[of].lower)
        return phrase
    # A description: words back to a determiner or a possessive.
    k = j
    while k >= lo and k > j - 7 and tokens[k].is_word:
        if tokens[k].lower in DETERMINERS:
            words = tokens[k + 1 : j + 1]
            if not words or any(w.lower in PREPOSITIONS | REPORTING_VERBS | _NOT_IN_DESCRIPTION for w in words):
                return None
            text = " ".join(w.text for w in words)
            if last.lower in ORGANISATION_HEADS:
                return SpeakerPhrase("organisation", text)
            # "Ann Vole, a Nordair spokesman said": the description is the appositive of the name before it.
            appositive = k >= 2 and tokens[k - 1].text == "," and tokens[k - 2].is_capitalised
            return SpeakerPhrase("description", text, determiner="" if appositive else tokens[k].lower)
        if tokens[k].text.endswith(("'s", "\u2019s")) and k < j:
            return SpeakerPhrase("description", " ".join(w.text for w in tokens[k + 1 : j + 1]), possessive=True)
        k -= 1
    return None


def _person_before_of(tokens: list[Token], j: int, lo: int) -> SpeakerPhrase | None:
    """Return the full personal name ending at token j (before "of <place>"), else None."""
    last = tokens[j]
    if not (last.is_word and last.is_capitalised) or last.lower in ORGANISATION_HEADS | ORGANISATION_WORDS | TITLES:
        return None
    phrase = _phrase_ending_at(tokens, j, lo)
    if phrase is None or phrase.kind != "name" or (len(phrase.text.split()) < 2 and phrase.title is None):
        return None
    return phrase


def _subject_with_appositive(tokens: list[Token], lo: int, comma: int) -> SpeakerPhrase | None:
    """Read "X, <appositive>," before a verb: the subject opens the clause, the role follows it."""
    k = lo
    for _ in range(3):
        if k < comma and tokens[k].lower in DISCOURSE_OPENERS:
            k += 1
            if k < comma and tokens[k].text == ",":
                k += 1
        elif k < comma and tokens[k].lower in PREPOSITIONS:
            while k < comma and tokens[k].text != ",":
                k += 1
            k += 1
    if k >= comma:
        return None
    end = k
    while end < comma and tokens[end].text not in ",(":
        end += 1
    if end == k or end - k > 10 or end >= comma:
        return None
    phrase = _phrase_ending_at(tokens, end - 1, k)
    if phrase is not None and phrase.kind == "pronoun":
        return phrase
    stop = end + 1
    while stop < comma and tokens[stop].text != ",":
        stop += 1
    if tokens[end].text == "(":
        return phrase
    if phrase is None or phrase.kind == "description" or phrase.governed:
        # "Scott's niece, state Del. Marcia Price, shouted": the name is in the appositive.
        last = stop - 1
        if last > end and tokens[last].text == ")":
            while last > end and tokens[last].text != "(":
                last -= 1
            last -= 1
        named = _phrase_ending_at(tokens, last, end + 1) if last > end else None
        if named is not None and named.kind == "name":
            return SpeakerPhrase("name", named.text, role=_role_text(tokens[k:end]), title=named.title)
        return phrase
    role = _role_text(tokens[end + 1 : stop])
    if role and phrase.kind == "name":
        return SpeakerPhrase(phrase.kind, phrase.text, role=role, title=phrase.title)
    return phrase


def _role_text(words: list[Token]) -> str | None:
    """Return an appositive as a role: without a leading article, None when empty."""
    if not words:
        return None
    if words[0].lower in {"a", "an", "who"}:
        words = words[1:]
    if not words or words[0].lower in DISCOURSE_OPENERS or (words[0].text[0].isdigit() and len(words) == 1):
        return None
    if len(words) == 1 and words[0].lower in {"who", "which", "that"}:
        return None
    if words[0].lower in PREPOSITIONS:
        return None  # ", on what was his first day": a circumstance, not a role
    if any(w.lower in REPORTING_VERBS or w.lower in _NOT_IN_ROLE for w in words):
        # ", adding they were …": the clause goes on; it is not an appositive.
        return None
    return _joined(words)


def _joined(words: list[Token]) -> str:
    """Join tokens with single spaces, without a space before punctuation."""
    out = ""
    for w in words:
        if out and w.text not in ",;:).!?" and not out.endswith("("):
            out += " "
        out += w.text
    return out


def _inside_name(tokens: list[Token], i: int, hi: int) -> bool:
    """Return True for "of" after an organisation or title word ("a Department of Homeland Security spokeswoman")."""
    if tokens[i].lower not in {"of", "and", "for"} or i == 0 or i + 1 >= hi:
        return False
    before, after = tokens[i - 1], tokens[i + 1]
    if tokens[i].lower == "of" and before.lower in _OFFICES_OF and after.is_word and after.lower != "the":
        return True  # "said former secretary of state Lena Ortega", "master of ceremonies Omar Haddad"
    return (
        (before.lower in ORGANISATION_HEADS or before.lower in TITLES)
        and before.is_capitalised
        and after.is_capitalised
    )


def phrase_after(tokens: list[Token], verb: int, hi: int) -> SpeakerPhrase | None:
    """Return the speaker named after an inverted verb ("said Michael Siebert, <role>")."""
    k = verb + 1
    end = k
    while (
        end < hi
        and (tokens[end].is_word or tokens[end].text[0].isdigit())
        and (tokens[end].lower not in PREPOSITIONS | {"that", "who", "and"} or _inside_name(tokens, end, hi))
    ):
        end += 1
    if end == k or end - k > 10:
        return None
    phrase = _phrase_ending_at(tokens, end - 1, k)
    if phrase is not None and phrase.kind == "description" and phrase.possessive:
        # "said Lee's deputy campaign manager, Rich Okonjo, who …": the name after the office speaks.
        return _appositive_name(tokens, end, hi, tokens[k:end]) or phrase
    if phrase is None or phrase.kind != "name":
        return phrase
    if end + 1 < hi and tokens[end].lower == "and" and tokens[end + 1].is_capitalised:
        # "said Tom and Jerry producer Ida Wex": two names, or a title that runs on to another one.
        return SpeakerPhrase("several", " ".join(t.text for t in tokens[k:hi]))
    if end < hi and tokens[end].text == ",":
        stop = end + 1
        while stop < hi and tokens[stop].text not in ",;.!?":
            stop += 1
        role = _role_text(tokens[end + 1 : stop])
        if role:
            return SpeakerPhrase("name", phrase.text, role=role, title=phrase.title)
    return phrase


def _appositive_name(tokens: list[Token], comma: int, hi: int, office: list[Token]) -> SpeakerPhrase | None:
    """Return the full name set off by commas after an office ("…'s chief of staff, Joe Kasper,"), if any."""
    if comma >= hi or tokens[comma].text != ",":
        return None
    start = stop = comma + 1
    while stop < hi and tokens[stop].is_word and (tokens[stop].is_capitalised or tokens[stop].lower in NAME_PARTICLES):
        stop += 1
    if not 2 <= stop - start <= 4 or (stop < hi and tokens[stop].text not in {",", ".", ";"}):
        return None
    named = name_phrase(list(tokens[start:stop]), [])
    if named is None or named.kind != "name" or len(named.text.split()) < 2:
        return None
    return SpeakerPhrase("name", named.text, role=" ".join(t.text for t in office), title=named.title)


def label_phrase(tokens: list[Token]) -> SpeakerPhrase | None:
    """Return the speaker of a label line ("WALLACE:", "Sanders:") when tokens are just that."""
    if len(tokens) >= 5 and tokens[-1].text == ":" and tokens[-2].text == ")":
        # "Rep. Trey Gowdy (R-S.C.):": the party tag in brackets is no part of the label.
        opening = max((i for i, t in enumerate(tokens) if t.text == "("), default=0)
        inside = tokens[opening + 1 : -2]
        if opening and 1 <= len(inside) <= 3 and ("-" in inside[0].text or inside[0].text.isupper()):
            tokens = [*tokens[:opening], tokens[-1]]
    if len(tokens) < 2 or tokens[-1].text != ":" or len(tokens) > 5:
        return None
    words = tokens[:-1]
    if not all(_is_name_word(w) and w.is_capitalised for w in words):
        return None
    if words[0].lower in REPORTING_VERBS:
        # "Said Williams:" is an inverted attribution, not a label.
        return name_phrase(list(words[1:]), []) if len(words) > 1 else None
    return name_phrase(list(words), [])
