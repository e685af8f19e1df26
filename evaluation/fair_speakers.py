"""Speaker accuracy on PolNeAR with the gold speaker's *name* as the head word, beside the official figure.

The official scorer (`score_quotes.py`) takes the last capitalised word of the whole gold source span as
the head, so a source annotated with its appositive ("Tessa Marlow, a law professor at North Ridge
University") has the head "University", and the right speaker "Tessa Marlow" counts as wrong. This
script scores the same output twice: once with the official head, once with the head taken from the name
before the appositive, so the share of "errors" that are the scorer's head rule is visible.

Usage: python evaluation/fair_speakers.py SPLIT_DIR EXTRACTED.json [--show N] [--tools DIR]
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path
from types import ModuleType

DEFAULT_TOOLS = Path(__file__).resolve().parents[2] / "shared" / "tools"
APPOSITIVE = re.compile(r",|\s(?:of|at|for|from|who|in)\s")


def load_scorer(tools: Path) -> ModuleType:
    """Import the official scorer module from the shared tools folder."""
    spec = importlib.util.spec_from_file_location("score_quotes", tools / "score_quotes.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def name_head(scorer: ModuleType, source: str) -> str | None:
    """Return the head word of the name part of a gold source (before any appositive)."""
    cleaned = re.sub(r"\([^)]*\)", " ", source)
    parts = [p for p in APPOSITIVE.split(cleaned) if p.strip()]
    for part in parts:  # "Another critic, Ivo R. Brandt," names the person in its second part
        head = scorer.head_word(part)
        if head:
            return str(head)
    return None


def main() -> int:
    split, extracted_path = Path(sys.argv[1]), Path(sys.argv[2])
    show = int(sys.argv[sys.argv.index("--show") + 1]) if "--show" in sys.argv else 0
    tools = Path(sys.argv[sys.argv.index("--tools") + 1]) if "--tools" in sys.argv else DEFAULT_TOOLS
    scorer = load_scorer(tools)
    extracted = {Path(item["path"]).stem: item for item in json.loads(extracted_path.read_text(encoding="utf-8"))}
    counts = {"official": [0, 0, 0, 0], "name": [0, 0, 0, 0]}  # named, named_ok, attributed, attributed_ok
    shown = 0
    for stem in sorted(p.stem for p in (split / "text").glob("*.txt")):
        item = extracted.get(stem, {"quotes": []})
        system = [(scorer.words(q.get("text") or ""), q.get("speaker")) for q in item.get("quotes", [])]
        for gold in scorer.gold_for(split, stem):
            gold_words = scorer.words(gold["text"])
            best = max(system, key=lambda q: scorer.covers(gold_words, q[0]), default=None)
            hit = best is not None and scorer.covers(gold_words, best[0]) >= 0.6
            for label, head in (("official", gold["head"]), ("name", name_head(scorer, gold["source"]))):
                if not head:
                    continue
                tally = counts[label]
                tally[0] += 1
                if hit and best is not None and best[1]:
                    ok = scorer.speaker_matches(best[1], head)
                    tally[1] += ok
                    tally[2] += 1
                    tally[3] += ok
                    if label == "name" and not ok and shown < show:
                        shown += 1
                        print(f"{stem}: gold={gold['source']!r} system={best[1]!r} :: {gold['text'][:60]!r}")
    for label, (named, named_ok, attributed, attributed_ok) in counts.items():
        print(f"speakers ({label} head): named={named} named_speaker_acc={named_ok / max(named, 1):.3f} "
              f"attributed_precision={attributed_ok / max(attributed, 1):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
