"""The one error hierarchy of digest; only the CLI turns these into messages and exit codes."""

from __future__ import annotations

from collections.abc import Sequence

from digest.model import Problem


class DigestError(Exception):
    """Base of every error digest reports to the user; carries one or more problems."""

    def __init__(self, problems: Sequence[Problem] | Problem) -> None:
        self.problems: tuple[Problem, ...] = (
            (problems,) if isinstance(problems, Problem) else tuple(problems)
        )
        super().__init__("\n".join(str(p) for p in self.problems))


class ConfigError(DigestError):
    """site.yml (or another configuration file) is invalid."""


class SeedError(DigestError):
    """A seed file cannot be read as an article."""


class ContentError(DigestError):
    """A file under content/ (person profile, page) is invalid."""


class TemplateError(DigestError):
    """A template is missing or fails to render."""


class OutputError(DigestError):
    """The site cannot be written where it was asked to go."""
