"""Markdown bodies read with markdown-it-py (js-default preset) into plain-text blocks."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from markdown_it import MarkdownIt
from markdown_it.token import Token

_TAG = re.compile(r"</?[A-Za-z][^<>\n]{0,200}>")
# js-default: raw HTML off, links checked; what a user typed is never trusted as markup.
_PARSER = MarkdownIt("js-default")


@dataclass(frozen=True, slots=True)
class MarkdownBlock:
    """One block of a Markdown body as plain text."""

    kind: Literal["heading", "paragraph", "image"]
    text: str
    """Plain text; the source's line breaks inside the block are kept as "\\n"."""
    line: int
    """0-based line of the block in the Markdown source."""


def markdown_blocks(text: str) -> tuple[MarkdownBlock, ...]:
    """Parse Markdown safely and return its headings, paragraphs and image alt texts as plain text."""
    blocks: list[MarkdownBlock] = []
    kind: Literal["heading", "paragraph"] = "paragraph"
    for token in _PARSER.parse(text):
        line = token.map[0] if token.map else 0
        if token.type == "heading_open":
            kind = "heading"
        elif token.type == "paragraph_open":
            kind = "paragraph"
        elif token.type == "inline":
            for image in (c for c in token.children or () if c.type == "image"):
                alt = _inline_text(image.children or [])
                if alt:
                    blocks.append(MarkdownBlock("image", alt, line))
            plain = _inline_text(token.children or [])
            if plain:
                blocks.append(MarkdownBlock(kind, plain, line))
        elif token.type in ("fence", "code_block"):
            code = "\n".join(" ".join(row.split()) for row in token.content.split("\n") if row.strip())
            if code:
                blocks.append(MarkdownBlock("paragraph", code, line))
    return tuple(blocks)


def _inline_text(children: list[Token]) -> str:
    """Join the text of inline tokens; markup and raw HTML tags are left out."""
    parts: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
    text = _TAG.sub("", "".join(parts))
    return "\n".join(" ".join(row.split()) for row in text.split("\n") if row.strip())
