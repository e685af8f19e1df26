"""Header lines of a copied news page: bylines, writer credits and "Updated:" date lines, read purely."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from digest.reading.dates import find_date
from digest.reading.options import ReadOptions
from digest.reading.wire import KNOWN_AGENCIES, place_name

_BYLINE = re.compile(
    r"(?P<kind>(?:edited|written|reported|compiled|posted|words|story)\s+by|by)\b\s*[:\-]?\s*(?P<names>.+)",
    re.IGNORECASE,
)
_BYLINE_END = re.compile(
    r"\s*(?:\||\u2022|\u00b7|\s[-\u2013\u2014]\s|\b(?:first published|last updated|published|updated|posted)\b).*$",
    re.IGNORECASE,
)
_NAME_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b)\s*")
_NAME = re.compile(
    r"(?:(?:Dr|Mr|Mrs|Ms|Prof)\.?\s+)?"
    r"[A-Z\u00c0-\u00de][\w\u00c0-\u024f'\u2019.-]*(?:\s+(?:(?:de|da|del|der|van|von|bin|al|la|le|di|du|dos|das)\s+){0,2}"
    r"[A-Z\u00c0-\u00de][\w\u00c0-\u024f'\u2019.-]*){0,4}",
)
_NOT_A_WRITER = re.compile(
    r"^the\b|\b(?:news|desk|team|staff|agenc(?:y|ies)|bureau|correspondents?|reporters?|editors?|online|web|digital"
    r"|press|media|times|post|network|service|wire)\b",
    re.IGNORECASE,
)
_CREDIT_LINE = re.compile(
    r"(?:[A-Z][\w.'\u2019-]*\s+){1,4}(?i:staff|web desk|news desk|desk|team|bureau|news service)"
    r"|(?i:team)\s+[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){0,2}"
    r"|[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){0,3}\s+(?i:staff\s+)?and\s+(?i:news\s+)?(?i:agencies)",
)
_ROLE_CREDIT = re.compile(
    r"(?:[A-Z][\w.'\u2019-]*\s+){1,3}(?:(?:[A-Z][\w-]*|and|of|the|for|in)\s+){0,4}"
    r"(?i:(?:chief |senior |deputy |political |foreign |staff )?(?:correspondent|editor|reporter|writer|columnist"
    r"|analyst|contributor))s?"
)
_TRAILER_CREDIT = re.compile(
    r"[(\[]?\s*(?i:(?:additional )?(?:reporting|writing|editing|compiled|research) by)\b[^;]{1,120}"
    r"(?:;\s*(?i:(?:additional )?(?:reporting|writing|editing|compiled|research) by)\b[^;]{1,120}){0,5}"
)
_TRAILER_PART = re.compile(r"(?i:(?:additional )?(?:reporting|writing|editing|compiled|research) by)\s*:?\s*")
_OUTLET_OR_PLACE = re.compile(r"[A-Z][\w.'\u2019&-]*(?:,?\s+[A-Z][\w.'\u2019&-]*){0,4}")
_DATE_KEYWORD = re.compile(
    r"(?P<kw>first published|last updated|last modified|published on|published|updated on|updated|posted on|posted"
    r"|modified)\b\s*(?:on|at)?\s*:?\s*",
    re.IGNORECASE,
)
_PLACE = re.compile(r"[A-Z][\w\u00c0-\u024f.'\u2019-]*(?:[ ,]+[A-Z][\w\u00c0-\u024f.'\u2019-]*){0,3}")
_WEEKDAY = re.compile(
    r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday|sday)?\.?", re.IGNORECASE
)
_QUOTES = frozenset('"\u201c\u201d\u201e\u00ab\u00bb')


@dataclass(frozen=True, slots=True)
class HeaderFacts:
    """What one header line says: writers, publisher clues, the place and dates."""

    people: tuple[str, ...] = ()
    clues: tuple[str, ...] = ()
    """Parts that are not writers (outlets, roles): publisher clues."""
    place: str | None = None
    dates: tuple[tuple[str, datetime], ...] = ()
    """("published" or "updated", time) pairs."""


def parse_byline(text: str, options: ReadOptions) -> HeaderFacts | None:
    """Read "By A B and C D, Outlet | Updated: <date>"; None when the line is not a byline."""
    match = _BYLINE.fullmatch(text)
    if match is None or len(text) > 200:
        return None
    explicit = match.group("kind").lower() != "by"
    names_text = match.group("names")
    dates: tuple[tuple[str, datetime], ...] = ()
    tail = _BYLINE_END.search(names_text)
    if tail:
        dated = parse_date_line(names_text[tail.start() :].strip(" |\u2022\u00b7-\u2013\u2014"), options)
        dates = dated.dates if dated else ()
        names_text = names_text[: tail.start()]
    names = [n.strip(" .") for n in _NAME_SPLIT.split(names_text) if n.strip(" .")]
    if not names or not _NAME.fullmatch(names[0]):
        return None
    if not explicit and len(names[0].split()) < 2 and names[0].lower() not in KNOWN_AGENCIES:
        return None
    # Later parts may be a role or the outlet ("Political correspondent, BBC News"):
    # they are not writers, but the outlet is a publisher clue.
    writers = [
        n for n in names if _NAME.fullmatch(n) and not _NOT_A_WRITER.search(n) and n.lower() not in KNOWN_AGENCIES
    ]
    clues = tuple(n for n in names if n not in writers)
    return HeaderFacts(people=tuple(person_name(n) for n in writers), clues=clues, dates=dates)


def person_name(name: str) -> str:
    """Write a name printed in capitals the usual way: "AMY SMITH" -> "Amy Smith"; others stay as they are."""
    return name.title() if name.isupper() and len(name) > 3 else name


def parse_date_line(text: str, options: ReadOptions) -> HeaderFacts | None:
    """Read "New Delhi Updated: <date>", "Published: <date> Updated: <date>" or a bare date line."""
    if len(text) > 200:
        return None
    keyword = _DATE_KEYWORD.search(text)
    if keyword is not None:
        before = text[: keyword.start()].strip(" ,|-\u2013\u2014\u2022")
        if before and not _PLACE.fullmatch(before):
            return None
        dates = _dates_after_keywords(text, options)
        if not dates:
            return None
        return HeaderFacts(place=place_name(before.rstrip(",")) if before else None, dates=dates)
    date = find_date(text, options)
    if date is None:
        return None
    before = text[: date.start].strip(" ,|-\u2013\u2014")
    after = text[date.end :].strip(" ,|.()")
    before_words = _WEEKDAY.sub("", before).strip(" ,")
    if after or (before_words and not _PLACE.fullmatch(before_words)):
        return None
    place = place_name(before_words) if before_words and not _WEEKDAY.fullmatch(before) else None
    return HeaderFacts(place=place, dates=(("published", date.value),))


def _dates_after_keywords(text: str, options: ReadOptions) -> tuple[tuple[str, datetime], ...]:
    """Read the date after each "Published:"/"Updated:" keyword of a line."""
    found: list[tuple[str, datetime]] = []
    matches = list(_DATE_KEYWORD.finditer(text))
    for index, keyword in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        date = find_date(text[keyword.end() : end], options)
        if date is not None:
            kind = keyword.group("kw").lower()
            found.append(("updated" if "updated" in kind or "modified" in kind else "published", date.value))
    return tuple(found)


def is_bare_writer(text: str) -> bool:
    """Tell whether a header line is just a person's name, e.g. "Larry Fine"."""
    return 2 <= len(text.split()) <= 3 and bool(_NAME.fullmatch(text)) and not _NOT_A_WRITER.search(text)


