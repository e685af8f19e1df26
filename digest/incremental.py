"""Incremental rendering: a page whose inputs are those of the last build is not rendered again.

A page's inputs are its template set, the code, the config and URLs, the values the renderer hands the template
(articles stand for the cache key of their seed and their person links, people for their whole value) and the
site-wide lookups the templates made while rendering it last time (`people_by_slug[...]`, `views[...]`,
`site.pages` ...), recorded through tracking wrappers. When all of them are unchanged, the page's bytes are taken
from the output of the last build instead of being rendered. Whatever cannot be keyed (an unknown value in the
context, a global the wrappers do not know) is simply rendered: a miss costs time, never correctness.

A page taken from the last output is handed on unread (`ReusedFile`): the writer, which knows it unchanged by its
stamp, never asks for its bytes; if it does, they are read then, or the page is rendered again when the file
changed meanwhile. A `RenderMemo` kept by the caller from one build to the next (`digest serve`) holds the last
build's pages, the fingerprints they were checked with (so a page's lookups are compared by which articles and
people changed, not digested again), the encoded items of digest.json with their keys, and the compiled
templates; saved to a file, it spares a new process encoding digest.json again.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, fields, is_dataclass
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache
from jinja2 import meta
from jinja2.defaults import DEFAULT_NAMESPACE
from jinja2.filters import FILTERS

from digest.config import SiteConfig
from digest.model import Article, Person, Site
from digest.render import OutputFile, Renderer, ReusedFile, make_environment, read_static
from digest.urls import Urls

PURE_GLOBALS = frozenset({"config", "urls", "url", "abs_url", "iso", "clock", "nav", *DEFAULT_NAMESPACE})
"""Globals whose results depend only on the config, URLs and their arguments (all part of every key)."""
PURE_FILTERS = frozenset(FILTERS)
PURE_METHODS = frozenset({"lead_quote"})
"""Renderer methods handed to templates whose result depends only on the article passed in."""
ARTICLE_LOOKUPS = frozenset({"articles_by_slug", "views"})
PERSON_LOOKUPS = frozenset({"people_by_slug"})

NAMES_ENVIRONMENT = jinja2.Environment()
"""Parses templates to find the names they use: `jinja2.meta` leaves out the names of its environment's globals,
and those of the rendering environment (such as `updated`) must be found."""

Lookup = tuple[str, str]
MEMO_FORMAT = 2
"""Bump when the layout of a saved RenderMemo changes."""
JOB_MARK = "job "
"""Prefix of the names of a page job's inputs in its key (no context name has a space): a job's key never
equals the key of a context handed whole."""


UNDATED = "the build time of an undated site"
"""What `updated` stands for in page keys when no story is dated and SOURCE_DATE_EPOCH is not set."""


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

    def __init__(self, site: Site, seed_keys: Mapping[str, str],
                 earlier: Mapping[int, tuple[Person, str]] | None = None) -> None:
        """Fingerprint the site; `earlier` holds digests of people made before (by id, with the person)."""
        links: dict[str, list[str]] = {}
        for (slug, name), person_slug in sorted(site.person_links.items()):
            links.setdefault(slug, []).append(f"{name}\0{person_slug}")
        self.articles: dict[str, str] = {}
        for article in site.articles:
            key = seed_keys.get(article.seed.path) or _digest(repr(article))
            parts = [key, article.slug, repr(article.seed.path), *links.get(article.slug, ())]
            self.articles[article.slug] = _digest("\0".join(parts))
        self.person_digests: dict[int, tuple[Person, str]] = {}
        """id -> (person, digest of their value): the same person object in a later build is not digested again."""
        for person in site.people:
            known = earlier.get(id(person)) if earlier is not None else None
            digest = known[1] if known is not None and known[0] is person else _digest(repr(person))
            self.person_digests[id(person)] = (person, digest)
        self.people = {person.slug: self.person_digests[id(person)][1] for person in site.people}
        self.pages = _digest(repr(site.pages))
        self.built = repr(site.built)
        self.site = _digest("\0".join([*self.articles.values(), *self.people.values(), self.pages,
                                       repr(sorted(site.related.items()))]))
        self.parts: dict[Lookup, str] = {}
        """Lookup -> its part of a lookups key, made once per build (many pages make the same lookups)."""

    def __getstate__(self) -> dict[str, Any]:
        """Return the fingerprints for pickling (see digest.snapshot), without this build's lookup parts."""
        return {**self.__dict__, "parts": {}}

    def __setstate__(self, state: dict[str, Any]) -> None:
        """Restore pickled fingerprints (see digest.snapshot), keyed again by the ids of the people as loaded."""
        self.__dict__.update(state)
        self.person_digests = {id(entry[0]): entry for entry in self.person_digests.values()}

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
        parts, known = [], self.parts
        for item in lookups:
            part = known.get(item)
            if part is None:
                part = known[item] = f"{item[0]}\0{item[1]}\0{self.lookup(item)}"
            parts.append(part)
        return _digest("\0".join(parts))

    def changes_since(self, earlier: Fingerprints) -> LookupChanges:
        """Return which lookups have another value now than with the `earlier` fingerprints."""
        changed: set[Lookup] = set()
        for now, then, names in ((self.articles, earlier.articles, ARTICLE_LOOKUPS),
                                 (self.people, earlier.people, PERSON_LOOKUPS)):
            slugs = {slug for slug, value in now.items() if then.get(slug) != value} | (then.keys() - now.keys())
            changed.update((name, slug) for name in names for slug in slugs)
        if self.pages != earlier.pages:
            changed.add(("site", "pages"))
        if self.built != earlier.built:
            changed.add(("site", "built"))
        return LookupChanges(frozenset(changed), self.site != earlier.site)


