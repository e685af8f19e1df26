"""Command line: `digest build|serve|check|extract`; the only place errors become messages and exit codes."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from digest import __version__
from digest.build import Builder, extract_options, gather_site
from digest.clock import iso_or_none
from digest.config import load_config
from digest.errors import ConfigError, DigestError, SeedError
from digest.model import Article, Problem
from digest.progress import Progress, summary_lines
from digest.reading import read_seed

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
"""Exit codes; argparse itself exits with EXIT_USAGE on a bad command line."""


def _report(problems: Sequence[Problem], label: str) -> None:
    for problem in problems:
        print(f"{label}: {problem}", file=sys.stderr)


def article_json(article: Article) -> dict[str, Any]:
    """Return the `extract --json` object of one article."""
    seed = article.seed
    return {
        "path": seed.path,
        "slug": seed.slug,
        "title": seed.title,
        "published": iso_or_none(seed.published),
        "updated": iso_or_none(seed.updated),
        "byline": list(seed.byline),
        "dateline": seed.dateline,
        "agency": seed.agency,
        "source": seed.source,
        "url": seed.url,
        "caption": {"text": seed.caption.text, "credit": seed.caption.credit} if seed.caption else None,
        "highlights": list(seed.highlights),
        "subheadings": [b.text for b in seed.body if b.kind == "subheading"],
        "tags": list(seed.tags),
        "draft": seed.draft,
        "summary": list(article.summary),
        "paragraphs": list(seed.paragraphs),
        "quotes": [
            {
                "text": q.text,
                "speaker": q.speaker,
                "speaker_role": q.speaker_role,
                "speaker_is_organisation": q.speaker_is_organisation,
                "kind": q.kind,
                "paragraph": q.paragraph,
                "start": q.start,
                "end": q.end,
            }
            for q in article.quotes
        ],
        "people": [
            {
                "name": p.name,
                "aliases": list(p.aliases),
                "roles": list(p.roles),
                "mentions": len(p.mentions),
                "quoted": p.quoted,
            }
            for p in article.people
        ],
        "warnings": [str(p) for p in article.problems],
    }


def config_path(args: argparse.Namespace) -> Path:
    """Return the site.yml to use: the file --config names, which must exist, else ./site.yml if there is one."""
    if args.config is None:
        return Path("site.yml")  # absent: the defaults, with the current folder as the project
    path = Path(args.config)
    if not path.exists():  # a mistyped name must not build the defaults from the current folder
        raise ConfigError(Problem(str(path), "not found", None, "the site.yml to use; without --config, ./site.yml"))
    return path


def cmd_extract(args: argparse.Namespace) -> int:
    """Print the extraction of each file as a JSON array; a file that fails gets an `error` object."""
    from digest.extract import extract_article  # imported here: a no-op rebuild never loads the extractors

    config, _ = load_config(config_path(args))  # its warnings are not extraction's: JSON only on stdout
    read_options = config.read_options()
    options = extract_options(config)
    items: list[dict[str, Any]] = []
    for name in args.files:
        try:
            seed = read_seed(Path(name), read_options)
        except SeedError as exc:
            items.append({"path": name, "error": "; ".join(str(p) for p in exc.problems)})
            continue
        items.append(article_json(extract_article(seed, options)))
    json.dump(items, sys.stdout, ensure_ascii=False, indent=1 if args.json else None)
    sys.stdout.write("\n")
    return EXIT_OK


def cmd_build(args: argparse.Namespace) -> int:
    """Build the site (a progress bar on a terminal) and print the summary."""
    started = time.perf_counter()
    result = Builder(config_path(args), out=Path(args.out) if args.out else None, drafts=args.drafts,
                     base_url=args.base_url, jobs=args.jobs, progress=Progress(sys.stderr)).build()
    _report(result.problems, "warning")
    print("\n".join(summary_lines(result, time.perf_counter() - started)))
    if args.strict and result.problems:
        count = len(result.problems)
        print(f"error: {count} warning{'' if count == 1 else 's'} with --strict", file=sys.stderr)
        return EXIT_ERROR
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    """Validate config and seeds without writing anything."""
    config, config_problems = load_config(config_path(args))
    site, problems = gather_site(config, drafts=args.drafts)
    every = (*config_problems, *problems)
    _report(every, "warning")
    print(f"ok: {len(site.articles)} articles, {len(site.people)} people, {len(every)} warnings")
    return EXIT_ERROR if args.strict and every else EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the site with live reload."""
    from digest.serve import serve  # imported here: livereload and tornado are only needed for serving

    return serve(config_path(args), host=args.host, port=args.port, drafts=args.drafts, open_browser=args.open,
                 search=args.search)


def port_number(text: str) -> int:
    """Return the --port value: a TCP port from 0 (any free port) to 65535."""
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:  # checked here: the socket layer would silently serve 70000 at 4464
        raise argparse.ArgumentTypeError(f"{text!r} is not a port: expected a whole number from 0 to 65535")
    return port


def make_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the `digest` command."""
    parser = argparse.ArgumentParser(prog="digest", description="Turn news articles into a static digest site.")
    parser.add_argument("--version", action="version", version=f"digest {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    def common(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--config", help="site configuration (default: site.yml if present)")
        sub.add_argument("--drafts", action="store_true", help="include seeds marked draft: true")

    build_cmd = commands.add_parser("build", help="build the site")
    common(build_cmd)
    build_cmd.add_argument("--out", help="output folder (default: output_dir of site.yml)")
    build_cmd.add_argument("--strict", action="store_true", help="fail (exit 1) on any warning")
    build_cmd.add_argument("--base-url", help="override base_url of site.yml (e.g. from GitHub Pages)")
    build_cmd.add_argument("--jobs", "-j", type=int, default=None,
                           help="processes for extraction (default: the number of CPUs; 1 = no pool)")
    build_cmd.set_defaults(run=cmd_build)

    check_cmd = commands.add_parser("check", help="validate config and seeds, write nothing")
    common(check_cmd)
    check_cmd.add_argument("--strict", action="store_true", help="fail (exit 1) on any warning")
    check_cmd.set_defaults(run=cmd_check)

    serve_cmd = commands.add_parser("serve", help="preview the site with live reload")
    common(serve_cmd)
    serve_cmd.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    serve_cmd.add_argument("--port", type=port_number, default=8000, help="port to listen on (default: 8000)")
    serve_cmd.add_argument("--open", action="store_true", help="open the site in a browser once built")
    serve_cmd.add_argument("--search", action="store_true",
                           help="build the search index too, on every save (slow on big sites)")
    serve_cmd.set_defaults(run=cmd_serve)

    extract_cmd = commands.add_parser("extract", help="print what extraction finds in seed files")
    extract_cmd.add_argument("--json", action="store_true", help="print JSON (the only format)")
    extract_cmd.add_argument("--config", help="site configuration (default: site.yml if present)")
    extract_cmd.add_argument("files", nargs="+")
    extract_cmd.set_defaults(run=cmd_extract)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return the exit code."""
    args = make_parser().parse_args(argv)
    try:
        code: int = args.run(args)
    except DigestError as exc:
        _report(exc.problems, "error")
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader of stdout left (`digest extract … | head`): point stdout at /dev/null so that the flush at
        # exit does not fail again, and end without a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_ERROR
    return code