_CAPS_PLACE = re.compile(r"[A-Z][A-Z.'\u2019 -]{2,40}(?:,\s*[A-Z][A-Za-z.]{1,20}){0,2}")


def caps_place(text: str) -> str | None:
    """Return the place of a dateline line in capitals ("FARMINGTON HILLS, Mich."), else None."""
    return place_name(text) if _CAPS_PLACE.fullmatch(text) else None


def is_writer_credit(text: str) -> bool:
    """Tell whether a line credits writers without naming a person: "Al Jazeera Staff", "Team WION"."""
    return len(text) <= 80 and _CREDIT_LINE.fullmatch(text) is not None


def is_header_furniture(text: str) -> bool:
    """Tell whether a line near the date is a credit or a short outlet/section name ("World News")."""
    return bool(
        _ROLE_CREDIT.fullmatch(text)
        or _CREDIT_LINE.fullmatch(text)
        or (len(text.split()) <= 4 and _OUTLET_OR_PLACE.fullmatch(text))
    )


def parse_segmented(text: str, options: ReadOptions) -> HeaderFacts | None:
    """Read a header line of parts joined by "|", e.g. "Hindustan Times, New Delhi | By Priya Singh"."""
    if "|" not in text or len(text) > 200:
        return None
    parts = [part.strip() for part in text.split("|") if part.strip()]
    outlets = [part for part in parts if not (_BYLINE.fullmatch(part) or _DATE_KEYWORD.search(part))]
    if len(outlets) == len(parts) or not all(_OUTLET_OR_PLACE.fullmatch(part) for part in outlets):
        return None
    people: list[str] = []
    clues: list[str] = list(outlets)
    dates: list[tuple[str, datetime]] = []
    place = next((p.rsplit(",", 1)[1].strip() for p in outlets if "," in p), None)  # "Outlet, City"
    for part in parts:
        if part in outlets:
            continue
        facts = parse_byline(part, options) or parse_date_line(part, options)
        if facts is None:
            clues.append(part)
            continue
        people.extend(facts.people)
        clues.extend(facts.clues)
        dates.extend(facts.dates)
        place = place or facts.place
    return HeaderFacts(people=tuple(people), clues=tuple(clues), place=place, dates=tuple(dates))


def parse_trailer_credit(text: str) -> tuple[str, ...] | None:
    """Read "(Reporting by A and B; Editing by C)" at the foot of wire copy: return the reporters, else None."""
    if len(text) > 300 or _TRAILER_CREDIT.fullmatch(text) is None or set(text) & _QUOTES:
        return None
    reporters: list[str] = []
    for part in text.strip("()[]. ").split(";"):
        role = _TRAILER_PART.match(part.strip())
        if role is None:
            return None
        names = [n.strip(" .()") for n in _NAME_SPLIT.split(part.strip()[role.end() :]) if n.strip(" .()")]
        # "Reporting by the Guardian revealed ..." is a sentence: every part must be names only.
        if not names or not all(_NAME.fullmatch(n) for n in names):
            return None
        if "edit" not in role.group(0).lower():
            reporters.extend(n for n in names if not _NOT_A_WRITER.search(n))
    return tuple(reporters)
