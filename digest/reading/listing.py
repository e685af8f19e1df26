"""Finding seed files in the seeds folder."""

from __future__ import annotations

import os
from pathlib import Path

from digest.model import Problem
from digest.reading.options import ReadOptions

SEED_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".html", ".htm"})


def list_seeds(seeds_dir: Path, options: ReadOptions) -> tuple[tuple[Path, ...], tuple[Problem, ...]]:
    """Return the seed files under seeds_dir in sorted order, and warnings about files skipped."""
    root = seeds_dir.resolve()
    found: list[Path] = []
    problems: list[Problem] = []
    for folder, dirs, files in os.walk(seeds_dir, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(folder) / name
            shown = _shown(path, seeds_dir)
            if name.startswith(".") or path.suffix.lower() not in SEED_SUFFIXES:
                if not name.startswith(".") and path.suffix.lower() in {".pdf", ".doc", ".docx", ".rtf"}:
                    problems.append(
                        Problem(
                            file=shown,
                            message="skipped: not a seed type",
                            expected="a .txt, .md, .markdown, .html or .htm file",
                        )
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
