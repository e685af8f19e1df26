"""Find the quotes of an article and who said them; precision first, None when unsure."""

from __future__ import annotations

import dataclasses
import itertools
import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from digest.extract.quote_lexicon import (
    NAME_PARTICLES,
    PARTICIPLES,
    PREPOSITIONS,
    REPORTING_VERBS,
    SPEECH_ACT_VERBS,
)
from digest.extract.quote_marks import QuoteSpan, find_quote_spans
from digest.extract.quote_phrases import (
    SpeakerPhrase,
    Token,
    clause_start,
    label_phrase,
    phrase_after,
    phrase_before,
    tokenize,
)
from digest.extract.quote_resolve import (
    MentionIndex,
    PersonIndex,
    Speaker,
    person_mentions,
    resolve_phrase,
    resolve_pronoun,
)
from digest.model import ArticlePerson, Quote, QuoteKind

_SCARE_MARKERS = frozenset(
    """so-called dubbed nicknamed termed titled entitled named branded""".split()  # noqa: SIM905
)
_SMALL_WORDS = frozenset(
    """a an the of and or in on at to for with from by as vs""".split()  # noqa: SIM905
)
_CONJUNCTIONS = frozenset("and but or while because although though if as when".split())  # noqa: SIM905
_TAIL_SUBJECT_WORDS = 6
_VERBISH = frozenset(
    """was were is are be been being has have had will would can could should may might must do does did not
    no""".split()  # noqa: SIM905
)
_CLAUSE_WORDS = frozenset("who whom whose which that he she they i we".split())  # noqa: SIM905
"""Most words a speaker phrase may take between a quote and its verb, appositives aside."""
_TAKES_OBJECT = frozenset("told tells asked asks reminded reminds assured assures".split())  # noqa: SIM905
_ADVERBIAL_WORDS = frozenset(
    """today yesterday tonight monday tuesday wednesday thursday friday saturday sunday last this earlier
    later recently again afterward afterwards then once when while as before after""".split()  # noqa: SIM905
)
_TRANSCRIPT_LABEL = re.compile(r"([A-Z][A-Z'\-]+(?: [A-Z][A-Z'\-]+){0,2}):\s+")
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


def _window(text: str, lo: int, hi: int, *, from_end: bool) -> list[Token]:
    """Tokenize text[lo:hi], keeping only its last (or first) _WINDOW characters, cut at a word boundary."""
    if hi - lo > _WINDOW:
        if from_end:
            lo = hi - _WINDOW
            while lo < hi and not text[lo - 1].isspace():
                lo += 1
        else:
            hi = lo + _WINDOW
    return tokenize(text, lo, hi)


def _verb_ok(token: Token, before: Token | None, partial: bool = False) -> bool:
    """Return True when token is a reporting verb used actively (or a speech act, for a partial quote)."""
    known = token.lower in REPORTING_VERBS or (partial and token.lower in SPEECH_ACT_VERBS)
    if not known or token.is_capitalised:
        return False
    if before is not None and before.lower in {"was", "were", "been", "being", "be", "is", "are"}:
        # "was told" is passive (someone else spoke); "is promising" is not.
        return token.lower.endswith("ing") or token.lower == "quoted"
    return True


