"""Incremental rendering: a page whose inputs are those of the last build is not rendered again.

A page's inputs are its template set, the code, the config and URLs, the values the renderer hands the template
(articles stand for the cache key of their seed and their person links, people for their whole value) and the
site-wide lookups the templates made while rendering it last time (`people_by_slug[...]`, `views[...]`,
`site.pages` ...), recorded through tracking wrappers. When all of them are unchanged, the page's bytes are taken
from the output of the last build instead of being rendered. Whatever cannot be keyed (an unknown value in the
context, a global the wrappers do not know) is simply rendered: a miss costs time, never correctness.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, fields, is_dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import meta
from jinja2.defaults import DEFAULT_NAMESPACE
from jinja2.filters import FILTERS

from digest.config import SiteConfig
from digest.model import Article, Person, Site
from digest.render import OutputFile, Renderer, make_environment, read_static
from digest.urls import Urls

PURE_GLOBALS = frozenset({"config", "urls", "url", "abs_url", "iso", "clock", "nav", *DEFAULT_NAMESPACE})
"""Globals whose results depend only on the config, URLs and their arguments (all part of every key)."""
PURE_FILTERS = frozenset(FILTERS)
PURE_METHODS = frozenset({"lead_quote"})
"""Renderer methods handed to templates whose result depends only on the article passed in."""
ARTICLE_LOOKUPS = frozenset({"articles_by_slug", "views"})
PERSON_LOOKUPS = frozenset({"people_by_slug"})

Lookup = tuple[str, str]
JOB_MARK = "job "
"""Prefix of the names of a page job's inputs in its key (no context name has a space): a job's key never
equals the key of a context handed whole."""


class Unkeyable(Exception):
    """A value in a page's context that has no stable fingerprint: the page is rendered."""


@dataclass(frozen=True, slots=True)
class PageRecord:
    """What the last build knew about one page: its context key and the lookups it made."""

    context: str
    lookups: tuple[Lookup, ...]
    lookups_key: str


class Tracked(Mapping[str, Any]):
    """A read-only mapping global that records which keys a template looks up."""

    def __init__(self, name: str, data: Mapping[str, Any], seen: set[Lookup]) -> None:
        self.name, self.data, self.seen = name, data, seen

    def __getitem__(self, key: str) -> Any:
        self.seen.add((self.name, str(key)))
        return self.data[key]

    def __contains__(self, key: object) -> bool:
        self.seen.add((self.name, str(key)))
        return key in self.data

    def __iter__(self) -> Iterator[str]:
        self.seen.add((self.name, "*"))
        return iter(self.data)

    def __len__(self) -> int:
        self.seen.add((self.name, "*"))
        return len(self.data)


class TrackedSite:
    """The `site` global, recording which of its attributes a template reads."""

    def __init__(self, site: Site, seen: set[Lookup]) -> None:
        self._site, self._seen = site, seen

    def __getattr__(self, name: str) -> Any:
        self._seen.add(("site", name))
        return getattr(self._site, name)


class Fingerprints:
    """Digests of the site's articles and people, for page keys."""

    def __init__(self, site: Site, seed_keys: Mapping[str, str]) -> None:
        links: dict[str, list[str]] = {}
        for (slug, name), person in sorted(site.person_links.items()):
            links.setdefault(slug, []).append(f"{name}\0{person}")
        self.articles: dict[str, str] = {}
        for article in site.articles:
            key = seed_keys.get(article.seed.path) or _digest(repr(article))
            parts = [key, article.slug, repr(article.seed.path), *links.get(article.slug, ())]
            self.articles[article.slug] = _digest("\0".join(parts))
        self.people = {person.slug: _digest(repr(person)) for person in site.people}
        self.pages = _digest(repr(site.pages))
        self.built = repr(site.built)
        self.site = _digest("\0".join([*self.articles.values(), *self.people.values(), self.pages,
                                       repr(sorted(site.related.items()))]))

    def lookup(self, item: Lookup) -> str:
        """Return the current value of one recorded lookup."""
        name, key = item
        if key == "*":
            return self.site
        if name == "site":
            return self.pages if key == "pages" else self.built if key == "built" else self.site
        if name in ARTICLE_LOOKUPS:
            return self.articles.get(key, "absent")
        if name in PERSON_LOOKUPS:
            return self.people.get(key, "absent")
        return self.site

    def lookups_key(self, lookups: tuple[Lookup, ...]) -> str:
        """Return a digest of the current values of a page's lookups."""
        return _digest("\0".join(f"{n}\0{k}\0{self.lookup((n, k))}" for n, k in lookups))


