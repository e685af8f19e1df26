"""Score extraction with the shared scorers: quotes (PolNeAR dev), people (CoNLL testa), summaries (BBC).

Usage: python evaluation/evaluate.py [--shared ../shared] [--only quotes|people|summary]
Prints each scorer's figures; says so and exits 0 when the shared folder is absent.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SUMMARY_SETS = ("business", "entertainment", "sport")


def extract(files: list[Path], out: Path) -> None:
    """Run `python -m digest extract --json` on files, writing its JSON array to `out`."""
    items: list[object] = []
    for start in range(0, len(files), 400):  # keep command lines short
        chunk = [str(f) for f in files[start:start + 400]]
        done = subprocess.run([sys.executable, "-m", "digest", "extract", "--json", *chunk],
                              cwd=ROOT, check=True, capture_output=True, text=True)
        items.extend(json.loads(done.stdout))
    out.write_text(json.dumps(items), encoding="utf-8")


def score(tool: Path, *args: str) -> str:
    """Run one scorer and return its output."""
    done = subprocess.run([sys.executable, str(tool), *args], check=True, capture_output=True, text=True)
    return done.stdout.strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"))
    parser.add_argument("--only", choices=("quotes", "people", "summary"))
    args = parser.parse_args()
    shared = Path(args.shared).resolve()
    corpus, tools = shared / "corpus", shared / "tools"
    if not corpus.is_dir() or not tools.is_dir():
        print(f"eval: {shared} has no corpus/ and tools/; nothing to evaluate")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if args.only in (None, "quotes"):
            dev = corpus / "polnear" / "dev"
            extract(sorted((dev / "text").glob("*.txt")), work / "quotes.json")
            print("== quotes: PolNeAR dev (bars R>=0.95 P>=0.90 named>=0.90 attributed>=0.95)")
            print(score(tools / "score_quotes.py", str(dev), str(work / "quotes.json")))
            print("   (the official head is the last capitalised word of the whole gold source, appositive included;")
            print("    the same output scored with the head of the speaker's name:)")
            fair = ROOT / "evaluation" / "fair_speakers.py"
            print(score(fair, str(dev), str(work / "quotes.json"), "--tools", str(tools)))
        if args.only in (None, "people"):
            conll = corpus / "conll-testa"
            extract(sorted((conll / "text").glob("*.txt")), work / "people.json")
            print("== people: CoNLL-2003 testa (bars P>=0.92 R>=0.88)")
            print(score(tools / "score_people.py", str(conll / "people.json"), str(work / "people.json")))
        if args.only in (None, "summary"):
            for name in SUMMARY_SETS:
                refs = corpus / "bbc" / "summaries" / name
                files = sorted((corpus / "bbc" / "articles" / name).glob("*.txt"))
                out = work / f"summary-{name}.json"
                extract(files, out)
                ours = score(tools / "score_summary.py", str(refs), str(out)).splitlines()[-1]
                lead = score(tools / "score_summary.py", str(refs), str(out), "--baseline", "lead3").splitlines()[-1]
                print(f"== summary {name}: digest  {ours.removeprefix('summary: ')}")
                print(f"== summary {name}: lead-3  {lead.removeprefix('summary: ')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
