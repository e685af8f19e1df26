"""Wire-copy datelines at the start of the lead: "LONDON (Reuters) - ", "(CNN)", "NEW DELHI: "."""

from __future__ import annotations

import re
from dataclasses import dataclass

KNOWN_AGENCIES = frozenset(
    {
        "reuters",
        "afp",
        "ap",
        "pti",
        "ians",
        "ani",
        "cnn",
        "bloomberg",
        "upi",
        "dpa",
        "xinhua",
        "tass",
        "efe",
        "ansa",
        "kyodo",
        "yonhap",
        "bernama",
        "anadolu",
        "wam",
        "spa",
        "irna",
        "apa",
        "unb",
        "bss",
        "associated press",
        "agence france-presse",
        "press association",
        "pa",
        "cnn business",
        "bbc",
        "al jazeera",
        "sputnik",
        "ria novosti",
        "interfax",
        "nyt",
        "the washington post",
    }
)
_PLACE = r"[A-Z][A-Za-z\u00c0-\u024f.'\u2019-]*(?:\s+[A-Z][A-Za-z\u00c0-\u024f.'\u2019-]*){0,3}"
_CAPS_PLACE = r"[A-Z][A-Z\u00c0-\u00de.'\u2019-]+(?:\s+[A-Z][A-Z\u00c0-\u00de.'\u2019-]+){0,3}"
_SHORT_DATE = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]{0,6}\.?\s+\d{1,2}(?:,\s*\d{4})?"
_REGION = r"[A-Z][A-Za-z.]{1,20}"
_WITH_AGENCY = re.compile(
    rf"(?:(?P<place>{_PLACE})(?:,\s*(?P<region>{_REGION}))??(?:,\s*(?P<date>{_SHORT_DATE}))?\s*)?"
    r"\((?P<agency>[A-Za-z][A-Za-z.&/' -]{0,30})\)\s*(?P<sep>[-\u2013\u2014]{1,2}|:)?\s*(?=\S)",
)
_CAPS_ONLY = re.compile(
    rf"(?P<place>{_CAPS_PLACE})(?:,\s*(?P<region>{_REGION}))?(?:,\s*(?P<date>{_SHORT_DATE}))?"
    r"\s*(?P<sep>\u2014|\u2013|--|-|:)\s*(?=\S)",
)


@dataclass(frozen=True, slots=True)
class WireLead:
    """What a wire dateline says and where the real text of the lead starts."""

    place: str | None
    agency: str | None
    text: str
    """The lead paragraph without its dateline."""


def split_wire_lead(paragraph: str) -> WireLead | None:
    """Split "LONDON (Reuters) - text" into place, agency and text; None if there is no dateline."""
    head = paragraph[:160]
    match = _WITH_AGENCY.match(head)
    if match and _is_agency(match.group("agency"), match.group("place")):
        place = match.group("place")
        # "The Rail Users Forum (RUF) is asking" is a sentence, not a dateline:
        # a place needs a dash or colon after the agency and must look like a place.
        if place and not match.group("sep"):
            return None
        if place and not (place.isupper() or match.group("date") or match.group("region") or _looks_like_city(place)):
            return None
        return WireLead(place_name(place), match.group("agency").strip(), paragraph[match.end() :])
    match = _CAPS_ONLY.match(head)
    # "AOL: profits up" is not a dateline; a colon needs a longer place ("NEW DELHI:", "MUMBAI:").
    min_letters = 5 if match and match.group("sep") == ":" else 3
    if match and len(match.group("place").replace(" ", "")) >= min_letters:
        return WireLead(place_name(match.group("place")), None, paragraph[match.end() :])
    return None


def _is_agency(agency: str, place: str | None) -> bool:
    """Tell whether "(X)" at the start of a lead names a news agency."""
    name = agency.strip()
    if name.lower() in KNOWN_AGENCIES:
        return True
    letters = name.replace(" ", "").replace(".", "")
    return bool(place) and letters.isalpha() and letters.isupper() and 2 <= len(letters) <= 8


def _looks_like_city(place: str) -> bool:
    """Tell whether a title-case place before an agency is a place, not the start of a sentence."""
    return len(place.split()) <= 3 and place.split()[0].lower() not in {
        "the",
        "a",
        "an",
        "he",
        "she",
        "it",
        "they",
        "we",
        "i",
    }


def place_name(place: str | None) -> str | None:
    """Write an upper-case place the usual way: "NEW DELHI" -> "New Delhi", "MILWAUKEE, Wisconsin" too."""
    if not place:
        return None
    parts = [part.strip() for part in place.strip(" ,").split(",")]
    return ", ".join(_title_case(part) for part in parts if part) or None


def _title_case(part: str) -> str:
    """Title-case one all-capitals place name; initials such as "U.S." stay as they are."""
    if not part.isupper() or re.fullmatch(r"(?:[A-Z]\.)+", part):
        return part
    return " ".join("-".join(piece.capitalize() for piece in word.split("-")) for word in part.split())
