"""Rendering: the site model in, the bytes of every output file out (nothing is written here)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from digest.config import SiteConfig
from digest.errors import TemplateError
from digest.markup import Span, mark_up
from digest.model import Article, Person, Problem, Quote, Site
from digest.urls import Urls

FEED_TEMPLATES = ("feed.xml", "sitemap.xml")


@dataclass(frozen=True, slots=True)
class OutputFile:
    """One file of the finished site: its path under the output folder and its bytes."""

    path: str
    data: bytes


@dataclass(frozen=True, slots=True)
class QuoteView:
    """A quote as shown on a page: with its article, anchor and the speaker's person page."""

    quote: Quote
    article: Article
    anchor: str
    person_slug: str | None


def make_environment(templates_dir: Path) -> jinja2.Environment:
    """Return the Jinja environment: autoescape everywhere, undefined names are errors."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def iso(moment: datetime | None) -> str:
    """Return an ISO 8601 timestamp with offset, or an empty string."""
    return moment.isoformat() if moment else ""


def human_date(moment: datetime | None) -> str:
    """Return a reader-friendly date such as "11 June 2023, 20:46 +05:30"."""
    if moment is None:
        return ""
    offset = moment.strftime("%z")
    zone = f"{offset[:3]}:{offset[3:]}" if offset else ""
    return f"{moment.day} {moment:%B %Y, %H:%M} {zone}".strip()


class Renderer:
    """Renders every page of one site with one template environment."""

    def __init__(self, site: Site, config: SiteConfig, urls: Urls, env: jinja2.Environment) -> None:
        self.site = site
        self.config = config
        self.urls = urls
        self.env = env
        self.people = {p.slug: p for p in site.people}
        self.articles = {a.slug: a for a in site.articles}
        env.globals.update(
            site=site,
            config=config,
            urls=urls,
            url=urls.path,
            abs_url=urls.absolute,
            iso=iso,
            human_date=human_date,
            person_slug=self.person_slug,
            people_by_slug=self.people,
            articles_by_slug=self.articles,
        )

    def person_slug(self, article: Article, name: str | None) -> str | None:
        """Return the person page slug of a name used in an article, if it has a page."""
        if not name:
            return None
        return self.site.person_links.get((article.slug, name))

    def render(self, template: str, **context: Any) -> bytes:
        """Render one template to UTF-8 bytes, turning template faults into TemplateError."""
        try:
            text = self.env.get_template(template).render(**context)
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(Problem(exc.filename or template, f"template error: {exc.message}", exc.lineno,
                                        "valid Jinja2")) from exc
        except jinja2.TemplateNotFound as exc:
            raise TemplateError(Problem(str(self.config.path("templates_dir") / exc.name), "template is missing",
                                        None, "the file to exist")) from exc
        except jinja2.UndefinedError as exc:
            raise TemplateError(Problem(template, f"template error: {exc.message}", _template_line(exc, template),
                                        "only variables the renderer provides")) from exc
        return text.encode("utf-8")

    def quote_views(self, article: Article) -> tuple[QuoteView, ...]:
        """Return the article's quotes with anchors and speaker pages."""
        return tuple(
            QuoteView(q, article, f"quote-{n + 1}",
                      None if q.speaker_is_organisation else self.person_slug(article, q.speaker))
            for n, q in enumerate(article.quotes)
        )

    def body(self, article: Article) -> list[tuple[str, Markup]]:
        """Return the article body as (kind, markup): quotes wrapped, first mentions linked."""
        spans: dict[int, list[Span]] = {}
        for view in self.quote_views(article):
            q = view.quote
            spans.setdefault(q.paragraph, []).append(Span(
                q.start, q.end,
                Markup('<span class="quote" id="{}">').format(view.anchor), Markup("</span>")))
        for person in article.people:
            slug = self.person_slug(article, person.name)
            if slug is None or not person.mentions:
                continue
            first = person.mentions[0]
            href = self.urls.path(self.urls.person(slug))
            spans.setdefault(first.paragraph, []).append(Span(
                first.start, first.end, Markup('<a class="person" href="{}">').format(href), Markup("</a>")))
        blocks: list[tuple[str, Markup]] = []
        index = 0
        for block in article.seed.body:
            if block.kind == "paragraph":
                blocks.append(("paragraph", mark_up(block.text, spans.get(index, []))))
                index += 1
            else:
                blocks.append(("subheading", escape(block.text)))
        return blocks

    def person_quotes(self, person: Person) -> tuple[QuoteView, ...]:
        """Return a person's quotes with their articles and anchors, newest first."""
        views = []
        for pq in person.quotes:
            article = self.articles[pq.article_slug]
            number = article.quotes.index(pq.quote) + 1 if pq.quote in article.quotes else 0
            views.append(QuoteView(pq.quote, article, f"quote-{number}", person.slug))
        return tuple(views)

    def pages(self) -> Iterator[OutputFile]:
        """Yield every output file of the site."""
        site, urls = self.site, self.urls
        articles = site.articles
        per_page = self.config.per_page
        chunks = [articles[i:i + per_page] for i in range(0, len(articles), per_page)] or [()]
        for number, chunk in enumerate(chunks, start=1):
            path = urls.index(number)
            yield OutputFile(path + "index.html", self.render(
                "index.html", articles=chunk, page_number=number, page_count=len(chunks),
                page_path=path, lead_quote=self.lead_quote))
        for position, article in enumerate(articles):
            newer = articles[position - 1] if position > 0 else None
            older = articles[position + 1] if position + 1 < len(articles) else None
            yield OutputFile(urls.article(article.slug) + "index.html", self.render(
                "article.html", article=article, body=self.body(article), quotes=self.quote_views(article),
                related=[self.articles[s] for s in site.related.get(article.slug, ())],
                newer=newer, older=older, page_path=urls.article(article.slug)))
        for person in site.people:
            quotes = self.person_quotes(person)
            yield OutputFile(urls.person(person.slug) + "index.html", self.render(
                "person.html", person=person, quotes=quotes, page_path=urls.person(person.slug),
                stories=[self.articles[s] for s in person.article_slugs]))
            yield OutputFile(urls.person(person.slug) + "feed.xml", self.render(
                "person_feed.xml", person=person, quotes=quotes))
        yield OutputFile("people/index.html", self.render("people.html", page_path="people/"))
        for page in site.pages:
            yield OutputFile(urls.page(page.slug) + "index.html", self.render(
                "page.html", page=page, page_path=urls.page(page.slug)))
        yield OutputFile("404.html", self.render("404.html", page_path="404.html"))
        yield OutputFile("feed.xml", self.render("feed.xml", articles=articles[: self.config.feed_items],
                                                 quote_views=self.quote_views))
        yield OutputFile("sitemap.xml", self.render("sitemap.xml", index_paths=[urls.index(n) for n in
                                                                                range(1, len(chunks) + 1)]))
        yield OutputFile("robots.txt", f"User-agent: *\nAllow: /\nSitemap: {urls.absolute('sitemap.xml')}\n"
                         .encode())
        yield OutputFile(".nojekyll", b"")
        yield OutputFile("digest.json", self.data())

    def lead_quote(self, article: Article) -> QuoteView | None:
        """Return the quote to show with a story on the index: the first with a named person."""
        views = self.quote_views(article)
        for view in views:
            if view.person_slug:
                return view
        return None

    def data(self) -> bytes:
        """Return digest.json: every article, quote and person with URLs, for reuse by others."""
        urls = self.urls
        payload = {
            "title": self.config.title,
            "url": urls.absolute(""),
            "articles": [
                {
                    "slug": a.slug,
                    "url": urls.absolute(urls.article(a.slug)),
                    "title": a.seed.title,
                    "published": iso(a.seed.published) or None,
                    "source": a.seed.source,
                    "byline": list(a.seed.byline),
                    "summary": list(a.summary),
                    "quotes": [
                        {
                            "text": v.quote.text,
                            "speaker": v.quote.speaker,
                            "speaker_url": urls.absolute(urls.person(v.person_slug)) if v.person_slug else None,
                            "speaker_role": v.quote.speaker_role,
                            "kind": v.quote.kind,
                            "url": urls.absolute(urls.article(a.slug)) + "#" + v.anchor,
                        }
                        for v in self.quote_views(a)
                    ],
                    "people": sorted({self.person_slug(a, p.name) or "" for p in a.people} - {""}),
                }
                for a in self.site.articles
            ],
            "people": [
                {
                    "slug": p.slug,
                    "url": urls.absolute(urls.person(p.slug)),
                    "name": p.name,
                    "aliases": list(p.aliases),
                    "roles": sorted({r.text for r in p.roles}),
                    "articles": list(p.article_slugs),
                    "quotes": len(p.quotes),
                }
                for p in self.site.people
            ],
        }
        return (json.dumps(payload, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def _template_line(exc: BaseException, template: str) -> int | None:
    """Find the template line an error was raised from, by walking the traceback."""
    tb = exc.__traceback__
    line = None
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith(template) or tb.tb_frame.f_globals.get("__jinja_template__") is not None:
            template_obj = tb.tb_frame.f_globals.get("__jinja_template__")
            if template_obj is not None:
                line = template_obj.get_corresponding_lineno(tb.tb_lineno)
        tb = tb.tb_next
    return line


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
