"""Markdown bodies read with markdown-it-py (js-default preset) into plain-text blocks."""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token

_TAG = re.compile(r"</?[A-Za-z][^<>\n]{0,200}>")
_PARSER = MarkdownIt("js-default")


@dataclass(frozen=True, slots=True)
class MarkdownParts:
    """Blocks of a Markdown body, its first heading and the alt text of its first image."""

    blocks: tuple[tuple[str, str], ...]
    """(kind, text) in reading order: kind is "heading", "paragraph" or "image"; source line breaks kept as "\\n"."""


def markdown_blocks(text: str) -> MarkdownParts:
    """Parse Markdown safely and return its headings, paragraphs and images as plain text."""
    tokens = _PARSER.parse(text)
    blocks: list[tuple[str, str]] = []
    kind = "paragraph"
    for token in tokens:
        if token.type == "heading_open":
            kind = "heading"
        elif token.type == "paragraph_open":
            kind = "paragraph"
        elif token.type == "inline":
            for image in (c for c in token.children or () if c.type == "image"):
                blocks.append(("image", _inline_text(image.children or [])))
            plain = _inline_text(token.children or [])
            if plain:
                blocks.append((kind, plain))
        elif token.type in ("fence", "code_block"):
            code = "\n".join(" ".join(line.split()) for line in token.content.split("\n") if line.strip())
            if code:
                blocks.append(("paragraph", code))
    return MarkdownParts(tuple(blocks))


def _inline_text(children: list[Token]) -> str:
    """Join the text of inline tokens; markup and raw HTML tags are left out."""
    parts: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
    text = _TAG.sub("", "".join(parts))
    return "\n".join(" ".join(line.split()) for line in text.split("\n") if line.strip())
