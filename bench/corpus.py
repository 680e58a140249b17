"""The bench's articles: the seeds as they are, then synthetic variants of them.

A variant is a seed with its numbers, number words, qualifiers, wording and outlet changed, and now
and then a paragraph left out, so that every article differs from the others the way outlets' copies
of one wire story do.  Everything is drawn from ``random.Random(seed + i)``, so the corpus is the same
on every run and every machine.  Articles are written as .txt files with a sources.yaml beside them
(outlet, published, story), the way the seeds come.
"""

from __future__ import annotations

import os
import random
import re
import shutil
from pathlib import Path

__all__ = ["SEED", "build_pool", "link_corpus", "seed_texts"]

SEED = 20250519
STORY = "trump-putin-call-2025-05-19"
PER_STORY = 10  # "many stories": this many articles in each

OUTLETS = [
    "Northern Ledger", "The Daily Meridian", "Harbour Post", "Capital Wire", "The Evening Courier",
    "Metro Dispatch", "The Plainsman", "Coastal Times", "The Valley Record", "Global Bulletin",
    "The Morning Register", "Riverside Gazette", "The Continental", "Summit News", "The Tribune Desk",
    "Eastern Star", "The Observer Line", "Pacific Report", "The Union Herald", "Lakeside Journal",
]
NUMBER_WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve"]
QUALIFIERS = ["more than ", "about ", "nearly ", "at least ", "up to ", "almost ", "some "]
SYNONYMS = [
    (r"\bsaid\b", ["said", "told reporters", "stated", "said on Monday"]),
    (r"\bconversation\b", ["conversation", "call", "talk", "discussion"]),
    (r"\bphone call\b", ["phone call", "telephone call", "call"]),
    (r"\bceasefire\b", ["ceasefire", "truce", "cease-fire"]),
    (r"\bdrones\b", ["drones", "unmanned aircraft", "drones"]),
    (r"\bpresident\b", ["president", "leader"]),
    (r"\bwar\b", ["war", "conflict"]),
]
_NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?![\d,])|(?<![\w.,])\d+(?:\.\d+)?(?![\d.])")
_WORD = re.compile(r"\b(?:" + "|".join(NUMBER_WORDS) + r")\b", re.I)


def seed_texts(seeds_dir: Path) -> list[tuple[str, str]]:
    """(file name, text) of every seed, in name order."""
    return [(p.name, p.read_text(encoding="utf-8")) for p in sorted(seeds_dir.glob("*.txt"))]


def _number(m: re.Match, rng: random.Random) -> str:
    text = m.group()
    plain = text.replace(",", "")
    if "." in plain or (len(plain) == 4 and 1900 <= int(plain) <= 2100) or rng.random() < 0.4:
        return text  # decimals, years and some numbers stay as written
    value = max(1, round(int(plain) * rng.choice([0.5, 0.8, 0.9, 1.1, 1.25, 2, 3])))
    return f"{value:,}" if "," in text or (value >= 10_000 and rng.random() < 0.7) else str(value)


def _word(m: re.Match, rng: random.Random) -> str:
    if rng.random() < 0.6:
        return m.group()
    new = rng.choice(NUMBER_WORDS)
    return new.capitalize() if m.group()[0].isupper() else new


def _qualify(text: str, rng: random.Random) -> str:
    def add(m: re.Match) -> str:
        return rng.choice(QUALIFIERS) + m.group() if rng.random() < 0.12 else m.group()

    return re.sub(r"(?<=\s)\d", add, text)


def variant(text: str, rng: random.Random) -> str:
    """One outlet's copy of ``text``."""
    text = _NUMBER.sub(lambda m: _number(m, rng), text)
    text = _WORD.sub(lambda m: _word(m, rng), text)
    text = _qualify(text, rng)
    for pattern, choices in SYNONYMS:
        text = re.sub(pattern, lambda m, c=choices: rng.choice(c), text)
    paragraphs = text.split("\n\n")
    if len(paragraphs) > 4 and rng.random() < 0.5:
        del paragraphs[rng.randrange(1, len(paragraphs))]
    return "\n\n".join(paragraphs)


def _name(i: int) -> str:
    return f"a{i:05d}.txt"


def build_pool(out: Path, count: int, seeds_dir: Path) -> list[tuple[str, str, str]]:
    """Write ``count`` articles (the seeds first) to ``out``; (file name, outlet, seed) of each."""
    seeds = seed_texts(seeds_dir)
    out.mkdir(parents=True, exist_ok=True)
    made = []
    for i in range(count):
        seed_name, text = seeds[i % len(seeds)]
        rng = random.Random(SEED + i)
        if i >= len(seeds):
            text = variant(text, rng)
        outlet = OUTLETS[i % len(OUTLETS)] if i >= len(seeds) else f"Seed {seed_name[:3]}"
        (out / _name(i)).write_text(text, encoding="utf-8")
        made.append((_name(i), outlet, seed_name))
    return made


def _sources(entries: list[tuple[str, str, str]], stories: str) -> str:
    lines = [f"story: {STORY}", "articles:"]
    for i, (name, outlet, _seed) in enumerate(entries):
        story = STORY if stories == "one" else f"story-{i // PER_STORY:04d}"
        lines.append(f"  {name}: {{outlet: \"{outlet}\", published: 2025-05-19, story: {story}}}")
    return "\n".join(lines) + "\n"


def link_corpus(pool: Path, entries: list[tuple[str, str, str]], out: Path, count: int, stories: str) -> Path:
    """A folder with the first ``count`` pool articles (hard links) and a sources.yaml that puts them
    all in one story (``stories="one"``) or ``PER_STORY`` to a story (``"many"``)."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for name, _outlet, _seed in entries[:count]:
        try:
            os.link(pool / name, out / name)
        except OSError:
            shutil.copyfile(pool / name, out / name)
    (out / "sources.yaml").write_text(_sources(entries[:count], stories), encoding="utf-8")
    return out
