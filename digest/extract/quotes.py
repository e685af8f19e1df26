"""Find the quotes of an article and who said them; precision first, None when unsure."""

from __future__ import annotations

import dataclasses
import itertools
import re
from bisect import bisect_left
from collections.abc import Sequence

from digest.extract.names import (
    CALENDAR_WORDS,
    DEMONYMS,
    ENGLISH_WORDS,
    FUNCTION_WORDS,
    GIVEN_NAMES,
    NOT_NAME_WORDS,
    ORG_WORDS,
    PARTY_LABELS,
    PLACE_WORDS,
)
from digest.extract.quote_attribution import (
    TRANSCRIPT_LABEL,
    Attribution,
    is_reporting_verb,
    is_title_like,
    read_attribution,
    sentence_attribution,
    window_tokens,
)
from digest.extract.quote_lexicon import (
    DISCOURSE_OPENERS,
    FEMALE_NAMES,
    MALE_NAMES,
    NON_NAME_CAPITALS,
    PARTICIPLES,
    REPORTING_VERBS,
)
from digest.extract.quote_marks import QuoteSpan, find_quote_spans
from digest.extract.quote_phrases import SpeakerPhrase, Token, clause_start, phrase_after, phrase_before
from digest.extract.quote_resolve import (
    MentionIndex,
    PersonIndex,
    Speaker,
    opens_sentence,
    person_mentions,
    resolve_phrase,
    resolve_pronoun,
    shown_role,
)
from digest.model import ArticlePerson, Quote


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
            lo = _head_start(text, spans, members[max(0, pos - 3) : pos])
            hi = spans[members[pos + 1]].open if pos + 1 < len(members) else len(text)
            lead_in: list[Token] = []
            if pos == 0 and number > 0 and not span.continued and paragraphs[number - 1].rstrip().endswith(":"):
                previous = paragraphs[number - 1]
                before = window_tokens(previous, 0, len(previous), from_end=True)
                lead_in = before[clause_start(before[:-1]) :]
            labelled = TRANSCRIPT_LABEL.match(text, span.start, span.end)
            if labelled and span.end - labelled.end() > 0:
                # "WALLACE: Do you …" quoted from a transcript: the label names the speaker.
                spans[i] = dataclasses.replace(span, start=labelled.end())
                label = SpeakerPhrase("name", labelled.group(1).title())
                attributions.append(Attribution(label, True, "direct", False, labelled=True))
                continue
            attributions.append(read_attribution(text, span, lo, hi, lead_in))
    speakers = _resolve_all(paragraphs, spans, attributions, index, mentions)
    quotes: list[Quote] = []
    for span, attribution, speaker in zip(spans, attributions, speakers, strict=True):
        quoted = paragraphs[span.paragraph][span.start : span.end]
        if attribution.scare and (speaker is None or is_title_like(quoted) or len(quoted.split()) < 3):
            continue
        quotes.append(
            Quote(
                text=paragraphs[span.paragraph][span.start : span.end],
                speaker=speaker.name if speaker else None,
                speaker_role=shown_role(speaker.role) if speaker else None,
                kind=attribution.kind,
                paragraph=span.paragraph,
                start=span.start,
                end=span.end,
                speaker_is_organisation=speaker.is_organisation if speaker else False,
            )
        )
    return tuple(quotes)


def _head_start(text: str, spans: Sequence[QuoteSpan], before: Sequence[int]) -> int:
    """Return where the words before a quote begin: after the previous quote, unless that was a title.

    A title or nickname in quotes ("told MSNBC's "Morning Joe" on Friday that "…"") is part of the sentence
    leading to the next quote, not the end of another quote.
    """
    for i in reversed(before):
        quoted = text[spans[i].start : spans[i].end]
        if not (is_title_like(quoted) or len(quoted.split()) < 3):
            return spans[i].close + 1
    return 0  # only titles before it (the caller passes at most three): the head window bounds the reading


