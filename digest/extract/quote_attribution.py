"""Read what the words around a quote say about its speaker: "X said", "said X", "according to X", labels."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from digest.extract.names import ENGLISH_WORDS, FUNCTION_WORDS, GIVEN_NAMES, ROLE_NOUNS
from digest.extract.quote_lexicon import (
    AUXILIARIES,
    DETERMINERS,
    DISCOURSE_OPENERS,
    NAME_PARTICLES,
    NON_NAME_CAPITALS,
    NOUN_LIKE_VERBS,
    PARTICIPLES,
    PREPOSITIONS,
    REPORTING_VERBS,
    SPEECH_ACT_VERBS,
)
from digest.extract.quote_marks import QuoteSpan
from digest.extract.quote_phrases import (
    SpeakerPhrase,
    Token,
    clause_start,
    label_phrase,
    phrase_after,
    phrase_before,
    tokens_between,
)
from digest.model import QuoteKind

_SCARE_MARKERS = frozenset(
    """so-called dubbed nicknamed termed titled entitled named branded""".split()  # noqa: SIM905
)
_SMALL_WORDS = frozenset(
    """a an the of and or in on at to for with from by as vs""".split()  # noqa: SIM905
)
_CONJUNCTIONS = frozenset("and but or while because although though if as when".split())  # noqa: SIM905
_TAIL_SUBJECT_WORDS = 6
"""Most words a speaker phrase may take between a quote and its verb, appositives aside."""
_OPENING_PREPOSITIONS = frozenset("like unlike despite amid besides including regarding".split())  # noqa: SIM905
"""Prepositions that open a sentence with a phrase about someone else ("Like Corker, Menendez …")."""
_PHRASE_OPENERS = PREPOSITIONS | DISCOURSE_OPENERS | _CONJUNCTIONS | _OPENING_PREPOSITIONS | {"here", "there"}
_LINKING_VERBS = frozenset(
    "remain remains remained seem seems seemed appear appears appeared become becomes became".split()  # noqa: SIM905
)
"""Verbs that describe their subject ("X remains a contender, having "…""), like "is"."""
_CLAUSE_OPENERS = frozenset("and but so or then".split())  # noqa: SIM905
_SUBORDINATORS = frozenset("after before until unless since once whereas where because whether".split())  # noqa: SIM905
_VERBISH = frozenset(
    """was were is are be been being has have had will would can could should may might must do does did not
    no""".split()  # noqa: SIM905
)
_CLAUSE_WORDS = frozenset("who whom whose which that he she they i we".split())  # noqa: SIM905
_TAKES_OBJECT = frozenset("told tells asked asks reminded reminds assured assures".split())  # noqa: SIM905
_TELLS = frozenset({"told", "tells"})
"""Verbs whose inverted form names the listener ("…, told CNN"), not the speaker."""
_ADVERBIAL_WORDS = frozenset(
    """today yesterday tonight monday tuesday wednesday thursday friday saturday sunday last this earlier
    later recently again afterward afterwards then once when while as before after""".split()  # noqa: SIM905
)
TRANSCRIPT_LABEL = re.compile(r"([A-Z][A-Z'\-]+(?: [A-Z][A-Z'\-]+){0,2}):\s+")
"""A transcript speaker label ("WALLACE: ") at the start of a quoted line."""
_DASHES = frozenset({"-", "--", "\u2013", "\u2014", "\u2015"})
_WINDOW = 400
"""Characters read on each side of a quote: attributions sit close to it, and this keeps the work linear."""
_HEAD_GAP = 8
"""Most words allowed between a reporting verb and the quote it introduces ("told CNN on Sunday:")."""


@dataclass(frozen=True, slots=True)
class Attribution:
    """What the text around one quoted piece says about its speaker."""

    phrase: SpeakerPhrase | None
    adjacent: bool
    """True when the attribution is next to the quote (not a verb earlier in reported speech)."""
    kind: QuoteKind
    scare: bool
    """True for scare quotes, titles and nicknames, which are nobody's words."""
    labelled: bool = False
    """True for a quoted transcript line ("WALLACE: …"): it starts a new speaker's turn."""


def window_tokens(text: str, lo: int, hi: int, *, from_end: bool) -> list[Token]:
    """Tokenize text[lo:hi], keeping only its last (or first) _WINDOW characters, cut at a word boundary."""
    if hi - lo > _WINDOW:
        if from_end:
            lo = hi - _WINDOW
            while lo < hi and not text[lo - 1].isspace():
                lo += 1
        else:
            hi = lo + _WINDOW
    return tokens_between(text, lo, hi)


def _goes_on(tokens: list[Token], i: int) -> bool:
    """Return True for "went on" ending its clause ("…?" Trump went on, as if …), which reports speech."""
    if tokens[i].lower not in {"went", "goes"} or i + 1 >= len(tokens) or tokens[i + 1].lower != "on":
        return False
    return i + 2 == len(tokens) or not tokens[i + 2].is_word


_PHRASAL_REPORTING = {
    "shot": "back",
    "shoots": "back",
    "fired": "back",
    "fires": "back",
    "hit": "back",
    "hits": "back",
    "pointed": "out",
    "points": "out",
    "put": "it",
    "puts": "it",
}
"""Verbs that report speech with their particle ("Clinton shot back, …", "as Milbank puts it, …")."""


def _phrasal_reporting_verb(tokens: list[Token], i: int) -> bool:
    """Return True for a verb and its particle that together report speech ("fired back", "pointed out")."""
    particle = _PHRASAL_REPORTING.get(tokens[i].lower)
    return particle is not None and i + 1 < len(tokens) and tokens[i + 1].lower == particle


def is_reporting_verb(tokens: list[Token], i: int, partial: bool = False) -> bool:
    """Return True when tokens[i] is a reporting verb used actively (or a speech act, for a partial quote)."""
    token = tokens[i]
    known = (
        token.lower in REPORTING_VERBS
        or (partial and token.lower in SPEECH_ACT_VERBS)
        or _goes_on(tokens, i)
        or _phrasal_reporting_verb(tokens, i)
    )
    if not known or token.is_capitalised:
        return False
    j = i - 1
    while j >= 0 and tokens[j].lower.endswith("ly") and not tokens[j].is_capitalised:
        j -= 1  # "was widely ridiculed" is as passive as "was ridiculed"
    if j >= 0 and tokens[j].lower in {"was", "were", "been", "being", "be", "is", "are"}:
        # "was told" is passive (someone else spoke); "is promising" is not.
        return token.lower.endswith("ing") or token.lower == "quoted"
    return True


