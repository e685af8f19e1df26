"""Hostile and broken input: the build survives, warns per bad file, and publishes no markup it was handed."""

from __future__ import annotations

import random
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import html5lib
import pytest

from digest.build import build

from .conftest import DIGEST, REPO, digest_env, run_digest

SAMPLE_TEXT = (REPO / "seeds" / "000_9eb9dd2366d7895b.txt").read_bytes()

HOSTILE_SEEDS: dict[str, bytes] = {
    "empty.txt": b"",
    "blank.txt": b"   \n\n \t \n",
    "titleonly.txt": b"Just a title\n",
    "noblank.txt": b'A title here\nFirst paragraph straight after, "with a quote," said John Smith.\nSecond line.\n',
    "binary.txt": bytes(range(256)) * 50,
    "badutf8.txt": b"Bad bytes \xff\xfe title\n\nSome text \xc3\x28 here and \xa0 there.\n",
    "nul.txt": b"Nul title\x00\n\nBody\x00 text with NUL.\n",
    "longline.txt": b"Long line title\n\n" + b"word " * 200_000,
    "quotes.txt": b"Many quotes\n\n" + b'"' * 5000 + b"\n\n" + "\u201c".encode() * 3000,
    "nested.txt": (
        b"Nested\n\n\"He said 'she said \"they said 'we said \"deep\" now' ok\" fine' end,\" said John Smith.\n"
    ),
    "with space.txt": b"Spaced name\n\nA story in a file with spaces.\n",
    "uni\u00e9\u0436.txt": "Unicode name \u0436\n\nA story in a Unicode-named file.\n".encode(),
    "new\nline.txt": b"Newline name\n\nA story in a file whose name has a newline.\n",
    "dup1.txt": b"Same slug title\n\nFirst story with this title.\n",
    "dup2.txt": b"Same slug title\n\nSecond, different story with this title.\n",
    "twice.txt": SAMPLE_TEXT,
    "xss.md": b"""---
title: '<script>alert(1)</script> "><img src=x onerror=alert(2)>'
author: '<script>alert(3)</script>'
url: 'javascript:alert(4)'
source: '<b onclick=alert(5)>Evil</b>'
---
<script>alert(5)</script>

[click](javascript:alert(6)) and ![img](data:text/html;base64,PHNjcmlwdD4=)

"<script>alert(7)</script> is a quote," said John <img src=x onerror=alert(8)> Smith.
""",
    "xss.txt": (
        b"<script>alert(9)</script> title\n\nBy <script>alert(10)</script>\n\n"
        b"File photo of <img src=x onerror=alert(11)>. Photograph:( <script>x</script> )\n\n"
        b'"<script>alert(12)</script>," said Jane <b onmouseover=alert(13)>Doe</b>.\n'
    ),
    "badyaml.md": b"---\ntitle: [unclosed\ndate: x\n---\nBody\n",
    "bomb.md": (
        b'---\na: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n'
        b"c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\ntitle: Bomb\n---\nBody\n"
    ),
    "types.md": b"---\ntitle: 42\ntags: 5\ndraft: maybe\n---\nBody text.\n",
    "slug.md": b"---\ntitle: Slug escape\nslug: ../../x\n---\nBody text here.\n",
}
# files that must each get a warning naming them
WARNED = ("empty.txt", "blank.txt", "titleonly.txt", "binary.txt", "badutf8.txt", "twice.txt", "badyaml.md",
          "bomb.md", "types.md", "huge.txt", "outside.txt", "xss.md")


def add_hostile_seeds(seeds: Path) -> None:
    """Write every hostile seed, a 20 MB file and a symlink leaving the seeds folder."""
    for name, data in HOSTILE_SEEDS.items():
        (seeds / name).write_bytes(data)
    with (seeds / "huge.txt").open("wb") as f:
        f.write(b"Huge\n\n")
        f.truncate(20 * 1024 * 1024)
    outside = seeds.parent / "secret.txt"
    outside.write_text("Secret\n\nNot for publication.\n", encoding="utf-8")
    (seeds / "outside.txt").symlink_to(outside)


def elements(path: Path) -> Iterator[tuple[str, dict[str, str]]]:
    """Yield (tag, attributes) of every element of an HTML page, as a browser would parse it."""
    tree = html5lib.parse(path.read_bytes(), namespaceHTMLElements=False)
    for element in tree.iter():
        if isinstance(element.tag, str):
            yield element.tag, dict(element.attrib)


@pytest.fixture
def hostile_project(project: Path) -> Path:
    add_hostile_seeds(project / "seeds")
    return project


