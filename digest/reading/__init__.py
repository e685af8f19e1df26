"""The reading stage: seed files in, `Seed` values out, or a SeedError saying what could not be read.

Modules, in the order a seed passes through them: `listing` (which files are seeds), `decode` (bytes to clean
text), `frontmatter` (YAML front matter), `markdown_body` / `html` (Markdown and saved web pages),
`plaintext` (title, header, body), `header` (bylines and date lines), `captions`, `dates`, `wire` (datelines
in the lead), `boilerplate` (page furniture and publisher clues), `slugs`, and `dedupe` (across seeds).
"""

from __future__ import annotations

from digest.reading.dedupe import dedupe_seeds
from digest.reading.listing import list_seeds
from digest.reading.options import ReadOptions
from digest.reading.parse import parse_seed, read_seed

__all__ = ["ReadOptions", "dedupe_seeds", "list_seeds", "parse_seed", "read_seed"]
