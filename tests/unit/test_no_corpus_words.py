"""No lexicon entry or code path names one event's people or places: the proper nouns of the
development corpus's labels must not appear in rules/ or checker/ (the capability must hold on
coverage nobody here sees)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus"
#: capitalised words that are ordinary English (sentence starts, titles, months, units) rather than
#: a story's names
_COMMON = {
    "The", "A", "An", "Of", "In", "On", "At", "And", "For", "To", "By", "With", "From", "As", "It", "He", "She",
    "We", "They", "This", "That", "There", "Is", "Was", "Were", "Are", "Has", "Have", "Had", "Not", "But", "Or",
    "President", "Minister", "Mayor", "Governor", "Secretary", "Chief", "Prime", "General", "Director", "Mr", "Ms",
    "Mrs", "Dr", "Adm", "Navy", "Army", "State", "National", "Federal", "City", "Council", "Bank", "Central",
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "Read", "More", "After", "Never", "Several", "Updated", "What", "We're", "Sept", "Sadly", "Unfortunately", "Nothing", "Photo", "Related", "My", "Our", "Their", "His", "Her",
}


_WORD = re.compile(r"\b[A-Z\u00C0-\u00DE][\w\u00C0-\u024F'-]{3,}")


def _names_in(text: str) -> set[str]:
    """Capitalised words that are not common English; a given name ("Robert" before "Holzmann") is
    left to its surname, which names the person."""
    out = set()
    for m in _WORD.finditer(text):
        w = m.group(0)
        follows = _WORD.match(text, m.end() + 1) if text[m.end():m.end() + 1] == " " else None
        if w in _COMMON or w.isupper() or any(c.isdigit() for c in w) or follows:
            continue
        out.add(w)
    return out


def _proper_nouns() -> set[str]:
    names: set[str] = set()
    for labels in sorted(CORPUS.glob("*/labels.yaml")):
        data = yaml.safe_load(labels.read_text(encoding="utf-8"))
        for item in (data.get("discrepancies") or []) + (data.get("traps") or []):
            for span in item.get("spans") or []:
                for text in (span.get("text"), span.get("value")):
                    names |= _names_in(str(text or ""))
    return names


def _project_text() -> str:
    parts = []
    for folder in ("rules", "checker"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and path.suffix in (".py", ".yaml", ".yml", ".json", ".lark", ".j2"):
                parts.append(path.read_text(encoding="utf-8", errors="replace"))
    return "\n".join(parts)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the development corpus is not next to the project")
def test_no_proper_noun_of_the_corpus_labels_in_rules_or_checker():
    names = _proper_nouns()
    assert len(names) > 50  # the labels were read
    text = _project_text()
    # one pass over the text for all the names (longest first): a name found only inside a longer one
    # is not listed, but then the longer one is, and the test fails as a search per name would
    anyname = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(names, key=len, reverse=True))) + r")\b")
    found = sorted(set(anyname.findall(text)))
    assert found == [], f"names from the corpus in rules/ or checker/: {found}"
