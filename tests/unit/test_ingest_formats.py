"""Each article format: what text it gives, what metadata, and that positions point into the file."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from checker.errors import InputError
from checker.ingest.articles import read_articles, read_string

SAME = Path(__file__).resolve().parents[1] / "fixtures" / "articles" / "same"


def file_lines(path: Path) -> list[str]:
    return re.split(r"\r\n|\r|\n", path.read_bytes().decode("utf-8-sig"))


def maps_back(article, word: str, lines: list[str]) -> None:
    """Every occurrence of ``word`` in the article's text is the same word at its (line, column) in the file."""
    hits = [m.start() for m in re.finditer(re.escape(word), article.text)]
    assert hits, word
    for start in hits:
        line, col = article.position(start)
        assert lines[line - 1][col - 1:col - 1 + len(word)] == word, (article.id, word, line, col)
        end_line, end_col = article.end_position(start + len(word))
        assert (end_line, end_col) == (line, col + len(word))


# --- the same article in every format --------------------------------------------------------------

@pytest.fixture(scope="module")
def same():
    return {a.id: a for a in read_articles([str(SAME)])}


def test_every_format_gives_the_same_text_and_metadata(same):
    ids = ["transit.txt", "transit.md", "transit.html", "transit.jsonl#transit-1"]
    texts = {i: " ".join(same[i].text.split()) for i in ids}
    assert len(set(texts.values())) == 1, texts
    meta = {i: (same[i].outlet, same[i].published, same[i].title, same[i].url, same[i].story) for i in ids}
    assert set(meta.values()) == {("Example Gazette", "2025-03-04",
                                   "Council approves 12-month transit plan after three-hour debate",
                                   "https://gazette.example/transit-plan", "city-transit-vote-2025-03")}
    text = same["transit.txt"].text
    assert "READ MORE" not in text and "Copyright" not in text and "By Maria" not in text
    assert "\u201cat least $1 million short.\u201d" in text  # curly quotes as they were


@pytest.mark.parametrize("ident, file", [("transit.txt", "transit.txt"), ("transit.md", "transit.md"),
                                         ("transit.html", "transit.html"), ("transit.jsonl#transit-1", "transit.jsonl"),
                                         ("transit.jsonl#transit-2", "transit.jsonl")])
def test_words_map_back_to_the_same_words_in_the_file(same, ident, file):
    lines = file_lines(SAME / file)
    article = same[ident]
    words = ["transit", "40 buses", "six routes", "Night service", "three", "Tom"]
    if file.endswith((".txt", ".md")):  # in HTML and JSON the quote marks are written as escapes
        words.append("\u201c")
    for word in words:
        if word in article.text:
            maps_back(article, word, lines)


def test_the_feed_gives_a_line_an_article(same):
    second = same["transit.jsonl#transit-2"]
    assert second.first_line == 3 and second.published == "2025-03-05T09:30:00+00:00"
    assert second.text == 'Night service will run until 2 a.m. on six routes.\nThe first of the 40 buses arrives in "June".'
    assert second.story == "city-transit-vote-2025-03"  # the folder's sources.yaml default


def test_markdown_front_matter_ignore_and_suppression_comments(same):
    md = same["transit.md"]
    assert md.ignore_rules == ("quote-wording",)
    assert md.suppressions == ((17, "quote-wording", "the mayor corrected the quote later"),)
    assert "crosscheck-disable" not in md.text and "<!--" not in md.text
    html = same["transit.html"]
    assert html.suppressions and html.suppressions[0][1:] == ("quote-wording", "the mayor corrected the quote later")
    line = file_lines(SAME / "transit.html")[html.suppressions[0][0] - 1]
    assert "This is a very practical" in line


# --- HTML --------------------------------------------------------------------------------------------

def html_text(page: str) -> str:
    [a] = read_string(page, "page.html")
    return a.text


def test_html_drops_page_chrome_and_scripts():
    page = ("<html><head><title>T</title><style>p{}</style></head><body>"
            "<nav>Menu 1</nav><header>Head 2</header><p>Body 3 text.</p><aside>Side 4</aside>"
            "<script>var x = '5 <b>';</script><noscript>No 6</noscript><template><p>Tpl 7</p></template>"
            "<svg><text>Svg 8</text></svg><form><label>Form 9</label><select><option>10</option></select></form>"
            "<div hidden>Hidden 11</div><div role='navigation'>Role 12</div><footer>Foot 13</footer></body></html>")
    assert html_text(page) == "Body 3 text."


