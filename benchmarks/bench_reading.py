"""Time the reading stage over the BBC corpus: prints milliseconds per article on one core.

Run: .venv/bin/python benchmarks/bench_reading.py [--repeat N]
Skips with a message when ../shared (the corpus) is absent.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from timing import BBC  # noqa: E402

from digest.reading import ReadOptions, parse_seed  # noqa: E402


def main() -> int:
    """Read every BBC article from memory `repeat` times and print the time per article."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3, help="passes over the corpus; the best is reported")
    args = parser.parse_args()
    if not BBC.is_dir():
        print(f"skipped: the BBC corpus is not at {BBC.resolve()}")
        return 0
    files = sorted(BBC.rglob("*.txt"))
    data = [(path.relative_to(BBC).as_posix(), path.read_bytes()) for path in files]
    total_bytes = sum(len(raw) for _, raw in data)
    options = ReadOptions()
    parse_seed(data[0][1], data[0][0], options)  # warm caches and imports
    best = best_cpu = float("inf")
    for _ in range(max(1, args.repeat)):
        start, start_cpu = time.perf_counter(), time.process_time()
        for name, raw in data:
            parse_seed(raw, name, options)
        best = min(best, time.perf_counter() - start)
        best_cpu = min(best_cpu, time.process_time() - start_cpu)
    per_article = best / len(data) * 1000
    per_kb = best / (total_bytes / 1024) * 1000
    print(f"articles: {len(data)}  bytes: {total_bytes:,}  average: {total_bytes // len(data):,} bytes")
    print(f"reading: {per_article:.3f} ms/article wall  ({per_kb:.3f} ms/KiB, best of {args.repeat})")
    # CPU time is what "on one core" means; wall time also counts other processes on a busy machine.
    print(f"reading: {best_cpu / len(data) * 1000:.3f} ms/article CPU")
    print_scaling(b"\n\n".join(raw for _, raw in data[:400]), options)
    return 0


def print_scaling(text: bytes, options: ReadOptions) -> None:
    """Read ever longer seeds made of corpus text (best of 3) and print ms/KiB: flat figures mean linear reading."""
    for size in (10_000, 100_000, 1_000_000):
        seed = b"Scaling seed\n\n" + text[:size]
        elapsed = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            parse_seed(seed, "scaling.txt", options)
            elapsed = min(elapsed, time.perf_counter() - start)
        print(
            f"linearity: {len(seed):>9,} bytes in {elapsed * 1000:8.1f} ms"
            f" = {elapsed * 1000 / (len(seed) / 1024):.3f} ms/KiB"
        )


if __name__ == "__main__":
    raise SystemExit(main())
