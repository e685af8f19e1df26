"""Rendering: the site model in, the bytes of every output file out (nothing is written here)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urljoin
from zoneinfo import ZoneInfo

import jinja2
from markupsafe import Markup

from digest.article_view import ArticleView, QuoteView, quote_views, view_article
from digest.clock import Clock, group_by_day
from digest.config import SiteConfig
from digest.directory import group_by_initial, most_quoted, most_quoted_in
from digest.errors import ContentError, TemplateError
from digest.jsonld import news_article, person_data, script_json, website_data
from digest.markup import clip
from digest.model import Article, Person, Problem, Site
from digest.site_data import article_item, joined_site_data, person_item
from digest.urls import Urls

STRIP_PEOPLE = 8
"""People in the "most quoted" strip of an index page."""
RESERVED_SLUGS = frozenset(("articles", "people", "page", "search", "pagefind", "feed.xml", "sitemap.xml",
                            "robots.txt", "digest.json", "style.css", "404.html"))
"""First path parts the site's own pages use; an extra page cannot take them."""
DIRECTORY_TOP = 20
"""People in the "most quoted" list of the people directory."""
DESCRIPTION_MAX = 200
"""Longest meta description, in characters."""
_UNUSABLE_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True, slots=True)
class OutputFile:
    """One file of the finished site: its path under the output folder and its bytes."""

    path: str
    data: bytes


class ReusedFile(OutputFile):
    """An output file the last build made already: its bytes are read (or made) only when first asked for.

    A writer that knows the file unchanged by its stamp never asks, so a rebuild need not read it back.
    """

    __slots__ = ("_data", "_load")
    _load: Callable[[], bytes] | None
    _data: bytes | None

    def __init__(self, path: str, load: Callable[[], bytes]) -> None:
        object.__setattr__(self, "path", path)
        object.__setattr__(self, "_load", load)
        object.__setattr__(self, "_data", None)

    @property
    def data(self) -> bytes:
        """Return the file's bytes, loading them the first time."""
        data, load = self._data, self._load
        if data is None and load is not None:
            data = load()
            object.__setattr__(self, "_data", data)
            object.__setattr__(self, "_load", None)  # what it needed to load may go
        return data or b""

    @property
    def loaded(self) -> bool:
        """Return True once the bytes are in memory."""
        return self._data is not None


@dataclass(frozen=True, slots=True)
class PageMeta:
    """What the <head> of a page says about it: title, description, canonical address, structured data."""

    title: str
    description: str
    path: str | None
    """Site path of the page; None for pages that must not be indexed (404)."""
    kind: str = "website"
    """Open Graph type: website, article or profile."""
    structured: tuple[Markup, ...] = ()
    """JSON-LD blocks, already escaped for <script>."""
    published: datetime | None = None
    modified: datetime | None = None


def encode(text: str) -> bytes:
    """Return text as UTF-8 without the characters no HTML or XML parser accepts (controls, lone surrogates)."""
    # the reading stage removes them already; this keeps rendering safe for any Site
    return _UNUSABLE_CHARS.sub("", text).encode("utf-8")


