"""Safe YAML and YAML front matter: split off a Markdown text, loaded without anchors or aliases, keys with lines.

Every reader of YAML (site.yml, content/*.md, Markdown seeds) goes through here, so all refuse the same things.
Errors are raised as the caller's own type (ConfigError, ContentError, SeedError), with the line in the file.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import yaml

from digest.errors import ContentError, DigestError
from digest.model import Problem

MAX_YAML_BYTES = 65_536
"""Most bytes of YAML read from one file: no setting or front matter needs more."""
FRONT_MATTER_LINE = 2
"""Line of the file where front matter starts: just below its opening `---`."""
Parsed = TypeVar("Parsed")
"""What one Markdown file of a content folder is parsed into (a Page, a person profile)."""
_OPENING = re.compile(r"---[ \t]*\r?\n")
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)


def load_yaml(
    text: str, file: str, error: type[DigestError], first_line: int = 1, *, invalid: str = "YAML syntax error"
) -> tuple[Any, dict[tuple[str, ...], int]]:
    """Parse YAML safely and return the data with the line of every mapping key path.

    `first_line` is the line of the file where `text` starts. Anchors, aliases, a key given twice and more than
    MAX_YAML_BYTES raise `error` with the line in the file; `invalid` starts the message of a syntax error.
    """
    if len(text.encode("utf-8")) > MAX_YAML_BYTES:
        raise error(Problem(file, "YAML is too large", first_line, f"at most {MAX_YAML_BYTES:,} bytes of YAML"))
    try:
        # Anchors and aliases are refused before anything is built: they are what
        # "billion laughs" bombs are made of, and no setting or front matter needs them.
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if isinstance(token, (yaml.AnchorToken, yaml.AliasToken)):
                line = token.start_mark.line + first_line
                message = "YAML anchor or alias found: anchors and aliases are not allowed"
                raise error(Problem(file, message, line, "plain values without & or *"))
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + first_line if mark else first_line
        raise error(Problem(file, f"{invalid}: {exc.problem}", line, "valid YAML")) from exc
    except yaml.YAMLError as exc:
        raise error(Problem(file, f"{invalid}: {exc}", first_line, "valid YAML")) from exc
    lines: dict[tuple[str, ...], int] = {}
    twice: list[Problem] = []  # YAML keeps the last of two equal keys without a word: say so instead

    def walk(n: yaml.Node | None, prefix: tuple[str, ...]) -> None:
        if isinstance(n, yaml.MappingNode):
            for key, value in n.value:
                path = (*prefix, str(key.value))
                line = key.start_mark.line + first_line
                if path in lines:
                    twice.append(Problem(file, f"'{'.'.join(path)}' is given twice", line,
                                         f"once, here or on line {lines[path]}"))
                else:
                    lines[path] = line
                walk(value, path)

    walk(node, ())
    if twice:
        raise error(twice)
    return data, lines


def split_front_matter(
    text: str, file: str, error: type[DigestError], *, required_closing: bool = True
) -> tuple[str | None, str, int]:
    """Return (YAML text or None, body, line of the file where the body starts) of a text.

    Front matter opens with a `---` line and closes with a `---` (or `...`) line. Left open, it raises `error`
    unless `required_closing` is off (plain text may just start with a rule line).
    """
    text = text.removeprefix("\ufeff")  # a byte-order mark, as some editors save, is no text of the file
    opening = _OPENING.match(text)
    if opening is None:
        return None, text, 1
    closing = _CLOSING.search(text, opening.end())
    if closing is None and not required_closing:
        return None, text, 1
    if closing is None:
        raise error(Problem(file, "front matter is not closed", 1, "a line '---' after the YAML"))
    # The line break before the closing line belongs to it: an error found at the end of the YAML
    # is then on its last line, not on the closing `---`.
    yaml_text = text[opening.end() : closing.start()].removesuffix("\n").removesuffix("\r")
    return yaml_text, text[closing.end() + 1 :], text.count("\n", 0, closing.start()) + 2


def load_front_matter(yaml_text: str, file: str, error: type[DigestError]) -> tuple[dict[str, Any], dict[str, int]]:
    """Load front matter safely as a mapping; return it with the file line of each top-level key."""
    data, lines = load_yaml(yaml_text, file, error, FRONT_MATTER_LINE, invalid="front matter is not valid YAML")
    if data is None:
        return {}, {}
    if not isinstance(data, dict):
        raise error(Problem(file, "front matter must be a mapping", FRONT_MATTER_LINE, "key: value lines"))
    key_lines = {path[0]: line for path, line in lines.items() if len(path) == 1}
    return {str(k): v for k, v in data.items()}, key_lines


def read_front_matter(
    text: str, file: str, error: type[DigestError]
) -> tuple[dict[str, Any], str, dict[str, int]]:
    """Return (front matter, body, file line of each front-matter key) of a Markdown text."""
    yaml_text, body, _ = split_front_matter(text, file, error)
    if yaml_text is None:
        return {}, body, {}
    meta, key_lines = load_front_matter(yaml_text, file, error)
    return meta, body, key_lines


def load_markdown_folder(
    folder: Path, parse: Callable[[str, Path], tuple[Parsed, tuple[Problem, ...]]]
) -> tuple[tuple[Parsed, ...], tuple[Problem, ...]]:
    """Parse every *.md file of a folder in name order; raise ContentError naming every bad one, return warnings."""
    if not folder.is_dir():
        return (), ()
    items: list[Parsed] = []
    warnings: list[Problem] = []
    errors: list[Problem] = []
    for path in sorted(folder.glob("*.md")):
        try:
            item, found = parse(path.read_text(encoding="utf-8"), path)
        except (OSError, UnicodeDecodeError) as exc:
            errors.append(Problem(str(path), f"cannot be read: {exc}", None, "a UTF-8 Markdown file"))
            continue
        except ContentError as exc:
            errors.extend(exc.problems)
            continue
        items.append(item)
        warnings.extend(found)
    if errors:
        raise ContentError(errors)
    return tuple(items), tuple(warnings)
