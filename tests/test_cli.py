"""The command line: exit codes, error format, extract --json contract."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from digest import __version__

from .conftest import DIGEST, SAMPLE, digest_env, run_digest


def test_version() -> None:
    done = run_digest("--version")
    assert done.returncode == 0 and done.stdout.strip() == f"digest {__version__}"


def test_usage_error_exits_2() -> None:
    assert run_digest("frobnicate").returncode == 2
    assert run_digest().returncode == 2


def test_extract_json_contract() -> None:
    done = run_digest("extract", "--json", str(SAMPLE), "no/such/file.txt")
    assert done.returncode == 0, done.stderr
    sample, missing = json.loads(done.stdout)
    for key in ("path", "slug", "title", "published", "byline", "dateline", "highlights", "summary",
                "paragraphs", "quotes", "people", "warnings"):
        assert key in sample, key
    assert isinstance(sample["summary"], list) and sample["summary"]
    for quote in sample["quotes"]:
        assert set(quote) >= {"text", "speaker", "speaker_role", "kind", "paragraph", "start", "end"}
        assert sample["paragraphs"][quote["paragraph"]][quote["start"]:quote["end"]] == quote["text"]
        assert quote["kind"] in ("direct", "partial")
    for person in sample["people"]:
        assert set(person) >= {"name", "aliases", "roles", "mentions", "quoted"}
    assert missing["path"] == "no/such/file.txt" and "error" in missing


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("per_page: ten\n", "error: site.yml:1: 'per_page' has an invalid value 'ten' (a positive whole number)"),
        ("title: [unclosed\n", "error: site.yml:2: YAML syntax error"),
        ("base_url: ftp:/x\n", "error: site.yml:1: 'base_url' has an invalid value"),
    ],
)
def test_bad_site_yml_exits_1_with_file_and_line(project: Path, text: str, expected: str) -> None:
    (project / "site.yml").write_text(text, encoding="utf-8")
    done = run_digest("build", cwd=project)
    assert done.returncode == 1
    assert expected in done.stderr
    assert not (project / "_site").exists()


def test_unknown_key_warns_and_strict_fails(project: Path) -> None:
    with (project / "site.yml").open("a", encoding="utf-8") as f:
        f.write("per_pag: 3\n")
    done = run_digest("build", cwd=project)
    assert done.returncode == 0, done.stderr
    assert "warning: site.yml:5: unknown key 'per_pag' (did you mean 'per_page'?)" in done.stderr
    assert run_digest("build", "--strict", cwd=project).returncode == 1


def test_check_writes_nothing(project: Path) -> None:
    done = run_digest("check", cwd=project)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("ok: 1 articles")
    assert not (project / "_site").exists()


@pytest.mark.parametrize("port", ["70000", "-1"])
def test_serve_port_out_of_range_is_a_usage_error(port: str, tmp_path: Path) -> None:
    done = run_digest("serve", "--config", str(tmp_path / "site.yml"), "--port", port, cwd=tmp_path)
    assert done.returncode == 2
    assert "--port" in done.stderr and "0 to 65535" in done.stderr
    assert "serving" not in done.stdout


def test_extract_into_a_reader_that_stops_early_ends_quietly(tmp_path: Path) -> None:
    """`digest extract … | head` must not end in a BrokenPipeError traceback."""
    with subprocess.Popen([*DIGEST, "extract", "--json", *[str(SAMPLE)] * 40], cwd=tmp_path, env=digest_env(),
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        assert proc.stdout.read(10) == b'[\n {\n  "pa'
        proc.stdout.close()  # what `head` does once it has read enough
        errors = proc.stderr.read().decode()
        code = proc.wait(timeout=120)
    assert "Traceback" not in errors, errors
    assert code == 1


@pytest.mark.parametrize("command", ["build", "check", "serve"])
def test_a_config_file_named_but_missing_is_an_error(project: Path, command: str) -> None:
    done = run_digest(command, "--config", "sitee.yml", cwd=project, timeout=60)
    assert done.returncode == 1
    assert "error: sitee.yml: not found (the site.yml to use; without --config, ./site.yml)" in done.stderr
    assert not (project / "_site").exists()
