"""Extractive summaries: whole body sentences, in their original order, within a word budget."""

from __future__ import annotations

from collections.abc import Sequence

from digest.extract.sentences import split_sentences


def summarize(
    paragraphs: Sequence[str],
    *,
    title: str = "",
    highlights: Sequence[str] = (),
    sentences: int = 3,
    max_words: int = 75,
) -> tuple[str, ...]:
    """Pick up to `sentences` whole sentences of the body, in order, totalling at most `max_words` words."""
    chosen: list[str] = []
    words = 0
    for paragraph in paragraphs:
        for sentence in split_sentences(paragraph):
            length = len(sentence.split())
            if len(chosen) >= sentences:
                return tuple(chosen)
            if words + length <= max_words:
                chosen.append(sentence)
                words += length
    return tuple(chosen)