def _from_head(head: list[Token], partial: bool) -> tuple[SpeakerPhrase | None, bool]:
    """Return the speaker phrase before a quote and whether it is adjacent to it."""
    if not head:
        return None, False
    label = label_phrase(head)
    if label is not None:
        return label, True
    for i in range(len(head) - 1):
        if head[i].lower == "according" and head[i + 1].lower == "to":
            stop = i + 2
            while stop < len(head) and head[stop].text != ",":
                stop += 1
            phrase = phrase_after(head, i + 1, stop)
            later_verb = any(_verb_ok(t, head[j - 1]) for j, t in enumerate(head[stop:], start=stop))
            # "According to Yahoo News, Clinton spokesman Jesse Lehrich said …": the speaker comes later.
            if phrase is not None and stop < len(head) and not later_verb:
                return phrase, True
    verbs = [i for i, t in enumerate(head) if _verb_ok(t, head[i - 1] if i else None, partial)]
    if not verbs:
        return None, False
    last = verbs[-1]
    gap = len(head) - 1 - last
    closing = head[-1].text in {":", ","} or head[-1].lower == "that" or gap == 0
    # "the story Kennedy told about his father who wired, …": another clause stands between.
    inner = head[last + 1 :]
    while inner and (inner[-1].text in {",", ":"} or inner[-1].lower == "that"):
        inner = inner[:-1]
    if any(t.lower in _CLAUSE_WORDS for t in inner):
        closing = False
    adjacent = gap <= _HEAD_GAP and closing and head[last].lower not in SPEECH_ACT_VERBS
    if not adjacent and not partial:
        return None, False
    if head[last].lower in PARTICIPLES:
        if last and head[last - 1].is_capitalised and head[last - 1].is_word:
            # "footage of Hillary Clinton asking, …": the name right before the participle.
            right_before = phrase_before(head, last, 0)
            if right_before is not None:
                return right_before, adjacent
        return _subject_of_clause(head[:last]), adjacent
    if adjacent:
        phrase = phrase_before(head, last, 0)
        if phrase is not None or not partial:
            return phrase, True
    # A partial quote deep in reported speech: every verb before it must name the same speaker.
    phrases = [p for v in reversed(verbs) if head[v].lower not in PARTICIPLES and (p := phrase_before(head, v, 0))]
    named = [p for p in phrases if p.kind not in {"description", "pronoun"}] or phrases
    if not named or len({(p.kind, p.text) for p in named}) > 1:
        return None, False
    return named[0], False


def _subject_of_clause(tokens: list[Token]) -> SpeakerPhrase | None:
    """Return the subject that opens a clause ("Trump …, saying") for a participle verb."""
    for i, t in enumerate(tokens):
        if _verb_ok(t, tokens[i - 1] if i else None) and t.lower not in PARTICIPLES:
            return phrase_before(tokens, i, 0)
    for i, t in enumerate(tokens):
        if not t.is_word or (not t.is_capitalised and i > 0):
            if i and not tokens[i - 1].text.endswith(("'s", "\u2019s")):
                return phrase_before(tokens, i, 0)
            return None
        if t.lower in {"he", "she"} and i == 0:
            return phrase_before(tokens, 1, 0)
    return None


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


def _verb_closes(clause: list[Token], verb: int) -> bool:
    """Return True when nothing but an object, an adverbial or the sentence end follows the verb."""
    j = verb + 1
    if clause[verb].lower in _TAKES_OBJECT:
        return True
    if j >= len(clause):
        return True
    nxt = clause[j]
    if nxt.text in {",", ":", "(", "\u2014", "\u2013", "\u2015"}:
        return True
    if nxt.lower in PREPOSITIONS or nxt.lower in _ADVERBIAL_WORDS:
        return True
    return nxt.lower.endswith("ly") and not nxt.is_capitalised


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


def _from_tail(tail: list[Token]) -> SpeakerPhrase | None:
    """Return the speaker phrase right after a quote ("…," Khodorkovsky said / said Siebert)."""
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
    if not clause:
        return None
    if clause[0].lower == "according" and len(clause) > 2 and clause[1].lower == "to":
        return phrase_after(clause, 1, len(clause))
    if _verb_ok(clause[0], None) and clause[0].lower not in PARTICIPLES | SPEECH_ACT_VERBS:
        return phrase_after(clause, 0, len(clause))
    opener = clause[0]
    if opener.lower in _CONJUNCTIONS:
        return None
    first_stop = next((i for i, t in enumerate(clause) if t.text == "," or _verb_ok(t, None)), len(clause))
    if any(t.lower in _VERBISH for t in clause[: first_stop - 1]):
        # "… is held accountable, Warren said": the sentence goes on and its last words name the speaker.
        return _closing_attribution(clause)
    first_comma = next((i for i, t in enumerate(clause) if t.text == ","), len(clause))
    for i, t in enumerate(clause[:25]):
        if _verb_ok(t, clause[i - 1] if i else None):
            if t.lower in PARTICIPLES | SPEECH_ACT_VERBS:
                return None
            # The subject must open the tail: "X said" or "X, <appositive>, said".
            words = _outside_brackets(clause[:i])
            if words > _TAIL_SUBJECT_WORDS and first_comma > _TAIL_SUBJECT_WORDS:
                return _closing_attribution(clause)
            if not _verb_closes(clause, i):
                return None
            return phrase_before(clause, i, 0)
    return None


