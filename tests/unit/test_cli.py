"""The command line as the contract states it: parse (text, json, --jsonl), extract's documents,
exit codes, and errors as `path:line:col: message` without a traceback."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from checker.cli import main

ROOT = Path(__file__).resolve().parent.parent.parent


def run(capsys, *argv, stdin: str | None = None, monkeypatch=None) -> tuple[int, str, str]:
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_parse_json_document(capsys):
    code, out, _ = run(capsys, "parse", "--format", "json", "It lasted more than two hours.")
    doc = json.loads(out)
    assert code == 0 and doc["version"] == 1 and doc["tool"]["name"] == "crosscheck"
    (q,) = doc["quantities"]
    assert {k: q[k] for k in ("text", "start", "end", "qualifier", "value", "low", "high", "unit", "dimension")} == {
        "text": "more than two hours", "start": 10, "end": 29, "qualifier": "more_than", "value": 2,
        "low": 2, "high": None, "unit": "hour", "dimension": "[time]"}
    assert q["low_inclusive"] is False and q["noun"] is None


def test_parse_jsonl_keeps_order_and_every_line(capsys, monkeypatch):
    lines = '"112 drones"\n\nraw text with 3 km\n"not closed\n42\n{"a": 1}\n'
    code, out, _ = run(capsys, "parse", "--jsonl", stdin=lines, monkeypatch=monkeypatch)
    docs = [json.loads(x) for x in out.splitlines()]
    assert code == 0
    assert [d["text"] for d in docs] == ["112 drones", "", "raw text with 3 km", '"not closed', "42", '{"a": 1}']
    assert docs[0]["quantities"][0]["noun"] == "drone"
    assert docs[1]["quantities"] == []
    assert docs[2]["quantities"][0]["unit"] == "kilometer"


def test_parse_jsonl_with_text_is_a_usage_error(capsys):
    code, _, err = run(capsys, "parse", "--jsonl", "two hours")
    assert code == 2 and "standard input" in err


def test_unknown_option_exits_2(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["check", "--no-such-option"])
    assert exc.value.code == 2


def test_extract_document_follows_the_contract(capsys, tmp_path):
    article = tmp_path / "a.md"
    article.write_text("---\noutlet: Example Post\npublished: 2024-03-12\n---\n\n"
                       "The mayor said the meeting lasted more than three hours on Tuesday.\n", encoding="utf-8")
    code, out, _ = run(capsys, "extract", str(article), "--format", "json", "--no-cache")
    doc = json.loads(out)
    assert code == 0 and doc["version"] == 1
    assert doc["articles"][0]["outlet"] == "Example Post"
    (fact,) = doc["facts"]
    assert set(fact) >= {"id", "article", "key", "text", "quantity", "speaker", "time", "sentence", "path",
                         "line", "column", "end_line", "end_column"}
    assert (fact["key"], fact["line"], fact["time"], fact["date"]) == ("talks.duration", 6, "on Tuesday", "2024-03-12")


def test_bad_input_is_a_message_not_a_traceback(tmp_path):
    binary = tmp_path / "x.txt"
    binary.write_bytes(b"\x00\x01\x02 not text")
    proc = subprocess.run([sys.executable, "-m", "checker", "extract", str(binary), "--no-cache"],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert str(binary) in proc.stderr


def test_python_dash_m_checker_runs(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "checker", "parse", "a 30-day ceasefire"],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0 and "'30-day'" in proc.stdout
