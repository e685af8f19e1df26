"""Rebuilds: unchanged files keep bytes, inode and mtime; edited seeds change their page; removed seeds vanish."""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import time
from pathlib import Path
from typing import Any

import pytest

from digest import incremental
from digest.build import Builder, BuildResult, build
from digest.incremental import RenderMemo
from digest.model import Article
from digest.render import OutputFile
from digest.write import write_site

SECOND = "A harbour reopens\n\nThe harbour of Brindle reopened on Monday after a long winter of repairs.\n"


def stamps(site: Path) -> dict[str, tuple[int, int, bytes]]:
    """Return inode, mtime and bytes of every file of a site."""
    found = {}
    for path in site.rglob("*"):
        if path.is_file():
            status = path.stat()
            found[path.relative_to(site).as_posix()] = (status.st_ino, status.st_mtime_ns, path.read_bytes())
    return found


@pytest.fixture
def two_seeds(project: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The sample project with a second, unrelated seed and a fixed build time."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    (project / "seeds" / "harbour.txt").write_text(SECOND, encoding="utf-8")
    return project


def article_pages(site: Path) -> set[str]:
    return {p.parent.name for p in (site / "articles").glob("*/index.html")}


def test_a_no_op_rebuild_writes_nothing(two_seeds: Path) -> None:
    first = build(two_seeds / "site.yml")
    before = stamps(first.output)
    again = build(two_seeds / "site.yml")
    assert again.skipped and again.written == 0 and again.extracted == 0
    assert again.files == first.files == len(before)
    assert stamps(first.output) == before
    assert len(again.site.articles) == 2, "the site of a skipped build is still there when asked for"


def test_an_edited_seed_changes_its_page_and_leaves_unrelated_files_untouched(two_seeds: Path) -> None:
    site = build(two_seeds / "site.yml").output
    before = stamps(site)
    (two_seeds / "seeds" / "harbour.txt").write_text(SECOND + "\nThe mayor cut a ribbon at noon.\n",
                                                      encoding="utf-8")
    result = build(two_seeds / "site.yml")
    after = stamps(site)
    assert result.extracted == 1 and result.cached == 1
    page = next(p for p in after if p.startswith("articles/a-harbour-reopens"))
    assert b"ribbon" in after[page][2] and b"ribbon" not in before[page][2]
    sample_page = next(p for p in after if p.startswith("articles/") and "harbour" not in p)
    for unchanged in (sample_page, "style.css", "404.html", "robots.txt"):
        assert after[unchanged] == before[unchanged], unchanged
    assert result.unchanged == sum(1 for p in after if after[p] == before.get(p))
    assert result.written == len(after) - result.unchanged
    assert 0 < result.written < len(after)


def test_a_removed_seed_loses_its_page(two_seeds: Path) -> None:
    site = build(two_seeds / "site.yml").output
    assert len(article_pages(site)) == 2
    before = stamps(site)
    (two_seeds / "seeds" / "harbour.txt").unlink()
    result = build(two_seeds / "site.yml")
    assert len(article_pages(site)) == 1 and not any("harbour" in p for p in stamps(site))
    assert result.removed >= 1
    assert stamps(site)["style.css"] == before["style.css"]


def test_a_template_edit_rerenders_only_the_pages_using_it(two_seeds: Path) -> None:
    site = build(two_seeds / "site.yml").output
    before = stamps(site)
    template = two_seeds / "templates" / "404.html"
    template.write_text(template.read_text(encoding="utf-8").replace("</h1>", " (edited)</h1>", 1),
                        encoding="utf-8")
    result = build(two_seeds / "site.yml")
    assert not result.skipped and result.extracted == 0
    after = stamps(site)
    assert b"(edited)" in after["404.html"][2]
    assert [p for p in after if after[p] != before.get(p)] == ["404.html"]
    assert result.reused > 0


def test_a_base_template_edit_reaches_every_page(two_seeds: Path) -> None:
    site = build(two_seeds / "site.yml").output
    template = two_seeds / "templates" / "base.html"
    template.write_text(template.read_text(encoding="utf-8").replace("<body", "<!-- edited -->\n<body", 1),
                        encoding="utf-8")
    build(two_seeds / "site.yml")
    pages = [p for p in stamps(site) if p.endswith(".html")]
    assert pages and all(b"<!-- edited -->" in (site / p).read_bytes() for p in pages)
    fresh = build(two_seeds / "site.yml", out=two_seeds / "fresh")
    assert {p: s[2] for p, s in stamps(site).items()} == {p: s[2] for p, s in stamps(fresh.output).items()}


def test_a_touched_output_is_repaired(two_seeds: Path) -> None:
    site = build(two_seeds / "site.yml").output
    before = stamps(site)
    (site / "robots.txt").unlink()
    (site / "stray.html").write_text("left here by hand", encoding="utf-8")
    result = build(two_seeds / "site.yml")
    assert not result.skipped
    after = stamps(site)
    assert "stray.html" not in after and after["robots.txt"][2] == before["robots.txt"][2]
    assert after["style.css"] == before["style.css"]


def test_a_builder_remembers_extractions_between_builds(two_seeds: Path) -> None:
    builder = Builder(two_seeds / "site.yml")
    assert builder.build().extracted == 2
    shutil.rmtree(two_seeds / ".digest-cache")
    seed = two_seeds / "seeds" / "harbour.txt"
    seed.write_text(SECOND.replace("Monday", "Tuesday"), encoding="utf-8")
    result = builder.build(changed=[seed])
    assert (result.extracted, result.cached) == (1, 1)
    assert any("Tuesday" in p for a in result.site.articles for p in a.seed.paragraphs)


def test_a_builder_rereads_a_seed_it_was_not_told_about_only_when_its_stamp_changed(two_seeds: Path) -> None:
    builder = Builder(two_seeds / "site.yml")
    builder.build()
    seed = two_seeds / "seeds" / "harbour.txt"
    seed.write_text(SECOND.replace("Monday", "Friday"), encoding="utf-8")
    os.utime(seed, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
    result = builder.build(changed=[])
    assert result.extracted == 1
    assert any("Friday" in p for a in result.site.articles for p in a.seed.paragraphs)


def test_a_config_change_reaches_every_page(two_seeds: Path) -> None:
    builder = Builder(two_seeds / "site.yml")
    site = builder.build().output
    config = two_seeds / "site.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("Test Digest", "Other Digest"), encoding="utf-8")
    result = builder.build(changed=[config])
    assert result.extracted == 0 and not result.skipped
    assert all(b"Other Digest" in (site / p).read_bytes() for p in ("index.html", "404.html"))


def test_the_writer_keeps_identical_files_and_writes_nothing_when_all_are(tmp_path: Path) -> None:
    out = tmp_path / "_site"
    files = [OutputFile("index.html", b"home"), OutputFile("a/index.html", b"a"), OutputFile("b.txt", b"b")]
    first = write_site(files, out)
    assert (first.written, first.unchanged, first.removed) == (3, 0, 0)
    before = stamps(out)
    same = write_site(files, out)
    assert (same.written, same.unchanged, same.removed) == (0, 3, 0)
    assert stamps(out) == before
    changed = write_site([OutputFile("index.html", b"new home"), files[1]], out)
    assert (changed.written, changed.unchanged, changed.removed) == (1, 1, 1)
    after = stamps(out)
    assert after["a/index.html"] == before["a/index.html"] and "b.txt" not in after
    assert after["index.html"][2] == b"new home"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["._site.spare", "_site"]  # the old site is the spare


def test_pages_reused_unrendered_equal_a_full_build(two_seeds: Path) -> None:
    seeds = two_seeds / "seeds"
    sample = next(p for p in seeds.glob("*.txt") if p.name != "harbour.txt")
    text = sample.read_text(encoding="utf-8")
    for n in range(3):
        (seeds / f"copy{n}.txt").write_text(text.replace("Russian opposition", f"Opposition group {n}", 1)
                                            + f"\n\nA local detail, number {n}.\n", encoding="utf-8")
    builder = Builder(two_seeds / "site.yml")
    first = builder.build()
    assert first.reused == 0
    edits = [
        (seeds / "harbour.txt", SECOND + '\n"We will rebuild," Vladimir Putin said on Tuesday.\n'),
        (seeds / "copy1.txt", text.replace("Russian opposition", "A renamed group", 1)),
        (seeds / "copy2.txt", None),
    ]
    for path, new_text in edits:
        if new_text is None:
            path.unlink()
        else:
            path.write_text(new_text, encoding="utf-8")
        result = builder.build()
        assert 0 < result.reused < result.files
        fresh = build(two_seeds / "site.yml", out=two_seeds / f"fresh-{path.stem}")
        assert fresh.reused == 0
        ours = {p: s[2] for p, s in stamps(result.output).items()}
        assert ours == {p: s[2] for p, s in stamps(fresh.output).items()}, path.name


def test_a_large_old_site_is_removed_in_the_background(tmp_path: Path) -> None:
    from digest.write import BACKGROUND_REMOVAL

    out = tmp_path / "_site"
    many = [OutputFile(f"p/{n}.html", b"x") for n in range(BACKGROUND_REMOVAL)]
    write_site(many, out)
    result = write_site([OutputFile("index.html", b"only")], out)
    assert (result.written, result.removed) == (1, BACKGROUND_REMOVAL)
    assert [p.name for p in out.iterdir()] == ["index.html"]
    for _ in range(600):  # the detached removal finishes on its own (none here: the old site is kept as the spare)
        if sorted(p.name for p in tmp_path.iterdir()) == ["._site.spare", "_site"]:
            break
        time.sleep(0.1)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["._site.spare", "_site"]


def test_stamps_of_vanished_outputs_are_pruned(two_seeds: Path) -> None:
    build(two_seeds / "site.yml", out=two_seeds / "elsewhere")
    build(two_seeds / "site.yml")
    stamps_now = sorted((two_seeds / ".digest-cache").glob("last-build-*.json"))
    assert len(stamps_now) == 2
    shutil.rmtree(two_seeds / "elsewhere")
    (two_seeds / "seeds" / "harbour.txt").write_text(SECOND + "\nMore news.\n", encoding="utf-8")
    build(two_seeds / "site.yml")
    assert len(sorted((two_seeds / ".digest-cache").glob("last-build-*.json"))) == 1
    # the render memo and snapshot of the vanished output go with its stamp
    assert len(sorted((two_seeds / ".digest-cache").glob("render-memo-*.json"))) == 1
    assert len(sorted((two_seeds / ".digest-cache").glob("snapshot-*.pickle"))) == 1
    left = two_seeds / ".digest-cache" / "snapshot-0123456789abcdef.pickle.k1ll3d.tmp"  # a killed build's
    left.write_bytes(b"half a snapshot")
    (two_seeds / "seeds" / "harbour.txt").write_text(SECOND + "\nMore news again.\n", encoding="utf-8")
    build(two_seeds / "site.yml")
    assert not left.exists()


def test_page_records_of_another_shape_in_the_stamp_only_cost_a_full_render(two_seeds: Path) -> None:
    site = build(two_seeds / "site.yml").output
    stamp_file = next((two_seeds / ".digest-cache").glob("last-build-*.json"))
    stamp = json.loads(stamp_file.read_text(encoding="utf-8"))
    path = next(iter(stamp["pages"]))
    stamp["pages"][path][2] = [["people_by_slug", "ann-lee", "one too many"]]
    stamp["input"] = "another build"
    stamp_file.write_text(json.dumps(stamp), encoding="utf-8")
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    result = build(two_seeds / "site.yml")
    assert result.reused == 0 and result.written == 0
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before


def test_a_renamed_person_reaches_every_page_that_shows_them(two_seeds: Path) -> None:
    """Article and person pages are keyed without their views: a profile's name must still reach them."""
    builder = Builder(two_seeds / "site.yml")
    site = builder.build().output
    assert (site / "people" / "leonid-volkov" / "index.html").is_file()
    profile = two_seeds / "content" / "people" / "leonid-volkov.md"
    profile.parent.mkdir(parents=True, exist_ok=True)
    profile.write_text("---\nname: Leonid M. Volkov\n---\nAn aide.\n", encoding="utf-8")
    result = builder.build()
    assert 0 < result.reused < result.files
    article = next(p for p in (site / "articles").glob("*/index.html") if b"leonid-volkov" in p.read_bytes())
    assert b"Leonid M. Volkov" in article.read_bytes()
    fresh = build(two_seeds / "site.yml", out=two_seeds / "fresh")
    assert {p: s[2] for p, s in stamps(site).items()} == {p: s[2] for p, s in stamps(fresh.output).items()}


def test_digest_json_speakers_match_the_article_views(two_seeds: Path) -> None:
    """digest.json takes each quote's speaker page without making views; it must agree with the views."""
    from digest.article_view import view_article
    from digest.config import load_config
    from digest.render import Renderer, make_environment
    from digest.urls import Urls

    result = build(two_seeds / "site.yml")
    config, _ = load_config(two_seeds / "site.yml")
    urls = Urls(config.base_url, config.base_path)
    renderer = Renderer(result.site, config, urls, make_environment(config.path("templates_dir")))
    names = {p.slug: p.name for p in result.site.people}
    linked = 0
    for article in result.site.articles:
        view = view_article(article, urls, result.site.person_links, names)
        assert renderer.speaker_slugs(article) == tuple(q.person_slug for q in view.quotes)
        linked += sum(1 for q in view.quotes if q.person_slug)
    assert linked > 0


# A RenderMemo kept from build to build (as `digest serve` keeps its Builder) must give the very bytes of a
# fresh build after any sequence of edits.

PEOPLE = ("Marta Kellerby", "Tomas Ribeiro", "Anneli Vosk", "Devon Ashcombe", "Priya Lindqvist", "Oskar Blum",
          "Ines Farrow", "Jonah Pettigrew", "Selma Okonkwo", "Rufus Hallgren")
ROLES = ("the mayor of Brindle", "a harbour engineer", "the council treasurer", "a local shopkeeper",
         "the head teacher", "a ferry captain")
TOPICS = ("harbour", "library", "tram line", "market hall", "bridge", "school", "orchard", "ferry", "museum",
          "swimming pool")
SAYINGS = ("We will open it again in the spring", "Nobody asked the people who live here",
           "The money is already there", "It is the best news this town has had in years",
           "We need more time to check the plans", "I have never seen so many visitors")


def invented_article(rng: random.Random, number: int) -> str:
    """Return an invented story about Brindle with two or three quoted people (no corpus text)."""
    topic = rng.choice(TOPICS)
    speakers = rng.sample(PEOPLE, rng.choice((2, 3)))
    lines = [f"The {topic} of Brindle, plan {number}", "", f"Published: {1 + number % 27} June 2023", "",
             f"The council of Brindle met on Monday to talk about the {topic} and plan number {number}."]
    for speaker in speakers:
        lines += ["", f'"{rng.choice(SAYINGS)}," said {speaker}, {rng.choice(ROLES)}.']
    lines += ["", f"{speakers[0]} and {speakers[-1]} will meet again next week to discuss the {topic}."]
    return "\n".join(lines) + "\n"


def memo_build(builder: Builder, memo: RenderMemo, monkeypatch: pytest.MonkeyPatch,
               changed: list[Path] | None = None) -> BuildResult:
    """Build with `memo` handed to render_changed (instead of the one the Builder keeps)."""
    original = incremental.render_changed

    def with_memo(*args: Any, **kwargs: Any) -> Any:
        return original(*args, **{**kwargs, "memo": memo})

    with monkeypatch.context() as patch:
        patch.setattr(incremental, "render_changed", with_memo)
        return builder.build(changed=changed)


def slug_of(name: str) -> str:
    return name.lower().replace(" ", "-")


def site_bytes(site: Path) -> dict[str, bytes]:
    return {p: s[2] for p, s in stamps(site).items()}


def edit_step(rng: random.Random, project: Path, number: int) -> tuple[str, list[Path] | None]:
    """Make one random change to the project; return what it was and the seeds it changed (None: unknown)."""
    seeds = sorted((project / "seeds").glob("brindle-*.txt"))
    kind = rng.choice(("quote", "quote", "title", "date", "remove", "add", "rename", "unrename"))
    seed = rng.choice(seeds)
    text = seed.read_text(encoding="utf-8")
    if kind == "quote":
        seed.write_text(text + f'\n"{rng.choice(SAYINGS)}, step {number}," said {rng.choice(PEOPLE)}.\n',
                        encoding="utf-8")
    elif kind == "title":
        seed.write_text(text.replace("Brindle,", f"Brindle (step {number}),", 1), encoding="utf-8")
    elif kind == "date":
        seed.write_text(re.sub(r"Published: \d+", f"Published: {rng.randint(1, 28)}", text, count=1),
                        encoding="utf-8")
    elif kind == "remove":
        seed.unlink()
    elif kind == "add":
        seed = project / "seeds" / f"brindle-new-{number}.txt"
        seed.write_text(invented_article(rng, 100 + number), encoding="utf-8")
    else:
        renamed = sorted(p for p in PEOPLE if (project / "content" / "people" / f"{slug_of(p)}.md").exists())
        person = rng.choice(renamed if kind == "unrename" and renamed else PEOPLE)
        profile = project / "content" / "people" / f"{slug_of(person)}.md"
        if kind == "rename":
            profile.parent.mkdir(parents=True, exist_ok=True)
            first, last = person.split()
            profile.write_text(f"---\nname: {first} {last[0]}. {last}\n---\nA person of Brindle.\n",
                               encoding="utf-8")
        else:
            profile.unlink(missing_ok=True)
        return f"{kind} {person}", None
    return f"{kind} {seed.name}", [seed]


@pytest.mark.parametrize("seed_number", [1, 2, 3])
def test_a_memo_kept_between_builds_gives_the_bytes_of_fresh_builds(
    project: Path, monkeypatch: pytest.MonkeyPatch, seed_number: int
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    rng = random.Random(seed_number)
    for number in range(60):
        (project / "seeds" / f"brindle-{number:02}.txt").write_text(invented_article(rng, number), encoding="utf-8")
    builder, memo = Builder(project / "site.yml"), RenderMemo()
    first = memo_build(builder, memo, monkeypatch)
    assert first.people >= len(PEOPLE) and first.quotes >= 120 and memo.pages
    taken = 0
    for number in range(10):
        what, changed = edit_step(rng, project, number)
        if number % 4 == 3:  # as a new process would: a new Builder and the memo the last one saved
            memo.save(project / "memo.json")
            builder, memo = Builder(project / "site.yml"), RenderMemo.load(project / "memo.json", first.output)
            assert memo.items and not memo.pages
        result = memo_build(builder, memo, monkeypatch, changed)
        fresh = build(project / "site.yml", out=project / f"fresh-{number}")
        assert fresh.reused == 0
        assert site_bytes(result.output) == site_bytes(fresh.output), what
        taken += result.reused
    assert taken > 0


def test_a_memo_takes_pages_from_memory_and_still_repairs_a_touched_output(
    two_seeds: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    builder, memo = Builder(two_seeds / "site.yml"), RenderMemo()
    site = memo_build(builder, memo, monkeypatch).output
    before = stamps(site)
    seed = two_seeds / "seeds" / "harbour.txt"
    seed.write_text(SECOND + "\nThe mayor cut a ribbon at noon.\n", encoding="utf-8")
    page_404 = site / "404.html"
    page_404.write_bytes(b"changed by hand")  # held in memory as it was: the rebuild must put it back
    monkeypatch.setattr(incremental.MemoRenderer, "previous_bytes", lambda self, path: None)  # no reading back
    result = memo_build(builder, memo, monkeypatch, [seed])
    after = stamps(site)
    assert 0 < result.reused < result.files
    assert after["404.html"][2] == before["404.html"][2]
    unchanged = [p for p in after if after[p][:2] == before.get(p, (0, 0))[:2]]
    assert "style.css" in unchanged and any(p.startswith("people/") for p in unchanged)
    fresh = build(two_seeds / "site.yml", out=two_seeds / "fresh")
    assert site_bytes(site) == site_bytes(fresh.output)


def test_a_memo_drops_what_a_config_change_touches(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    builder, memo = Builder(project / "site.yml"), RenderMemo()
    site = memo_build(builder, memo, monkeypatch).output
    config = project / "site.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("https://example.github.io/digest/",
                                                                  "https://news.example.org/"), encoding="utf-8")
    memo_build(builder, memo, monkeypatch, [config])
    data = (site / "digest.json").read_bytes()
    assert b"news.example.org" in data and b"example.github.io" not in data
    fresh = build(project / "site.yml", out=project / "fresh")
    assert site_bytes(site) == site_bytes(fresh.output)


def test_a_saved_memo_spares_a_new_process_encoding_digest_json_again(
    two_seeds: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from digest import render, site_data

    memo, saved = RenderMemo(), two_seeds / ".digest-cache" / "render-memo.json"
    site = memo_build(Builder(two_seeds / "site.yml"), memo, monkeypatch).output
    memo.save(saved)
    loaded = RenderMemo.load(saved, site)
    assert loaded.items == memo.items and loaded.templates == memo.templates and len(loaded.items) > 2
    seed = two_seeds / "seeds" / "harbour.txt"
    seed.write_text(SECOND + '\n"We did it," said Marta Kellerby, the mayor.\n', encoding="utf-8")
    encoded: list[str] = []

    def counted(article: Article, *rest: Any) -> str:
        encoded.append(article.slug)
        return site_data.article_item(article, *rest)

    with monkeypatch.context() as patch:
        patch.setattr(render, "article_item", counted)
        result = memo_build(Builder(two_seeds / "site.yml"), loaded, monkeypatch, [seed])
    assert encoded == ["a-harbour-reopens"], "only the edited story is encoded again"
    assert result.reused > 0
    fresh = build(two_seeds / "site.yml", out=two_seeds / "fresh")
    assert site_bytes(site) == site_bytes(fresh.output)


def test_a_saved_memo_is_ignored_when_its_digest_json_changed_or_it_is_garbage(
    two_seeds: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    memo, saved = RenderMemo(), two_seeds / ".digest-cache" / "render-memo.json"
    site = memo_build(Builder(two_seeds / "site.yml"), memo, monkeypatch).output
    memo.save(saved)
    data = (site / "digest.json").read_bytes()
    (site / "digest.json").write_bytes(data.replace(b"harbour", b"HARBOUR"))
    assert RenderMemo.load(saved, site).items == {}
    assert RenderMemo.load(saved, site).templates == memo.templates
    for garbage in (b"", b"[1, 2]", b'{"format": 1, "templates": 7}', b"\xff\xfe", b'{"format": 99}'):
        saved.write_bytes(garbage)
        empty = RenderMemo.load(saved, site)
        assert (empty.items, empty.templates, empty.pages) == ({}, None, {})
    assert RenderMemo.load(two_seeds / "absent.json", site).items == {}


def test_a_page_replaced_by_a_symlink_is_not_read_back_through_it(two_seeds: Path) -> None:
    site = build(two_seeds / "site.yml").output
    page = site / "404.html"
    (two_seeds / "elsewhere.html").write_bytes(page.read_bytes().replace(b"</h1>", b" (planted)</h1>"))
    page.unlink()
    page.symlink_to(two_seeds / "elsewhere.html")
    (two_seeds / "seeds" / "harbour.txt").write_text(SECOND + "\nMore news.\n", encoding="utf-8")
    result = build(two_seeds / "site.yml")
    assert result.reused > 0 and not page.is_symlink() and b"(planted)" not in page.read_bytes()
    fresh = build(two_seeds / "site.yml", out=two_seeds / "fresh")
    assert site_bytes(site) == site_bytes(fresh.output)


def test_the_lookups_standing_for_the_whole_site_are_those_fingerprints_answer_with_the_site(
    two_seeds: Path,
) -> None:
    from digest.incremental import ARTICLE_LOOKUPS, PERSON_LOOKUPS, Fingerprints, stands_for_site

    site = build(two_seeds / "site.yml").site
    fingerprints = Fingerprints(site, {})
    article, person = site.articles[0].slug, site.people[0].slug
    names = (*ARTICLE_LOOKUPS, *PERSON_LOOKUPS, "site", "other_global")
    keys = (article, person, "absent-slug", "*", "pages", "built", "articles", "people")
    for item in ((name, key) for name in names for key in keys):
        assert stands_for_site(item) == (fingerprints.lookup(item) == fingerprints.site), item


def test_a_page_reused_unread_and_changed_before_the_writer_asks_is_made_again(
    two_seeds: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reused pages are read only when the writer asks; one changed meanwhile is rendered again, not trusted."""
    from digest import build as build_module
    from digest.render import ReusedFile

    site = build(two_seeds / "site.yml").output
    (two_seeds / "seeds" / "harbour.txt").write_text(SECOND + "\nMore news.\n", encoding="utf-8")
    tampered: list[Path] = []

    def tamper_then_write(files: Any, out: Path, **kwargs: Any) -> Any:
        files = list(files)
        lazy = [f.path for f in files if isinstance(f, ReusedFile) and not f.loaded]
        assert lazy, "pages of the last build are not read back before the writer"
        page = site / next(path for path in lazy if path.endswith("index.html"))
        page.write_bytes(page.read_bytes().replace(b"<body", b"<body data-tampered", 1))
        tampered.append(page)
        return write_site(files, out, **kwargs)

    monkeypatch.setattr(build_module, "write_site", tamper_then_write)
    result = build(two_seeds / "site.yml")
    monkeypatch.setattr(build_module, "write_site", write_site)
    assert result.reused > 0 and tampered and b"data-tampered" not in tampered[0].read_bytes()
    fresh = build(two_seeds / "site.yml", out=two_seeds / "fresh")
    assert site_bytes(site) == site_bytes(fresh.output)


def test_pages_naming_a_plain_global_follow_its_value(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`updated` is the build time when no story is dated: the feeds naming it change with it, not reused."""
    for seed in (project / "seeds").glob("*.txt"):
        seed.unlink()
    (project / "seeds" / "harbour.txt").write_text(SECOND + '\n"We are open," said Marta Kellerby.\n',
                                                   encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    site = build(project / "site.yml").output
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    result = build(project / "site.yml")
    assert result.reused > 0 and b"2027-01-15" in (site / "feed.xml").read_bytes()
    fresh = build(project / "site.yml", out=project / "fresh")
    assert site_bytes(site) == site_bytes(fresh.output)


def test_people_digests_are_taken_over_only_for_the_very_same_person_objects(two_seeds: Path) -> None:
    from dataclasses import replace as replaced

    from digest.incremental import Fingerprints

    site = build(two_seeds / "site.yml").site
    first = Fingerprints(site, {})
    assert Fingerprints(site, {}, first.person_digests).people == first.people
    bogus = {id(p): (replaced(p, name=p.name + " Jr"), "bogus") for p in site.people}
    assert Fingerprints(site, {}, bogus).people == first.people
    renamed = replaced(site, people=tuple(replaced(p, name=p.name + " Jr") for p in site.people))
    assert Fingerprints(renamed, {}, first.person_digests).people.keys() == first.people.keys()
    assert set(Fingerprints(renamed, {}, first.person_digests).people.values()).isdisjoint(first.people.values())


def test_a_reused_page_deleted_from_the_output_is_rendered_again(two_seeds: Path) -> None:
    site = build(two_seeds / "site.yml").output
    person_page = next((site / "people").glob("*/index.html"))
    person_page.unlink()
    (two_seeds / "seeds" / "harbour.txt").write_text(SECOND + "\nMore news.\n", encoding="utf-8")
    result = build(two_seeds / "site.yml")
    assert result.reused > 0 and person_page.is_file()
    fresh = build(two_seeds / "site.yml", out=two_seeds / "fresh")
    assert site_bytes(site) == site_bytes(fresh.output)


UNDATED_A = ("Brindle opens a new harbour\n\nThe harbour of Brindle opened on Monday.\n\n"
             '"We waited ten years for this," said Mara Quillon, the harbour master.\n')
UNDATED_B = ("Brindle choir wins a prize\n\nThe town choir won the county prize on Sunday.\n\n"
             '"Every voice counted tonight," said Oswin Pellow, the choir leader.\n')


def undated_project(project: Path) -> Path:
    """The project with two undated seeds instead of the sample: its `updated` is the build time."""
    for seed in (project / "seeds").iterdir():
        seed.unlink()
    (project / "seeds" / "harbour.txt").write_text(UNDATED_A, encoding="utf-8")
    (project / "seeds" / "choir.txt").write_text(UNDATED_B, encoding="utf-8")
    return project


def build_at(project: Path, monkeypatch: pytest.MonkeyPatch, moment: int) -> BuildResult:
    """Build with the build time at `moment` (seconds since the epoch)."""
    from datetime import UTC, datetime

    monkeypatch.setattr("digest.build.build_time", lambda: datetime.fromtimestamp(moment, tz=UTC))
    return build(project / "site.yml")


def test_an_undated_site_keeps_the_time_of_pages_whose_content_did_not_change(
    project: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    undated_project(project)
    site = build_at(project, monkeypatch, 1_700_000_000).output
    before = stamps(site)
    (project / "seeds" / "harbour.txt").write_text(UNDATED_A + "\nThe mayor cut a ribbon at noon.\n",
                                                   encoding="utf-8")
    build_at(project, monkeypatch, 1_800_000_000)
    after = stamps(site)
    choir_feed = "people/oswin-pellow/feed.xml"
    assert b"2023-11-14" in before[choir_feed][2]
    assert after[choir_feed] == before[choir_feed], "a feed whose stories did not change keeps its bytes and time"
    assert b"2027-01-15" in after["feed.xml"][2], "the site feed changed, so it shows the new build time"


def test_a_new_source_date_epoch_reaches_every_page_that_shows_it(
    project: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    undated_project(project)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    site = build(project / "site.yml").output
    before = stamps(site)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    build(project / "site.yml")
    after = stamps(site)
    choir_feed = "people/oswin-pellow/feed.xml"
    assert b"2023-11-14" in before[choir_feed][2] and b"2027-01-15" in after[choir_feed][2]
    fresh = build(project / "site.yml", out=project / "fresh").output
    assert {p: v[2] for p, v in stamps(fresh).items()} == {p: v[2] for p, v in after.items()}


def test_a_new_process_takes_digest_json_items_from_the_saved_memo(two_seeds: Path) -> None:
    first = build(two_seeds / "site.yml")
    memos = list((two_seeds / ".digest-cache").glob("render-memo-*.json"))
    assert len(memos) == 1 and memos[0].with_name(memos[0].name.replace("render-memo-", "last-build-")).exists()
    loaded = RenderMemo.load(memos[0], first.output)
    assert loaded.items, "the items of digest.json are known to the next process"
    (two_seeds / "seeds" / "harbour.txt").write_text(SECOND + "\nThe mayor cut a ribbon at noon.\n",
                                                      encoding="utf-8")
    again = build(two_seeds / "site.yml")
    fresh = build(two_seeds / "site.yml", out=two_seeds / "fresh")
    assert {p: v[2] for p, v in stamps(again.output).items()} == {p: v[2] for p, v in stamps(fresh.output).items()}
    shutil.rmtree(fresh.output)
    (two_seeds / "seeds" / "harbour.txt").write_text(SECOND, encoding="utf-8")
    build(two_seeds / "site.yml")  # saving a stamp prunes those of outputs that are gone, and their memos
    assert len(list((two_seeds / ".digest-cache").glob("render-memo-*.json"))) == 1