def _closing_attribution(clause: list[Token]) -> SpeakerPhrase | None:
    """Return the speaker of a clause ending in ", X said" (the attribution of its whole sentence)."""
    comma = len(clause) - 1
    while comma > 0 and clause[comma].text != ",":
        comma -= 1
    segment = clause[comma + 1 :]
    if comma <= 0 or not segment or any(t.text in {",", "(", ")"} for t in segment):
        return None
    return _from_tail(segment)


def _sentence_attribution(tokens: list[Token]) -> SpeakerPhrase | None:
    """Return the speaker of a sentence ending in ", X said." (tokens end with that sentence)."""
    end = len(tokens) - 1
    if end < 2 or tokens[end].text != ".":
        return None
    comma = end - 1
    while comma > 0 and tokens[comma].text not in {",", ".", "!", "?", ";"}:
        comma -= 1
    if tokens[comma].text != ",":
        return None
    phrase = _from_tail(tokens[comma + 1 : end])
    if phrase is not None and phrase.kind == "description" and _verb_ok(tokens[comma + 1], None):
        # ", recalled the famous eulogy." is what was said, not who said it.
        return None
    return phrase


def _is_title_like(text: str) -> bool:
    """Return True for a short Title Case phrase without sentence punctuation (a name, not words said)."""
    words = text.split()
    if len(words) > 6 or text[-1:] in "!?," or (text[-1:] == "." and len(words) < 3):
        return False
    return all(w[0].isupper() or w.lower() in _SMALL_WORDS for w in words if w[0].isalpha())


def _attribute(
    paragraph: str,
    span: QuoteSpan,
    lo: int,
    hi: int,
    lead_in: list[Token],
) -> Attribution:
    """Read the text before and after one quoted piece (lead_in: a previous paragraph ending in a colon)."""
    head_all = _window(paragraph, lo, span.open, from_end=True)
    head = head_all[clause_start(head_all) :] or lead_in
    tail = _window(paragraph, span.close + 1, hi, from_end=False) if span.closed else []
    text = paragraph[span.start : span.end]
    first = text.lstrip("\u2026. ")[:1]
    opens_statement = not head or head[-1].text in {":", ","} or head[-1].lower in REPORTING_VERBS
    kind: QuoteKind = "direct" if opens_statement and not first.islower() else "partial"
    if not head and first.islower() and not span.continued:
        kind = "partial"
    phrase, adjacent = _from_head(head, kind == "partial")
    if not head and head_all and kind == "direct":
        # "…, Schiff said. “…”": a quote right after a sentence that ends in an attribution.
        phrase = _sentence_attribution(head_all)
        adjacent = phrase is not None
    # "…." Smith said: "…": an attribution ending in a colon introduces the next quote, not this one.
    first_clause = next((i for i, t in enumerate(tail) if t.text in {".", "!", "?", ";"}), len(tail))
    tail_phrase = None if first_clause and tail[first_clause - 1].text == ":" else _from_tail(tail)
    if tail_phrase is not None:
        if phrase is None or not adjacent or (phrase.kind, phrase.text) == (tail_phrase.kind, tail_phrase.text):
            phrase, adjacent = tail_phrase, True
        elif tail_phrase.text in {"he", "she"} and phrase.kind == "name":
            pass  # "According to Mr Cable: "…," he said": the pronoun is the name before.
        elif phrase.text in {"he", "she"} and tail_phrase.kind == "name":
            phrase = tail_phrase
        else:
            phrase = None  # two different speakers around one quote: say nothing
    n_words = len(text.split())
    marker = head[-1].lower if head else ""
    if marker in _SCARE_MARKERS or (marker == "so" and n_words <= 4):
        return Attribution(None, False, kind, True)
    scare = not adjacent and (n_words < 3 or _is_title_like(text))
    if kind == "partial" and n_words < 3:
        # "called it "dead"": a word or two is a scare quote more often than the speaker's words.
        scare = True
    return Attribution(phrase, adjacent, kind, scare)