def test_hostile_seeds_build_with_one_warning_per_bad_file(hostile_project: Path) -> None:
    result = build(hostile_project / "site.yml")
    messages = [str(p) for p in result.problems]
    for name in WARNED:
        assert any(name in m for m in messages), f"no warning names {name}: {messages}"
    site = result.output
    sample = site / "articles" / "russian-opposition-leaders-meet-in-brussels-fail-to-unite-against-putin-heres"
    assert sample.is_dir()
    assert sum(1 for a in result.site.articles if a.seed.path.endswith("000_9eb9dd2366d7895b.txt")) == 1
    assert not (site / "articles" / "secret").exists()
    names = {a.seed.path.rsplit("/", 1)[-1] for a in result.site.articles}
    assert {"with space.txt", "uni\u00e9\u0436.txt", "new\nline.txt", "dup1.txt", "dup2.txt", "slug.md"} <= names
    slugs = [a.slug for a in result.site.articles]
    assert len(slugs) == len(set(slugs))
    assert all("/" not in s and ".." not in s for s in slugs)


def test_no_markup_from_the_input_reaches_a_page(hostile_project: Path) -> None:
    site = build(hostile_project / "site.yml").output
    pages = list(site.rglob("*.html"))
    assert pages
    for page in pages:
        for tag, attrs in elements(page):
            assert tag not in ("img", "b", "iframe", "object", "embed"), f"{page}: <{tag}> from input"
            if tag == "script":
                assert attrs.get("type") == "application/ld+json", f"{page}: script element {attrs}"
            for name, value in attrs.items():
                assert not name.startswith("on"), f"{page}: event handler {name}={value}"
                if name in ("href", "src", "action"):
                    assert not value.strip().lower().startswith(("javascript:", "data:")), f"{page}: {value}"


def test_strict_turns_warnings_into_exit_1(hostile_project: Path) -> None:
    assert run_digest("build", cwd=hostile_project).returncode == 0
    done = run_digest("build", "--strict", cwd=hostile_project)
    assert done.returncode == 1
    assert "warning:" in done.stderr and "binary.txt" in done.stderr


def test_seeds_dir_that_is_a_file_is_a_clear_error(project: Path) -> None:
    with (project / "site.yml").open("a", encoding="utf-8") as f:
        f.write("seeds_dir: site.yml\n")
    done = run_digest("build", cwd=project)
    assert done.returncode == 1 and "site.yml" in done.stderr


def test_missing_template_names_the_template(project: Path) -> None:
    (project / "templates" / "person.html").unlink()
    done = run_digest("build", cwd=project)
    assert done.returncode == 1
    assert "person.html" in done.stderr and "error:" in done.stderr


def test_undefined_template_variable_names_template_and_line(project: Path) -> None:
    page = project / "templates" / "404.html"
    lines = page.read_text(encoding="utf-8").splitlines()
    lines.insert(2, "{{ no_such_variable }}")
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = run_digest("build", cwd=project)
    assert done.returncode == 1
    assert "404.html:3:" in done.stderr and "no_such_variable" in done.stderr


def test_template_syntax_error_names_template_and_line(project: Path) -> None:
    (project / "templates" / "404.html").write_text("line one\n{% if %}\n", encoding="utf-8")
    done = run_digest("build", cwd=project)
    assert done.returncode == 1 and "404.html:2:" in done.stderr


def snapshot(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*") if p.is_file()}


@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGINT])
def test_interrupted_builds_leave_a_complete_old_or_new_site(
    project: Path, signum: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # killed and reference builds agree on the time
    seeds = project / "seeds"
    text = SAMPLE_TEXT.decode("utf-8")
    for n in range(60):
        (seeds / f"copy{n:02}.txt").write_text(
            text.replace("Russian opposition leaders", f"Opposition group {n}", 1) + f"\n\nParagraph {n}.\n",
            encoding="utf-8")
    site = build(project / "site.yml").output
    old = snapshot(site)
    (seeds / "copy00.txt").write_text("A changed story\n\nSomething else happened.\n", encoding="utf-8")
    rng = random.Random(7)
    rounds = 20 if signum == signal.SIGKILL else 5
    outcomes = set()
    for _ in range(rounds):
        proc = subprocess.Popen([*DIGEST, "build", "--jobs", "1"], cwd=project, env=digest_env(),
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.05, 2.5))
        proc.send_signal(signum)
        proc.wait(timeout=60)
        now = snapshot(site)
        if now == old:
            outcomes.add("old")
        else:
            fresh = build(project / "site.yml", out=project / "reference").output
            assert now == snapshot(fresh), "the site is neither the old one nor a complete new one"
            outcomes.add("new")
            old = now
    leftovers = [p.name for p in project.iterdir() if p.name.startswith("._site.tmp")]
    build(project / "site.yml")
    assert not [p.name for p in project.iterdir() if p.name.startswith("._site.tmp")], leftovers
    assert outcomes
