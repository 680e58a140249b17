"""checker.ingest.articles: finding articles, their ids and paths, metadata, the seeds, and bad input."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest

from checker.errors import InputError
from checker.ingest.articles import furniture_notes, read_article, read_articles

SEEDS = Path(__file__).resolve().parents[1].parent / "seeds"


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8", newline="")
    return path


def collect():
    notes: list[tuple[str, str]] = []
    return notes, lambda path, reason: notes.append((path, reason))


def file_lines(path: Path) -> list[str]:
    return re.split(r"\r\n|\r|\n", path.read_text(encoding="utf-8-sig", errors="strict") if path.suffix != ".jsonl"
                    else path.read_text(encoding="utf-8"))


# --- the seeds ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seeds():
    return {Path(a.path).name: a for a in read_articles([str(SEEDS)])}


def test_seeds_load_with_their_metadata(seeds):
    assert len(seeds) == 5
    outlets = {name: a.outlet for name, a in seeds.items()}
    assert outlets["000_307fb3431f3cb291.txt"] == "ABC News"
    assert outlets["002_46bcf98204728cd0.txt"] == "CBC News"
    assert outlets["003_342d21d334a6553d.txt"] == "The New York Times"
    for a in seeds.values():
        assert a.published == "2025-05-19"
        assert a.story == "trump-putin-call-2025-05-19"
        assert a.id == Path(a.path).name and a.path == os.path.join(str(SEEDS), a.id)


FURNITURE = [r"^READ MORE:", r"^Source link$", r"^Back To Top$", r"^Copyright ©", r"All rights reserved",
             r"^Duration \d+:\d\d$", r"^\d+ (hours|days) ago$", r"^WATCH \|", r"^Updated on$", r"^\d+ min read$",
             r"^Related Stories$", r"^\**By [A-Z]\w+ [A-Z]\w+ and", r"^AP$", r"/Reuters$", r"^With files from"]


@pytest.mark.parametrize("pattern", FURNITURE)
def test_seed_texts_have_no_furniture(seeds, pattern):
    for name, a in seeds.items():
        assert not re.search(pattern, a.text, re.M), (name, pattern)


def test_repeated_headlines_appear_once(seeds):
    for a in seeds.values():
        lines = [line for line in a.text.split("\n") if len(line) > 20]
        assert len(lines) == len(set(lines)), a.id
    assert seeds["004_5576b28b1530dbf3.txt"].text.startswith("Putin Hails")


def test_the_cbc_video_caption_is_dropped_but_the_story_stays(seeds):
    cbc = seeds["002_46bcf98204728cd0.txt"]
    assert "begin ceasefire talks after he had a two-hour call" not in cbc.text
    assert "that lasted more than two hours." in cbc.text
    assert "\n\n\n" not in cbc.text and "Duration" not in cbc.text


def test_every_seed_word_maps_back_to_the_file(seeds):
    for name, a in seeds.items():
        lines = file_lines(SEEDS / name)
        for word in ("Putin", "Trump", "Monday", "two"):
            for m in re.finditer(rf"\b{word}\b", a.text):
                line, col = a.position(m.start())
                assert lines[line - 1][col - 1:col - 1 + len(word)] == word, (name, word, line, col)


def test_furniture_notes_point_at_the_dropped_lines(seeds):
    notes = furniture_notes(seeds["001_19302534d2ced3f7.txt"])
    assert any(re.search(r"001_19302534d2ced3f7\.txt:\d+:1: furniture read-more: READ MORE:", n) for n in notes)
    assert any(n.endswith("furniture back-to-top: Back To Top") for n in notes)


# --- discovery, ids and paths --------------------------------------------------------------------

def test_folders_are_read_recursively_in_sorted_order(tmp_path):
    write(tmp_path / "b.txt", "Bee text.")
    write(tmp_path / "a" / "z.md", "Zed text.")
    write(tmp_path / "a" / "c.txt", "Cee text.")
    write(tmp_path / ".hidden" / "h.txt", "hidden")
    write(tmp_path / ".crosscheck" / "cache.txt", "cache")
    write(tmp_path / ".secret.txt", "hidden file")
    notes, on_skip = collect()
    arts = read_articles([str(tmp_path)], on_skip=on_skip)
    assert [a.id for a in arts] == ["a/c.txt", "a/z.md", "b.txt"]
    assert notes == []


def test_unknown_types_are_skipped_with_a_note_but_sources_yaml_silently(tmp_path):
    write(tmp_path / "a.txt", "Text.")
    write(tmp_path / "notes.pdf", b"%PDF-1.4")
    write(tmp_path / "sources.yaml", "articles: {}\n")
    notes, on_skip = collect()
    assert [a.id for a in read_articles([str(tmp_path)], on_skip=on_skip)] == ["a.txt"]
    assert len(notes) == 1 and notes[0][0].endswith("notes.pdf") and ".pdf" in notes[0][1]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs or symbolic links here")
def test_fifos_and_symlink_loops_in_a_folder_are_skipped_with_a_note(tmp_path):
    write(tmp_path / "a.txt", "The call lasted two hours.")
    os.mkfifo(tmp_path / "pipe.txt")
    os.symlink("loop.md", tmp_path / "loop.md")
    os.symlink(".", tmp_path / "self")
    notes, on_skip = collect()
    assert [a.id for a in read_articles([str(tmp_path)], on_skip=on_skip)] == ["a.txt"]
    assert sorted((Path(p).name, why.split(":")[0]) for p, why in notes) == [
        ("loop.md", "cannot follow"), ("pipe.txt", "not a regular file (a FIFO, device, socket or broken link)")]
    with pytest.raises(InputError, match="not a regular file"):
        read_articles([str(tmp_path / "pipe.txt")])


def test_ids_are_relative_to_the_common_root_and_paths_as_given(tmp_path, monkeypatch):
    write(tmp_path / "x" / "one.txt", "One.")
    write(tmp_path / "y" / "two.txt", "Two.")
    monkeypatch.chdir(tmp_path)
    arts = read_articles(["x", "y/two.txt"])
    assert [(a.id, a.path) for a in arts] == [("x/one.txt", os.path.join("x", "one.txt")), ("y/two.txt", "y/two.txt")]
    assert [a.id for a in read_articles(["x/"])] == ["one.txt"]
    assert [a.id for a in read_article("y/two.txt")] == ["two.txt"]


def test_a_file_named_twice_is_read_once(tmp_path):
    write(tmp_path / "a.txt", "Text.")
    assert len(read_articles([str(tmp_path), str(tmp_path / "a.txt")])) == 1


def test_progress_is_reported_per_file(tmp_path):
    for name in ("a.txt", "b.txt", "c.md"):
        write(tmp_path / name, "Some text.")
    seen = []
    read_articles([str(tmp_path)], on_progress=lambda done, total, path: seen.append((done, total, Path(path).name)))
    assert seen == [(1, 3, "a.txt"), (2, 3, "b.txt"), (3, 3, "c.md")]


def test_a_missing_path_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_articles([str(tmp_path / "nope")])


# --- metadata --------------------------------------------------------------------------------------

def test_without_metadata_the_outlet_is_the_file_stem(tmp_path):
    write(tmp_path / "daily-planet.txt", "Text.")
    [a] = read_articles([str(tmp_path)])
    assert (a.outlet, a.published, a.story, a.title) == ("daily-planet", None, None, None)


def test_sources_yaml_defaults_entries_and_front_matter_rank_in_order(tmp_path):
    write(tmp_path / "sources.yaml", "story: s1\noutlet: Default Outlet\narticles:\n"
                                     "  a.md: {outlet: From Sources, published: 2025-01-02}\n"
                                     "  b.txt: {title: Bee, crosscheck: {ignore: [rule-b]}}\n")
    write(tmp_path / "a.md", "---\noutlet: From Front Matter\n---\nText.\n")
    write(tmp_path / "b.txt", "Text.")
    a, b = read_articles([str(tmp_path)])
    assert (a.outlet, a.published, a.story) == ("From Front Matter", "2025-01-02", "s1")
    assert (b.outlet, b.title, b.story, b.ignore_rules) == ("Default Outlet", "Bee", "s1", ("rule-b",))


def test_the_url_host_names_the_outlet_when_nothing_else_does(tmp_path):
    write(tmp_path / "a.md", "---\nurl: https://www.example.org/x\n---\nText.\n")
    assert read_articles([str(tmp_path)])[0].outlet == "example.org"


@pytest.mark.parametrize("value, iso", [("2025-05-19", "2025-05-19"), ("'2025-05-19T14:03:00Z'", "2025-05-19T14:03:00+00:00"),
                                        ("May 19, 2025", "2025-05-19"), ("'Mon, 19 May 2025 10:00:00 +0000'", "2025-05-19T10:00:00+00:00")])
def test_published_becomes_iso(tmp_path, value, iso):
    write(tmp_path / "a.md", f"---\npublished: {value}\n---\nText.\n")
    assert read_articles([str(tmp_path)])[0].published == iso


# --- bad input -------------------------------------------------------------------------------------

def error_of(tmp_path, name, content) -> InputError:
    write(tmp_path / name, content)
    with pytest.raises(InputError) as info:
        read_articles([str(tmp_path / name)])
    return info.value


def test_binary_file_is_an_error_at_the_nul(tmp_path):
    err = error_of(tmp_path, "a.txt", b"ok\nab\x00cd")
    assert "binary" in err.message and (err.location.line, err.location.column) == (2, 3)


def test_invalid_utf8_is_reported_at_its_line_and_column(tmp_path):
    err = error_of(tmp_path, "a.txt", "line one\nsé ".encode() + b"\xff rest")
    assert "UTF-8" in err.message and "0xff" in err.message
    assert (err.location.line, err.location.column) == (2, 4)
    assert str(err).startswith(str(tmp_path / "a.txt") + ":2:4: ")


def test_a_bom_is_not_part_of_the_text_and_utf16_is_read(tmp_path):
    [a] = read_articles([str(write(tmp_path / "a.txt", b"\xef\xbb\xbfHello there."))])
    assert a.text == "Hello there." and a.position(0) == (1, 1)
    [b] = read_articles([str(write(tmp_path / "b.txt", "Two hours.".encode("utf-16")))])
    assert b.text == "Two hours."


def test_empty_and_blank_files_are_skipped_with_a_note(tmp_path):
    write(tmp_path / "a.txt", "")
    write(tmp_path / "b.md", "  \n\n")
    notes, on_skip = collect()
    assert read_articles([str(tmp_path)], on_skip=on_skip) == []
    assert [reason for _, reason in notes] == ["empty file", "empty file"]


def test_a_file_of_only_furniture_is_skipped_with_a_note(tmp_path):
    write(tmp_path / "a.txt", "Back To Top\n\nSource link\n")
    notes, on_skip = collect()
    assert read_articles([str(tmp_path)], on_skip=on_skip) == []
    assert "no article text" in notes[0][1]


def test_a_50_mb_single_line_file_is_skipped_fast_with_its_size(tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: no disk, and the reader must not even open it
    notes, on_skip = collect()
    start = time.perf_counter()
    assert read_articles([str(big)], on_skip=on_skip) == []
    assert time.perf_counter() - start < 1
    assert "50.0 MB" in notes[0][1] and "20.0 MB" in notes[0][1]


def test_a_long_single_line_under_a_raised_limit_is_read_in_linear_time(tmp_path):
    text = ("The call lasted two hours and\u00a0ended\u00ad. " * 60000)  # ~2.6 MB on one line
    path = write(tmp_path / "long.txt", text)
    start = time.perf_counter()
    [a] = read_articles([str(path)], max_bytes=10 * 1024 * 1024)
    assert time.perf_counter() - start < 5
    assert a.text.startswith("The call lasted two hours and ended.") and a.position(len(a.text) - 1)[0] == 1


def test_unclosed_front_matter_is_an_error(tmp_path):
    err = error_of(tmp_path, "a.md", "---\noutlet: X\nText.\n")
    assert "never closed" in err.message and err.location.line == 1


def test_broken_front_matter_reports_the_yaml_error_in_the_file(tmp_path):
    err = error_of(tmp_path, "a.md", "---\noutlet: X\ntitle: [unclosed\n---\nText.\n")
    assert "invalid YAML" in err.message and err.location.path.endswith("a.md")
    assert err.location.line in (3, 4)


def test_a_bad_metadata_value_points_at_its_key(tmp_path):
    err = error_of(tmp_path, "a.md", "---\noutlet: X\npublished: someday\n---\nText.\n")
    assert "published" in err.message and (err.location.line, err.location.column) == (3, 1)
    err = error_of(tmp_path, "b.md", "---\noutlet: [a, b]\n---\nText.\n")
    assert "outlet" in err.message and err.location.line == 2
    err = error_of(tmp_path, "c.md", "---\ncrosscheck: {ignore: 3}\n---\nText.\n")
    assert "ignore" in err.message


def test_front_matter_that_is_not_a_mapping_is_an_error(tmp_path):
    assert "mapping" in error_of(tmp_path, "a.md", "---\n- a\n- b\n---\nText.\n").message


def test_a_broken_sources_yaml_is_an_error_naming_it(tmp_path):
    write(tmp_path / "sources.yaml", "articles:\n  a.txt: {outlet: [x}\n")
    err = error_of(tmp_path, "a.txt", "Text.")
    assert err.location.path.endswith("sources.yaml") and err.location.line == 2


@pytest.mark.parametrize("line, message, column", [
    ('{"text": "a", oops}', "invalid JSON", 15),
    ('["a list"]', "JSON object", 1),
    ('{"title": "no text"}', "no `text` field", 1),
    ('{"text": 3}', "must be a string", 1),
])
def test_bad_feed_lines_are_errors_with_their_line(tmp_path, line, message, column):
    err = error_of(tmp_path, "feed.jsonl", '{"text": "fine"}\n\n' + line + "\n")
    assert message in err.message and (err.location.line, err.location.column) == (3, column)


def test_a_feed_line_over_the_limit_is_skipped_and_the_rest_read(tmp_path):
    big = '{"text": "' + "x" * 5000 + '"}'
    write(tmp_path / "feed.jsonl", '{"text": "One two."}\n' + big + '\n{"text": "Three."}\n')
    notes, on_skip = collect()
    arts = read_articles([str(tmp_path)], on_skip=on_skip, max_bytes=1000)
    assert [a.id for a in arts] == ["feed.jsonl#1", "feed.jsonl#3"]
    assert notes[0][0].endswith("feed.jsonl:2") and "limit" in notes[0][1]


def test_duplicate_feed_ids_are_an_error(tmp_path):
    err = error_of(tmp_path, "feed.jsonl", '{"id": "a", "text": "One."}\n{"id": "a", "text": "Two."}\n')
    assert "second article" in err.message and err.location.line == 2
