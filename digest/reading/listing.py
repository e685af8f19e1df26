"""Finding seed files in the seeds folder."""

from __future__ import annotations

import os
from pathlib import Path

from digest.model import Problem
from digest.reading.options import ReadOptions

SEED_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".html", ".htm"})
_DOCUMENT_SUFFIXES = frozenset({".pdf", ".doc", ".docx", ".rtf", ".odt"})
"""Files an editor may have dropped in by mistake: worth a warning, unlike images or notes."""
_SEED_TYPES = "a folder of .txt, .md, .markdown, .html or .htm files"


def list_seeds(seeds_dir: Path, options: ReadOptions) -> tuple[tuple[Path, ...], tuple[Problem, ...]]:
    """Return the seed files under seeds_dir in sorted order, and warnings about files skipped."""
    root = seeds_dir.resolve()
    found: list[Path] = []
    problems: list[Problem] = []
    if not seeds_dir.is_dir():
        return (), (Problem(file=_shown(seeds_dir, seeds_dir), message="seeds folder not found", expected=_SEED_TYPES),)
    for folder, dirs, files in os.walk(seeds_dir, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(folder) / name
            shown = _shown(path, seeds_dir)
            suffix = path.suffix.lower()
            if suffix not in SEED_SUFFIXES:
                if suffix in _DOCUMENT_SUFFIXES and not name.startswith("."):
                    problems.append(Problem(file=shown, message="skipped: not a seed type", expected=_SEED_TYPES))
                continue
            if name.startswith("."):
                problems.append(
                    Problem(file=shown, message="skipped: hidden file", expected="a name not starting with '.'")
                )
                continue
            problem = _skip_reason(path, root, shown, options)
            if problem is not None:
                problems.append(problem)
            else:
                found.append(path)
    found.sort(key=lambda p: p.relative_to(seeds_dir).as_posix())
    return tuple(found), tuple(problems)


def _skip_reason(path: Path, root: Path, shown: str, options: ReadOptions) -> Problem | None:
    """Return why a candidate seed is skipped, or None when it is read."""
    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):
            return Problem(file=shown, message="skipped: broken symbolic link")
        if not target.is_relative_to(root):
            return Problem(
                file=shown,
                message="skipped: symbolic link points outside the seeds folder",
                expected=f"a file inside {root}",
            )
    try:
        size = path.stat().st_size
    except OSError as err:
        return Problem(file=shown, message=f"skipped: cannot be read ({err.strerror})")
    if not path.is_file():
        return Problem(file=shown, message="skipped: not a regular file")
    if size > options.max_seed_bytes:
        return Problem(
            file=shown,
            message=f"skipped: {size:,} bytes is more than max_seed_bytes",
            expected=f"at most {options.max_seed_bytes:,} bytes",
        )
    return None


def _shown(path: Path, seeds_dir: Path) -> str:
    """Return the path as the user would type it: relative to the folder holding the seeds folder."""
    try:
        return path.relative_to(seeds_dir.parent).as_posix()
    except ValueError:
        return path.as_posix()
