"""Progress of a build: a bar on a terminal during long phases, and the time each phase took."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from digest.build import BuildResult


class Progress:
    """Times the phases of a build; draws a bar on `stream` when it is a terminal (never in CI or a pipe)."""

    def __init__(self, stream: TextIO | None = None, *, bar: bool | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.bar = bar if bar is not None else _is_terminal(self.stream)
        self.phases: list[tuple[str, float]] = []
        self._label = ""
        self._total = 0
        self._done = 0
        self._drawn = 0.0

    @contextmanager
    def phase(self, name: str, total: int = 0) -> Iterator[Progress]:
        """Time one phase; `total` > 0 shows a bar that `advance` moves."""
        started = time.perf_counter()
        self._label, self._total, self._done, self._drawn = name, total, 0, 0.0
        try:
            yield self
        finally:
            if self.bar and self._total:
                self.stream.write("\r\033[K")
                self.stream.flush()
            self._total = 0
            self.phases.append((name, time.perf_counter() - started))

    def advance(self, count: int = 1) -> None:
        """Count work done in the current phase, redrawing the bar at most ten times a second."""
        self._done += count
        if not (self.bar and self._total):
            return
        now = time.perf_counter()
        if now - self._drawn < 0.1 and self._done < self._total:
            return
        self._drawn = now
        width = 30
        filled = int(width * min(self._done, self._total) / self._total)
        self.stream.write(f"\r\033[K{self._label:<10} [{'#' * filled}{'.' * (width - filled)}] "
                          f"{self._done:,}/{self._total:,}")
        self.stream.flush()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def summary_lines(result: BuildResult, seconds: float) -> list[str]:
    """Return the end-of-build summary: counts, what was written, warnings and time per phase."""
    if result.skipped:
        head = f"built {result.output} in {seconds:.2f}s: nothing changed since the last build"
    else:
        head = f"built {result.output} in {seconds:.2f}s"
    phases = " · ".join(f"{name} {took:.2f}s" for name, took in result.phases if took >= 0.005)
    return [
        head,
        f"  {result.articles:,} articles, {result.people:,} people, {result.quotes:,} quotes",
        f"  {result.files:,} files: {result.written:,} written, {result.unchanged:,} unchanged, "
        f"{result.removed:,} removed",
        f"  seeds: {result.cached:,} unchanged, nothing rendered" if result.skipped else
        f"  seeds: {result.extracted:,} extracted, {result.cached:,} from the cache; "
        f"pages: {result.reused:,} reused unrendered",
        f"  {len(result.problems):,} warning{'' if len(result.problems) == 1 else 's'}",
        f"  time: {phases or 'none'}",
    ]
