"""What the benchmark scripts share: where the corpus is and how a piece of work is timed."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BBC = REPO / ".." / "shared" / "corpus" / "bbc" / "articles"
MEGABYTE = 1 << 20


def best_of(repeat: int, run: Callable[[], object]) -> float:
    """Return the fastest of `repeat` runs, in CPU seconds of this process (one core, whatever the load)."""
    best = float("inf")
    for _ in range(max(1, repeat)):
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best