def make_environment(templates_dir: Path, bytecode: jinja2.BytecodeCache | None = None) -> jinja2.Environment:
    """Return the Jinja environment: autoescape everywhere, undefined names are errors."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=bytecode,
    )


def iso(moment: datetime | None) -> str:
    """Return an ISO 8601 timestamp with offset, or an empty string."""
    return moment.isoformat() if moment else ""


def page_numbers(current: int, count: int, around: int = 1) -> tuple[int | None, ...]:
    """Return the index pages to link from page `current`: first, last and neighbours; None marks a gap."""
    shown = sorted({1, count, *range(max(1, current - around), min(count, current + around) + 1)})
    numbers: list[int | None] = []
    for number in shown:
        if numbers and number - (numbers[-1] or 0) > 1:
            numbers.append(None)
        numbers.append(number)
    return tuple(numbers)


def last_change(site: Site) -> datetime:
    """Return when the newest story was published or updated (the build time when none is dated).

    Feeds use it rather than the build time, so building unchanged input again changes no file.
    """
    moments = [a.seed.updated or a.seed.published for a in site.articles if a.seed.updated or a.seed.published]
    return max((m for m in moments if m is not None), key=lambda m: m.timestamp(), default=site.built)


class ArticleViews(Mapping[str, ArticleView]):
    """The view of every article of a site by slug, each made the first time it is asked for."""

    def __init__(self, site: Site, urls: Urls, names: Mapping[str, str]) -> None:
        self.articles = {a.slug: a for a in site.articles}
        self.urls, self.person_links, self.names = urls, site.person_links, names
        self.made: dict[str, ArticleView] = {}

    def __getitem__(self, slug: str) -> ArticleView:
        view = self.made.get(slug)
        if view is None:
            view = self.made[slug] = view_article(self.articles[slug], self.urls, self.person_links, self.names)
        return view

    def quotes(self, slug: str) -> tuple[QuoteView, ...]:
        """Return the quotes of an article's view, without making the whole view when it is not made yet."""
        view = self.made.get(slug)
        return view.quotes if view is not None else quote_views(self.articles[slug], self.person_links, self.names)

    def __iter__(self) -> Iterator[str]:
        return iter(self.articles)

    def __len__(self) -> int:
        return len(self.articles)


