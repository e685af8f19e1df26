"""The reading stage: seed files in, `Seed` values out (text, Markdown with front matter, HTML)."""

from __future__ import annotations

from digest.reading.dedupe import dedupe_seeds
from digest.reading.listing import list_seeds
from digest.reading.options import ReadOptions
from digest.reading.parse import parse_seed, read_seed

__all__ = ["ReadOptions", "dedupe_seeds", "list_seeds", "parse_seed", "read_seed"]