def _pronoun_speaker(
    pronoun: str,
    text: str,
    look_from: int,
    paragraph: int,
    mentions: MentionIndex,
    index: PersonIndex,
    last: str | None,
    previous: str = "",
) -> Speaker | None:
    """Resolve "he said"/"she said": the subject of the sentence just before speaks, when it is clear."""
    if pronoun not in {"he", "she"}:
        return None
    before = window_tokens(text, 0, look_from, from_end=True)
    if not any(t.is_word for t in before) and paragraph > 0 and previous:
        # The quote opens its paragraph: the sentence before ends the previous paragraph.
        text, paragraph, look_from = previous, paragraph - 1, len(previous)
        before = window_tokens(text, 0, look_from, from_end=True)
    sentence = before[clause_start(before[:-1] if before and before[-1].text in ".!?" else before) :]
    while sentence and not sentence[0].is_word:
        sentence = sentence[1:]
    closing = sentence_attribution(before) if before and before[-1].text == "." else None
    if closing is not None and closing.kind == "name":
        # "The lawyer who had advised Mr Pryce had said …, said Mr Dunmore. He said: "…"": the
        # attribution that closes the sentence names who goes on speaking.
        person = resolve_phrase(closing, index)
        known = next((p for p in index.people if person is not None and p.name == person.name), None)
        want = "f" if pronoun == "she" else "m"
        if person is not None and not person.is_organisation and (known is None or index.gender(known) in (want, None)):
            return person
    verbs = [i for i in range(len(sentence)) if is_reporting_verb(sentence, i)]
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
    opener = sentence[0] if sentence else None
    if opener is not None and opener.is_capitalised and opener.lower not in NON_NAME_CAPITALS | DISCOURSE_OPENERS:
        named_here = [
            p
            for at, p in mentions.get(paragraph, [])
            if opener.start <= at < opener.start + 120 and opens_sentence(text[opener.start : at].split())
        ]
        if not named_here and opener.lower not in {"he", "she", "they", "it"}:
            # "Wines believes …": the sentence opens with someone we cannot name, so nobody can be meant.
            return None
    if sentence and sentence[0].lower in {"he", "she", "they", "it"}:
        # The sentence before is about someone named further back: only the last speaker can be meant.
        known = index.named(last)
        want = "f" if pronoun == "she" else "m"
        if known is not None and index.gender(known) in (want, None):
            return Speaker(known.name, role=known.roles[0] if known.roles else None)
        return None
    return resolve_pronoun(pronoun, paragraph, look_from, mentions, index, last, text)


def _surname_of_one_full_name(phrase: SpeakerPhrase, paragraphs: Sequence[str], index: PersonIndex) -> Speaker | None:
    """Resolve a lone surname nobody known bears ("Maddow said") to the one full name the story gives it.

    Only a known given name before the surname counts ("Rachel Maddow"); two ("Bill Clinton", "Hillary
    Clinton") are an ambiguity, and a surname some known person bears was already refused by resolution.
    """
    surname = phrase.text
    if phrase.kind != "name" or " " in surname or not surname[:1].isupper() or index.by_name(surname):
        return None
    pattern = re.compile(r"\b([A-Z][a-zA-Z]+)(?: [A-Z]\.)? " + re.escape(surname) + r"\b(?![\w-])")
    names: set[str] = set()
    for text in paragraphs:
        if surname in text:
            names.update(m.group(0) for m in pattern.finditer(text) if _is_given_name(m.group(1)))
    if len(names) != 1:
        return None
    name = names.pop()
    return Speaker(name, role=phrase.role)


def _one_person_of_given_name(phrase: SpeakerPhrase, index: PersonIndex) -> Speaker | None:
    """Resolve a lone given name ("Maribel said") to the one person of the story who bears it first."""
    word = phrase.text
    if phrase.kind != "name" or " " in word or phrase.possessive or not _is_given_name(word):
        return None
    bearers = {p.name: p for p in index.people if p.name.split()[0] == word and len(p.name.split()) >= 2}
    if len(bearers) != 1 or index.by_name(word):
        return None
    person = next(iter(bearers.values()))
    return Speaker(person.name, role=phrase.role or (person.roles[0] if person.roles else None))


