"""Time reading + extraction of pathological seeds (a megabyte each); the bar is under 1 s per megabyte.

Run: .venv/bin/python benchmarks/bench_hostile.py
Also checks linearity: each input at 0.5 MB and 1 MB; a ratio near 2 means linear time.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from digest.errors import SeedError  # noqa: E402
from digest.extract import ExtractOptions, extract_article  # noqa: E402
from digest.reading import ReadOptions, parse_seed  # noqa: E402

MEGABYTE = 1 << 20

# name -> function making about `size` bytes of seed text
SHAPES: dict[str, Callable[[int], bytes]] = {
    "quote marks": lambda n: b"Quotes\n\n" + b'"' * n,
    "curly quote marks": lambda n: b"Curly\n\n" + "\u201c\u201d".encode() * (n // 6),
    '"said"': lambda n: b"Said\n\n" + b"said " * (n // 5),
    "capitalised words": lambda n: b"Caps\n\n" + b"Alpha Beta Gamma Delta " * (n // 23),
}
# informative only: denser than any real text (a quote in every 32 bytes)
EXTRA: dict[str, Callable[[int], bytes]] = {
    "quote-said paragraphs": lambda n: b"Mixed\n\n" + b'"Yes," said John Smith, "no."\n\n' * (n // 32),
    "one line of words": lambda n: b"Line\n\n" + b"word " * (n // 5),
}


def seconds_for(data: bytes) -> float:
    """Return the wall time of reading and extracting one seed."""
    start = time.perf_counter()
    try:
        seed = parse_seed(data, "seeds/pathological.txt", ReadOptions())
    except SeedError:
        return time.perf_counter() - start
    extract_article(seed, ExtractOptions())
    return time.perf_counter() - start


def main() -> int:
    print(f"{'input':<24} {'0.5 MB':>9} {'1 MB':>9} {'ratio':>6}  bar: < 1 s per MB")
    worst = 0.0
    for name, make in {**SHAPES, **EXTRA}.items():
        half = seconds_for(make(MEGABYTE // 2))
        whole = seconds_for(make(MEGABYTE))
        if name in SHAPES:
            worst = max(worst, whole)
        print(f"{name:<24} {half:>8.3f}s {whole:>8.3f}s {whole / max(half, 1e-9):>6.2f}")
    verdict = "ok" if worst < 1.0 else "OVER the bar"
    print(f"hostile: worst {worst:.3f} s per MB over quote marks, 'said' and capitalised words ({verdict})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
