"""Time assemble_articles over the BBC corpus: cold, and again with an AssemblyMemo after one story changed.

Run: .venv/bin/python benchmarks/bench_assemble.py [--repeat N]
`digest serve` assembles again after every save, in the same process, with the Builder's AssemblyMemo: the
unchanged stories are the very same Article objects, one story is new. Figures are CPU seconds of this process
(one core); the site assembled through the memo is checked equal to the one assembled cold. Skips with a message
when ../shared (the corpus) is absent.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from timing import BBC, best_of  # noqa: E402

from digest.assemble import AssemblyMemo, assemble_articles  # noqa: E402
from digest.config import load_config  # noqa: E402
from digest.extract import ExtractOptions, extract_article  # noqa: E402
from digest.model import Article  # noqa: E402
from digest.reading import ReadOptions, parse_seed  # noqa: E402

BUILT = datetime(2023, 11, 14, tzinfo=UTC)
EDITS = ('\n"We will build it this year," said Ann Lee, the mayor.\n', "\nMore text here.\n")
"""Sentences appended to a story to change it: one names a new person, one changes nothing but the text."""


def extract(path: Path, extra: str = "") -> Article:
    """Read and extract one BBC story, with `extra` appended to its text."""
    seed = parse_seed(path.read_bytes() + extra.encode(), path.relative_to(BBC).as_posix(), ReadOptions())
    return extract_article(seed, ExtractOptions())


def main() -> int:
    """Print the cold and the memo-warm time of assembling the BBC corpus."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement")
    args = parser.parse_args()
    if not BBC.is_dir():
        print(f"skipped: the corpus is not at {BBC.resolve()}")
        return 0
    paths = sorted(BBC.rglob("*.txt"))
    articles = [extract(path) for path in paths]
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "site.yml").write_text("title: Bench\nbase_url: https://example.org/\n", encoding="utf-8")
        config, _ = load_config(Path(folder) / "site.yml")
        cold = best_of(args.repeat, lambda: assemble_articles(articles, config, False, BUILT))
        print(f"assemble_articles, {len(articles)} stories, cold: {cold:.3f} s (best of {args.repeat})")
        memo = AssemblyMemo()
        assemble_articles(articles, config, False, BUILT, memo=memo)
        for extra in EDITS:
            warm: list[float] = []
            for run in range(args.repeat):
                changed = list(articles)
                index = (run * 397) % len(paths)
                changed[index] = extract(paths[index], extra)
                for version in (changed, articles):  # the story edited, then put back
                    start = time.process_time()
                    site = assemble_articles(version, config, False, BUILT, memo=memo)
                    warm.append(time.process_time() - start)
                    if site != assemble_articles(version, config, False, BUILT):
                        print("error: the site assembled through the memo differs from the cold one")
                        return 1
            print(f"one story changed ({extra.strip()[:30]!r}...), with the memo: best {min(warm):.3f} s, "
                  f"median {statistics.median(warm):.3f} s, worst {max(warm):.3f} s ({len(warm)} runs)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