def _from_head(head: list[Token], partial: bool, whole_sentence: bool = False) -> tuple[SpeakerPhrase | None, bool]:
    """Return the speaker phrase before a quote and whether it is adjacent to it.

    whole_sentence: head starts where its sentence does (not right after an earlier quote).
    """
    if not head:
        return None, False
    label = label_phrase(head)
    if label is not None:
        return label, True
    dash = max((i for i, t in enumerate(head) if t.text in _DASHES), default=-1)
    if 0 < dash < len(head) - 2:
        # "Pollsters agree - Carl Bialik: "…"": a digest's headline, then the source as a label.
        label = label_phrase(head[dash + 1 :])
        if label is not None and label.kind == "name" and len(label.text.split()) >= 2:
            return label, True
    if (
        len(head) > 2
        and head[0].is_capitalised
        and head[0].lower in REPORTING_VERBS - PARTICIPLES
        and head[-1].text in {",", ":"}
    ):
        # "Said Marta Quill, who grew up next door, "…"": an inverted attribution opening the sentence.
        inverted = phrase_after(head, 0, len(head))
        if inverted is not None and inverted.kind == "name":
            return inverted, True
    aside = _as_aside(head) or _inverted_aside(head)
    if aside is not None:
        return aside, True
    for i in range(len(head) - 1):
        if head[i].lower == "according" and head[i + 1].lower == "to":
            stop = i + 2
            while stop < len(head) and head[stop].text != ",":
                stop += 1
            phrase = phrase_after(head, i + 1, stop)
            later_verb = any(is_reporting_verb(head, j) for j in range(stop, len(head)))
            # "According to the Ledger, Ortega spokesman Ian Voss said …": the speaker comes later.
            if phrase is not None and stop < len(head) and not later_verb:
                return phrase, True
    verbs = [i for i in range(len(head)) if is_reporting_verb(head, i, partial)]
    if (
        head[-1].text == ":"
        and not partial
        and (not verbs or len(head) - 1 - verbs[-1] > _HEAD_GAP or head[verbs[-1]].lower in SPEECH_ACT_VERBS)
    ):
        # "McConnell delivered a blunt message to Trump: "…"": the one the clause is about says it.
        subject = _colon_subject(head)
        if subject is not None:
            return subject, True
    if not verbs:
        return (_partial_subject(head) if partial and whole_sentence else None), False
    last = verbs[-1]
    gap = len(head) - 1 - last
    closing = head[-1].text in {":", ","} or head[-1].lower == "that" or gap == 0
    # "the story Hale told about his uncle who farmed, …": another clause stands between.
    inner = head[last + 1 :]
    while inner and (inner[-1].text in {",", ":"} or inner[-1].lower == "that"):
        inner = inner[:-1]
    if inner and inner[0].lower == "that" and head[last].lower not in _TAKES_OBJECT:
        inner = inner[1:]  # "Rubio said that once the Senate recesses, "…"": the verb's own "that"
    if any(t.lower in _CLAUSE_WORDS for t in inner):
        closing = False
    adjacent = gap <= _HEAD_GAP and closing and head[last].lower not in SPEECH_ACT_VERBS
    if not adjacent and not partial:
        return None, False
    if head[last].lower in PARTICIPLES:
        if last and head[last - 1].is_capitalised and head[last - 1].is_word and not _after_place_word(head, last - 1):
            # "footage of Hillary Clinton asking, …": the name right before the participle.
            right_before = phrase_before(head, last, 0)
            if right_before is not None:
                return right_before, adjacent
        if not any(t.is_word and t.lower not in _CONJUNCTIONS | {"then", "also"} for t in head[:last]):
            # "…," adding: "…": the participle goes on with the previous quote, whose speaker carries over.
            return None, False
        comma = max((i for i in range(last) if head[i].text == ","), default=-1)
        with_at = next((i for i in range(comma + 1, last) if head[i].lower == "with"), None)
        subject = phrase_before(head, last, with_at + 1) if with_at is not None else None
        if subject is not None and with_at is not None and subject.text.split()[-1] not in _SPOKES:
            # "…, with Cruz promising to "…"" has its own subject; "with the campaign of the senator saying" or
            # "with one of her ads asking" none we can name ("with a spokesman saying" speaks for the subject).
            opens = subject.text.split()[0] == head[with_at + 1].text
            speaks = subject.kind == "name" and opens and not subject.governed
            return (subject if speaks else None), adjacent
        return _subject_of_clause(head[:last]), adjacent
    if adjacent:
        phrase = phrase_before(head, last, 0)
        verb_first = last + 1 < len(head) and head[last + 1].is_capitalised and head[last].lower not in _TAKES_OBJECT
        if phrase is None and verb_first:
            # "But, said Solovey, "…"": the verb comes first.
            phrase = phrase_after(head, last, len(head))
        if phrase is None:
            # "Carson did not mention his rivals, but told his supporters, …": the clause's subject speaks.
            phrase = _coordinated_subject(head, last)
        if phrase is None:
            phrase = _subject_of_infinitive(head, last)
        if phrase is not None or not partial:
            return phrase, True
    # A partial quote deep in reported speech: every verb before it must name the same speaker.
    phrases = [p for v in reversed(verbs) if head[v].lower not in PARTICIPLES and (p := _speech_act_subject(head, v))]
    named = [p for p in phrases if p.kind not in {"description", "pronoun"}] or phrases
    if not named:
        return None, False
    if len({(p.kind, p.text) for p in named}) > 1:
        return _nearest_reporter(head, last), False
    if named[0].kind == "pronoun" and _names_someone_after(head, last):
        # "she said, but as Trump went on about "…"": the pronoun is further back than the one named.
        return None, False
    return named[0], False


