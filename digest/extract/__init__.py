"""Extraction: text in, facts out (summary, quotes, people). Never touches the disk."""

from __future__ import annotations

from dataclasses import dataclass, replace

from digest.extract.people import find_people
from digest.extract.quotes import extract_quotes
from digest.extract.summary import summarize
from digest.model import Article, ArticlePerson, Quote, Seed

EXTRACTOR_VERSION = "5"
"""Bump when extraction output changes, so cached results are rebuilt."""


@dataclass(frozen=True, slots=True)
class ExtractOptions:
    """Settings extraction takes from site.yml."""

    summary_sentences: int = 3
    summary_max_words: int = 75
    prefer_highlights: bool = False


def extract_article(seed: Seed, options: ExtractOptions) -> Article:
    """Find the people, quotes and summary of one seed."""
    paragraphs = seed.paragraphs
    people = find_people(paragraphs, title=seed.title, exclude=seed.byline)
    quotes = extract_quotes(paragraphs, people)
    people = _count_quotes(_add_speakers(people, quotes), quotes)
    if seed.summary:
        summary = seed.summary
    elif options.prefer_highlights and seed.highlights:
        summary = seed.highlights
    else:
        summary = summarize(
            paragraphs,
            title=seed.title,
            highlights=seed.highlights,
            sentences=options.summary_sentences,
            max_words=options.summary_max_words,
        )
    return Article(seed=seed, summary=summary, quotes=quotes, people=people, problems=seed.problems)


def _add_speakers(people: tuple[ArticlePerson, ...], quotes: tuple[Quote, ...]) -> tuple[ArticlePerson, ...]:
    """Add explicitly attributed speakers that the people finder missed, so every speaker is a person."""
    known = {p.name for p in people}
    added: list[ArticlePerson] = []
    for quote in quotes:
        if quote.speaker and not quote.speaker_is_organisation and quote.speaker not in known:
            known.add(quote.speaker)
            roles = (quote.speaker_role,) if quote.speaker_role else ()
            added.append(ArticlePerson(name=quote.speaker, aliases=(), roles=roles, mentions=()))
    return people + tuple(added)


def _count_quotes(people: tuple[ArticlePerson, ...], quotes: tuple[Quote, ...]) -> tuple[ArticlePerson, ...]:
    """Fill in how many quotes each person has."""
    counts: dict[str, int] = {}
    for quote in quotes:
        if quote.speaker and not quote.speaker_is_organisation:
            counts[quote.speaker] = counts.get(quote.speaker, 0) + 1
    return tuple(replace(p, quoted=counts.get(p.name, 0)) for p in people)
