"""Photo caption and credit lines: "File photo of … Photograph:( Reuters )", "Image source, …", "(Photo: AP)"."""

from __future__ import annotations

import re
from dataclasses import dataclass

_CREDIT_TAIL = re.compile(
    r"(?P<head>.*?)[\s,;|/-]*\(?\s*(?:photograph|photo|image|picture|pic)s?\s*(?:credit|courtesy|source)?\s*:"
    r"\s*\(?\s*(?P<credit>[^():]{1,60}?)\s*\)?\s*$",
    re.IGNORECASE,
)
_CAPTION_LINE = re.compile(
    r"(?:(?P<cap>image caption|caption)\s*[,:]?\s*(?P<captext>.*)"
    r"|(?P<src>image source|image credit|photo credit|picture credit|photo courtesy|picture source)"
    r"\s*[,:]?\s*(?P<srctext>.*)"
    r"|(?P<shot>(?:file\s+)?(?:photo|image|picture|photograph)\s+(?:of|shows|showing)\b.*))",
    re.IGNORECASE,
)
_PHOTO_LABEL = re.compile(r"(?:photo|image|picture|pic)s?\s*:\s*(?P<rest>.*)", re.IGNORECASE)
_CAPTION_HINT = re.compile("photo|image|pic|caption|credit|courtesy")
"""Words every caption line holds (lowercased; "pic" covers "picture"); a cheap test before the others."""
_TRAILING_AGENCY = re.compile(
    r"(?P<head>.*?)\s*(?:\((?P<p>[A-Z][\w .&/-]{1,30})\)|[/|]\s*(?P<s>[A-Z][\w .&-]{1,30}))\s*$"
)
_QUOTES = frozenset('"\u201c\u201d\u201e\u00ab\u00bb')


@dataclass(frozen=True, slots=True)
class CaptionLine:
    """What one caption line holds: the caption text, the credit, or both."""

    text: str | None
    """The caption, or None for a credit-only line such as "Image source, Getty Images"."""
    credit: str | None


def read_caption_line(text: str) -> CaptionLine | None:
    """Read a photo caption or credit line; None when the line is not one."""
    if len(text) > 500 or text[0] in _QUOTES:
        return None
    lowered = text.lower()
    if not _CAPTION_HINT.search(lowered):
        return None
    match = _CAPTION_LINE.fullmatch(text)
    if match is not None:
        if match.group("src") is not None:
            return CaptionLine(None, match.group("srctext").strip() or None)
        caption = match.group("captext") if match.group("cap") is not None else match.group("shot")
        return _with_credit(caption, None)
    unwrapped = text[1:-1] if text.startswith("(") and text.endswith(")") else text
    label = _PHOTO_LABEL.fullmatch(unwrapped)
    if label is not None:
        rest = label.group("rest").strip()
        if len(rest.split()) <= 4 and not rest.endswith((".", ")")):
            return CaptionLine(None, rest or None)
        return _with_credit(rest, None)
    tail = _CREDIT_TAIL.fullmatch(text)
    if tail is not None and tail.group("head").strip():
        return _with_credit(tail.group("head"), tail.group("credit"))
    return None


def _with_credit(text: str, credit: str | None) -> CaptionLine:
    """Split a credit off the end of a caption ("… Photograph:( Reuters )", "… (AP)") unless one is given."""
    text = text.strip()
    if credit is None:
        tail = _CREDIT_TAIL.fullmatch(text)
        if tail is not None and tail.group("head").strip():
            text, credit = tail.group("head"), tail.group("credit")
    if credit is None:
        trailing = _TRAILING_AGENCY.fullmatch(text)
        if trailing is not None and trailing.group("head"):
            text, credit = trailing.group("head"), trailing.group("p") or trailing.group("s")
    return CaptionLine(text.strip(" ,;|-"), credit.strip() if credit else None)