def _speech_act_subject(head: list[Token], verb: int) -> SpeakerPhrase | None:
    """Return who a verb before a partial quote has as subject, a participle's after a comma included.

    "Trump went after Bush, calling him "…"": "calling" goes on with the clause's named subject.
    """
    if verb > 1 and head[verb].lower.endswith("ing") and head[verb - 1].text == ",":
        subject = _subject_of_clause(head[: verb - 1])
        return subject if subject is not None and subject.kind == "name" else None
    return phrase_before(head, verb, 0) or _coordinated_subject(head, verb)


_GOES_ON = frozenset("went goes go continued continues proceeded proceeds".split())  # noqa: SIM905


def _subject_of_infinitive(head: list[Token], verb: int) -> SpeakerPhrase | None:
    """Return the subject of "went on to say" or "interjected to say" before a quote's infinitive verb."""
    if verb < 2 or head[verb - 1].lower != "to":
        return None
    k = verb - 2
    if head[k].lower == "on" and k > 0:
        k -= 1
    if head[k].lower not in _GOES_ON and not is_reporting_verb(head, k):
        return None
    return phrase_before(head, k, 0) or _coordinated_subject(head, k)


_COORDINATION_ADVERBS = frozenset("now then also later still again instead".split())  # noqa: SIM905


def _coordinated_subject(head: list[Token], verb: int) -> SpeakerPhrase | None:
    """Return the subject of the clause a verb is coordinated with ("Lee backed Paul, but now said …")."""
    k = verb - 1
    while k > 0 and (head[k].lower in _COORDINATION_ADVERBS or head[k].lower.endswith("ly")):
        k -= 1
    if k <= 0 or head[k].lower not in {"and", "but"}:
        return None
    for i in range(verb + 1, len(head) - 1):
        if head[i].is_capitalised and head[i].is_word and head[i + 1].lower.endswith("ing"):
            return None  # "and said it is like Judge Lena Marsh describing herself as "…"": hers
    return _subject_of_clause(head[:k])


def _names_someone_after(head: list[Token], verb: int) -> bool:
    """Return True when a name after the verb opens a clause of its own ("…, and as Trump went on about")."""
    for i in range(verb + 1, len(head) - 1):
        t, after = head[i], head[i + 1]
        if not (t.is_word and t.is_capitalised) or t.lower == "i" or t.lower in NON_NAME_CAPITALS:
            continue
        if head[i - 1].lower not in _CONJUNCTIONS | _SUBORDINATORS:
            continue  # "He said Sanders has been "…"": the name is what the pronoun's speaker talks about
        if (
            after.is_word
            and not after.is_capitalised
            and (after.lower in _VERBISH | REPORTING_VERBS | {"went", "goes"} or after.lower.endswith("ed"))
        ):
            return True
    return False


def _as_aside(head: list[Token], *, comma: bool = True) -> SpeakerPhrase | None:
    """Return the name of an "as <Name> <verb>," aside that credits the sentence ("As Ortega put it, …").

    The verb must end the aside with a comma (unless comma=False, for an aside after the quote), and no
    other reporting verb may follow in the sentence ("As Ortega said this, Lee replied: …" is Lee's).
    """
    for i in range(len(head) - 3):
        if head[i].lower != "as" or not head[i + 1].is_capitalised or not head[i + 1].is_word:
            continue
        verb = next((v for v in range(i + 2, min(len(head), i + 9)) if is_reporting_verb(head, v)), None)
        if verb is None or head[verb].lower in PARTICIPLES:
            return None
        after = verb + 2 if _phrasal_reporting_verb(head, verb) else verb + 1
        if comma and (after >= len(head) or head[after].text != ","):
            return None
        if any(is_reporting_verb(head, j) for j in range(after + 1, len(head))):
            return None
        phrase = phrase_before(head, verb, i + 1)
        return phrase if phrase is not None and phrase.kind in {"name", "organisation"} else None
    return None


_SPOKES = frozenset("spokesman spokeswoman spokesperson representative committee board statement".split())  # noqa: SIM905
"""Descriptions that speak for the subject of their clause ("…, with a spokesman saying")."""
_PLACE_PREPOSITIONS = frozenset("on in at to from via into onto".split())  # noqa: SIM905
"""Prepositions before a name that make it a place or a medium ("on Facebook writing"), not the one speaking."""


def _after_place_word(head: list[Token], end: int) -> bool:
    """Return True when the capitalised block ending at end follows "on", "in", "at" … ("on Facebook")."""
    k = end
    while k > 0 and head[k - 1].is_word and head[k - 1].is_capitalised:
        k -= 1
    return k > 0 and head[k - 1].lower in _PLACE_PREPOSITIONS


def _inverted_aside(head: list[Token]) -> SpeakerPhrase | None:
    """Return the name of a ", says <Name>, <role>," aside inside the sentence before a quote.

    "The paradox of the plan, says Dana Whitlow, an economist, is that it "…"": no other reporting verb
    may follow the aside.
    """
    for i in range(1, len(head) - 2):
        if head[i].text != "," or head[i + 1].lower in PARTICIPLES | SPEECH_ACT_VERBS | _TELLS:
            continue
        if not is_reporting_verb(head, i + 1) or not head[i + 2].is_capitalised or head[i + 2].lower in {"he", "she"}:
            continue
        phrase = phrase_after(head, i + 1, len(head))
        if phrase is None or phrase.kind != "name":
            return None
        commas = [j for j in range(i + 2, len(head)) if head[j].text == ","]
        rest = commas[1] if phrase.role is not None and len(commas) > 1 else (commas[0] if commas else len(head))
        if rest >= len(head) - 1 or any(is_reporting_verb(head, j) for j in range(rest, len(head))):
            return None
        if any(head[j].is_capitalised and head[j - 1].lower in _CONJUNCTIONS for j in range(rest + 1, len(head))):
            return None  # "…," said Brandt, while Ruth Mills, the chair, "…": another subject comes in
        return phrase
    return None


