"""Page furniture: the built-in list drops what is not the article and keeps what is; users extend it;
a broken furniture file is a RuleError at file:line:col."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.errors import RuleError
from checker.ingest.articles import read_string
from checker.ingest.furniture_load import furniture_files, load_furniture

BODY = "The talks lasted two hours, officials said on Monday."


def text_of(page: str, furniture=None) -> str:
    arts = read_string(page, "page.txt", furniture=furniture)
    return arts[0].text if arts else ""


@pytest.mark.parametrize("line", [
    "READ MORE: Bridge repairs start in April", "Read more: Something else", "Source link", "Back To Top",
    "Copyright © 2025 Some Media Ltd.", "© 2024 The Paper", "All rights reserved.", "23 hours ago", "4 days ago",
    "WATCH | Leaders meet in Rome:", "By Jane Smith and Omar Haddad", "BY JANE SMITH", "By Jane Smith, Reuters",
    "Updated on", "Updated May 19, 2025 5:04 PM EDT", "2 min read", "Related Stories", "No stories found.",
    "AP", "Jane Smith/Reuters", "AP Photo/Evan Vucci", "Photo: Jane Smith", "Kremlin.ru", "https://example.org/x",
    "With files from The Canadian Press", "Jane Smith contributed to this report.", "Advertisement",
    "Share this article", "Facebook Twitter Email",
])
def test_furniture_lines_are_dropped(line):
    assert text_of(f"{BODY}\n\n{line}\n\n{BODY.replace('two', 'three')}") == \
        f"{BODY}\n\n{BODY.replace('two', 'three')}"


@pytest.mark.parametrize("line", [
    "By Monday, the army had withdrawn 300 troops.", "By Friday, Russia said it would talk.",
    "Published reports said 12 people died in the attack on the port city overnight.",
    "The talks lasted two hours.", "“We are ready,” he said.", "Copyright law was changed in 2019 to cover this.",
    "Updated figures show 40 drones were shot down.", "Watch for more talks in June, he said.",
    "Related talks are planned for next week in Geneva.", "The app had 2 min of downtime.",
    "A spokesperson, who is seen as close to the president, said the call went well. " * 6,
])
def test_content_lines_are_kept(line):
    assert text_of(f"{BODY}\n\n{line}") == f"{BODY}\n\n{line.strip()}"


def test_a_rights_notice_inside_a_long_paragraph_is_content():
    para = "The court found that all rights reserved by the treaty still applied. " * 7
    assert "all rights reserved" in text_of(para)


def test_a_video_block_goes_whole_with_its_title_and_caption():
    page = (f"{BODY}\n\nLeaders say talks went well\n\n3 hours ago\nDuration 2:15\n"
            "The leaders spoke for more than two hours, the video shows.\n\nAfter the block: 76 drones.")
    assert text_of(page) == f"{BODY}\n\nAfter the block: 76 drones."


def test_a_video_block_keeps_a_punctuated_paragraph_before_it():
    page = f"{BODY}\n\n1 day ago\nDuration 0:59\nCaption of the video.\n\nNext paragraph."
    assert text_of(page) == f"{BODY}\n\nNext paragraph."


def test_photo_caption_with_credit_and_its_description_go():
    page = (f"{BODY}\n\nA man speaks at a lectern.\nThe minister speaks in Kyiv on Monday. (Jane Smith/Reuters)\n\n"
            "Several people are shown at a table.\nThe delegation meets in Istanbul on Friday.\n\nEnd.")
    assert text_of(page) == f"{BODY}\n\nEnd."


def test_a_photo_credit_takes_a_caption_paragraph_that_says_photo():
    page = f"{BODY}\n\nThis combination photo shows two leaders in 2025.\n\nAP\n\nEnd."
    assert text_of(page) == f"{BODY}\n\nEnd."
    page = f"{BODY}\n\nA soldier carries a shell on May 16.\n\nJane Smith/Reuters\n\nEnd."
    assert text_of(page) == f"{BODY}\n\nA soldier carries a shell on May 16.\n\nEnd."


def test_bylines_take_the_outlet_line_after_them():
    assert text_of(f"**By Jane Smith and Omar Haddad  \nThe Daily Paper**\n\n{BODY}") == BODY


def test_repeated_lines_after_the_first_go_and_short_ones_stay():
    head = "Leaders Agree to Talk Again After a Long Call"
    page = f"{head}\n\n{head}\n\nYes.\n\n{BODY}\n\nYes.\n\n{head}"
    assert text_of(page) == f"{head}\n\nYes.\n\n{BODY}\n\nYes."


def test_a_list_of_title_case_links_goes_but_a_list_of_facts_stays():
    links = "Markets Rally as Talks Resume in Geneva\nWhat We Know About the New Ceasefire\nPutin and Trump to Meet in June"
    facts = "Russia launched 112 drones overnight\nUkraine said 76 were shot down\nDamage was reported in Kyiv"
    assert text_of(f"{BODY}\n\n{links}") == BODY
    assert text_of(f"{BODY}\n\n{facts}") == f"{BODY}\n\n{facts}"


def test_dropped_lines_keep_the_rest_mapped(tmp_path):
    page = f"Headline Here Now\r\n\r\nREAD MORE: x\r\n{BODY}\r\n\r\nBack To Top\r\n"
    [a] = read_string(page, "p.txt")
    assert a.text == f"Headline Here Now\n\n{BODY}"
    start = a.text.index("officials")
    assert page[a.file_offset(start):a.file_offset(start) + 9] == "officials"
    assert a.position(start) == (4, BODY.index("officials") + 1)
    assert [name for _, _, name in a.furniture] == ["read-more", "back-to-top"]
    assert [page[s:e] for s, e, _ in a.furniture] == ["READ MORE: x", "Back To Top"]


# --- users' furniture files --------------------------------------------------------------------------

def furniture_file(tmp_path: Path, body: str) -> str:
    path = tmp_path / "my-furniture.yaml"
    path.write_text("lexicon: furniture\n" + body, encoding="utf-8")
    return str(path)


def test_a_user_file_adds_replaces_and_switches_off_entries(tmp_path):
    extra = furniture_file(tmp_path, "lines:\n"
                                     "  - {name: sponsor, pattern: 'sponsored by .*', reason: ads}\n"
                                     "  - {name: back-to-top, enabled: false}\n"
                                     "repeated_lines: {enabled: false}\n")
    furniture = load_furniture((extra,))
    page = f"{BODY}\n\nSponsored by Acme\n\nBack To Top\n\n{BODY}"
    assert text_of(page, furniture) == f"{BODY}\n\nBack To Top\n\n{BODY}"
    assert "sponsor" in {b.name for b in furniture.lines}
    assert furniture.sources[-1] == extra


def test_a_bad_regex_is_reported_at_its_place(tmp_path):
    extra = furniture_file(tmp_path, "lines:\n  - name: broken\n    pattern: 'ab(c'\n")
    with pytest.raises(RuleError) as info:
        load_furniture((extra,))
    (loc, message), = info.value.problems
    assert (loc.path, loc.line, loc.column) == (extra, 4, 17) and "regular expression" in message  # at the "("


def test_every_problem_is_reported_together(tmp_path):
    extra = furniture_file(tmp_path, "colour: red\nlines:\n  - {name: a, pattern: 'x', wat: 1}\n"
                                     "  - {pattern: 'y'}\nblocks:\n  - name: b\n    anchor: z\n"
                                     "    with: [{where: somewhere}]\nparagraphs:\n  - {name: c, each_line: q, min_lines: 0}\n")
    with pytest.raises(RuleError) as info:
        load_furniture((extra,))
    lines = info.value.lines()
    assert len(lines) == 5
    assert all(line.startswith(extra + ":") for line in lines)
    for needle in ("colour", "wat", "needs a `name`", "where must be", "min_lines"):
        assert any(needle in line for line in lines), needle


def test_a_file_that_is_not_a_furniture_lexicon_is_refused(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("lexicon: facts\n", encoding="utf-8")
    with pytest.raises(RuleError, match="not a furniture file"):
        load_furniture((str(path),))
    path.write_text("lines: [\n", encoding="utf-8")
    with pytest.raises(RuleError, match="invalid YAML"):
        load_furniture((str(path),))


def test_furniture_files_are_found_among_rule_paths(tmp_path):
    extra = furniture_file(tmp_path, "lines: []\n")
    (tmp_path / "rule.yaml").write_text("id: some-rule\nkind: numeric\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "more.yml").write_text("# mine\nlexicon: 'furniture'  # page chrome\n", encoding="utf-8")
    assert furniture_files([tmp_path]) == [extra, str(tmp_path / "sub" / "more.yml")]
    assert furniture_files([tmp_path / "rule.yaml"]) == []


@pytest.mark.parametrize("cached", [False, True])
@pytest.mark.parametrize(("body", "expected"), [
    ("~\n", ["1:1: a furniture file must be a mapping", "1:1: not a furniture file (expected `lexicon: furniture`)"]),
    ("", [" not a furniture file (expected `lexicon: furniture`)"]),  # no place: there is no document
    ("lexicon: furniture\ntrue: 1\n0x10: 2\n", [
        "2:1: unknown key True in a furniture file; allowed: blocks, lexicon, lines, max_line_chars, paragraphs, "
        "repeated_lines",
        "3:1: unknown key 16 in a furniture file; allowed: blocks, lexicon, lines, max_line_chars, paragraphs, "
        "repeated_lines"]),
    ("lexicon: furniture\nlines:\n  - <<: {name: a, pattern: x}\n    bad: 1\n",
     ["4:5: unknown key 'bad' in a line entry; allowed: case_sensitive, enabled, name, pattern, reason"]),
    ("lexicon: furniture\nlines:\n  - <<: {name: a, pattern: 'x(', bad: 1}\n", [
        "3:30: pattern is not a valid regular expression: missing ), unterminated subpattern",
        "3:34: unknown key 'bad' in a line entry; allowed: case_sensitive, enabled, name, pattern, reason"]),
])
def test_problems_have_their_places_however_the_file_is_written_and_read(body, expected, cached, tmp_path,
                                                                        monkeypatch):
    """A null or empty file, keys that are not text, merged mappings: the places PyYAML's nodes gave
    (before the loader read the data by path), from a fresh parse and from the YAML cache."""
    path = tmp_path / "f.yaml"
    path.write_text(body, encoding="utf-8")
    if cached:
        monkeypatch.setenv("CROSSCHECK_YAML_CACHE", "1")
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
        from checker.yamlio import read_yaml

        read_yaml(path)  # the data kept: the next read is a cache hit
    from checker.ingest.furniture_load import parse_file

    problems: list = []
    parse_file(path, {}, {}, problems)
    assert [line.removeprefix(str(path) + ":") for line in RuleError(problems).lines()] == expected
