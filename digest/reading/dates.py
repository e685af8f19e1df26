"""Dates and times as news pages print them, read into timezone-aware datetimes."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from digest.reading.options import ReadOptions

DEFAULT_ZONES: Mapping[str, str] = {
    "UTC": "+00:00",
    "GMT": "+00:00",
    "Z": "+00:00",
    "UT": "+00:00",
    "BST": "+01:00",
    "IST": "+05:30",
    "PKT": "+05:00",
    "NPT": "+05:45",
    "CET": "+01:00",
    "CEST": "+02:00",
    "EET": "+02:00",
    "EEST": "+03:00",
    "WET": "+00:00",
    "WEST": "+01:00",
    "MSK": "+03:00",
    "SAST": "+02:00",
    "WAT": "+01:00",
    "CAT": "+02:00",
    "EAT": "+03:00",
    "GST": "+04:00",
    "JST": "+09:00",
    "KST": "+09:00",
    "HKT": "+08:00",
    "SGT": "+08:00",
    "PHT": "+08:00",
    "WIB": "+07:00",
    "ICT": "+07:00",
    "AEST": "+10:00",
    "AEDT": "+11:00",
    "ACST": "+09:30",
    "AWST": "+08:00",
    "NZST": "+12:00",
    "NZDT": "+13:00",
    "EST": "-05:00",
    "EDT": "-04:00",
    "CST": "-06:00",
    "CDT": "-05:00",
    "MST": "-07:00",
    "MDT": "-06:00",
    "PST": "-08:00",
    "PDT": "-07:00",
    "AKST": "-09:00",
    "AKDT": "-08:00",
    "HST": "-10:00",
    "ET": "America/New_York",
    "CT": "America/Chicago",
    "MT": "America/Denver",
    "PT": "America/Los_Angeles",
    "UK": "Europe/London",
}
"""Zone abbreviation -> fixed offset or IANA zone; site.yml `zones` overrides entries."""

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?P<{0}>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?P<{0}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{0}>(?:19|20)\d\d)"
_ISO = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)"
    r"(?:[T ](?P<H>[0-2]\d):(?P<M>[0-5]\d)(?::(?P<S>[0-5]\d)(?:\.\d{1,9})?)?"
    r"\s?(?P<z>Z|[+-][01]\d:?[0-5]\d)?)?(?!\d)",
)
_WORDY = re.compile(
    r"(?<![\w])(?:"
    + _DAY.format("d1")
    + r"\s+(?:of\s+)?"
    + _MONTH.format("m1")
    + r",?\s+"
    + _YEAR.format("y1")
    + r"|"
    + _MONTH.format("m2")
    + r"\s+"
    + _DAY.format("d2")
    + r",?\s+"
    + _YEAR.format("y2")
    + r")(?!\d)",
    re.IGNORECASE,
)
_NUMERIC = re.compile(r"(?<![\d/.])(?P<a>[0-3]?\d)(?P<sep>[/.-])(?P<b>[0-3]?\d)(?P=sep)(?P<y>(?:19|20)\d\d)(?![\d/])")
_TIME = re.compile(
    r"(?P<H>[0-2]?\d)(?:[:.](?P<M>[0-5]\d)(?:[:.](?P<S>[0-5]\d))?)?\s?(?P<ampm>[ap]\.?m\.?(?![a-z]))?"
    r"(?:\s?\(?\s?(?P<zone>(?-i:[A-Z]{1,5})(?:[+-]\d{1,2}(?::?\d\d)?)?|[+-][01]\d:?[0-5]\d)\s?\)?(?![A-Za-z]))?",
    re.IGNORECASE,
)
_TIME_GAP = re.compile(r"[\s,|]*(?:at\s+|@\s*|\|\s*)?", re.IGNORECASE)
_OFFSET = re.compile(r"^([+-])(\d{1,2}):?(\d\d)?$")


@dataclass(frozen=True, slots=True)
class FoundDate:
    """A date found in a piece of text and where it was."""

    value: datetime
    start: int
    end: int


def parse_date(text: str, options: ReadOptions) -> datetime | None:
    """Return the first date (with its time and zone, if given) in text, or None."""
    found = find_date(text, options)
    return found.value if found else None


def find_date(text: str, options: ReadOptions) -> FoundDate | None:
    """Find the first date in text with the time and zone printed next to it."""
    if len(text) > 400:
        text = text[:400]
    candidates = [m for m in (_ISO.search(text), _WORDY.search(text), _NUMERIC.search(text)) if m]
    for match in sorted(candidates, key=lambda m: m.start()):
        day = _date_of(match, options)
        if day is None:
            continue
        if match.re is _ISO and match.group("H"):
            clock = time(int(match.group("H")), int(match.group("M")), int(match.group("S") or 0))
            zone = _zone(match.group("z"), options) if match.group("z") else None
            return FoundDate(_combine(day, clock, zone, options), match.start(), match.end())
        after = _time_after(text, match.end(), options)
        if after is not None:
            clock, zone, end = after
            return FoundDate(_combine(day, clock, zone, options), match.start(), end)
        before = _time_before(text, match.start(), options)
        if before is not None:
            clock, zone, start = before
            return FoundDate(_combine(day, clock, zone, options), start, match.end())
        return FoundDate(_combine(day, None, None, options), match.start(), match.end())
    return None


def _date_of(match: re.Match[str], options: ReadOptions) -> date | None:
    """Return the calendar date a match stands for, or None if it is not a real date."""
    try:
        if match.re is _ISO:
            return date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
        if match.re is _NUMERIC:
            first, second = int(match.group("a")), int(match.group("b"))
            day, month = (first, second) if options.date_order == "DMY" else (second, first)
            return date(int(match.group("y")), month, day)
        if match.group("d1"):
            return date(int(match.group("y1")), _MONTHS[match.group("m1")[:3].lower()], int(match.group("d1")))
        return date(int(match.group("y2")), _MONTHS[match.group("m2")[:3].lower()], int(match.group("d2")))
    except ValueError:
        return None


def _time_after(text: str, pos: int, options: ReadOptions) -> tuple[time, tzinfo | None, int] | None:
    """Read a time (and zone) printed right after a date."""
    gap = _TIME_GAP.match(text, pos)
    start = gap.end() if gap else pos
    match = _TIME.match(text, start)
    return _time_of(match, options, match.end() if match else 0)


def _time_before(text: str, pos: int, options: ReadOptions) -> tuple[time, tzinfo | None, int] | None:
    """Read a time (and zone) printed just before a date, e.g. "14:46 GMT, 11 June 2023"."""
    window_start = max(0, pos - 24)
    for match in _TIME.finditer(text, window_start, pos):
        if text[match.end() : pos].strip(" ,|-") == "" or re.fullmatch(
            r"[\s,|]*(?:on\s+)?(?:\w{3,9},?\s*)?", text[match.end() : pos]
        ):
            result = _time_of(match, options, match.start())
            if result is not None:
                return result
    return None


def _time_of(match: re.Match[str] | None, options: ReadOptions, edge: int) -> tuple[time, tzinfo | None, int] | None:
    """Turn a time match into (time, zone or None, edge), or None if it is not a clock time."""
    if match is None or (match.group("M") is None and match.group("ampm") is None):
        return None
    hour, minute, second = int(match.group("H")), int(match.group("M") or 0), int(match.group("S") or 0)
    ampm = (match.group("ampm") or "").replace(".", "").lower()
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    if hour > 23:
        return None
    zone_name = match.group("zone")
    zone = _zone(zone_name, options) if zone_name else None
    if zone_name and zone is None:
        edge = match.start("zone") if edge == match.end() else edge
    return time(hour, minute, second), zone, edge


def _zone(name: str, options: ReadOptions) -> tzinfo | None:
    """Return the zone an abbreviation or offset stands for, or None if unknown."""
    name = name.strip().upper()
    if _OFFSET.match(name):
        return _offset_zone(name)
    base, sign, rest = name.partition("+") if "+" in name else name.partition("-")
    table = _zone_table(options.zones)
    spec = table.get(base)
    if spec is None:
        return None
    zone = _zone_of_spec(spec)
    if sign and zone is not None and base in ("UTC", "GMT"):
        return _offset_zone(sign + rest)
    return zone


@lru_cache(maxsize=64)
def _zone_table(overrides: tuple[tuple[str, str], ...]) -> Mapping[str, str]:
    """Merge site.yml zone overrides into the default table."""
    return {**DEFAULT_ZONES, **{key.upper(): value for key, value in overrides}}


@lru_cache(maxsize=256)
def _zone_of_spec(spec: str) -> tzinfo | None:
    """Return the zone of a table entry: "+05:30" or an IANA name."""
    if _OFFSET.match(spec):
        return _offset_zone(spec)
    return _iana(spec)


@lru_cache(maxsize=256)
def _offset_zone(text: str) -> tzinfo | None:
    """Return a fixed-offset zone for "+05:30", "+0530" or "-4"."""
    match = _OFFSET.match(text)
    if match is None:
        return None
    hours, minutes = int(match.group(2)), int(match.group(3) or 0)
    if hours > 14 or minutes > 59:
        return None
    delta = timedelta(hours=hours, minutes=minutes)
    return timezone(-delta if match.group(1) == "-" else delta)


@lru_cache(maxsize=64)
def _iana(name: str) -> tzinfo | None:
    """Return the IANA zone of that name, or None when there is none."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def local_zone(options: ReadOptions) -> tzinfo:
    """Return the site's zone for times printed without one (UTC if the name is unknown)."""
    return _iana(options.timezone) or UTC


def _combine(day: date, clock: time | None, zone: tzinfo | None, options: ReadOptions) -> datetime:
    """Build an aware datetime; a missing zone is the site's zone."""
    return datetime.combine(day, clock or time(0, 0), tzinfo=zone or local_zone(options))
