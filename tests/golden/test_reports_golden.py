"""The reports, byte for byte: a hash of every format for the seeds and each event of the corpus.

A change of output must be on purpose: regenerate with ``CROSSCHECK_REGEN_GOLDEN=1 pytest
tests/golden/test_reports_golden.py`` and say in the commit why the reports changed. Only hashes
are stored here, never the corpus's text.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus"
HASHES = Path(__file__).with_name("report_hashes.json")
FORMATS = {"text": "txt", "json": "json", "sarif": "sarif", "github": "gh", "markdown": "md",
           "html": "html", "junit": "xml"}


def _inputs() -> list[str]:
    names = ["seeds"]
    if CORPUS.is_dir():
        names += [os.path.relpath(p, ROOT) for p in sorted(CORPUS.iterdir()) if (p / "labels.yaml").is_file()]
    return names


def _hashes(target: str, out: Path) -> dict[str, str]:
    out.mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, "-m", "checker", "check", target, "--no-cache", "--quiet", "--jobs", "1"]
    for fmt, ext in FORMATS.items():
        cmd += ["--format", fmt, "--output", str(out / f"report.{ext}")]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})
    assert done.returncode in (0, 1), done.stderr
    return {fmt: hashlib.sha256((out / f"report.{ext}").read_bytes()).hexdigest() for fmt, ext in FORMATS.items()}


@pytest.fixture(scope="module")
def produced(tmp_path_factory) -> dict[str, dict[str, str]]:
    base = tmp_path_factory.mktemp("golden")
    names = _inputs()
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        got = pool.map(lambda i: _hashes(names[i], base / str(i)), range(len(names)))
        return {Path(n).name: h for n, h in zip(names, got)}


def test_reports_are_unchanged(produced):
    if os.environ.get("CROSSCHECK_REGEN_GOLDEN"):
        HASHES.write_text(json.dumps(produced, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    stored = json.loads(HASHES.read_text(encoding="utf-8"))
    if not CORPUS.is_dir():
        stored = {k: v for k, v in stored.items() if k == "seeds"}
    changed = [f"{name} {fmt}" for name, fmts in stored.items() for fmt, digest in fmts.items()
               if produced.get(name, {}).get(fmt) != digest]
    assert not changed, "reports changed (regenerate on purpose, with the reason): " + ", ".join(changed)
    assert set(produced) == set(stored)