class Renderer:
    """Renders every page of one site with one template environment."""

    def __init__(self, site: Site, config: SiteConfig, urls: Urls, env: jinja2.Environment) -> None:
        self.site = site
        self.config = config
        self.urls = urls
        self.env = env
        self.clock = Clock(ZoneInfo(config.timezone))
        self.people = {p.slug: p for p in site.people}
        self.articles = {a.slug: a for a in site.articles}
        self.updated = last_change(site)
        self.names = {p.slug: p.name for p in site.people}
        self.views = ArticleViews(site, urls, self.names)
        self.links_of: dict[str, set[str]] = {}
        """Article slug -> the person slugs its names link to."""
        self.names_of: dict[str, str] = {}
        """Article slug -> (person slug, name shown) of the person pages it links to, as text, once worked out."""
        for (slug, _), person_slug in site.person_links.items():
            self.links_of.setdefault(slug, set()).add(person_slug)
        self.nav = (("Stories", urls.index(1)), ("People", urls.people()),
                    *((page.title, urls.page(page.slug)) for page in site.pages))
        env.globals.update(
            site=site,
            config=config,
            urls=urls,
            url=urls.path,
            abs_url=urls.absolute,
            iso=iso,
            clock=self.clock,
            nav=self.nav,
            people_by_slug=self.people,
            articles_by_slug=self.articles,
            views=self.views,
            updated=self.updated,
        )

    def render(self, template: str, **context: Any) -> bytes:
        """Render one template to UTF-8 bytes, turning template faults into TemplateError."""
        try:
            text = self.env.get_template(template).render(**context)
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(Problem(exc.filename or template, f"template error: {exc.message}", exc.lineno,
                                        "valid Jinja2")) from exc
        except jinja2.TemplateNotFound as exc:
            raise TemplateError(Problem(str(self.config.path("templates_dir") / str(exc.name)), "template is missing",
                                        None, "the file to exist")) from exc
        except (jinja2.TemplateError, TypeError, ValueError, AttributeError, KeyError) as exc:
            file, line = _template_line(exc) or (template, None)
            message = exc.message if isinstance(exc, jinja2.TemplateError) else f"{type(exc).__name__}: {exc}"
            raise TemplateError(Problem(file, f"template error: {message}", line,
                                        "only variables and filters the renderer provides")) from exc
        return encode(text)

    def page(self, template: str, meta: PageMeta, **context: Any) -> bytes:
        """Render an HTML page with its head metadata."""
        return self.render(template, meta=meta, page_path=meta.path or "", **context)

    def page_job(self, template: str, inputs: Mapping[str, Any], context: Callable[[], dict[str, Any]]) -> bytes:
        """Render a template with `context()`; `inputs` are values that alone determine that context (with the
        config, URLs, code and page list), so a memo can key the page without building its context."""
        return self.render(template, **context())

    def job_file(self, path: str, template: str, inputs: Mapping[str, Any],
                 context: Callable[[], dict[str, Any]]) -> OutputFile:
        """Return the output file at `path` made by a page job (see `page_job`)."""
        return OutputFile(path, self.page_job(template, inputs, context))

    def linked_names(self, articles: Sequence[Article | None]) -> tuple[str, ...]:
        """Return what stands for the person pages the given articles link to and the names those show (the
        articles' views depend on them): the sorted (slug, name) pairs of each story, worked out once a story."""
        return tuple(self.story_names(slug) for slug in sorted({a.slug for a in articles if a is not None}))

    def story_names(self, slug: str) -> str:
        """Return the (person slug, name shown) pairs of the person pages one story links to, as text."""
        known = self.names_of.get(slug)
        if known is None:
            known = self.names_of[slug] = repr([(s, self.names.get(s)) for s in sorted(self.links_of.get(slug, ()))])
        return known

    def speaker_slugs(self, article: Article) -> tuple[str | None, ...]:
        """Return the person page of each quote's speaker (as the article's view links them), without the view."""
        slugs: list[str | None] = []
        for quote in article.quotes:
            slug = None if quote.speaker_is_organisation or not quote.speaker \
                else self.site.person_links.get((article.slug, quote.speaker))
            slugs.append(slug if slug in self.names else None)
        return tuple(slugs)

    def person_quotes(self, person: Person) -> tuple[QuoteView, ...]:
        """Return a person's quotes with their articles and anchors, newest first."""
        views = []
        for pq in person.quotes:
            view = self.views.get(pq.article_slug)
            if view is None:
                continue
            match = next((q for q in view.quotes if q.quote == pq.quote), None)
            views.append(match or QuoteView(pq.quote, view.article, "story-text", person.slug))
        return tuple(views)

    def lead_quote(self, article: Article) -> QuoteView | None:
        """Return the quote to show with a story on the index: the first whole statement of a person with a page."""
        named = [view for view in self.views.quotes(article.slug) if view.person_slug]
        return next((view for view in named if view.quote.kind == "direct"), named[0] if named else None)

    def index_pages(self) -> Iterator[OutputFile]:
        """Yield the index pages: stories newest first, grouped by day, `per_page` to a page."""
        articles, urls, per_page = self.site.articles, self.urls, self.config.per_page
        chunks = [articles[i:i + per_page] for i in range(0, len(articles), per_page)] or [()]
        structured = (script_json(website_data(urls, self.config.title, self.config.description)),)
        for number, chunk in enumerate(chunks, start=1):
            title = self.config.title if number == 1 else f"{self.config.title}, page {number}"
            meta = PageMeta(title, clip(self.config.description, DESCRIPTION_MAX), urls.index(number),
                            structured=structured if number == 1 else ())
            yield OutputFile(urls.index(number) + "index.html", self.page(
                "index.html", meta, days=group_by_day(chunk, self.clock), page_number=number,
                page_count=len(chunks), page_numbers=page_numbers(number, len(chunks)), lead_quote=self.lead_quote,
                quoted=most_quoted_in(chunk, self.site.person_links, self.people, STRIP_PEOPLE),
                period=self.period(chunk)))

    def period(self, articles: Sequence[Article]) -> str:
        """Return the span of days the stories cover, e.g. "9–11 June 2023"; "" when some are undated."""
        days = sorted(self.clock.local(a.seed.published).date() for a in articles if a.seed.published)
        if not days or len(days) < len(articles):
            return ""
        first, last = days[0], days[-1]
        if first == last:
            return f"{last.day} {last:%B %Y}"
        if (first.year, first.month) == (last.year, last.month):
            return f"{first.day}–{last.day} {last:%B %Y}"
        if first.year == last.year:
            return f"{first.day} {first:%B} – {last.day} {last:%B %Y}"
        return f"{first.day} {first:%B %Y} – {last.day} {last:%B %Y}"

    def article_pages(self) -> Iterator[OutputFile]:
        """Yield one page per article."""
        articles, urls = self.site.articles, self.urls
        for position, article in enumerate(articles):
            related = [self.articles[s] for s in self.site.related.get(article.slug, ()) if s in self.articles]
            newer = articles[position - 1] if position > 0 else None
            older = articles[position + 1] if position + 1 < len(articles) else None
            inputs = {"article": article, "related": related, "newer": newer, "older": older,
                      "names": self.linked_names([article])}
            yield self.job_file(urls.article(article.slug) + "index.html", "article.html", inputs,
                                partial(self.article_context, article, related, newer, older))

    def article_context(self, article: Article, related: list[Article], newer: Article | None,
                        older: Article | None) -> dict[str, Any]:
        """Return what article.html is handed for one article."""
        view = self.views[article.slug]
        seed, urls = article.seed, self.urls
        mentioned = [(p.name, p.slug) for p in view.people]
        meta = PageMeta(
            seed.title, clip(" ".join(article.summary) or seed.title, DESCRIPTION_MAX), urls.article(article.slug),
            "article",
            (script_json(news_article(article, urls, self.config.title, mentioned)),),
            seed.published, seed.updated or seed.published)
        return {"meta": meta, "page_path": meta.path or "", "article": article, "view": view, "related": related,
                "newer": newer, "older": older}

    def person_pages(self) -> Iterator[OutputFile]:
        """Yield each person's page and Atom feed, then the people directory."""
        urls = self.urls
        for person in self.site.people:
            stories = [self.articles[s] for s in person.article_slugs if s in self.articles]
            quoted_in = [self.articles.get(pq.article_slug) for pq in person.quotes]
            inputs = {"person": person, "stories": stories, "quoted_in": quoted_in,
                      "names": self.linked_names(quoted_in)}
            yield self.job_file(urls.person(person.slug) + "index.html", "person.html", inputs,
                                partial(self.person_context, person, stories))
            yield self.job_file(urls.person_feed(person.slug), "person_feed.xml", inputs,
                                partial(self.person_feed_context, person, stories))
        meta = PageMeta("People", f"Everyone quoted or named in {self.config.title}, A–Z and most quoted.",
                        urls.people())
        yield OutputFile(urls.people() + "index.html", self.page(
            "people.html", meta, letters=group_by_initial(self.site.people),
            top=most_quoted(self.site.people, DIRECTORY_TOP)))

    def person_context(self, person: Person, stories: list[Article]) -> dict[str, Any]:
        """Return what person.html is handed for one person."""
        urls = self.urls
        quotes = self.person_quotes(person)
        description = person.description or (
            f"{person.name}: {len(quotes)} quote{'' if len(quotes) == 1 else 's'} in "
            f"{len(person.article_slugs)} stor{'y' if len(person.article_slugs) == 1 else 'ies'} "
            f"of {self.config.title}.")
        meta = PageMeta(person.name, clip(description, DESCRIPTION_MAX), urls.person(person.slug), "profile",
                        (script_json(person_data(person, urls)),))
        return {"meta": meta, "page_path": meta.path or "", "person": person, "quotes": quotes, "stories": stories,
                "bio": Markup(site_links(person.bio_html, urls, urls.person(person.slug)))}

    def person_feed_context(self, person: Person, stories: list[Article]) -> dict[str, Any]:
        """Return what person_feed.xml is handed for one person."""
        quotes = self.person_quotes(person)
        feed_stories = [(story, [q for q in quotes if q.article.slug == story.slug])
                        for story in stories[: self.config.feed_items]]
        return {"person": person, "feed_stories": feed_stories}

    def pages(self) -> Iterator[OutputFile]:
        """Yield every output file of the site."""
        site, urls = self.site, self.urls
        yield from self.index_pages()
        yield from self.article_pages()
        yield from self.person_pages()
        if self.config.search:
            yield OutputFile("search/index.html", self.page("search.html", PageMeta(
                "Search", f"Search the stories, people and quotes of {self.config.title}.", "search/")))
        for page in site.pages:
            if page.slug.split("/")[0] in RESERVED_SLUGS:
                raise ContentError(Problem(page.source, f"the page slug '{page.slug}' is taken by the site itself",
                                           None, "another slug in the front matter, e.g. slug: about-us"))
            meta = PageMeta(page.title, clip(_text_of(page.html), DESCRIPTION_MAX), urls.page(page.slug))
            html = Markup(site_links(page.html, urls, urls.page(page.slug)))
            yield OutputFile(urls.page(page.slug) + "index.html", self.page("page.html", meta, page=page, html=html))
        yield OutputFile("404.html", self.page("404.html", PageMeta("Page not found", self.config.description, None)))
        yield OutputFile(urls.feed(), self.render("feed.xml", articles=site.articles[: self.config.feed_items]))
        per_page = self.config.per_page
        index_count = max(1, -(-len(site.articles) // per_page))
        yield OutputFile("sitemap.xml", self.render(
            "sitemap.xml", index_paths=[urls.index(n) for n in range(1, index_count + 1)]))
        sitemap = f"Sitemap: {urls.absolute('sitemap.xml')}\n" if urls.is_absolute else ""
        yield OutputFile("robots.txt", f"User-agent: *\nAllow: /\n{sitemap}".encode())
        yield OutputFile(".nojekyll", b"")
        yield OutputFile("digest.json", self.site_data())

    def site_data(self) -> bytes:
        """Return digest.json, joined from the encoded item of each article and person."""
        return joined_site_data(self.config.title, self.urls, self.updated,
                                [self.article_item(article) for article in self.site.articles],
                                [self.person_item(person) for person in self.site.people], encode)

    def article_item(self, article: Article) -> bytes:
        """Return one article's item of digest.json, encoded."""
        return encode(article_item(article, self.urls, self.speaker_slugs(article),
                                   partial(self.page_of_name, article.slug)))

    def person_item(self, person: Person) -> bytes:
        """Return one person's item of digest.json, encoded."""
        return encode(person_item(person, self.urls, self.articles))

    def page_of_name(self, article_slug: str, name: str) -> str | None:
        """Return the person page a name of an article links to, if that page exists."""
        slug = self.site.person_links.get((article_slug, name))
        return slug if slug in self.names else None


_HREF = re.compile(r'(<a\b[^>]*?\bhref=")([^"]*)(")')


def site_links(html: str, urls: Urls, page_path: str) -> str:
    """Return editor-written HTML with links to site paths made to work at the site's base path.

    "../people/" is resolved against the page it appears on, "/people/" against the site root.
    """
    def fix(match: re.Match[str]) -> str:
        href = match.group(2)
        if not href or href.startswith(("#", "//")) or re.match(r"^[a-z][a-z0-9+.-]*:", href, re.I):
            return match.group(0)
        if href.startswith("/"):
            resolved = href if href.startswith(urls.base_path) else urls.path(href)
        else:
            resolved = urljoin(urls.path(page_path), href)
        return match.group(1) + resolved + match.group(3)

    return _HREF.sub(fix, html)


def _text_of(html: str) -> str:
    """Return the words of a small HTML fragment (for a meta description)."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).replace("&amp;", "&").replace("&quot;", '"').split())


def _template_line(exc: BaseException) -> tuple[str, int] | None:
    """Find the template file and line an error was raised from, in Jinja's rewritten traceback."""
    tb = exc.__traceback__
    found = None
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith((".html", ".xml", ".txt")):
            found = (name, tb.tb_lineno)
        tb = tb.tb_next
    return found


def render_site(site: Site, config: SiteConfig, urls: Urls) -> tuple[OutputFile, ...]:
    """Render every page and copy every static file; return the files of the finished site."""
    renderer = Renderer(site, config, urls, make_environment(config.path("templates_dir")))
    files = list(renderer.pages())
    files.extend(read_static(config.path("static_dir")))
    return tuple(files)


def read_static(static_dir: Path) -> Sequence[OutputFile]:
    """Return the static files (CSS, icons) to copy as they are."""
    if not static_dir.is_dir():
        return ()
    return [
        OutputFile(path.relative_to(static_dir).as_posix(), path.read_bytes())
        for path in sorted(static_dir.rglob("*"))
        if path.is_file() and not path.name.startswith(".")
    ]