def stands_for_site(item: Lookup) -> bool:
    """Return True for a lookup whose value is the fingerprint of the whole site (see `Fingerprints.lookup`)."""
    name, key = item
    if key == "*":
        return True
    if name == "site":
        return key not in ("pages", "built")
    return name not in ARTICLE_LOOKUPS and name not in PERSON_LOOKUPS


@dataclass(frozen=True, slots=True)
class LookupChanges:
    """The lookups whose values differ between two builds."""

    changed: frozenset[Lookup]
    """Lookups of one article or person (or of the page list, the build time) whose value changed."""
    site: bool
    """True when the whole site's fingerprint changed (lookups that stand for it changed too)."""

    def unchanged(self, lookups: tuple[Lookup, ...], sitewide: bool) -> bool:
        """Return True when none of the lookups changed; `sitewide` tells whether one stands for the site."""
        return not (sitewide and self.site) and self.changed.isdisjoint(lookups)


@dataclass(frozen=True, slots=True)
class HeldPage:
    """A page of the last build kept in memory: its path, record and file (bytes, or where to read them)."""

    path: str
    record: PageRecord
    file: OutputFile
    sitewide: bool
    """True when one of its lookups stands for the whole site."""


class RenderMemo:
    """What rendering keeps in memory from one build for the next build of the same caller (`digest serve`).

    The pages of the last build (bytes, keys and lookups), the fingerprints they were made with, the encoded
    items of digest.json with their keys, the compiled templates and what their sources name.
    """

    def __init__(self) -> None:
        self.pages: dict[str, HeldPage] = {}
        """Context key -> page."""
        self.fingerprints: Fingerprints | None = None
        self.items: dict[str, tuple[str, bytes]] = {}
        """digest.json item ("article <slug>", "person <slug>") -> (its key, its encoded bytes)."""
        self.bytecode = HeldBytecode()
        """Compiled templates (an environment itself is not kept: imported macros would keep the last globals)."""
        self.templates: tuple[str, dict[str, tuple[frozenset[str], str]]] | None = None
        """(templates folder and fingerprint, the free names and sources' digest of each template)."""

        self.site_data: bytes | None = None
        """digest.json as the last build made it (the items are slices of it)."""

    def __getstate__(self) -> dict[str, Any]:
        """Return what a new process can use (see digest.snapshot): not the pages, whose files it reads, nor
        digest.json and its items, which `take_saved` takes from the output folder."""
        return {**self.__dict__, "pages": {}, "items": {}, "site_data": None}

    def template_infos(self, folder: Path, fingerprint: str) -> dict[str, tuple[frozenset[str], str]]:
        """Return what is known about each template (see `MemoRenderer.template_info`) while they are the same."""
        setting = f"{MEMO_FORMAT}\0{folder}\0{fingerprint}"
        if self.templates is None or self.templates[0] != setting:
            self.templates = (setting, {})
        return self.templates[1]

    def save(self, path: Path) -> None:
        """Write what a new process can use of this memo (see `load`); on failure, remove the file."""
        items: list[list[str | int]] = []
        data = self.site_data or b""
        position = 0
        for name, (key, item) in self.items.items():  # in the order of digest.json, which holds each item once
            position = data.find(item, position)
            if position < 0:
                items = []
                break
            items.append([name, key, position, len(item)])
            position += len(item)
        templates = None if self.templates is None else [
            self.templates[0], {name: [sorted(names), digest] for name, (names, digest) in self.templates[1].items()}]
        saved = {"format": MEMO_FORMAT, "templates": templates,
                 "site_data": {"sha256": hashlib.sha256(data).hexdigest(), "items": items}}
        temp = path.with_name(path.name + ".tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            temp.write_text(json.dumps(saved), encoding="utf-8")
            os.replace(temp, path)
        except OSError:
            path.unlink(missing_ok=True)

    @classmethod
    def load(cls, path: Path, output: Path) -> RenderMemo:
        """Return the memo a process saved after building into `output`: template names and digest.json's items.

        The items are taken from `output`/digest.json only when it is still the very file they were saved from.
        Anything missing, unreadable or of another shape gives an empty memo: a miss costs time, never bytes.
        """
        memo = cls()
        memo.take_saved(path, output)
        return memo

    def take_saved(self, path: Path, output: Path) -> None:
        """Take the template names and digest.json items saved in `path` (see `load`); keep ours when unusable."""
        try:
            saved = json.loads(path.read_bytes())
            if not isinstance(saved, dict) or saved.get("format") != MEMO_FORMAT:
                return
            templates = self.templates
            if saved["templates"] is not None:
                setting, infos = saved["templates"]
                templates = (str(setting), {str(name): (frozenset(map(str, names)), str(digest))
                                            for name, (names, digest) in infos.items()})
            items = self.items
            if saved["site_data"]["items"]:
                data = (output / "digest.json").read_bytes()
                if hashlib.sha256(data).hexdigest() == saved["site_data"]["sha256"]:
                    items = {str(name): (str(key), data[int(start): int(start) + int(size)])
                             for name, key, start, size in saved["site_data"]["items"]}
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return
        self.templates, self.items = templates, items


class HeldBytecode(jinja2.BytecodeCache):
    """Compiled templates kept in memory, by name and source checksum (Jinja checks both)."""

    def __init__(self) -> None:
        self.held: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Fill the bucket with the code compiled before, if any."""
        data = self.held.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Keep the code just compiled."""
        self.held[bucket.key] = bucket.bytecode_to_string()


class MemoRenderer(Renderer):
    """A renderer that takes unchanged pages from the last build instead of rendering them."""

    def __init__(self, site: Site, config: SiteConfig, urls: Urls, env: jinja2.Environment, *,
                 fingerprints: Fingerprints, code: str, templates: str, output: Path,
                 previous: Mapping[str, PageRecord], stamps: Mapping[str, tuple[int, int, int]],
                 memo: RenderMemo | None = None,
                 template_infos: dict[str, tuple[frozenset[str], str]] | None = None) -> None:
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
        if "updated" in self.extra and self.extra["updated"] is site.built and "SOURCE_DATE_EPOCH" not in os.environ:
            # Nothing is dated, so `updated` is the build time: a page shows when its content last changed, and a
            # page whose other inputs are unchanged keeps the time it was made at (Atom's meaning of updated).
            self.extra["updated"] = UNDATED
        untracked = sorted(set(env.filters) - PURE_FILTERS)
        # nav and the page list come from site.pages; with an unknown filter, every page depends on everything
        self.base = _digest("\0".join([code, repr(config), repr(urls), repr(sorted(env.globals)), repr(untracked),
                                       fingerprints.pages, fingerprints.site if untracked else ""]))
        self.items_base = _digest(f"{code}\0{urls!r}")
        """What every item of digest.json depends on besides its article or person."""
        self.templates = templates
        self.templates_seen: dict[str, tuple[frozenset[str], str]] = {} if template_infos is None else template_infos
        self.prefixes: dict[str, str] = {}
        """Template -> the start of its pages' keys (code, config, templates, globals it names)."""
        self.digests: dict[int, tuple[Any, str]] = {}
        self._body: tuple[Mapping[str, Any], bool, str] | None = None
        """The last context keyed and its part of the key (a person's page and feed share their inputs)."""
        self.output = output
        self.by_context = {record.context: (path, record) for path, record in previous.items()}
        self.stamps = stamps
        self.held: Mapping[str, HeldPage] = {}
        self.changes: LookupChanges | None = None
        self.held_items: Mapping[str, tuple[str, bytes]] = {}
        if memo is not None:
            self.held_items = memo.items
            if memo.fingerprints is not None:
                self.held, self.changes = memo.pages, fingerprints.changes_since(memo.fingerprints)
        self.items: dict[str, tuple[str, bytes]] = {}
        """digest.json items of this build with their keys."""
        self.site_data_bytes: bytes | None = None
        self.records: dict[str, PageRecord] = {}
        self.sitewide: dict[str, bool] = {}
        """Output path -> whether its record has a lookup standing for the whole site (known for held pages)."""
        self.read_from: dict[str, str] = {}
        """Output path -> the path of the last build's file its bytes were read from."""
        self.taken_from: dict[str, HeldPage] = {}
        """Output path -> the page held in memory its bytes were taken from."""
        self.hits = 0
        self._calls = 0
        self._record: PageRecord | None = None
        self._sitewide: bool | None = None
        self._source: str | None = None
        self._held: HeldPage | None = None
        self._lazy: OutputFile | None = None

    def render(self, template: str, **context: Any) -> bytes:
        """Return the page from the last build when its inputs are unchanged, else render it."""
        return self.memo(template, context, lambda: context, job=False)

    def page_job(self, template: str, inputs: Mapping[str, Any], context: Callable[[], dict[str, Any]]) -> bytes:
        """Return the page from the last build when its inputs are unchanged, else build its context and render."""
        return self.memo(template, inputs, context, job=True)

    def job_file(self, path: str, template: str, inputs: Mapping[str, Any],
                 context: Callable[[], dict[str, Any]]) -> OutputFile:
        """Return the file of a page job: the last build's file (its bytes read only when asked for), or new."""
        self._lazy = None
        data = self.memo(template, inputs, context, job=True, path=path)
        return self._lazy if self._lazy is not None else OutputFile(path, data)

    def memo(self, template: str, keyed: Mapping[str, Any], context: Callable[[], Mapping[str, Any]], *,
             job: bool, path: str | None = None) -> bytes:
        """Return the last build's page of the same key and lookups, else render the template with `context()`.

        With `job`, `keyed` holds the inputs of a page job (named apart from a context handed whole). With the
        `path` of the one file the page is, a page of the last build may come as a file whose bytes are read
        when asked for (`self._lazy`, the bytes returned are then empty).
        """
        self._calls += 1
        try:
            key = self.context_key(template, keyed, job=job)
        except Unkeyable:
            self._record = None
            return super().render(template, **context())
        held = self.held.get(key)
        if held is not None and self.changes is not None \
                and self.changes.unchanged(held.record.lookups, held.sitewide):
            self.hits += 1
            self._record, self._sitewide, self._source, self._held = held.record, held.sitewide, held.path, held
            if held.path == path:
                self._lazy = held.file
                return b""
            return held.file.data
        known = self.by_context.get(key)
        if known is not None:
            source, record = known
            if self.fingerprints.lookups_key(record.lookups) == record.lookups_key:
                # a file handed on unread is checked when read: if it changed, the page is rendered then
                data = self.previous_bytes(source) if path is None else b"" if source in self.stamps else None
                if data is not None:
                    self.hits += 1
                    self._record, self._sitewide, self._source, self._held = record, None, source, None
                    if path is not None:
                        self._lazy = ReusedFile(path, partial(self.read_back, source, template, context))
                    return data
        values = context()
        self.seen.clear()
        data = super().render(template, **values)
        lookups = tuple(sorted(self.seen))
        self._record = PageRecord(key, lookups, self.fingerprints.lookups_key(lookups))
        self._sitewide, self._source = None, None
        return data

    def pages(self) -> Iterator[OutputFile]:
        """Yield every output file, noting the record of each file made by exactly one template."""
        for item in super().pages():
            record = self._record
            if self._calls == 1 and record is not None:
                self.records[item.path] = record
                self.sitewide[item.path] = any(map(stands_for_site, record.lookups)) if self._sitewide is None \
                    else self._sitewide
                if self._held is not None:
                    self.taken_from[item.path] = self._held
                elif self._source is not None:
                    self.read_from[item.path] = self._source
            self._calls, self._record, self._sitewide, self._source, self._held = 0, None, None, None, None
            yield item

    def article_item(self, article: Article) -> bytes:
        """Return the article's item of digest.json, from the last build when what it shows is the same."""
        slug = article.slug
        fingerprint = self.fingerprints.articles.get(slug)
        if self.articles.get(slug) is not article or fingerprint is None:
            return super().article_item(article)
        # its speakers and people link to pages that exist: which do not is part of the key
        missing = sorted(s for s in self.links_of.get(slug, ()) if s not in self.names)
        return self.item(f"article {slug}", f"{self.items_base}\0{fingerprint}\0{missing!r}",
                         partial(super().article_item, article))

    def person_item(self, person: Person) -> bytes:
        """Return the person's item of digest.json, from the last build when what it shows is the same."""
        fingerprint = self.fingerprints.people.get(person.slug)
        if self.people.get(person.slug) is not person or fingerprint is None:
            return super().person_item(person)
        # the links to their quotes depend on where each quote is in its article
        articles = self.fingerprints.articles
        quoted = sorted({f"{pq.article_slug}\0{articles.get(pq.article_slug, 'absent')}" for pq in person.quotes})
        return self.item(f"person {person.slug}", "\0".join([self.items_base, fingerprint, *quoted]),
                         partial(super().person_item, person))

    def site_data(self) -> bytes:
        """Return digest.json, keeping it for the memo."""
        self.site_data_bytes = super().site_data()
        return self.site_data_bytes

    def item(self, name: str, key: str, make: Callable[[], bytes]) -> bytes:
        """Return the item of digest.json held under `name` when its key is `key`, else make it."""
        held = self.held_items.get(name)
        data = held[1] if held is not None and held[0] == key else make()
        self.items[name] = (key, data)
        return data

    def read_back(self, path: str, template: str, context: Callable[[], Mapping[str, Any]]) -> bytes:
        """Return the last build's file at `path`; render the page again if it changed since it was checked."""
        data = self.previous_bytes(path)
        return data if data is not None else Renderer.render(self, template, **context())

    def previous_bytes(self, path: str) -> bytes | None:
        """Return a file of the last build's output, if nobody changed it since."""
        stamp = self.stamps.get(path)
        if stamp is None:
            return None
        try:  # no symlink is followed; the file read is the one whose stamp is checked
            handle = os.open(os.path.join(self.output, path), os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except OSError:
            return None
        try:
            status = os.fstat(handle)
            if (status.st_size, status.st_mtime_ns, status.st_ino) != tuple(stamp) \
                    or status.st_mode & 0o170000 != 0o100000:
                return None
            data = os.read(handle, status.st_size + 1)
            return data if len(data) == status.st_size else None
        except OSError:
            return None
        finally:
            os.close(handle)

    def context_key(self, template: str, context: Mapping[str, Any], *, job: bool = False) -> str:
        """Return a digest of everything handed to one template (raises Unkeyable)."""
        prefix = self.prefixes.get(template)
        if prefix is None:
            prefix = self.prefixes[template] = self.template_prefix(template)
        last = self._body
        if last is not None and last[0] is context and last[1] == job:
            body = last[2]
        else:
            parts: list[str] = []
            mark = JOB_MARK if job else ""
            for name in sorted(context):
                parts.append(f"\0{mark}{name}=")
                self.feed(parts, context[name])
            body = "".join(parts)
            self._body = (context, job, body)
        return _digest(prefix + body)

    def template_prefix(self, template: str) -> str:
        """Return the start of the keys of a template's pages: code, config, its sources, the globals it names."""
        names, sources = self.template_info(template)
        parts = [f"{self.base}\0{template}\0{sources}"]
        for name in sorted(names & self.extra.keys()):
            parts.append(f"\0global {name}=")
            self.feed(parts, self.extra[name])
        return "".join(parts)

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
                tree = NAMES_ENVIRONMENT.parse(source)
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

    def value_digest(self, value: Any) -> str:
        """Return the digest of one dataclass value, computed once per object (views recur on many pages)."""
        known = self.digests.get(id(value))
        if known is not None and known[0] is value:
            return known[1]
        parts = [f"{type(value).__qualname__}("]
        for item in fields(value):
            self.feed(parts, getattr(value, item.name))
        result = _digest("".join(parts))
        self.digests[id(value)] = (value, result)  # the value is kept, so its id is not reused meanwhile
        return result

    def feed(self, parts: list[str], value: Any) -> None:
        """Append a value's fingerprint to `parts` (each value's text is self-delimiting)."""
        kind = type(value)
        if kind is str:
            parts.append(f"str:{len(value)}:")
            parts.append(value)
        elif kind is Article or kind is Person:
            slug = value.slug
            ours, table = (self.articles, self.fingerprints.articles) if kind is Article \
                else (self.people, self.fingerprints.people)
            if ours.get(slug) is value:  # an article or person of this site: its fingerprint stands for it
                parts.append(f"{kind.__name__}:{table[slug]};")
            else:
                parts.append(self.value_digest(value))
        elif kind is tuple or kind is list:
            parts.append(f"[{len(value)}")
            articles = self.articles
            for item in value:  # the common items inline: lists of articles, names, (slug, name) pairs
                if type(item) is str:
                    parts.append(f"str:{len(item)}:")
                    parts.append(item)
                elif item is None:
                    parts.append("None;")
                elif type(item) is Article and articles.get(item.slug) is item:
                    parts.append(f"Article:{self.fingerprints.articles[item.slug]};")
                else:
                    self.feed(parts, item)
        elif value is None or kind is bool or kind is int or kind is float:
            parts.append(f"{value!r};")
        elif isinstance(value, str):
            parts.append(f"{kind.__name__}:{len(value)}:")
            parts.append(value)
        elif isinstance(value, datetime | date):
            parts.append(f"{value!r};")
        elif isinstance(value, tuple | list):
            parts.append(f"[{len(value)}")
            for item in value:
                self.feed(parts, item)
        elif isinstance(value, Mapping):
            parts.append(f"{{{len(value)}")
            for key in sorted(value, key=repr):
                self.feed(parts, key)
                self.feed(parts, value[key])
        elif is_dataclass(value) and not isinstance(value, type) and kind is not Site:
            parts.append(self.value_digest(value))
        elif getattr(value, "__self__", None) is self and getattr(value, "__name__", "") in PURE_METHODS:
            parts.append(f"method {value.__name__};")
        else:
            raise Unkeyable(kind.__name__)


def _digest(text: str) -> str:
    """Return 128 bits of the text's SHA-256 in hex: keys of pages and values, saved 25,000 times in the stamp."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def render_changed(
    site: Site, config: SiteConfig, urls: Urls, *, seed_keys: Mapping[str, str], code: str, templates: str,
    output: Path,
    previous: Mapping[str, PageRecord], stamps: Mapping[str, tuple[int, int, int]],
    memo: RenderMemo | None = None,
) -> tuple[tuple[OutputFile, ...], dict[str, PageRecord], dict[str, tuple[int, int, int]]]:
    """Render the site, taking unchanged pages from the last build; return files, page records and the reused.

    The reused pages are those the last build wrote to the same path, with the stamp they had: read back from
    there, or held in `memo` when their record is the one the last build into `output` saved. A `memo` kept by
    the caller from one build to the next (`digest serve`) spares reading pages back and re-encoding digest.json.
    """
    frozen = gc.get_freeze_count() == 0
    if frozen:  # the site and the caller's memos live on: full collections need not walk them again meanwhile
        gc.freeze()
    try:
        return _render_changed(site, config, urls, seed_keys=seed_keys, code=code, templates=templates,
                               output=output, previous=previous, stamps=stamps, memo=memo)
    finally:
        if frozen:
            gc.unfreeze()


def _render_changed(
    site: Site, config: SiteConfig, urls: Urls, *, seed_keys: Mapping[str, str], code: str, templates: str,
    output: Path, previous: Mapping[str, PageRecord], stamps: Mapping[str, tuple[int, int, int]],
    memo: RenderMemo | None,
) -> tuple[tuple[OutputFile, ...], dict[str, PageRecord], dict[str, tuple[int, int, int]]]:
    folder = config.path("templates_dir")
    env = make_environment(folder, memo.bytecode if memo is not None else None)
    infos = memo.template_infos(folder, f"{code}\0{templates}") if memo is not None else None
    earlier = memo.fingerprints.person_digests if memo is not None and memo.fingerprints is not None else None
    fingerprints = Fingerprints(site, seed_keys, earlier)
    renderer = MemoRenderer(site, config, urls, env, fingerprints=fingerprints, code=code, templates=templates,
                            output=output, previous=previous, stamps=stamps, memo=memo, template_infos=infos)
    files = list(renderer.pages())
    reused = {path: stamps[path] for path, source in renderer.read_from.items() if source == path and path in stamps}
    taken = renderer.taken_from
    for path, held in taken.items():  # the last build into `output` wrote the same page there
        if held.path == path and path in stamps and previous.get(path) == held.record:
            reused[path] = stamps[path]
    if memo is not None:
        records, sitewide = renderer.records, renderer.sitewide
        pages: dict[str, HeldPage] = {}
        for item in files:
            record = records.get(item.path)
            if record is not None:
                kept = taken.get(item.path)
                pages[record.context] = kept if kept is not None and kept.path == item.path \
                    else HeldPage(item.path, record, item, sitewide[item.path])
        memo.pages = pages
        memo.fingerprints = fingerprints
        memo.items, memo.site_data = renderer.items, renderer.site_data_bytes
    files.extend(read_static(config.path("static_dir")))
    return tuple(files), renderer.records, reused
