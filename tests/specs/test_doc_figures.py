"""docs/quantities.md states the peer-suite figures and sorts every miss left by reason; this keeps
the page exact: its figures table and its exclusion counts are what tests/specs/report.py measures
now, the table of misses adds up to what is missed, and the strict count's table adds up to the
misses it states (the strict harness itself lives outside the project and is not run here).
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
DOC = HERE.parent.parent / "docs" / "quantities.md"


def _report():
    name = "specs_report"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, HERE / "report.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def measured():
    report = _report()
    return report, report.evaluate_all()


@pytest.fixture(scope="module")
def doc() -> str:
    return DOC.read_text(encoding="utf-8")


def _section(doc: str, start: str, stop: str) -> str:
    i = doc.index(start)
    j = doc.find(stop, i + len(start))
    return doc[i:] if j < 0 else doc[i:j]


def _rows(text: str) -> list[list[str]]:
    """The cells of the Markdown table rows in ``text`` (header and rule rows left out)."""
    rows = []
    for line in text.splitlines():
        if not line.startswith("|") or set(line) <= set("|-: "):
            continue
        cells = [c.strip().strip("*") for c in line.strip().strip("|").split("|")]
        rows.append(cells)
    return rows[1:] if rows else rows


def test_figures_table_is_what_the_report_measures(measured, doc):
    _, results = measured
    rows = {r[0]: r for r in _rows(_section(doc, "**Figures**", "The one false-positive"))}
    for r in results:
        neg = f"{r.negatives_passed}/{r.negatives}" if r.negatives else "-"
        want = [r.name, f"{r.found} / {r.total}", f"{r.rate:.1f}%", str(sum(r.excluded.values())), neg]
        assert rows.get(r.name) == want, f"docs/quantities.md says {rows.get(r.name)}, measured {want}"
    found, total = sum(r.found for r in results), sum(r.total for r in results)
    npass, neg = sum(r.negatives_passed for r in results), sum(r.negatives for r in results)
    excluded = sum(sum(r.excluded.values()) for r in results)
    assert rows["total"] == ["total", f"{found} / {total}", f"{100.0 * found / total:.1f}%", str(excluded),
                             f"{npass}/{neg}"]


def test_exclusion_counts_are_current(measured, doc):
    report, results = measured
    excluded = sum((r.excluded for r in results), report.Counter())
    rows = _rows(_section(doc, "**Exclusions**", "**Figures**"))
    stated = {r[0].strip("`"): int(r[1]) for r in rows}
    assert stated == {k: v for k, v in excluded.items() if v}


def test_misses_left_add_up_to_what_is_missed(measured, doc):
    _, results = measured
    missed = sum(r.total - r.found for r in results)
    section = _section(doc, "**What is still missed**", "**The strict count.**")
    assert f"{missed} expected quantities" in section
    assert sum(int(r[1]) for r in _rows(section)) == missed


def test_strict_count_table_adds_up(doc):
    section = _section(doc, "**The strict count.**", "\n## ")
    m = re.search(r"give (\d+) of (\d+) \((\d+\.\d)%\)\. The (\d+) misses left", section)
    assert m, "the strict count's sentence changed form"
    found, total, rate, misses = int(m[1]), int(m[2]), float(m[3]), int(m[4])
    assert found + misses == total
    assert round(100.0 * found / total, 1) == rate
    assert sum(int(r[1]) for r in _rows(section)) == misses
