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


def crosses(a: Span, b: Span) -> bool:
    """Return True when two spans overlap without one holding the other (they cannot both be tags)."""
    return a.start < b.start < a.end < b.end or b.start < a.start < b.end < a.end


def fits(span: Span, text: str, chosen: Sequence[Span]) -> bool:
    """Return True when `span` lies inside `text` and nests with (or avoids) every chosen span."""
    return 0 <= span.start < span.end <= len(text) and not any(crosses(span, c) for c in chosen)


def choose_spans(text: str, spans: Sequence[Span]) -> tuple[Span, ...]:
    """Return the spans that can be marked up, in the given order of priority; crossing ones are left out."""
    chosen: list[Span] = []
    for span in spans:
        if fits(span, text, chosen) and span not in chosen:
            chosen.append(span)
    return tuple(chosen)


def mark_up(text: str, spans: Sequence[Span]) -> Markup:
    """Escape `text` and wrap the given spans; a span crossing an earlier one is left out."""
    chosen = choose_spans(text, spans)
    events: list[tuple[int, int, int, int, Markup]] = []
    for order, span in enumerate(chosen):
        # at one offset: closings before openings; the outer (or earlier) span opens first and closes last
        events.append((span.start, 1, -span.end, order, span.open))
        events.append((span.end, 0, -span.start, -order, span.close))
    events.sort(key=lambda e: e[:4])
    out: list[str] = []
    position = 0
    for offset, _, _, _, tag in events:
        out.append(str(escape(text[position:offset])))
        out.append(str(tag))
        position = offset
    out.append(str(escape(text[position:])))
    return Markup("".join(out))


def clip(text: str, limit: int) -> str:
    """Return text cut at a word boundary to at most `limit` characters, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"
