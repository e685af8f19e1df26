"""Reading one seed: bytes in, Seed out. `parse_seed` is pure; `read_seed` is the I/O edge."""

from __future__ import annotations

import dataclasses
import fnmatch
from pathlib import Path, PurePosixPath

from digest.errors import SeedError
from digest.model import Problem, Seed
from digest.reading.boilerplate import BoilerplateMatcher, compile_rules, publisher_clue
from digest.reading.dates import parse_date
from digest.reading.decode import EXPECTED_TEXT, clean_text, decode_bytes
from digest.reading.frontmatter import FrontMatter, load_front_matter, split_front_matter
from digest.reading.html import read_web_page
from digest.reading.markdown_body import markdown_blocks
from digest.reading.options import ReadOptions
from digest.reading.plaintext import Line, PlainArticle, is_title_line, read_lines, split_lines
from digest.reading.slugs import sanitise_slug, slugify

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm"})


def read_seed(path: Path, options: ReadOptions, *, root: Path | None = None) -> Seed:
    """Read a seed file from disk; Seed.path is relative to root when given."""
    shown = _shown_path(path, root)
    try:
        size = path.stat().st_size
        if size > options.max_seed_bytes:
            raise SeedError(
                Problem(
                    file=shown,
                    message=f"is {size:,} bytes, more than max_seed_bytes",
                    expected=f"at most {options.max_seed_bytes:,} bytes",
                )
            )
        data = path.read_bytes()
    except OSError as err:
        raise SeedError(Problem(file=shown, message=f"cannot be read: {err.strerror or err}")) from None
    return parse_seed(data, shown, options)


def _shown_path(path: Path, root: Path | None) -> str:
    """Return path relative to root (as POSIX) when it lies inside root."""
    if root is not None:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()


def parse_seed(data: bytes, path: str, options: ReadOptions) -> Seed:
    """Decode seed bytes and read the article in them, whatever its shape."""
    if len(data) > options.max_seed_bytes:
        raise SeedError(
            Problem(
                file=path,
                message=f"is {len(data):,} bytes, more than max_seed_bytes",
                expected=f"at most {options.max_seed_bytes:,} bytes",
            )
        )
    if not data.strip():
        raise SeedError(Problem(file=path, message="is empty", expected="a title line, a blank line, then paragraphs"))
    raw, problems = decode_bytes(data, path)
    text = clean_text(raw)
    if not text.strip():
        raise SeedError(Problem(file=path, message="has no readable text", expected=EXPECTED_TEXT))
    suffix = PurePosixPath(path).suffix.lower()
    matcher = compile_rules(options.boilerplate)
    front = FrontMatter()
    first_line = 1
    if suffix not in HTML_SUFFIXES:
        yaml_text, text, first_line = split_front_matter(text, path, required_closing=suffix in MARKDOWN_SUFFIXES)
        if yaml_text is not None:
            front = load_front_matter(yaml_text, path, options)
    if suffix in HTML_SUFFIXES:
        plain = _read_html(text, path, options, matcher)
    elif suffix in MARKDOWN_SUFFIXES:
        lines = _markdown_lines(text, first_line, has_title=bool(front.title))
        plain = read_lines(lines, path, options, matcher, title=front.title or None)
    else:
        lines = split_lines(text, first_line)
        if front.title and lines and is_title_line(lines[0].text):
            # The text keeps its own headline under front matter; the front matter's title wins.
            lines = lines[1:]
        plain = read_lines(lines, path, options, matcher, title=front.title or None)
    if not plain.body:
        raise SeedError(
            Problem(file=path, message="has a title but no body text", expected="paragraphs after the title line")
        )
    title = front.title or plain.title
    return Seed(
        path=path,
        slug=sanitise_slug(front.slug, fallback=slugify(title)) if front.slug else slugify(title),
        title=title,
        body=plain.body,
        byline=front.authors or plain.byline,
        dateline=front.dateline or plain.dateline,
        agency=plain.agency,
        published=front.published or plain.published,
        updated=front.updated or plain.updated,
        source=front.source
        or _source_rule(path, options)
        or plain.source
        or publisher_clue(plain.dropped)
        or plain.agency,
        url=front.url or plain.url,
        caption=plain.caption,
        highlights=plain.highlights,
        tags=front.tags,
        summary=front.summary,
        draft=front.draft,
        problems=problems + front.problems + plain.problems,
    )


def _source_rule(path: str, options: ReadOptions) -> str | None:
    """Return the publisher of the first site.yml `sources` glob matching the file name or path."""
    name = PurePosixPath(path).name
    for pattern, publisher in options.sources:
        if fnmatch.fnmatchcase(name, pattern) or fnmatch.fnmatchcase(path, pattern):
            return publisher
    return None


def _markdown_lines(text: str, first_line: int, *, has_title: bool) -> list[Line]:
    """Turn a Markdown body into reader lines: one chunk per block, headings marked."""
    lines: list[Line] = []
    for index, block in enumerate(markdown_blocks(text)):
        number = first_line + block.line
        if block.kind == "image":
            lines.append(Line(number, f"Image caption, {block.text}", index))
        elif not lines and not has_title and block.kind == "paragraph" and "\n" in block.text:
            # Without front matter or a heading, the first source line is the title.
            title, rest = block.text.split("\n", 1)
            lines.append(Line(number, title, index))
            lines.append(Line(number + 1, " ".join(rest.split("\n")), index))
        else:
            lines.append(Line(number, " ".join(block.text.split("\n")), index, heading=block.kind == "heading"))
    return lines


def _read_html(text: str, path: str, options: ReadOptions, matcher: BoilerplateMatcher) -> PlainArticle:
    """Read a saved web page: trafilatura finds the text and metadata, the plain reader the rest."""
    page = read_web_page(text, path)
    blocks = list(page.blocks)
    title = page.title
    if title is None and blocks:
        title = blocks.pop(0)[1]
    if title is None:
        raise SeedError(Problem(file=path, message="is a web page without a title", expected="a <title> or <h1>"))
    lines = [Line(1, block, index, heading=kind == "heading") for index, (kind, block) in enumerate(blocks)]
    plain = read_lines(lines, path, options, matcher, title=title)
    published = parse_date(page.date_text, options) if page.date_text else None
    return dataclasses.replace(
        plain,
        byline=page.authors or plain.byline,
        published=published or plain.published,
        source=page.source,
        url=page.url,
    )