class MemoRenderer(Renderer):
    """A renderer that takes unchanged pages from the last build's output instead of rendering them."""

    def __init__(self, site: Site, config: SiteConfig, urls: Urls, env: jinja2.Environment, *,
                 fingerprints: Fingerprints, code: str, templates: str, output: Path,
                 previous: Mapping[str, PageRecord], stamps: Mapping[str, tuple[int, int, int]]) -> None:
        super().__init__(site, config, urls, env)
        self.seen: set[Lookup] = set()
        self.fingerprints = fingerprints
        self.extra: dict[str, Any] = {}
        """Other globals (values such as `updated`): part of the key of the pages whose templates name them."""
        for name, value in list(env.globals.items()):
            if name == "site":
                env.globals[name] = TrackedSite(site, self.seen)
            elif isinstance(value, Mapping):
                env.globals[name] = Tracked(name, value, self.seen)
            elif name not in PURE_GLOBALS:
                self.extra[name] = value
        untracked = sorted(set(env.filters) - PURE_FILTERS)
        # nav and the page list come from site.pages; with an unknown filter, every page depends on everything
        self.base = _digest("\0".join([code, repr(config), repr(urls), repr(sorted(env.globals)), repr(untracked),
                                       fingerprints.pages, fingerprints.site if untracked else ""]))
        self.templates = templates
        self.templates_seen: dict[str, tuple[frozenset[str], str]] = {}
        self.digests: dict[int, tuple[Any, bytes]] = {}
        self.output = output
        self.by_context = {record.context: (path, record) for path, record in previous.items()}
        self.stamps = stamps
        self.records: dict[str, PageRecord] = {}
        self.read_from: dict[str, str] = {}
        """Output path -> the path of the last build's file its bytes were read from."""
        self.hits = 0
        self._calls = 0
        self._record: PageRecord | None = None
        self._source: str | None = None

    def render(self, template: str, **context: Any) -> bytes:
        """Return the page from the last build when its inputs are unchanged, else render it."""
        return self.memo(template, context, lambda: context)

    def page_job(self, template: str, inputs: Mapping[str, Any], context: Callable[[], dict[str, Any]]) -> bytes:
        """Return the page from the last build when its inputs are unchanged, else build its context and render."""
        return self.memo(template, {f"{JOB_MARK}{name}": value for name, value in inputs.items()}, context)

    def memo(self, template: str, keyed: Mapping[str, Any], context: Callable[[], Mapping[str, Any]]) -> bytes:
        """Return the last build's page of the same key and lookups, else render the template with `context()`."""
        self._calls += 1
        try:
            key = self.context_key(template, keyed)
        except Unkeyable:
            self._record = None
            return super().render(template, **context())
        known = self.by_context.get(key)
        if known is not None:
            path, record = known
            if self.fingerprints.lookups_key(record.lookups) == record.lookups_key:
                data = self.previous_bytes(path)
                if data is not None:
                    self.hits += 1
                    self._record = record
                    self._source = path
                    return data
        values = context()
        self.seen.clear()
        data = super().render(template, **values)
        lookups = tuple(sorted(self.seen))
        self._record = PageRecord(key, lookups, self.fingerprints.lookups_key(lookups))
        return data

    def pages(self) -> Iterator[OutputFile]:
        """Yield every output file, noting the record of each file made by exactly one template."""
        for item in super().pages():
            if self._calls == 1 and self._record is not None:
                self.records[item.path] = self._record
                if self._source is not None:
                    self.read_from[item.path] = self._source
            self._calls, self._record, self._source = 0, None, None
            yield item

    def previous_bytes(self, path: str) -> bytes | None:
        """Return a file of the last build's output, if nobody changed it since."""
        stamp = self.stamps.get(path)
        target = os.path.join(self.output, path)
        try:
            status = os.lstat(target)
            if stamp is None or (status.st_size, status.st_mtime_ns, status.st_ino) != tuple(stamp):
                return None
            with open(target, "rb") as handle:
                return handle.read()
        except OSError:
            return None

    def context_key(self, template: str, context: Mapping[str, Any]) -> str:
        """Return a digest of everything handed to one template (raises Unkeyable)."""
        names, sources = self.template_info(template)
        digest = hashlib.sha256(f"{self.base}\0{template}\0{sources}".encode())
        for name in sorted(names & self.extra.keys()):
            digest.update(f"\0global {name}=".encode())
            self.feed(digest, self.extra[name])
        for name in sorted(context):
            digest.update(f"\0{name}=".encode())
            self.feed(digest, context[name])
        return digest.hexdigest()

    def names_used(self, template: str) -> frozenset[str]:
        """Return the free names a template and the templates it extends, includes or imports use."""
        return self.template_info(template)[0]

    def template_info(self, template: str) -> tuple[frozenset[str], str]:
        """Return the free names of a template with all it extends, includes or imports, and their sources' digest."""
        known = self.templates_seen.get(template)
        if known is not None:
            return known
        pending, parsed, dynamic = [template], {}, False
        while pending:
            name = pending.pop()
            if name in parsed:
                continue
            try:
                source = self.env.loader.get_source(self.env, name)[0] if self.env.loader else ""
                tree = self.env.parse(source)
            except jinja2.TemplateError as exc:
                raise Unkeyable(name) from exc
            parsed[name] = (source, tree)
            for other in meta.find_referenced_templates(tree):
                if other is None:  # chosen at render time: could be any template, using any global
                    dynamic = True
                else:
                    pending.append(other)
        names: set[str] = set(self.extra) if dynamic else set()
        digest = hashlib.sha256(self.templates.encode() if dynamic else b"")
        for name in sorted(parsed):
            source, tree = parsed[name]
            names.update(meta.find_undeclared_variables(tree))
            digest.update(f"\0{name}\0{len(source)}\0".encode() + source.encode("utf-8", "surrogatepass"))
        info = (frozenset(names), digest.hexdigest())
        self.templates_seen[template] = info
        return info

    def value_digest(self, value: Any) -> bytes:
        """Return the digest of one dataclass value, computed once per object (views recur on many pages)."""
        known = self.digests.get(id(value))
        if known is not None and known[0] is value:
            return known[1]
        digest = hashlib.sha256(f"{type(value).__qualname__}(".encode())
        for item in fields(value):
            self.feed(digest, getattr(value, item.name))
        result = digest.digest()
        self.digests[id(value)] = (value, result)  # the value is kept, so its id is not reused meanwhile
        return result

    def known(self, value: Article | Person) -> bool:
        """Return True for an article or person of this site (their fingerprints stand for their value)."""
        slug: str = value.slug
        if isinstance(value, Article):
            return self.articles.get(slug) is value
        return self.people.get(slug) is value

    def feed(self, digest: Any, value: Any) -> None:
        """Add a value's fingerprint to a digest."""
        kind = type(value)
        if value is None or kind is bool or kind is int or kind is float:
            digest.update(f"{value!r};".encode())
        elif isinstance(value, str):
            digest.update(f"{kind.__name__}:{len(value)}:".encode())
            digest.update(value.encode("utf-8", "surrogatepass"))
        elif (kind is Article or kind is Person) and self.known(value):
            table = self.fingerprints.articles if kind is Article else self.fingerprints.people
            digest.update(f"{kind.__name__}:{table[value.slug]};".encode())
        elif isinstance(value, datetime | date):
            digest.update(f"{value!r};".encode())
        elif isinstance(value, tuple | list):
            digest.update(f"[{len(value)}".encode())
            for item in value:
                self.feed(digest, item)
        elif isinstance(value, Mapping):
            digest.update(f"{{{len(value)}".encode())
            for key in sorted(value, key=repr):
                self.feed(digest, key)
                self.feed(digest, value[key])
        elif is_dataclass(value) and not isinstance(value, type) and kind is not Site:
            digest.update(self.value_digest(value))
        elif getattr(value, "__self__", None) is self and getattr(value, "__name__", "") in PURE_METHODS:
            digest.update(f"method {value.__name__};".encode())
        else:
            raise Unkeyable(kind.__name__)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def render_changed(
    site: Site, config: SiteConfig, urls: Urls, *, seed_keys: Mapping[str, str], code: str, templates: str,
    output: Path,
    previous: Mapping[str, PageRecord], stamps: Mapping[str, tuple[int, int, int]],
) -> tuple[tuple[OutputFile, ...], dict[str, PageRecord], dict[str, tuple[int, int, int]]]:
    """Render the site, taking unchanged pages from the last build; return files, page records and the reused.

    The reused pages are those read back from the same path of the last output, with the stamp they had.
    """
    env = make_environment(config.path("templates_dir"))
    renderer = MemoRenderer(site, config, urls, env, fingerprints=Fingerprints(site, seed_keys), code=code,
                            templates=templates, output=output, previous=previous, stamps=stamps)
    files = list(renderer.pages())
    files.extend(read_static(config.path("static_dir")))
    reused = {path: stamps[path] for path, source in renderer.read_from.items() if source == path and path in stamps}
    return tuple(files), renderer.records, reused