def _nearest_reporter(head: list[Token], verb: int) -> SpeakerPhrase | None:
    """Return the named subject of the reporting verb nearest a partial quote, if only plain words follow it.

    "Rubio suggested …, while Cruz said that the "…"": the nearer verb's subject said the words; a name,
    a possessive or a clause mark after that verb ("said Trump is "…"", "Trump's claim that "…"") may
    bring in someone else's words, so it refuses.
    """
    if head[verb].lower in PARTICIPLES | SPEECH_ACT_VERBS:
        return None
    for t in head[verb + 1 :]:
        if (t.is_capitalised and t.lower != "i") or t.text in {",", ";", ":", "(", "\u2014", "\u2013", "--", "-"}:
            return None
    phrase = phrase_before(head, verb, 0)
    return phrase if phrase is not None and phrase.kind == "name" else None


_NOT_SPEAKING = frozenset("read reads reading quoted quotes cites cited reported reports".split())  # noqa: SIM905
"""Verbs before a colon that introduce someone else's text ("Isaiah 45:1 reads:"), not the subject's words."""


def _colon_subject(head: list[Token]) -> SpeakerPhrase | None:
    """Return the named subject of a clause that ends in a colon before a quote, if nobody else is named in it.

    A possessive name ("Jones's letter") or any other name after the subject, but for the one spoken to
    ("to Trump"), may be whose words follow, so it refuses.
    """
    clause = head[:-1]
    while clause and not clause[0].is_word:
        clause = clause[1:]  # "— Ortega called them on it:" after a dash that closed an aside
    if len(clause) > 30:
        return None
    phrase = _subject_of_clause(clause)
    if phrase is None or phrase.kind != "name" or phrase.possessive or phrase.text.split()[0] in FUNCTION_WORDS:
        return None  # "Like the page:" is an instruction, not a speaker
    subject_end = next(
        (i for i, t in enumerate(clause) if t.is_word and not t.is_capitalised and t.lower not in NAME_PARTICLES),
        len(clause),
    )
    last_at = next((i for i, t in enumerate(clause) if t.text == phrase.text.split()[-1]), None)
    comma = max((i for i in range(last_at or 0) if clause[i].text == ","), default=-1)
    if last_at is not None and last_at >= subject_end and comma >= 0:
        # "In response, independent candidate Lena Ortega issued this statement:": the subject follows the
        # opening phrase, office words and all.
        between = clause[comma + 1 : last_at + 1]
        if all(t.is_word and t.lower not in _VERBISH | _CLAUSE_WORDS | REPORTING_VERBS for t in between):
            subject_end = last_at + 1
    if subject_end == len(clause) or clause[subject_end - 1].text.endswith(("'s", "\u2019s")):
        return None  # "Then, later that month on CNN:" names no one who speaks
    rest = clause[subject_end:]
    for i, t in enumerate(rest):
        if t.lower in _NOT_SPEAKING or t.text in {"(", ")"} or t.text.endswith(("'s", "\u2019s")):
            return None
        if t.is_capitalised and t.is_word and not (i and rest[i - 1].lower in {"to", "at"}):
            return None
    return phrase


def _partial_subject(head: list[Token]) -> SpeakerPhrase | None:
    """Return the named subject of a sentence that runs into a partial quote with no reporting verb.

    "Rubio also bemoaned the climate in which people "…"": the sentence is about what its subject said.
    Nobody else may be named after the subject (not even "Obama's actions"), and no relative clause may
    bring in another actor ("a surrogate who …").
    """
    if head[0].lower in {"to", "for"}:
        return None  # "To Sharp, Trump is the "…" man": the quote is Sharp's view, not Trump's words
    phrase = _named_subject(head)
    if phrase is None:
        return None
    last_word = phrase.text.split()[-1]
    ends = (i + 1 for i, t in enumerate(head) if t.text == last_word and i + 1 < len(head))
    end = next((i for i in ends if not head[i].is_capitalised), None)
    if end is None or _linking_verb_after(head, end):
        return None
    for i in range(end, len(head)):
        t = head[i]
        if t.is_capitalised and t.is_word and t.lower != "i":
            return None
        after_preposition = t.lower == "which" and head[i - 1].lower in PREPOSITIONS
        if (t.lower in {"who", "whom", "whose", "which"} and not after_preposition) or t.text.endswith(
            ("'s", "\u2019s")
        ):
            return None  # (but "the climate in which people "…"" brings in no one)
        if t.lower == "that" and i + 1 < len(head) and head[i + 1].lower in _VERBISH | AUXILIARIES:
            return None  # "a law that would have allowed officials professing a "…"": the law's words
    return phrase


_NEW_CLAUSE_JOINERS = frozenset("and but or while whereas although though because when if since".split())  # noqa: SIM905
_RELATIVE_WORDS = frozenset("who whom whose which where".split())  # noqa: SIM905


def _subject_of_partial_predicate(head: list[Token]) -> SpeakerPhrase | None:
    """Return the named subject of a sentence whose predicate runs into a partial quote.

    "Perez hammered Trump, calling him a "…"" or "Sanders credited Clinton's victory to "…"": the words are
    the subject's, even with someone else named as the object. Refused when a reporting verb is in the
    sentence (its own rules decided), when the subject is described ("Trump is", "was asked by") or only
    modifies a noun ("One Clinton spokesman has"), after "To Sharp,", when a relative clause brings in
    another actor ("Trump, who has postured as the "…"") and when a joined clause has a new subject
    ("…, while Huckabee proposed").
    """
    if head[0].lower in {"to", "for"} or any(is_reporting_verb(head, i) for i in range(len(head))):
        return None
    phrase = _named_subject(head)
    if phrase is None:
        return None
    last_word = phrase.text.split()[-1]
    end = next((i + 1 for i, t in enumerate(head) if t.text == last_word and i + 1 < len(head)), None)
    if end is None or _linking_verb_after(head, end):
        return None
    noun = end
    while noun < min(end + 3, len(head)) and head[noun].is_word and not head[noun].is_capitalised:
        if noun > end and head[noun].lower in _VERBISH | AUXILIARIES and not head[noun - 1].lower.endswith("ly"):
            return None  # "One Clinton spokesman has called", "Bollywood film distributors have hailed"
        noun += 1
    possessive = next((i for i in range(end, len(head)) if head[i].is_capitalised and _is_possessive(head[i])), None)
    if possessive is not None and any(t.lower == "that" for t in head[possessive:]):
        return None  # "thrown by Mr Lee's suggestion that drunks should "…"": Lee's words
    for i in range(end, len(head)):
        t, after = head[i], head[i + 1] if i + 1 < len(head) else head[i]
        if t.lower in _NEW_CLAUSE_JOINERS and after.is_capitalised and after.is_word:
            return None
        if t.lower in _RELATIVE_WORDS and head[i - 1].lower not in PREPOSITIONS:
            return None
        if t.lower == "that" and after.lower in _VERBISH | AUXILIARIES:
            return None  # "a bill that would have allowed officials professing a "…"": the bill's words
    return phrase