def test_html_prefers_the_article_then_main():
    page = ("<body><div>Outside text that is quite long, longer than the rest put together, really quite long "
            "indeed.</div><main><p>Main one.</p><article><p>Article body with enough words to be the story of "
            "this page, more than a quarter of it anyway, so it wins.</p></article></main></body>")
    assert html_text(page).startswith("Article body")
    assert html_text("<body><p>Lead.</p><main><p>Main text is here and is the larger part of the page "
                     "by far.</p></main></body>").startswith("Main text")


def test_a_small_teaser_article_does_not_win_over_the_page():
    page = "<body><div><p>" + "Real story sentence. " * 20 + "</p></div><article><p>Teaser.</p></article></body>"
    assert html_text(page).startswith("Real story sentence.")


def test_html_blocks_become_paragraphs_and_whitespace_collapses():
    page = "<div><h2>Head</h2><p>One\n   two\tthree</p><p>Four<br>five</p><ul><li>six</li><li>seven</li></ul></div>"
    assert html_text(page) == "Head\n\nOne two three\n\nFour\nfive\n\nsix\n\nseven"


def test_html_entities_decode_and_map_to_their_ampersand():
    page = "<p>Zelen&shy;skyy said &ldquo;two&nbsp;hours&rdquo; &amp; more &#8212; &#x2014; &bogus; AT&T</p>"
    [a] = read_string(page, "p.html")
    assert a.text == "Zelenskyy said \u201ctwo hours\u201d & more \u2014 \u2014 &bogus; AT&T"
    assert page[a.file_offset(a.text.index("\u201c"))] == "&"
    assert page[a.file_offset(a.text.index("bogus"))] == "b"
    assert page[a.file_offset(a.text.index("skyy"))] == "s"


def test_html_page_metadata():
    page = ('<html><head><title>Page title</title><meta property="og:site_name" content="The Post">'
            '<meta property="article:published_time" content="2025-05-19T10:00:00Z">'
            '<link rel="canonical" href="https://post.example/a"></head><body><p>Text.</p></body></html>')
    [a] = read_string(page, "p.html")
    assert (a.outlet, a.published, a.title, a.url) == ("The Post", "2025-05-19T10:00:00+00:00", "Page title",
                                                       "https://post.example/a")


@pytest.mark.parametrize("page", ["<p>unclosed <b>tags <i>all over", "<![CDATA[x]]><p>Text</p>", "<!DOCTYPE>x</p></div>",
                                  "<p a='1' b=\"2\" c=3 d>Text &#xZZ; &#99999999; &</p>", "<nav><p>only nav</p>"])
def test_broken_html_never_raises(page):
    read_string(page, "p.html")


# --- Markdown ----------------------------------------------------------------------------------------

def test_markdown_markup_is_removed_and_link_text_kept():
    md = ("# Heading one\n\nSome **bold** and *italic* and `code` and a [link text](https://x.example/a_b) "
          "and ![an image](i.png).\n\n> Quoted line\n\n- item one\n- item two\n\nsnake_case stays, 5 * 3 too.\n")
    [a] = read_string(md, "a.md")
    assert a.text == ("Heading one\n\nSome bold and italic and code and a link text and .\n\nQuoted line\n\n"
                      "\u2022 item one\n\u2022 item two\n\nsnake_case stays, 5 * 3 too.")  # an item keeps a bullet
    maps_back(a, "link text", md.split("\n"))


def test_plain_text_keeps_asterisks_but_loses_markdown_links():
    [a] = read_string("*A dek.* Russia unleashed [drone strikes](#) on Sunday.", "a.txt")
    assert a.text == "*A dek.* Russia unleashed drone strikes on Sunday."


def test_plain_text_loses_markdown_images():
    [a] = read_string("The call lasted roughly <!-- c --> 1,397 kg ![i](x.png) Monday night? See <https://a.example>.",
                      "a.txt")
    assert a.text == "The call lasted roughly <!-- c --> 1,397 kg  Monday night? See https://a.example."