_INNER_CAPITAL_PREFIXES = ("Mc", "Mac", "O'", "O\u2019", "De", "Di", "Da", "La", "Le", "Van", "Von")


def _lone_name(phrase: SpeakerPhrase, paragraphs: Sequence[str], index: PersonIndex) -> Speaker | None:
    """Return the speaker of a one-word name beside a direct quote ("…," Tiegen said) that nobody known bears.

    Only a word shaped like a surname or a given name counts: no ordinary English word unless a title
    names it somewhere ("Mr Sweet"), no place, party, month or organisation word, no word in capitals or
    with capitals inside ("LinkedIn"). When the story gives it in full once, after a word that may be an
    unlisted given name ("Salma Hayek"), that full name speaks; any other full form refuses.
    """
    word = phrase.text
    if phrase.kind != "name" or phrase.possessive or phrase.governed or " " in word or len(word) < 3:
        return None
    letters = word.replace("-", "").replace("'", "").replace("\u2019", "")
    if not word[0].isupper() or word.isupper() or not letters.isalpha():
        return None
    inner = word[1:]
    if any(c.isupper() for c in inner) and not word.startswith(_INNER_CAPITAL_PREFIXES):
        return None
    if word in _NOT_A_LONE_NAME or word.rstrip("s") in _NOT_A_LONE_NAME or word.lower() in NON_NAME_CAPITALS:
        return None
    if word.removesuffix("man").removesuffix("wo") in _PERSON_NOUN_STEMS:
        return None  # "the 55-year-old Frenchman told", "the chairman said": a description, not a name
    if any(word in p.name.split() for p in index.people):
        return None  # a word of a known name ("Clinton" of two Clintons) was refused as ambiguous
    if word.lower() in ENGLISH_WORDS and phrase.title is None and not _titled_anywhere(word, paragraphs):
        return None
    full = _full_names_of(word, paragraphs)
    if len(full) == 1 and _unfamiliar_given_name(next(iter(full)).split()[0]):
        return Speaker(full.pop(), role=phrase.role)  # "Salma Hayek … "…," Hayek said"
    if full or _followed_by_capital(word, paragraphs):
        return None  # "Paul Verhoeven and Anna Verhoeven", "Chad Sweet", "Merrill Lynch": no full name to trust
    if _named_as_firm(word, paragraphs):
        return None  # "equipment supplier Ericsson", "Euronext, which …": a firm, not a person
    return Speaker(word, role=phrase.role)


_PERSON_NOUN_STEMS = frozenset(
    """French English Irish Dutch Welsh Scots Country Chair Spokes Congress Business Police Sports States Council
    Anchor Front Gentle Clergy Church Noble Gun Lay Sales Fresh Fire Sea Air Crafts Yachts Horse""".split()  # noqa: SIM905
)
"""Stems of "-man" nouns that describe a person ("Frenchman", "Chairman") and never make a surname."""
_NOT_A_LONE_NAME = PLACE_WORDS | DEMONYMS | PARTY_LABELS | ORG_WORDS | CALENDAR_WORDS | FUNCTION_WORDS | NOT_NAME_WORDS


def _full_names_of(word: str, paragraphs: Sequence[str]) -> set[str]:
    """Return the "<Capitalised> <word>" pairs of the story whose first word opens no sentence ("Salma Hayek")."""
    pattern = re.compile(r"\b([A-Z][\w'\u2019-]*|[A-Z]\.) " + re.escape(word) + r"\b(?![\w-])")
    found: set[str] = set()
    for text in paragraphs:
        if word in text:
            for m in pattern.finditer(text):
                before = m.group(1)
                if before not in FUNCTION_WORDS and before.lower() not in NON_NAME_CAPITALS | REPORTING_VERBS:
                    found.add(m.group(0))
    return found