def _named_subject(head: list[Token]) -> SpeakerPhrase | None:
    """Return the subject of a clause when it is a name (not a possessive, not opening with a function word)."""
    phrase = _subject_of_clause(head)
    if phrase is None or phrase.kind != "name" or phrase.possessive or phrase.text.split()[0] in FUNCTION_WORDS:
        return None
    return phrase


def _linking_verb_after(head: list[Token], end: int) -> bool:
    """Return True when the verb after a subject ending at `end` (past auxiliaries and -ly adverbs) links or
    describes: "Fiorina was not one for "…"" is words about the subject, not the subject's words."""
    verb = end
    while verb < len(head) and (head[verb].lower in AUXILIARIES - _VERBISH or head[verb].lower.endswith("ly")):
        verb += 1
    return verb < len(head) and head[verb].lower in _VERBISH | _LINKING_VERBS


def _is_possessive(token: Token) -> bool:
    """Return True for a word in the possessive ("Lee's")."""
    return token.text.endswith(("'s", "\u2019s"))


def _reads_as_words(text: str) -> bool:
    """Return True when a partial quote reads as someone's words: three words or more, no title or name.

    "acted in the movie "Sharknado 3: Oh Hell No!"" and a two-word scare quote name no one's words.
    """
    return len(text.split()) >= 3 and not text[:1].isupper() and not is_title_like(text)


def _subject_of_clause(tokens: list[Token]) -> SpeakerPhrase | None:
    """Return the subject that opens a clause ("Trump …, saying") for a participle verb."""
    for i, t in enumerate(tokens):
        if is_reporting_verb(tokens, i) and t.lower not in PARTICIPLES:
            phrase = phrase_before(tokens, i, 0)
            if phrase is None and i + 1 < len(tokens) and tokens[i + 1].is_capitalised and t.lower not in _TAKES_OBJECT:
                # "…," said Rep. Bobby Scott at the time, adding that "…": the verb comes first.
                after = phrase_after(tokens, i, len(tokens))
                return after if after is not None and after.kind == "name" else None
            return phrase
    for _ in range(3):
        # "At a rally that morning, Ortega attacked Wrenlow, saying …": skip the opening phrases
        # ("In May 2011, after Hale lost the vote, Dunmore wrote to him, telling him …"), but
        # only the word itself of "And then Ortega went on the offensive, saying …".
        opener = 0
        while opener < len(tokens) and tokens[opener].lower in _CLAUSE_OPENERS:
            opener += 1
        if opener and opener < len(tokens) and tokens[opener].is_capitalised and tokens[opener].is_word:
            tokens = tokens[opener:]
        participle = _participle_opener_end(tokens)
        if participle is not None:
            # "Speaking at a school gym in Millbrook, Vermont, Ortega went after Hale, calling him …"
            tokens = tokens[participle:]
            continue
        if not tokens or tokens[0].lower not in _PHRASE_OPENERS:
            break
        comma = next((i for i, t in enumerate(tokens) if t.text == ","), len(tokens))
        tokens = tokens[comma + 1 :]
    for i, t in enumerate(tokens):
        if t.is_word and not t.is_capitalised and i > 0 and _office_run_to_name(tokens, i):
            continue  # "Transport minister Ida Carrow defended …": the office words lead to the name
        if not t.is_word or (not t.is_capitalised and i > 0):
            if i and not tokens[i - 1].text.endswith(("'s", "\u2019s")):
                return phrase_before(tokens, i, 0)
            return None
        if t.lower in {"he", "she"} and i == 0:
            return phrase_before(tokens, 1, 0)
    return None


def _participle_opener_end(tokens: list[Token]) -> int | None:
    """Return where the clause starts after an opening participle phrase ("Speaking in Salem, Trump …").

    The phrase opens with a capitalised "-ing" word followed by a lower-case word, and ends at the first
    comma that a capitalised name and then a lower-case word follow ("King hammered …" opens no phrase).
    """
    if len(tokens) < 4 or not tokens[0].lower.endswith("ing") or not tokens[0].is_capitalised:
        return None
    if not tokens[1].is_word or tokens[1].is_capitalised:
        return None
    for i in range(2, len(tokens) - 2):
        if tokens[i].text != ",":
            continue
        j = i + 1
        while j < len(tokens) and tokens[j].is_word and tokens[j].is_capitalised:
            j += 1
        if j > i + 1 and j < len(tokens) and tokens[j].is_word:
            return i + 1
    return None


def _office_run_to_name(tokens: list[Token], i: int) -> bool:
    """Return True when lower-case words from i, one of them an office, lead to a name ("presidential candidate X")."""
    j = i
    while j < len(tokens) and j - i < 4 and tokens[j].is_word and not tokens[j].is_capitalised:
        j += 1
    office = any(tokens[k].lower in ROLE_NOUNS for k in range(i, j))
    return office and j < len(tokens) and tokens[j].is_word and tokens[j].is_capitalised


def _name_follows(tokens: list[Token], i: int) -> bool:
    """Return True when lower-case office words from i lead to a capitalised name."""
    while i < len(tokens) and tokens[i].is_word and not tokens[i].is_capitalised and tokens[i].lower in ROLE_NOUNS:
        i += 1
    return i < len(tokens) and tokens[i].is_word and tokens[i].is_capitalised


def _outside_brackets(tokens: list[Token]) -> int:
    """Count the tokens not inside parentheses ("Rep. Elijah E. Cummings (D-Md.)" counts 4)."""
    depth = count = 0
    for t in tokens:
        if t.text == "(":
            depth += 1
        elif t.text == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            count += 1
    return count