def extract_quotes(paragraphs: Sequence[str], people: Sequence[ArticlePerson]) -> tuple[Quote, ...]:
    """Return the quotes of the paragraphs with their speakers, None where the speaker is unclear."""
    spans = list(_without_nicknames(paragraphs, find_quote_spans(paragraphs)))
    if not spans:
        return ()
    index = PersonIndex.of(people)
    mentions = _outside_quotes(person_mentions(paragraphs, index), spans)
    attributions: list[Attribution] = []
    by_paragraph: dict[int, list[int]] = {}
    for i, span in enumerate(spans):
        by_paragraph.setdefault(span.paragraph, []).append(i)
    for number, members in by_paragraph.items():
        text = paragraphs[number]
        for pos, i in enumerate(members):
            span = spans[i]
            lo = spans[members[pos - 1]].close + 1 if pos else 0
            hi = spans[members[pos + 1]].open if pos + 1 < len(members) else len(text)
            lead_in: list[Token] = []
            if pos == 0 and number > 0 and not span.continued and paragraphs[number - 1].rstrip().endswith(":"):
                previous = paragraphs[number - 1]
                before = _window(previous, 0, len(previous), from_end=True)
                lead_in = before[clause_start(before[:-1]) :]
            labelled = _TRANSCRIPT_LABEL.match(text, span.start, span.end)
            if labelled and span.end - labelled.end() > 0:
                # "WALLACE: Do you …" quoted from a transcript: the label names the speaker.
                spans[i] = dataclasses.replace(span, start=labelled.end())
                label = SpeakerPhrase("name", labelled.group(1).title())
                attributions.append(Attribution(label, True, "direct", False, labelled=True))
                continue
            attributions.append(_attribute(text, span, lo, hi, lead_in))
    speakers = _resolve_all(paragraphs, spans, attributions, index, mentions)
    quotes: list[Quote] = []
    for span, attribution, speaker in zip(spans, attributions, speakers, strict=True):
        quoted = paragraphs[span.paragraph][span.start : span.end]
        if attribution.scare and (speaker is None or _is_title_like(quoted) or len(quoted.split()) < 3):
            continue
        quotes.append(
            Quote(
                text=paragraphs[span.paragraph][span.start : span.end],
                speaker=speaker.name if speaker else None,
                speaker_role=speaker.role if speaker else None,
                kind=attribution.kind,
                paragraph=span.paragraph,
                start=span.start,
                end=span.end,
                speaker_is_organisation=speaker.is_organisation if speaker else False,
            )
        )
    return tuple(quotes)


def _pronoun_speaker(
    pronoun: str,
    text: str,
    look_from: int,
    paragraph: int,
    mentions: MentionIndex,
    index: PersonIndex,
    last: str | None,
) -> Speaker | None:
    """Resolve "he said"/"she said": the subject of the sentence just before speaks, when it is clear."""
    if pronoun not in {"he", "she"}:
        return None
    before = _window(text, 0, look_from, from_end=True)
    sentence = before[clause_start(before[:-1] if before and before[-1].text in ".!?" else before) :]
    while sentence and not sentence[0].is_word:
        sentence = sentence[1:]
    verbs = [i for i, t in enumerate(sentence) if _verb_ok(t, sentence[i - 1] if i else None)]
    according = next((i for i in range(len(sentence) - 1) if sentence[i].lower == "according"), None)
    if according is not None and sentence[according + 1].lower == "to":
        # "…, according to Mr Cable. "…," he said."
        source = phrase_after(sentence, according + 1, len(sentence))
        person = resolve_phrase(source, index) if source is not None else None
        return person if person is not None and not person.is_organisation else None
    if verbs:
        # "Jill said her father would be missed. "…," she said": the one who said the last sentence.
        subject = phrase_before(sentence, verbs[0], 0)
        if subject is None:
            return None
        if subject.kind != "pronoun":
            person = resolve_phrase(subject, index)
            want = "f" if pronoun == "she" else "m"
            known = next((p for p in index.people if person is not None and p.name == person.name), None)
            if (
                person is None
                or person.is_organisation
                or (known is not None and index.gender(known) not in (want, None))
            ):
                return None
            return person
    if sentence and sentence[0].lower in {"he", "she", "they", "it"}:
        # The sentence before is about someone named further back: only the last speaker can be meant.
        known = next((p for p in index.people if p.name == last), None)
        want = "f" if pronoun == "she" else "m"
        if known is not None and index.gender(known) in (want, None):
            return Speaker(known.name, role=known.roles[0] if known.roles else None)
        return None
    return resolve_pronoun(pronoun, paragraph, look_from, mentions, index, last, text)