def _unfamiliar_given_name(word: str) -> bool:
    """Return True for a word that may be a given name nobody listed ("Salma"), not a place or a common word."""
    return (
        word.isalpha()
        and not word.isupper()
        and word.lower() not in ENGLISH_WORDS
        and word not in PLACE_WORDS | DEMONYMS | ORG_WORDS | PARTY_LABELS | NOT_NAME_WORDS
    )


_FIRM_NOUNS = (
    "firm company group bank supplier maker manufacturer insurer retailer carrier operator giant chain exchange "
    "airline broker fund network newspaper paper website site magazine channel station agency publisher studio "
    "label brand outlet daily tabloid broadcaster service suitor"
)
_FIRM_CONTEXT = r"\b(?:{})\s+{}\b|\b{}(?:,\s+which\b|(?:'s|\u2019s)?\s+shares\b)"


def _named_as_firm(word: str, paragraphs: Sequence[str]) -> bool:
    """Return True when the story calls the word a firm ("supplier Ericsson", "Euronext, which", "Absa shares")."""
    name = re.escape(word)
    pattern = re.compile(_FIRM_CONTEXT.format("|".join(_FIRM_NOUNS.split()), name, name))
    return any(word in text and pattern.search(text) for text in paragraphs)


def _followed_by_capital(word: str, paragraphs: Sequence[str]) -> bool:
    """Return True when the word opens a longer name or a pair somewhere ("Merrill Lynch", "Olympian and BBC")."""
    pattern = re.compile(r"\b" + re.escape(word) + r" (?:& |and )?[A-Z]")
    return any(word in text and pattern.search(text) for text in paragraphs)


def _titled_anywhere(word: str, paragraphs: Sequence[str]) -> bool:
    """Return True when some paragraph gives the word after an honorific ("Mr. Sweet", "Ms Hale")."""
    pattern = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov)\.? " + re.escape(word) + r"\b")
    return any(word in text and pattern.search(text) for text in paragraphs)


def _is_given_name(word: str) -> bool:
    """Return True for a known given name, whatever its inner capitals ("KellyAnne", "Mitt")."""
    return word in GIVEN_NAMES or word.capitalize() in GIVEN_NAMES or word.lower() in MALE_NAMES | FEMALE_NAMES


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
    names = {name for name in names if len(name.split()) >= 2}
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
    tokens = window_tokens(text, lo, hi, from_end=True)
    first_end = next((i for i, t in enumerate(tokens) if t.text in {".", "!", "?"}), len(tokens))
    return any(is_reporting_verb(tokens, i) for i in range(first_end + 1, len(tokens)))


_POSSESSIVE_NAME = re.compile(r"\b([A-Z][\w.-]*?)(?:'s|\u2019s|s'|s\u2019)(?!\w)")


def _someone_elses_words(between: str, speaker: str) -> bool:
    """Return True when the words between two quotes credit someone else ("in Forbes' words, …")."""
    return any(m.group(1) not in speaker for m in _POSSESSIVE_NAME.finditer(between))


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
    resolved: dict[SpeakerPhrase, Speaker | None] = {}
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
                previous = paragraphs[span.paragraph - 1] if span.paragraph else ""
                speaker = _pronoun_speaker(
                    phrase.text, text, look_from, span.paragraph, mentions, index, last, previous
                )
            else:
                if phrase not in resolved:  # the same "Smith said" recurs: resolve each phrase once
                    resolved[phrase] = (
                        resolve_phrase(phrase, index)
                        or _surname_of_one_full_name(phrase, paragraphs, index)
                        or _one_person_of_given_name(phrase, index)
                    )
                speaker = resolved[phrase]
                if speaker is None and attributions[phrase_at].adjacent and attributions[phrase_at].kind == "direct":
                    speaker = _lone_name(phrase, paragraphs, index)
                if speaker is not None and speaker.is_organisation and speaker.name[:1].islower():
                    speaker = _named_organisation(speaker.name, paragraphs, spans[phrase_at].paragraph)
            for i in chain:
                explicit[i] = True
        for i in chain:
            speakers[i] = speaker
        if speaker is not None and not speaker.is_organisation:
            last = speaker.name
    _carry_within_paragraphs(paragraphs, spans, attributions, speakers, explicit, mentions, index)
    _carry_to_quote_paragraphs(paragraphs, spans, attributions, speakers, explicit, mentions)
    _carry_from_reported_speech(paragraphs, spans, attributions, speakers, explicit, mentions, index)
    return speakers


