"""Time people extraction (find_people) over the BBC corpus and on pathological text; prints figures.

Run: .venv/bin/python benchmarks/bench_people.py [--repeat N]
Figures are CPU time of one process (one core). The BBC part skips with a message when ../shared (the
corpus) is absent; the pathological part always runs and prints the half/full ratio (about 2 when linear).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from timing import BBC, MEGABYTE, best_of  # noqa: E402

from digest.extract import ExtractOptions, extract_article  # noqa: E402
from digest.extract.people import find_people  # noqa: E402
from digest.people import gather_people  # noqa: E402
from digest.reading import ReadOptions, parse_seed  # noqa: E402


def bench_bbc(repeat: int) -> None:
    """Print milliseconds per BBC article for find_people, and the time of gather_people over all of them."""
    if not BBC.is_dir():
        print(f"skipped BBC: the corpus is not at {BBC.resolve()}")
        return
    options = ReadOptions()
    seeds = [parse_seed(p.read_bytes(), p.relative_to(BBC).as_posix(), options) for p in sorted(BBC.rglob("*.txt"))]
    inputs = [(s.paragraphs, s.title, s.byline) for s in seeds]

    def run() -> None:
        for paragraphs, title, byline in inputs:
            find_people(paragraphs, title=title, exclude=byline)

    seconds = best_of(repeat, run)
    found = sum(len(find_people(p, title=t, exclude=b)) for p, t, b in inputs)
    size = sum(len(text) for p, _, _ in inputs for text in p) / len(inputs)
    print(f"BBC: {len(inputs)} articles (average {size:.0f} characters), {found} article-level people")
    print(f"find_people: {seconds / len(inputs) * 1000:.3f} ms/article (best of {repeat}, one core)")
    articles = [extract_article(seed, ExtractOptions()) for seed in seeds]
    start = time.process_time()
    people, _, _ = gather_people(articles, ())
    print(f"gather_people: {len(people)} people from {len(articles)} articles in {time.process_time() - start:.3f} s")


def bench_pathological(repeat: int) -> None:
    """Print the time for a megabyte of capitalised words, of names and of name-shaped punctuation."""
    shapes: dict[str, Callable[[int], Sequence[str]]] = {
        "capitalised words": lambda n: ["Alpha Beta Gamma Delta " * (n // 23)],
        "full names said": lambda n: ["Anna Berg said. " * (n // 16)],
        "surnames and commas": lambda n: ["Navalny, Putin; Milov. " * (n // 23)],
        "titles": lambda n: ["President Prime Minister Mr Dr " * (n // 31)],
        "paragraphs": lambda n: ["Mr Smith Jones, a leader, said" for _ in range(n // 30)],
    }
    for name, make in shapes.items():
        half, full = make(MEGABYTE // 2), make(MEGABYTE)
        t_half = best_of(repeat, lambda text=half: find_people(text))  # type: ignore[misc]
        t_full = best_of(repeat, lambda text=full: find_people(text))  # type: ignore[misc]
        print(f"1 MiB of {name!r}: {t_full:.2f} s (0.5 MiB: {t_half:.2f} s, ratio {t_full / max(t_half, 1e-9):.2f})")


def main() -> int:
    """Run both benchmarks."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the best is reported")
    args = parser.parse_args()
    bench_bbc(args.repeat)
    bench_pathological(max(1, args.repeat - 2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