def _named_organisation(description: str, paragraphs: Sequence[str], upto: int) -> Speaker | None:
    """Return the one capitalised name an organisation description ("the ministry") refers to, else None."""
    head = description.split()[-1].capitalize()
    names: set[str] = set()
    for text in paragraphs[: upto + 1]:
        at = text.find(head)
        while at >= 0:
            if at + len(head) == len(text) or not text[at + len(head)].isalnum():
                names.add(_capitalised_run(text, at, at + len(head)))
            at = text.find(head, at + 1)
    names.discard(head)
    if len(names) == 1:
        return Speaker(names.pop(), is_organisation=True)
    return None


def _capitalised_run(text: str, start: int, end: int) -> str:
    """Widen [start, end) over neighbouring capitalised words ("Foreign Ministry", "Ministry of Defence")."""
    words = text[max(0, start - 80) : start].split()
    before: list[str] = []
    for word in reversed(words):
        if not word[:1].isupper() or not word[-1:].isalpha():
            break
        before.insert(0, word)
    after: list[str] = []
    rest = text[end : end + 80].split()
    i = 0
    while i < len(rest):
        if rest[i] in {"of", "for", "on"} and i + 1 < len(rest) and rest[i + 1][:1].isupper():
            after.extend(rest[i : i + 2])
            i += 2
        elif after and rest[i][:1].isupper() and rest[i - 1] in {"of", "for", "on"} | set(after[-1:]):
            after.append(rest[i])
            i += 1
        else:
            break
    if before and before[0] in {"The", "A", "An"}:
        before = before[1:]
    phrase = " ".join([*before, text[start:end], *after])
    return phrase.rstrip(".,;:'\u2019s")


def _outside_quotes(mentions: MentionIndex, spans: Sequence[QuoteSpan]) -> MentionIndex:
    """Keep the mentions in the narration: a name inside a quote is not who speaks next."""
    inside: dict[int, list[tuple[int, int]]] = {}
    for span in spans:
        inside.setdefault(span.paragraph, []).append((span.open, span.close))
    kept: MentionIndex = {}
    for paragraph, items in mentions.items():
        ranges = inside.get(paragraph, [])
        for start, person in items:
            i = bisect_left(ranges, (start, start)) - 1
            if i >= 0 and ranges[i][0] <= start <= ranges[i][1]:
                continue
            kept.setdefault(paragraph, []).append((start, person))
    return kept


def _new_attribution_between(text: str, lo: int, hi: int) -> bool:
    """Return True when a sentence after the first one between two quotes reports someone speaking."""
    tokens = _window(text, lo, hi, from_end=True)
    first_end = next((i for i, t in enumerate(tokens) if t.text in {".", "!", "?"}), len(tokens))
    return any(_verb_ok(t, tokens[i - 1] if i else None) for i, t in enumerate(tokens) if i > first_end)


def _without_nicknames(paragraphs: Sequence[str], spans: Sequence[QuoteSpan]) -> tuple[QuoteSpan, ...]:
    """Drop nicknames inside names (Marcia "Cia" Price), which are nobody's words and split a sentence."""
    kept: list[QuoteSpan] = []
    for span in spans:
        text = paragraphs[span.paragraph]
        quoted = text[span.start : span.end].split()
        before = text[max(0, span.open - 40) : span.open].split()[-1:]
        after = text[span.close + 1 : span.close + 40].split()[:1]
        if (
            span.closed
            and len(quoted) <= 2
            and all(w[:1].isupper() for w in quoted + before + after)
            and before
            and after
            and after[0][:1].isalpha()
        ):
            continue
        kept.append(span)
    return tuple(kept)


def _chains(spans: Sequence[QuoteSpan], attributions: Sequence[Attribution]) -> list[list[int]]:
    """Group the pieces of quotes that run over several paragraphs; a transcript label starts a new one."""
    chains: list[list[int]] = []
    for i, span in enumerate(spans):
        if span.continued and chains and not spans[chains[-1][-1]].closed and not attributions[i].labelled:
            chains[-1].append(i)
        else:
            chains.append([i])
    return chains