def _by_paragraph(spans: Sequence[QuoteSpan]) -> dict[int, list[int]]:
    """Return the indexes of the quotes of each paragraph, in order."""
    groups: dict[int, list[int]] = {}
    for i, span in enumerate(spans):
        groups.setdefault(span.paragraph, []).append(i)
    return groups


def _carry_within_paragraphs(
    paragraphs: Sequence[str],
    spans: Sequence[QuoteSpan],
    attributions: Sequence[Attribution],
    speakers: list[Speaker | None],
    explicit: list[bool],
    mentions: MentionIndex,
    index: PersonIndex,
) -> None:
    """Give an unattributed direct quote the speaker of the other quotes of its paragraph, if only one."""
    groups = _by_paragraph(spans)
    for members in groups.values():
        # "…," X said. "…" — a quote right after an attributed one, with no new person in between.
        for before, i in itertools.pairwise(members):
            source = speakers[before]
            text = paragraphs[spans[i].paragraph]
            if explicit[i] or attributions[i].scare or source is None \
                    or _colon_lead_in(text, spans[before].close, spans[i].open, _gender_of(source, index)):
                continue
            narration = mentions.get(spans[i].paragraph, [])
            nearby = [(at, p.name) for at, p in narration if spans[before].close < at < spans[i].open]
            source_at = next((at for at, name in nearby if name == source.name), None)
            # ""…," said Edward Leamer, an economist at the UCLA Anderson Forecast, "…"": the appositive's
            # names only describe the speaker.
            between = [name for at, name in nearby if not _inside_attribution(text, at, source_at)]
            shared_subject = _coordinated_verb(text, spans[before].close + 1, spans[i].open)
            if (
                (shared_subject or all(name == source.name for name in between))
                and not _new_attribution_between(text, spans[before].close + 1, spans[i].open)
                and not _someone_elses_words(text[spans[before].close + 1 : spans[i].open], source.name)
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
        text = paragraphs[spans[members[0]].paragraph]
        narration = mentions.get(spans[members[0]].paragraph, [])
        gender = _gender_of(source, index) if source is not None else None
        for place, i in enumerate(members):
            after = spans[members[place - 1]].close if place else 0
            if not explicit[i] and not attributions[i].scare and attributions[i].kind == "direct" \
                    and not _colon_lead_in(text, after, spans[i].open, gender):
                # "…," said Loomis. Kasich resisted: "…": someone else opening the quote's sentence may speak it.
                at_open = spans[i].open
                lo = max(
                    text.rfind(". ", 0, at_open), text.rfind('." ', 0, at_open), text.rfind(".\u201d ", 0, at_open)
                )
                if any(lo < at < at_open and p.name not in named for at, p in narration):
                    continue
                speakers[i] = source
                explicit[i] = True


_SENTENCE_BREAK = re.compile(r"[.!?][\"\u201d\u2019']?\s")


_PRONOUNS_OF = {"m": frozenset({"he", "him", "his", "himself"}), "f": frozenset({"she", "her", "hers", "herself"})}


def _gender_of(speaker: Speaker, index: PersonIndex) -> str | None:
    """Return "f", "m" or None for a speaker of the story (see `PersonIndex.gender`)."""
    person = index.named(speaker.name)
    return index.gender(person) if person is not None else None


def _colon_lead_in(text: str, lo: int, at_open: int, gender: str | None) -> bool:
    """Return True when the quote opening at `at_open` follows a sentence of its own, begun after `lo` (the end of
    the quote before), ending in a colon and speaking of someone of the other sex than the other quote's speaker
    (of sex `gender`): "…," Tom Hale said. … Asked about it, she shrugs: "…" is not his. ("His message was: "…""
    and "…," adding: "…" go on with him.)"""
    if gender is None:
        return False
    head = text[lo:at_open].rstrip()
    if not head.endswith(":"):
        return False
    starts = [m.end() for m in _SENTENCE_BREAK.finditer(head)]
    if not starts:
        return False
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", head[starts[-1]:])}
    return not words.isdisjoint(_PRONOUNS_OF["f" if gender == "m" else "m"])


def _coordinated_verb(text: str, lo: int, hi: int) -> bool:
    """Return True for words between two quotes that go on with the same subject ("…," and said that Lee "…").

    They open with "and"/"but", then a reporting verb (adverbs aside), and report nothing else: names after
    the verb are what the speaker talks about, unless a possessive ("Lee's claim") brings in their words.
    """
    tokens = window_tokens(text, lo, hi, from_end=False)
    words = [t for t in tokens if t.is_word]
    if (
        len(words) < 2
        or words[0].lower not in {"and", "but"}
        or any(t.text in {".", "!", "?", ";", ":"} for t in tokens)
    ):
        return False
    k = 1
    while k < len(words) and (words[k].lower.endswith("ly") or words[k].lower in {"also", "then", "later"}):
        k += 1
    if k >= len(words) or not is_reporting_verb(words, k) or words[k].lower in PARTICIPLES:
        return False
    rest = words[k + 1 :]
    if any(is_reporting_verb(rest, j) for j in range(len(rest))):
        return False
    return not any(w.text.endswith(("'s", "\u2019s")) for w in rest)


def _inside_attribution(text: str, at: int, source_at: int | None) -> bool:
    """Return True for a name that only describes the speaker in the attribution sentence.

    "said Ortega's top aide Ian Voss." and "Nell Adair, an Ortega supporter, told …": the
    possessive before the speaker's name, or a name inside the appositive right after it, is nobody who speaks.
    """
    if source_at is None:
        return False
    if at < source_at:
        between = text[at:source_at]
        word_end = at + len(between.split()[0]) if between.split() else at
        return text[word_end - 2 : word_end] in {"'s", "\u2019s"} and not any(c in between for c in ".!?;,")
    gap = text[source_at:at]
    rest = text[at:]
    appositive = gap.partition(",")[2].lstrip()
    return (
        gap.count(",") == 1
        and appositive.startswith(("a ", "an ", "the "))
        and "," in rest.split(".")[0]
        and not any(c in gap for c in ".!?;")
    )


def _carry_to_quote_paragraphs(
    paragraphs: Sequence[str],
    spans: Sequence[QuoteSpan],
    attributions: Sequence[Attribution],
    speakers: list[Speaker | None],
    explicit: list[bool],
    mentions: MentionIndex,
) -> None:
    """Give a paragraph that opens with an unattributed quote the previous paragraph's last speaker."""
    groups = _by_paragraph(spans)
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
        before_text = paragraphs[number - 1]
        narration = [(start, p) for start, p in mentions.get(number - 1, []) if start > after]
        source_at = next((start for start, p in narration if p.name == source.name), None)
        others = {
            p.name
            for start, p in narration
            if p.name != source.name and not _inside_attribution(before_text, start, source_at)
        }
        # "“…,” an angry Hollande retaliated": someone else named around the quote may be its speaker.
        others |= {p.name for _, p in mentions.get(number, []) if p.name != source.name}
        if others:
            continue
        for i in members:
            speakers[i] = source
            explicit[i] = True


def _carry_from_reported_speech(
    paragraphs: Sequence[str],
    spans: Sequence[QuoteSpan],
    attributions: Sequence[Attribution],
    speakers: list[Speaker | None],
    explicit: list[bool],
    mentions: MentionIndex,
    index: PersonIndex,
) -> None:
    """Give a paragraph whose quotes are unattributed the one who speaks in the sentence before its first.

    "Ortega said the bill would fail. // "Nobody has read it."": a paragraph without quotes that ends in
    reported speech hands the next, quote-only paragraph to its named speaker; so does a sentence of
    reported speech right before a quote that opens a sentence of the same paragraph. Nobody else may be
    named before the verb of that sentence or after the quote.
    """
    groups = _by_paragraph(spans)
    for number in sorted(groups):
        members = groups[number]
        text = paragraphs[number]
        first = spans[members[0]]
        if any(explicit[i] or speakers[i] is not None for i in members) or all(attributions[i].scare for i in members):
            continue
        if first.open == len(text) - len(text.lstrip()):
            if number == 0 or number - 1 in groups:
                continue
            before_text, before_number = paragraphs[number - 1], number - 1
            tokens = window_tokens(before_text, 0, len(before_text), from_end=True)
        else:
            # "Sami recalled how the highway was dark. "And I was like, …"": the sentence before, in the paragraph.
            before_text, before_number = text, number
            tokens = window_tokens(text, 0, first.open, from_end=True)
        if not tokens or tokens[-1].text not in {".", "!"}:
            continue
        sentence = tokens[clause_start(tokens[:-1]) :]
        found = _reported_speaker(sentence, index)
        if found is None:
            continue
        speaker, verb = found
        if _another_voice_after(sentence, verb):
            continue
        # Names after the verb are what the speaker talks about ("Ortega said Lee's plan would fail").
        lo, hi = sentence[0].start, sentence[verb].start
        named = {
            p.name
            for at, p in mentions.get(before_number, [])
            if lo <= at < hi and not _possessive_at(before_text, at)  # "Coan, Santilli's attorney, argues"
        }
        named |= {p.name for at, p in mentions.get(number, []) if before_number != number or at > first.close}
        if named - {speaker.name}:
            continue
        for i in members:
            speakers[i] = speaker
            explicit[i] = True


def _another_voice_after(sentence: list[Token], verb: int) -> bool:
    """Return True when words after the reporting verb bring in another voice or clause subject.

    A second finite reporting verb ("…, but Lee disagreed" reads as one when "disagreed" is listed) or a
    capitalised word right after a conjunction ("but Lee", "while Lee") may start someone else's turn.
    """
    for j in range(verb + 1, len(sentence)):
        t = sentence[j]
        if is_reporting_verb(sentence, j) and t.lower not in PARTICIPLES:
            return True
        if t.is_word and t.is_capitalised and sentence[j - 1].lower in _CLAUSE_JOINERS:
            return True
    return False


_CLAUSE_JOINERS = frozenset("and but while whereas although though as because when".split())  # noqa: SIM905
"""Words after which a capitalised word may open a clause with its own subject."""


def _possessive_at(text: str, at: int) -> bool:
    """Return True when the word starting at offset at ends in a possessive ("Santilli's")."""
    end = at
    while end < len(text) and (text[end].isalnum() or text[end] in "-."):
        end += 1
    return text[end : end + 2] in {"'s", "\u2019s"} or text[end - 1 : end + 1] in {"s'", "s\u2019"}


def _reported_speaker(sentence: list[Token], index: PersonIndex) -> tuple[Speaker, int] | None:
    """Return the known person who opens a sentence of reported speech ("Ortega said the bill …"), and the verb."""
    verb = next((i for i in range(min(len(sentence), 12)) if is_reporting_verb(sentence, i)), None)
    if verb is None or sentence[verb].lower in PARTICIPLES:
        return None
    phrase = phrase_before(sentence, verb, 0)
    if phrase is None or phrase.kind != "name" or phrase.possessive:
        return None
    person = resolve_phrase(phrase, index)
    if person is None or person.is_organisation or not index.by_name(person.name):
        return None
    return person, verb