def _verb_closes(clause: list[Token], verb: int, ended: bool = False) -> bool:
    """Return True when nothing but an object, an adverbial or the sentence end follows the verb.

    ended: the quote closed its sentence, so the words after it are a sentence of their own and only a
    short attribution ("….” Hayek said.) may follow the verb.
    """
    j = verb + 2 if _phrasal_reporting_verb(clause, verb) else verb + 1
    if clause[verb].lower in _TAKES_OBJECT:
        return True
    if j >= len(clause):
        return True
    nxt = clause[j]
    if nxt.text in {",", ":", "(", "\u2014", "\u2013", "\u2015", "--", "-"}:
        return True
    if nxt.lower in PREPOSITIONS or nxt.lower in _ADVERBIAL_WORDS:
        return True
    if nxt.lower.endswith("ly") and not nxt.is_capitalised:
        return True
    if ended:
        return False  # "….” The star then recalled an incident …: a new sentence
    # "Clinton said answering a question", "Bond said onstage": a circumstance follows, unless the verb
    # reports another clause ("Smith said that …", "said she was", "said North Korea had displayed").
    if nxt.lower in {"that", "he", "she", "it", "they", "we", "i", "you", "there"}:
        return False
    rest = range(j, len(clause))
    return not any(
        clause[k].lower in _VERBISH or (is_reporting_verb(clause, k) and clause[k].lower not in PARTICIPLES)
        for k in rest
    )


def _dash_signature(tail: list[Token]) -> SpeakerPhrase | None:
    """Return the name signing a quote after a dash ("…” ― Pamela Padilla")."""
    if len(tail) < 2 or tail[0].text not in {"\u2014", "\u2013", "\u2015", "-"}:
        return None
    end = 1
    while end < len(tail) and tail[end].is_word and (tail[end].is_capitalised or tail[end].lower in NAME_PARTICLES):
        end += 1
    if end == 1 or (end < len(tail) and tail[end].text not in {",", ".", "(", ";"}):
        return None
    phrase = phrase_after(tail, 0, len(tail))
    return phrase if phrase is not None and phrase.kind in {"name", "organisation"} else None


def _from_tail(tail: list[Token], ended: bool = False, title: bool = False) -> SpeakerPhrase | None:
    """Return the speaker phrase right after a quote ("…," Khodorkovsky said / said Siebert).

    ended: the quote closed its own sentence ("….”), so only a short clause that ends a sentence of its
    own ("…?” Todd asked.) attributes it; a longer sentence after it is a new statement. title: the quote
    is a name or a few words ("called the "Crossroads of America" by …"), which a source at the end of
    the sentence does not claim.
    """
    signature = _dash_signature(tail)
    if signature is not None:
        return signature
    if tail and tail[0].text in {".", "!", "?", ";"}:
        return None  # the sentence ended with the quote: what follows is another sentence
    k = 0
    while k < len(tail) and not tail[k].is_word:
        k += 1
    end = k
    while end < len(tail) and tail[end].text not in {".", "!", "?", ";"}:
        end += 1
    clause = tail[k:end]
    if not clause or (ended and end == len(tail) and not _verb_then_comma(clause)):
        return None  # "….” Sanders strategist Tad Devine said the “…": the words lead to the next quote
    if clause[0].lower == "according" and len(clause) > 2 and clause[1].lower == "to":
        if ended and any(t.text == "," for t in clause):
            return None  # "…." According to Blick Research, sales rose.": the new sentence's own source
        return phrase_after(clause, 1, len(clause))
    according = next(
        (i for i in range(1, len(clause) - 2) if clause[i].lower == "according" and clause[i + 1].lower == "to"),
        None,
    )
    if (
        according is not None
        and clause[according - 1].text == ","
        and not ended
        and not title
        and not any(is_reporting_verb(clause, i) for i in range(according))
    ):
        # "…" to stay the biggest band, according to Q editor Paul Rees: the sentence's source (but in
        # "…," Sanders said, according to CNN, Sanders speaks and CNN reports it).
        return phrase_after(clause, according + 1, len(clause))
    if is_reporting_verb(clause, 0) and clause[0].lower not in PARTICIPLES | SPEECH_ACT_VERBS:
        if clause[0].lower in _TELLS:
            return None  # ", told CBS News": who was told, never who spoke
        return phrase_after(clause, 0, len(clause))
    opener = clause[0]
    closing = None if ended or _new_sentence(clause) else _inverted_closing(clause)
    if closing is not None:
        # ""…" if she loses by more, said Dana Whitlow, an analyst": the sentence ends in its attribution.
        return closing
    if opener.lower == "as" and not ended:
        aside = _as_aside(clause, comma=False)
        if aside is not None:
            return aside  # ""…," as Ortega said on the radio, …": the aside credits the quote
    if opener.lower in {"and", "or"} and not ended and _plain_until_closing(clause):
        # ""…" and against the farm bill, Ortega said.": the attribution closes the whole sentence.
        return _closing_attribution(clause)
    if opener.lower in _CONJUNCTIONS | _SUBORDINATORS:
        return None  # "…," after de Blasio stated …: another clause, not the quote's attribution
    if 2 <= len(clause) <= 4 and clause[-1].lower in NOUN_LIKE_VERBS and all(t.is_capitalised for t in clause[:-1]):
        # "…," Viguerie notes.: a bare name and the verb, with nothing after them.
        return phrase_before(clause, len(clause) - 1, 0)
    quoted = _quoted_as_saying(clause)
    if quoted is not None:
        return quoted
    first_stop = next((i for i, t in enumerate(clause) if t.text == "," or is_reporting_verb(clause, i)), len(clause))
    if any(t.lower in _VERBISH for t in clause[: first_stop - 1]):
        # "… is held accountable, Warren said": the sentence goes on and its last words name the speaker.
        return None if ended or _new_sentence(clause) else _closing_attribution(clause)
    first_comma = next((i for i, t in enumerate(clause) if t.text == ","), len(clause))
    for i, t in enumerate(clause[:40]):
        if is_reporting_verb(clause, i):
            if t.lower in PARTICIPLES | SPEECH_ACT_VERBS:
                return None
            # The subject must open the tail: "X said" or "X, <appositive>, said".
            words = _outside_brackets(clause[:i])
            if (
                words > _TAIL_SUBJECT_WORDS
                and first_comma > _TAIL_SUBJECT_WORDS
                and not _premodified_name(clause, i)
                and not _office_then_name(clause, i)
            ):
                return None if ended or _new_sentence(clause) else _closing_attribution(clause)
            if not _verb_closes(clause, i, ended):
                return None
            return phrase_before(clause, i, 0)
    return None