def _resolve_all(
    paragraphs: Sequence[str],
    spans: Sequence[QuoteSpan],
    attributions: Sequence[Attribution],
    index: PersonIndex,
    mentions: MentionIndex,
) -> list[Speaker | None]:
    """Resolve every piece's speaker, then carry speakers over run-on quotes and quote-only paragraphs."""
    speakers: list[Speaker | None] = [None] * len(spans)
    # An attribution that named nobody we know ("…," said a spokesman) still says the speaker is not carried over.
    explicit = [a.phrase is not None or a.adjacent for a in attributions]
    last: str | None = None
    for chain in _chains(spans, attributions):
        phrase_at = next((i for i in chain if attributions[i].phrase is not None), None)
        speaker: Speaker | None = None
        if phrase_at is not None:
            phrase = attributions[phrase_at].phrase
            assert phrase is not None
            if phrase.kind == "pronoun":
                span = spans[phrase_at]
                at = phrase.start if phrase.start >= 0 else span.open
                look_from = min(at, span.open)
                text = paragraphs[span.paragraph]
                speaker = _pronoun_speaker(phrase.text, text, look_from, span.paragraph, mentions, index, last)
            else:
                speaker = resolve_phrase(phrase, index)
                if speaker is not None and speaker.is_organisation and speaker.name[:1].islower():
                    speaker = _named_organisation(speaker.name, paragraphs, spans[phrase_at].paragraph)
            for i in chain:
                explicit[i] = True
        for i in chain:
            speakers[i] = speaker
        if speaker is not None and not speaker.is_organisation:
            last = speaker.name
    _carry_within_paragraphs(paragraphs, spans, attributions, speakers, explicit, mentions)
    _carry_to_quote_paragraphs(paragraphs, spans, attributions, speakers, explicit, mentions)
    return speakers


def _carry_within_paragraphs(
    paragraphs: Sequence[str],
    spans: Sequence[QuoteSpan],
    attributions: Sequence[Attribution],
    speakers: list[Speaker | None],
    explicit: list[bool],
    mentions: MentionIndex,
) -> None:
    """Give an unattributed direct quote the speaker of the other quotes of its paragraph, if only one."""
    groups: dict[int, list[int]] = {}
    for i, span in enumerate(spans):
        groups.setdefault(span.paragraph, []).append(i)
    for members in groups.values():
        # "…," X said. "…" — a quote right after an attributed one, with no new person in between.
        for before, i in itertools.pairwise(members):
            source = speakers[before]
            if explicit[i] or attributions[i].scare or source is None:
                continue
            between = [
                p.name for at, p in mentions.get(spans[i].paragraph, []) if spans[before].close < at < spans[i].open
            ]
            if all(name == source.name for name in between) and not _new_attribution_between(
                paragraphs[spans[i].paragraph], spans[before].close + 1, spans[i].open
            ):
                speakers[i] = source
                explicit[i] = True
    for members in groups.values():
        named = {
            speakers[i].name  # type: ignore[union-attr]
            for i in members
            if speakers[i] is not None and not attributions[i].scare
        }
        unresolved_explicit = any(explicit[i] and speakers[i] is None for i in members)
        if len(named) != 1 or unresolved_explicit:
            continue
        source = next(speakers[i] for i in members if speakers[i] is not None and not attributions[i].scare)
        for i in members:
            if not explicit[i] and not attributions[i].scare and attributions[i].kind == "direct":
                speakers[i] = source
                explicit[i] = True


def _carry_to_quote_paragraphs(
    paragraphs: Sequence[str],
    spans: Sequence[QuoteSpan],
    attributions: Sequence[Attribution],
    speakers: list[Speaker | None],
    explicit: list[bool],
    mentions: MentionIndex,
) -> None:
    """Give a paragraph that opens with an unattributed quote the previous paragraph's last speaker."""
    groups: dict[int, list[int]] = {}
    for i, span in enumerate(spans):
        groups.setdefault(span.paragraph, []).append(i)
    for number in sorted(groups):
        members = groups[number]
        text = paragraphs[number]
        first = spans[members[0]]
        if first.open != len(text) - len(text.lstrip()) or any(explicit[i] for i in members):
            continue
        if all(attributions[i].scare for i in members):
            continue
        previous = groups.get(number - 1)
        if not previous:
            continue
        source = speakers[previous[-1]]
        if source is None or source.is_organisation:
            continue
        after = spans[previous[-1]].close
        others = {p.name for start, p in mentions.get(number - 1, []) if start > after and p.name != source.name}
        if others:
            continue
        for i in members:
            speakers[i] = source
            explicit[i] = True
