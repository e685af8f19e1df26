"""Dates as readers see them: in the site's time zone, and stories grouped by day."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from digest.model import Article


def iso_or_none(moment: datetime | None) -> str | None:
    """Return an ISO 8601 timestamp with its offset, or None for no time (JSON's null)."""
    return moment.isoformat() if moment else None


@dataclass(frozen=True, slots=True)
class Clock:
    """Shows times in the site's time zone."""

    zone: ZoneInfo

    def local(self, moment: datetime) -> datetime:
        """Return the moment in the site's zone (naive times are taken as already local)."""
        return moment.astimezone(self.zone) if moment.tzinfo else moment.replace(tzinfo=self.zone)

    def day(self, moment: datetime | None) -> str:
        """Return a date such as "11 June 2023"."""
        if moment is None:
            return ""
        local = self.local(moment)
        return f"{local.day} {local:%B %Y}"

    def time(self, moment: datetime | None) -> str:
        """Return a date and time such as "11 June 2023, 16:16 BST"."""
        if moment is None:
            return ""
        local = self.local(moment)
        return f"{local.day} {local:%B %Y, %H:%M} {local.tzname() or ''}".strip()

    def hour(self, moment: datetime | None) -> str:
        """Return the time of day such as "16:16 BST"."""
        if moment is None:
            return ""
        local = self.local(moment)
        return f"{local:%H:%M} {local.tzname() or ''}".strip()

    def day_label(self, day: date | None) -> str:
        """Return the heading of a day on the index, such as "Sunday 11 June 2023"."""
        return f"{day:%A} {day.day} {day:%B %Y}" if day else "Undated"


@dataclass(frozen=True, slots=True)
class DayGroup:
    """The stories of one day on an index page."""

    day: date | None
    label: str
    articles: tuple[Article, ...]


def group_by_day(articles: Sequence[Article], clock: Clock) -> tuple[DayGroup, ...]:
    """Return the stories grouped by local publication day, in the order given."""
    groups: list[tuple[date | None, list[Article]]] = []
    for article in articles:
        moment = article.seed.published
        day = clock.local(moment).date() if moment else None
        if groups and groups[-1][0] == day:
            groups[-1][1].append(article)
        else:
            groups.append((day, [article]))
    return tuple(DayGroup(day, clock.day_label(day), tuple(items)) for day, items in groups)
