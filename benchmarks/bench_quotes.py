"""Time quote and speaker extraction over the BBC corpus and on pathological text; prints figures.

Run: .venv/bin/python benchmarks/bench_quotes.py [--repeat N]
The BBC part skips with a message when ../shared (the corpus) is absent; the pathological part always runs.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from timing import BBC, MEGABYTE, best_of  # noqa: E402

from digest.extract.people import find_people  # noqa: E402
from digest.extract.quotes import extract_quotes  # noqa: E402
from digest.model import ArticlePerson, Mention  # noqa: E402
from digest.reading import ReadOptions, parse_seed  # noqa: E402


def bench_bbc(repeat: int) -> None:
    """Print milliseconds per BBC article for extract_quotes (people found beforehand, not timed)."""
    if not BBC.is_dir():
        print(f"skipped BBC: the corpus is not at {BBC.resolve()}")
        return
    options = ReadOptions()
    articles: list[tuple[tuple[str, ...], tuple[ArticlePerson, ...]]] = []
    for path in sorted(BBC.rglob("*.txt")):
        seed = parse_seed(path.read_bytes(), path.relative_to(BBC).as_posix(), options)
        paragraphs = seed.paragraphs
        articles.append((paragraphs, find_people(paragraphs, title=seed.title, exclude=seed.byline)))

    def run() -> None:
        for paragraphs, people in articles:
            extract_quotes(paragraphs, people)

    seconds = best_of(repeat, run)
    quotes = sum(len(extract_quotes(p, people)) for p, people in articles)
    print(f"BBC: {len(articles)} articles, {quotes} quotes")
    print(f"extract_quotes: {seconds / len(articles) * 1000:.3f} ms/article (best of {repeat}, one core)")


def bench_pathological(repeat: int) -> None:
    """Print the time for a megabyte of quote marks, of "said" and of attribution-shaped text, and half of each."""
    people = (ArticlePerson("John Smith", ("Smith",), ("minister",), (Mention(0, 0, 5),)),)
    shapes: dict[str, Callable[[int], Sequence[str]]] = {
        "quote marks": lambda n: ["\"\u201c\u201d'\u2018\u2019 " * (n // 7)],
        "said": lambda n: ["said " * (n // 5)],
        "Smith said": lambda n: ['"Yes," Smith said. ' * (n // 19)],
        "capitals": lambda n: ["Mr Smith Jones Brown, " * (n // 22)],
        "paragraphs": lambda n: ['"We won," he said, "and' for _ in range(n // 22)],
    }
    for name, make in shapes.items():
        half, full = make(MEGABYTE // 2), make(MEGABYTE)
        t_half = best_of(repeat, lambda text=half: extract_quotes(text, people))  # type: ignore[misc]
        t_full = best_of(repeat, lambda text=full: extract_quotes(text, people))  # type: ignore[misc]
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
