"""Across seeds: the same article twice, unique slugs, and the one warning about undated seeds."""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Callable, Sequence

from digest.model import Problem, Seed

_WORDS = re.compile(r"\w+")


def normalised_text(seed: Seed) -> str:
    """Return the article text reduced to lowercase words, for spotting the same article twice."""
    text = "\n".join(block.text for block in seed.body) or seed.title
    return " ".join(_WORDS.findall(unicodedata.normalize("NFKC", text).casefold()))


def dedupe_seeds(
    seeds: Sequence[Seed], text_of: Callable[[Seed], str] = normalised_text,
) -> tuple[tuple[Seed, ...], tuple[Problem, ...]]:
    """Drop repeated articles (keeping the first by path), make slugs unique, warn once about undated seeds;
    `text_of` is normalised_text or a function returning a key equal exactly when it is (a digest of it, say)."""
    ordered = sorted(seeds, key=lambda s: s.path)
    kept: list[Seed] = []
    problems: list[Problem] = []
    first_with: dict[str, Seed] = {}
    for seed in ordered:
        key = text_of(seed)
        original = first_with.get(key)
        if original is not None:
            problems.append(
                Problem(
                    file=seed.path, message=f"is the same article as {original.path}; only {original.path} is published"
                )
            )
            continue
        first_with[key] = seed
        kept.append(seed)
    unique = _unique_slugs(kept)
    undated = [seed.path for seed in unique if seed.published is None]
    if undated:
        names = ", ".join(undated[:5]) + (f" and {len(undated) - 5} more" if len(undated) > 5 else "")
        problems.append(
            Problem(
                file=undated[0],
                message=f"{len(undated)} seed(s) have no date and are listed after dated ones: {names}",
                expected="a date line such as 'Published: 11 June 2023' or `date:` in front matter",
            )
        )
    return tuple(unique), tuple(problems)


def _unique_slugs(seeds: Sequence[Seed]) -> list[Seed]:
    """Give later seeds with a taken slug the suffix -2, -3 ... in path order."""
    natural = {seed.slug for seed in seeds}
    taken: set[str] = set()
    result: list[Seed] = []
    for seed in seeds:
        slug = seed.slug
        if slug in taken:
            number = 2
            while f"{slug}-{number}" in taken or f"{slug}-{number}" in natural:
                number += 1
            slug = f"{slug}-{number}"
            seed = dataclasses.replace(seed, slug=slug)
        taken.add(slug)
        result.append(seed)
    return result