def _new_sentence(clause: list[Token]) -> bool:
    """Tell whether words after a quote's comma open a sentence of their own (a capitalised common word).

    ""…," Paper copies cost less to print, said Ms Roe.": a missing full stop; the closing attribution
    belongs to those words, not to the quote before them.
    """
    first = clause[0]
    common = first.lower in ENGLISH_WORDS and first.lower != "i" and first.text not in GIVEN_NAMES
    return first.is_capitalised and common


def _quoted_as_saying(clause: list[Token]) -> SpeakerPhrase | None:
    """Return the name of "<Name> was quoted as saying" opening the words after a quote, else None."""
    for q in range(2, min(len(clause) - 2, 7)):
        if clause[q].lower == "quoted" and clause[q + 1].lower == "as" and clause[q + 2].lower == "saying":
            if clause[q - 1].lower not in {"is", "was", "has", "been"} or not all(
                t.is_word and t.is_capitalised for t in clause[: q - 1]
            ):
                return None
            phrase = phrase_before(clause, q - 1, 0)
            return phrase if phrase is not None and phrase.kind == "name" else None
    return None


def _premodified_name(clause: list[Token], verb: int) -> bool:
    """Return True when the words before the verb are one name with a long office before it.

    "Riverside tenants union housing director Omar Bakri told …": no clause word, verb or punctuation
    stands among them and they end in a capitalised name; a name that does not open them follows an office
    without prepositions, never another person ("Andrei Illarionov - then adviser to President Putin - told":
    the dashes are not tokens).
    """
    subject = clause[:verb]
    if len(subject) > 12 or len(subject) < 2 or not (subject[-1].is_capitalised and subject[-2].is_capitalised):
        return False
    if subject[0].lower in DETERMINERS or any(
        not (t.is_word or t.text[0].isdigit()) or t.lower in _VERBISH | _CLAUSE_WORDS | _CONJUNCTIONS | REPORTING_VERBS
        for t in subject
    ):
        return False
    phrase = phrase_before(clause, verb, 0)
    if phrase is None or phrase.kind != "name":
        return False
    if subject[0].text == phrase.text.split()[0]:
        return True  # "Petra Lindgren of the Harbor Institute for Maritime Studies wrote"
    return subject[0].text not in GIVEN_NAMES and not any(t.lower in PREPOSITIONS for t in subject)


def _office_then_name(clause: list[Token], verb: int) -> bool:
    """Return True for "<office with a possessive>, <Full Name>," before the verb ("Lee's aide, Joe Kasper, told").

    The office has a possessive and no verb or clause word; the name between the commas is two to four
    capitalised words.
    """
    commas = [i for i in range(verb) if clause[i].text == ","]
    if len(commas) != 2 or commas[1] != verb - 1 or commas[0] > 12:
        return False
    office, name = clause[: commas[0]], clause[commas[0] + 1 : commas[1]]
    if not 2 <= len(name) <= 4 or not all(t.is_word and t.is_capitalised for t in name):
        return False
    if not any(t.text.endswith(("'s", "\u2019s")) for t in office):
        return False
    return not any(not t.is_word or t.lower in _VERBISH | _CLAUSE_WORDS | REPORTING_VERBS for t in office)


def _verb_then_comma(clause: list[Token]) -> bool:
    """Return True when an early reporting verb is followed right by a comma ("Clinton remarked, …")."""
    verb = next((i for i in range(min(len(clause), 10)) if is_reporting_verb(clause, i)), None)
    if verb is None:
        return False
    after = verb + 2 if _phrasal_reporting_verb(clause, verb) else verb + 1
    first_comma = next((i for i, t in enumerate(clause) if t.text == ","), None)
    return first_comma == after


def _inverted_closing(clause: list[Token]) -> SpeakerPhrase | None:
    """Return the name of ", said <Name>" closing a sentence that a quote opened, after words of no other voice.

    The words before it may not report or characterise speech, give a possessive or open a new clause
    with ":" or ";" ("…" was how Lee's ad put it, said Ortega: nobody is given).
    """
    for k in range(1, len(clause) - 2):
        if clause[k].text != ",":
            continue
        verb = clause[k + 1]
        if verb.lower in PARTICIPLES | SPEECH_ACT_VERBS | _TELLS or not is_reporting_verb(clause, k + 1):
            continue
        before = clause[:k]
        if any(
            t.lower in REPORTING_VERBS | SPEECH_ACT_VERBS or t.text in {":", ";"} or t.text.endswith(("'s", "\u2019s"))
            for t in before
        ):
            return None
        phrase = phrase_after(clause, k + 1, len(clause))
        return phrase if phrase is not None and phrase.kind == "name" else None
    return None


def _plain_until_closing(clause: list[Token]) -> bool:
    """Return True when no verb, clause word or name stands before the last comma of the clause.

    "and against the Farm Bill, Ortega said" qualifies; "and Lee agreed, Ortega said" or "and he voted, …"
    bring in another clause whose speaker may differ.
    """
    comma = max((i for i, t in enumerate(clause) if t.text == ","), default=0)
    if comma < 2:
        return False
    if clause[1].is_capitalised:
        return False  # "and Lee, Ortega said": someone else may share the words
    for t in clause[1:comma]:
        if not t.is_word or t.lower in _VERBISH | _CLAUSE_WORDS | REPORTING_VERBS:
            return False
        if t.lower.endswith(("ed", "ing")):
            return False
    return True


def _closing_attribution(clause: list[Token]) -> SpeakerPhrase | None:
    """Return the speaker of a clause ending in ", X said" (the attribution of its whole sentence)."""
    comma = len(clause) - 1
    while comma > 0 and clause[comma].text != ",":
        comma -= 1
    segment = clause[comma + 1 :]
    if comma <= 0 or not segment or any(t.text in {",", "(", ")"} for t in segment) \
            or segment[0].lower in _RELATIVE_WORDS:
        return None
    return _from_tail(segment)


