"""Settings of the reading stage, taken from site.yml."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How seeds are read: zones, date order, extra boilerplate and publisher rules."""

    timezone: str = "UTC"
    """IANA name of the zone used for times given without a zone."""
    date_order: Literal["DMY", "MDY"] = "DMY"
    """How to read numeric dates such as 11/06/2023: day first (DMY) or month first (MDY)."""
    zones: tuple[tuple[str, str], ...] = ()
    """Overrides of the zone-abbreviation table, e.g. ("IST", "+05:30") or ("ET", "America/New_York")."""
    boilerplate: tuple[str, ...] = ()
    """Extra regular expressions; a whole line or paragraph they match is dropped."""
    sources: tuple[tuple[str, str], ...] = ()
    """(glob on the file name, publisher name) rules, first match wins."""
    max_seed_bytes: int = 2_000_000
    """Seed files larger than this are skipped with a warning."""