def test_suppression_comments_name_the_next_non_blank_line():
    md = ("Intro.\n\n<!-- crosscheck-disable-next-line numeric-mismatch, quote-wording -- checked by hand -->\n"
          "<!-- crosscheck-disable-next-line -->\n\nTarget line.\n")
    [a] = read_string(md, "a.md")
    assert a.suppressions == ((6, "numeric-mismatch", "checked by hand"), (6, "quote-wording", "checked by hand"),
                              (6, "*", ""))
    assert a.text == "Intro.\n\nTarget line."


# --- JSON lines ------------------------------------------------------------------------------------

def test_feed_escapes_map_to_their_backslash():
    line = json.dumps({"outlet": "Wire", "text": 'He said \u201cyes\u201d\n\ttwo\u00a0hours \U0001F600 "ok" \\ done'},
                      ensure_ascii=True)
    [a] = read_string("\n" + line + "\n", "f.jsonl")
    assert a.text == 'He said \u201cyes\u201d\ntwo hours \U0001F600 "ok" \\ done'
    assert a.first_line == 2 and a.id == "f.jsonl#2" and a.outlet == "Wire"
    for word in ("two", "hours", "done", "ok"):
        maps_back(a, word, ["", line])
    assert line[a.file_offset(a.text.index("\u201c"))] == "\\"
    assert line[a.file_offset(a.text.index("\U0001F600"))] == "\\"


@pytest.mark.parametrize("line, column", [('{"outlet": "X\\ud800", "text": "Two hours."}', 14),
                                          ('{"text": "Two \\uDC00 hours.", "tags": ["\\ud83d\\ude00"]}', 15)])
def test_a_lone_surrogate_in_a_feed_is_an_input_error_at_its_escape(line, column):
    with pytest.raises(InputError) as info:
        read_string(line, "f.jsonl")
    assert str(info.value).startswith(f"f.jsonl:1:{column}: a lone surrogate")
    str(info.value).encode("utf-8")  # the message can be printed


def test_feed_text_with_literal_unicode_maps_one_for_one():
    line = json.dumps({"text": "Zelenskyy \u2014 Kyiv"}, ensure_ascii=False)
    [a] = read_string(line, "f.jsonl")
    maps_back(a, "Kyiv", [line])


# --- list items ---------------------------------------------------------------------------------------

LIVE_BLOG = ("Storm update\n\nKey figures:\n\n{m} 40 people killed in the north\n{m} 12 missing\n"
             "{m} 300 homes destroyed\n")


@pytest.mark.parametrize("name, mark", [("blog.md", "-"), ("blog.md", "*"), ("blog.md", "+"), ("blog.txt", "-"),
                                        ("blog.txt", "*")])
def test_each_list_item_is_a_sentence_of_its_own(name, mark):
    from checker.extractor.facts import extract
    article = read_string(LIVE_BLOG.format(m=mark), name)[0]
    facts = {f.key: f.quantity.text for f in extract(article).facts}
    # merged into one sentence, "300 homes" took the verb of the item before ("missing"); in plain
    # text the parser read "12 missing - 300 homes" as one figure
    assert facts == {"person.killed": "40 people", "person.missing": "12 missing",
                     "building.downed": "300 homes"}, facts
    lines = LIVE_BLOG.format(m=mark).split("\n")
    maps_back(article, "300 homes", lines)


def test_the_number_of_an_ordered_item_is_no_figure():
    from checker.extractor.facts import extract
    article = read_string("Key figures:\n\n1. 40 people killed\n2. 12 missing\n3) 300 homes destroyed\n", "a.md")[0]
    facts = {f.key: f.quantity.text for f in extract(article).facts}
    assert facts == {"person.killed": "40 people", "person.missing": "12 missing",
                     "building.downed": "300 homes"}, facts


def test_a_dash_inside_a_line_is_no_list_mark():
    text = read_string("The score was 2 - 1 at half-time.\n- 12 missing\n", "a.txt")[0].text
    assert "2 - 1" in text and text.count("\u2022") == 1, text
