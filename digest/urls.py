"""Every URL of the site, in one place, so the site works at a sub-path (GitHub Pages) or a domain root."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote


@dataclass(frozen=True, slots=True)
class Urls:
    """Make links for a site hosted at `base_url` (absolute) whose path part is `base_path`."""

    base_url: str
    """Absolute (or root-relative) address of the site root, ending with /."""
    base_path: str
    """Path part of base_url, e.g. /digest/; "/" when served by `digest serve`."""

    @property
    def is_absolute(self) -> bool:
        """Return True when base_url names a host, so absolute URLs can be made."""
        return "://" in self.base_url

    def path(self, target: str) -> str:
        """Return the root-relative href of a site path such as "articles/x/" or "style.css"."""
        return self.base_path + quote(target.lstrip("/"), safe="/#?=&")

    def absolute(self, target: str) -> str:
        """Return the absolute URL of a site path (for feeds, sitemaps, canonical links)."""
        base = self.base_url if self.is_absolute else self.base_path
        return base + quote(target.lstrip("/"), safe="/#?=&")

    @staticmethod
    def article(slug: str) -> str:
        """Return the site path of an article page."""
        return f"articles/{slug}/"

    @staticmethod
    def person(slug: str) -> str:
        """Return the site path of a person page."""
        return f"people/{slug}/"

    @staticmethod
    def person_feed(slug: str) -> str:
        """Return the site path of a person's Atom feed."""
        return f"people/{slug}/feed.xml"

    @staticmethod
    def people() -> str:
        """Return the site path of the people directory."""
        return "people/"

    @staticmethod
    def page(slug: str) -> str:
        """Return the site path of an extra page."""
        return f"{slug}/"

    @staticmethod
    def index(number: int) -> str:
        """Return the site path of index page `number` (1-based)."""
        return "" if number == 1 else f"page/{number}/"

    @staticmethod
    def feed() -> str:
        """Return the site path of the site's Atom feed."""
        return "feed.xml"
