"""Time summaries and sentence splitting on the BBC corpus, score them against lead-3, compare with pysbd.

Run: .venv/bin/python benchmarks/bench_summary.py [--repeat N] [--no-rouge]
Prints milliseconds per article for summarize() and split_sentences(); ROUGE F1 of our summaries and of the
lead-3 baseline per category with references, through the official scorer (../shared/tools/score_summary.py);
and, when pysbd is installed (a dev-only comparison), its accuracy on tests/fixtures/sentences and its speed.
Skips the corpus parts with a message when ../shared is absent.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from timing import best_of  # noqa: E402

from digest.extract.sentences import split_sentences  # noqa: E402
from digest.extract.summary import summarize  # noqa: E402
from tests.test_sentences import FIXTURES, load_cases  # noqa: E402

SHARED = REPO / ".." / "shared"
BBC = SHARED / "corpus" / "bbc"
SCORER = SHARED / "tools" / "score_summary.py"
Article = tuple[Path, str, tuple[str, ...]]


def read_article(path: Path) -> Article:
    """Read a BBC article: title line, blank line, paragraphs separated by blank lines (some are Latin-1)."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    title, _, body = text.partition("\n")
    paragraphs = tuple(" ".join(block.split()) for block in body.split("\n\n") if block.strip())
    return path, title.strip(), paragraphs



def bench_speed(articles: list[Article], repeat: int) -> None:
    """Print milliseconds per article for summarize() and for split_sentences() alone."""

    def summarize_all() -> None:
        for _, title, paragraphs in articles:
            summarize(paragraphs, title=title)

    def split_all() -> None:
        for _, _, paragraphs in articles:
            for paragraph in paragraphs:
                split_sentences(paragraph)

    summary_seconds = best_of(repeat, summarize_all)
    split_seconds = best_of(repeat, split_all)
    count = len(articles)
    print(
        f"summarize: {summary_seconds / count * 1000:.3f} ms CPU per article ({count} BBC articles, best of {repeat})"
    )
    print(f"split_sentences: {split_seconds / count * 1000:.3f} ms CPU per article ({count / split_seconds:.0f}/s)")


def score(references: Path, items: list[dict[str, object]], *extra: str) -> str:
    """Run the official scorer on items and return its summary line."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8", delete=False) as handle:
        json.dump(items, handle)
    try:
        result = subprocess.run(
            [sys.executable, str(SCORER), str(references), handle.name, *extra],
            capture_output=True,
            text=True,
            check=False,
        )
    finally:
        Path(handle.name).unlink()
    lines = (result.stdout + result.stderr).strip().splitlines()
    return lines[-1] if lines else f"scorer printed nothing (exit {result.returncode})"


def bench_rouge(articles: list[Article]) -> None:
    """Print ROUGE F1 of our summaries and of lead-3 for each category that has references."""
    for references in sorted(path for path in (BBC / "summaries").iterdir() if path.is_dir()):
        items: list[dict[str, object]] = [
            {"path": str(path.resolve()), "summary": list(summarize(paragraphs, title=title))}
            for path, title, paragraphs in articles
            if path.parent.name == references.name
        ]
        if not items:
            continue
        print(f"{references.name:<14} ours   {score(references, items)}")
        print(f"{references.name:<14} lead-3 {score(references, items, '--baseline', 'lead3')}")


def bench_pysbd(articles: list[Article]) -> None:
    """Print the fixture accuracy of our splitter and of pysbd, and pysbd's speed, when pysbd is installed."""
    cases = load_cases(FIXTURES)
    ours = sum(split_sentences(case.text) == case.expected for case in cases)
    print(f"fixtures: ours {ours}/{len(cases)} ({ours / len(cases):.1%})")
    try:
        import pysbd  # type: ignore[import-not-found, import-untyped, unused-ignore]
    except ImportError:
        print("fixtures: pysbd not installed, no comparison (pip install pysbd)")
        return
    segmenter = pysbd.Segmenter(language="en", clean=False)

    def segment(text: str) -> tuple[str, ...]:
        return tuple(part.strip() for part in segmenter.segment(text) if part.strip())

    theirs = sum(segment(case.text) == case.expected for case in cases)
    print(f"fixtures: pysbd {theirs}/{len(cases)} ({theirs / len(cases):.1%})")
    sample = articles[:200]
    if sample:
        seconds = best_of(1, lambda: [segment(paragraph) for _, _, paragraphs in sample for paragraph in paragraphs])
        print(f"pysbd: {seconds / len(sample) * 1000:.3f} ms CPU per article ({len(sample) / seconds:.0f} articles/s)")


def main() -> int:
    """Run the benchmarks and print their figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=5, help="timing runs; the fastest counts")
    parser.add_argument("--no-rouge", action="store_true", help="skip the ROUGE scoring")
    args = parser.parse_args()
    if not (BBC / "articles").is_dir():
        print(f"skipped BBC: the corpus is not at {BBC.resolve()}")
        bench_pysbd([])
        return 0
    articles = [read_article(path) for path in sorted((BBC / "articles").glob("*/*.txt"))]
    bench_speed(articles, args.repeat)
    bench_pysbd(articles)
    if not args.no_rouge and SCORER.is_file():
        bench_rouge(articles)
    return 0


if __name__ == "__main__":
    sys.exit(main())
