"""A user's facts lexicon adds to the built-in one, overrides an entry with ``override:`` and takes
words out with ``remove:``; what it removes no longer gives a key."""

from __future__ import annotations

from checker.extractor.facts import extract
from checker.extractor.lexicon import load_lexicon
from checker.model import Article


def _keys(text: str, lexicon) -> set[str]:
    art = Article(id="a", path="a.md", text=text, outlet="T", published="2031-05-14")
    return {f.key for f in extract(art, lexicon).facts}


def _lexicon(tmp_path, body: str):
    path = tmp_path / "mine.yaml"
    path.write_text("lexicon: facts\n" + body)
    return load_lexicon((str(path),))


def test_remove_takes_a_word_and_all_its_forms_out(tmp_path):
    text = "Officials said 12 workers perished in the blast."
    assert "worker.killed" in _keys(text, load_lexicon())
    mine = _lexicon(tmp_path, "remove:\n  verbs:\n    killed: [perish]\n")
    assert "worker.killed" not in _keys(text, mine)
    assert "worker.killed" in _keys("Officials said 12 workers were killed.", mine)  # the rest stays


def test_remove_a_whole_entry_and_a_listed_word(tmp_path):
    mine = _lexicon(tmp_path, "remove:\n  measures: [prize-money]\n  place_nouns: [coast]\n")
    assert "prize-money" not in set(mine.measures.phrases.values())
    assert "coast" not in mine.place_nouns and "city" in mine.place_nouns


def test_override_replaces_an_entry_and_add_extends_it(tmp_path):
    mine = _lexicon(tmp_path, "override:\n  classes:\n    vessel: [barge]\nclasses:\n  person: [islander]\n")
    assert _keys("Nine barges sank.", mine) != _keys("Nine ships sank.", mine)
    assert "vessel" in {k.split(".")[0] for k in _keys("Nine barges sank.", mine)}
    assert "person" in {k.split(".")[0] for k in _keys("Nine islanders were hurt.", mine)}
