"""Lines that pages add around a story (promos, share buttons, cookie notices) and publisher clues."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from digest.errors import ConfigError
from digest.model import Problem


@dataclass(frozen=True, slots=True)
class BoilerplateRule:
    """One kind of page furniture: a name (used in tests and messages) and a whole-line pattern."""

    name: str
    pattern: str
    """Regular expression matched against the whole (stripped) line, case-insensitively."""


BUILTIN_RULES: tuple[BoilerplateRule, ...] = (
    BoilerplateRule("read-in-app", r"(?:read|continue reading|open) in (?:the )?app\W*"),
    BoilerplateRule("watch-live", r"watch\b.{0,60}\blive\b.{0,20}"),
    BoilerplateRule("write-for-us", r"you can now write for \S+.{0,200}"),
    BoilerplateRule(
        "also-read",
        r"(?:also read|read also|read more|also see|see also|related(?: stories| articles)?|must read|recommended)"
        r"\s*[:|-].{0,300}",
    ),
    BoilerplateRule(
        "advertisement",
        r"(?:advertisement|advertising|sponsored(?: content)?|ad|story continues below(?: this ad)?"
        r"|scroll to continue(?: with content)?)\W*",
    ),
    BoilerplateRule("subscribe", r"(?:subscribe|sign up)\b.{0,160}"),
    BoilerplateRule(
        "share",
        r"share (?:this|the) (?:article|story|post|page)\b.{0,60}"
        r"|share(?: on)? (?:facebook|twitter|x|whatsapp|linkedin|email)\W*"
        r"(?:(?:facebook|twitter|x|whatsapp|linkedin|email)\W*)*",
    ),
    BoilerplateRule(
        "follow-us",
        r"(?:follow us|like us|join us) on\b.{0,160}"
        r"|follow \w+(?: \w+)? on (?:twitter|facebook|instagram|google news|telegram|whatsapp|x|linkedin|youtube)"
        r"\b.{0,120}",
    ),
    BoilerplateRule("with-inputs", r"\(?\s*with inputs? from .{1,80}\)?\W*"),
    BoilerplateRule("click-here", r"click here\b.{0,200}"),
    BoilerplateRule(
        "cookies",
        r".{0,200}\b(?:we use cookies|this (?:site|website) uses cookies|accept (?:all )?cookies"
        r"|cookie (?:policy|settings|preferences))\b.{0,300}",
    ),
    BoilerplateRule("download-app", r"download (?:the|our) .{0,40}app\b.{0,80}"),
    BoilerplateRule("read-rest", r"read the (?:rest|full (?:story|article)|original)(?: here| at .{1,60})?\W*"),
    BoilerplateRule(
        "page-buttons",
        r"(?:share|save|print|comments?|copy link|gift (?:this )?article|listen(?: to (?:this )?(?:article|story))?"
        r"|link copied!?|close panel|\d{1,2} min(?:ute)?s? read|reuse this content|bookmark|toggle caption)\W*",
    ),
    BoilerplateRule(
        "syndicated",
        r"\(?\s*(?:this|the) (?:story|article|report) (?:has not been|was not) edited by .{0,200}"
        r"|\(?\s*(?:except for the headline, )?this story .{0,60}auto-generated from a syndicated feed.{0,40}",
    ),
    BoilerplateRule(
        "more-stories",
        r"(?:trending|related|most read|most viewed|most popular|you may also like|recommended)"
        r"(?: (?:stories|news|videos|articles|reads|for you))?\W*"
        r"|(?:top|more|latest|popular) (?:stories|news|videos|articles|reads|from \w+(?: \w+)?|on \w+(?: \w+)?)\W*",
    ),
    BoilerplateRule("standards", r"our standards:.{0,80}|the thomson reuters trust principles\W*"),
    BoilerplateRule("copyright", r"(?:©|\(c\)|copyright)\s.{0,120}(?:all rights reserved|reserved)\W*"),
)
"""Page furniture dropped from every seed; site.yml `boilerplate` adds more."""

LIST_HEADERS = frozenset({"more-stories"})
"""Rules whose line heads a list of other headlines, dropped with it."""

_QUOTE_PAIR = re.compile(
    r"[\"\u201c\u201e\u00ab][^\"\u201c\u201d\u201e\u00ab\u00bb]{2,}[\"\u201d\u00bb]"
    r"|\u2018[^\u2018\u2019]{2,}\u2019(?!\w)|''[^'\n]{2,}''"
)
"""A quotation (double, single curly or doubled-apostrophe marks): its paragraph is never boilerplate."""

PUBLISHER_CLUES: tuple[tuple[str, str], ...] = (
    (r"wionews\.com|\bWION\b", "WION"),
    (r"bbc\.co\.uk|bbc\.com|\bBBC News\b", "BBC"),
    (r"reuters\.com", "Reuters"),
    (r"cnn\.com|\bCNN\b", "CNN"),
    (r"aljazeera\.com|\bAl Jazeera\b", "Al Jazeera"),
    (r"\bGuardian\b", "The Guardian"),
    (r"theguardian\.com", "The Guardian"),
    (r"ndtv\.com|\bNDTV\b", "NDTV"),
    (r"hindustantimes\.com|\bHindustan Times\b", "Hindustan Times"),
    (r"indianexpress\.com", "The Indian Express"),
    (r"timesofindia\.\w+|\bTimes of India\b", "The Times of India"),
    (r"nytimes\.com", "The New York Times"),
    (r"washingtonpost\.com", "The Washington Post"),
    (r"apnews\.com", "AP"),
    (r"breitbart\.com|\bBreitbart News Daily\b", "Breitbart"),
)
"""Pattern found in a dropped boilerplate line -> publisher it reveals."""


@dataclass(frozen=True, slots=True)
class BoilerplateMatcher:
    """The built-in and site rules compiled into one alternation."""

    combined: re.Pattern[str]
    names: tuple[str, ...]

    def rule_of(self, line: str) -> str | None:
        """Return the name of the rule a whole line matches, or None (never for a line holding a quote)."""
        if len(line) > 600:
            return None
        match = self.combined.fullmatch(line.strip())
        if match is None or _QUOTE_PAIR.search(line):
            return None
        return self.names[match.lastindex - 1] if match.lastindex else None


def compile_rules(extra: Sequence[str], *, source: str = "site.yml") -> BoilerplateMatcher:
    """Compile the built-in rules plus site patterns; a broken site pattern is a ConfigError."""
    return _compile(tuple(extra), source)


@lru_cache(maxsize=16)
def _compile(extra: tuple[str, ...], source: str) -> BoilerplateMatcher:
    problems = []
    for pattern in extra:
        try:
            re.compile(pattern)
        except re.error as err:
            problems.append(
                Problem(
                    file=source, message=f"boilerplate pattern {pattern!r} is not a valid regular expression: {err}"
                )
            )
    if problems:
        raise ConfigError(problems)
    rules = BUILTIN_RULES + tuple(BoilerplateRule(f"site:{p}", p) for p in extra)
    # Site patterns may hold their own groups, so each rule is wrapped in one outer group
    # and the outer groups are found by counting.
    parts, names = [], []
    for rule in rules:
        parts.append(f"({rule.pattern})")
        names.append(rule.name)
        names.extend([rule.name] * re.compile(rule.pattern).groups)
    return BoilerplateMatcher(re.compile("|".join(parts), re.IGNORECASE | re.DOTALL), tuple(names))


def publisher_clue(lines: Sequence[str]) -> str | None:
    """Return the publisher that dropped boilerplate lines reveal (e.g. "wionews.com" -> WION)."""
    for line in lines:
        for pattern, name in PUBLISHER_CLUES:
            if re.search(pattern, line):
                return name
    return None


_TITLE_TAIL = re.compile(r"\s+(?:\||-|\u2013|\u2014|::)\s+(?P<outlet>[^|]{2,40})$")


def split_title_outlet(title: str) -> tuple[str, str | None]:
    """Split "Headline | WION" or "Headline - BBC News" into headline and outlet, when the tail names a publisher."""
    match = _TITLE_TAIL.search(title)
    if match is None or match.start() < 10:
        return title, None
    outlet = match.group("outlet").strip()
    if publisher_clue([outlet]) is None:
        return title, None
    return title[: match.start()].rstrip(), outlet