def sentence_attribution(tokens: list[Token]) -> SpeakerPhrase | None:
    """Return the speaker of a sentence ending in ", X said." (tokens end with that sentence)."""
    end = len(tokens) - 1
    if end < 2 or tokens[end].text != ".":
        return None
    comma = end - 1
    while comma > 0 and tokens[comma].text not in {",", ".", "!", "?", ";"}:
        comma -= 1
    if tokens[comma].text != "," or tokens[comma + 1].lower in _RELATIVE_WORDS:
        return None  # "Ms Pike, who presents The Evening Hour tells …": a relative clause names no speaker
    phrase = _from_tail(tokens[comma + 1 : end])
    if phrase is not None and phrase.kind == "description" and is_reporting_verb(tokens, comma + 1):
        # ", recalled the famous eulogy." is what was said, not who said it.
        return None
    if phrase is not None and phrase.determiner and tokens[comma - 1].is_capitalised:
        return replace(phrase, determiner="")  # "Ann Vole, a Nordair spokesman told …": her appositive
    return phrase


def _opens_with(tokens: list[Token], word: str) -> bool:
    """Return True when the first word among tokens (after punctuation) is word."""
    first = next((t for t in tokens if t.is_word), None)
    return first is not None and first.lower == word


def _same_surname(one: SpeakerPhrase, other: SpeakerPhrase) -> bool:
    """Return True for two person names of which one is the other's surname ("Bush", "Jeb Bush")."""
    if one.kind != "name" or other.kind != "name" or one.possessive or other.possessive:
        return False
    short, full = sorted((one.text.split(), other.text.split()), key=len)
    return len(short) == 1 and len(full) >= 2 and short[0] == full[-1]


def is_title_like(text: str) -> bool:
    """Return True for a short Title Case phrase without sentence punctuation (a name, not words said)."""
    words = text.split()
    if len(words) > 6 or text[-1:] in "!?," or (text[-1:] == "." and len(words) < 3):
        return False
    return all(w[0].isupper() or w.lower() in _SMALL_WORDS for w in words if w[0].isalpha())


def read_attribution(
    paragraph: str,
    span: QuoteSpan,
    lo: int,
    hi: int,
    lead_in: list[Token],
) -> Attribution:
    """Read the text before and after one quoted piece (lead_in: a previous paragraph ending in a colon)."""
    head_all = window_tokens(paragraph, lo, span.open, from_end=True)
    head = head_all[clause_start(head_all) :] or lead_in
    tail = window_tokens(paragraph, span.close + 1, hi, from_end=False) if span.closed else []
    text = paragraph[span.start : span.end]
    first = text.lstrip("\u2026. ")[:1]
    opens_statement = not head or head[-1].text in {":", ","} or head[-1].lower in REPORTING_VERBS
    kind: QuoteKind = "direct" if opens_statement and not first.islower() else "partial"
    if not head and first.islower() and not span.continued:
        kind = "partial"
    whole_sentence = clause_start(head_all) > 0 or lo == 0
    phrase, adjacent = _from_head(head, kind == "partial", whole_sentence)
    if phrase is None and kind == "partial" and whole_sentence and head and _reads_as_words(text):
        phrase = _subject_of_partial_predicate(head)
    if not head and head_all and kind == "direct":
        # "…, Schiff said. “…”": a quote right after a sentence that ends in an attribution.
        phrase = sentence_attribution(head_all)
        adjacent = phrase is not None
    # "…." Smith said: "…": an attribution ending in a colon introduces the next quote, not this one.
    first_clause = next((i for i, t in enumerate(tail) if t.text in {".", "!", "?", ";"}), len(tail))
    # "…?" Mills then writes back, "…": after a quote that ends its sentence, words that end in a comma
    # at the next quote introduce that one.
    introduces_next = hi < len(paragraph) and first_clause == len(tail) and text.rstrip()[-1:] in {".", "?", "!"}
    ended = text.rstrip()[-1:] in {".", "?", "!"}
    # (but "…,” said Skelly, explaining he worked with Vito on the file: “…” attributes both).
    short_colon = tail[first_clause - 1].text == ":" and (ended or first_clause <= 5) if first_clause else False
    if first_clause and (short_colon or (introduces_next and tail[-1].text == ",")):
        tail_phrase = None
    else:
        tail_phrase = _from_tail(tail, ended=ended, title=is_title_like(text) or len(text.split()) < 3)
    if tail_phrase is not None:
        if phrase is None and adjacent and head and head[-1].text == "," and is_reporting_verb(head, len(head) - 2):
            # "Canova bristled and said, "…," the Herald reported": the verb before the quote names its
            # speaker, unread; the one after it only reports.
            tail_phrase = None
        elif (
            phrase is not None
            and _opens_with(tail, "as")
            and (phrase.kind, phrase.text)
            != (
                tail_phrase.kind,
                tail_phrase.text,
            )
        ):
            phrase = None  # "Lee called it "…," as Ortega said": two voices claim the words
        elif phrase is None or not adjacent or (phrase.kind, phrase.text) == (tail_phrase.kind, tail_phrase.text):
            phrase, adjacent = tail_phrase, True
        elif tail_phrase.text in {"he", "she"} and phrase.kind == "name":
            pass  # "According to Mr Cable: "…," he said": the pronoun is the name before.
        elif phrase.text in {"he", "she"} and tail_phrase.kind == "name":
            phrase = tail_phrase
        elif _same_surname(phrase, tail_phrase):
            # "Jeb Bush told an audience … "…," Bush said": one person, named in full before.
            phrase, adjacent = max(phrase, tail_phrase, key=lambda p: len(p.text.split())), True
        else:
            phrase = None  # two different speakers around one quote: say nothing
    n_words = len(text.split())
    marker = head[-1].lower if head else ""
    if marker in _SCARE_MARKERS or (marker == "so" and n_words <= 4):
        return Attribution(None, False, kind, True)
    scare = not adjacent and (n_words < 3 or is_title_like(text))
    if kind == "partial" and n_words < 3:
        # "called it "dead"": a word or two is a scare quote more often than the speaker's words.
        scare = True
    return Attribution(phrase, adjacent, kind, scare)
