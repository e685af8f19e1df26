"""Article body markup: quotes wrapped and people's first mentions linked, everything else escaped."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of a paragraph to wrap in markup: text[start:end] goes between `open` and `close`."""

    start: int
    end: int
    open: Markup
    close: Markup


def mark_up(text: str, spans: Sequence[Span]) -> Markup:
    """Escape `text` and wrap the given spans; a span crossing an earlier one is left out."""
    chosen: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if not 0 <= span.start < span.end <= len(text):
            continue
        # keep only properly nested or disjoint spans
        if any(c.start < span.start < c.end < span.end for c in chosen):
            continue
        chosen.append(span)
    events: list[tuple[int, int, int, Markup]] = []
    for order, span in enumerate(chosen):
        events.append((span.start, 1, order, span.open))
        events.append((span.end, 0, -order, span.close))
    events.sort(key=lambda e: (e[0], e[1], e[2]))
    out: list[str] = []
    position = 0
    for offset, _, _, tag in events:
        out.append(str(escape(text[position:offset])))
        out.append(str(tag))
        position = offset
    out.append(str(escape(text[position:])))
    return Markup("".join(out))
