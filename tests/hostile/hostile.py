"""The hostile-input suite's tools: crosscheck run as a user runs it (a process, under a timeout that
turns a hang into a failure), a snapshot of every file under a folder (to show that nothing else
changed), and a model of how GitHub's runner finds workflow commands in a line of output.

Every test here builds its own files under ``tmp_path`` and asserts a clean outcome: an error with a
place (exit 2) or a skip note, never ``internal error``, a traceback or a hang.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 180  # seconds: far more than any of these runs needs; reaching it means a hang


@dataclass
class Done:
    code: int
    out: str
    err: str


def crosscheck(*args: str, cwd: Path, timeout: float = TIMEOUT, env: dict | None = None,
               stdin: str | None = None) -> Done:
    """Run ``crosscheck ARGS`` in ``cwd``; a run past ``timeout`` fails the test as a hang."""
    environ = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1", **(env or {})}
    environ.pop("GITHUB_ACTIONS", None)
    environ.pop("CROSSCHECK_DEBUG", None)
    try:
        done = subprocess.run([sys.executable, "-m", "checker", *args], cwd=cwd, capture_output=True, timeout=timeout,
                              env=environ, input=None if stdin is None else stdin.encode())
    except subprocess.TimeoutExpired:
        pytest.fail(f"crosscheck {' '.join(args)} hung (no end after {timeout} s)")
    return Done(done.returncode, done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace"))


def clean(done: Done, *codes: int) -> Done:
    """Assert that a run ended with one of ``codes`` and no internal error or traceback."""
    assert "Traceback" not in done.err and "internal error" not in done.err, done.err
    assert done.code in codes, (done.code, done.err[-3000:])
    return done


def snapshot(root: Path, *, ignore: tuple[str, ...] = ()) -> dict[str, tuple]:
    """Every entry under ``root`` (hidden ones too): its kind, and a regular file's bytes' hash and
    mode; paths under ``ignore`` (relative) left out."""
    out = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if any(rel == i or rel.startswith(i.rstrip("/") + "/") for i in ignore):
            continue
        if path.is_symlink():
            out[rel] = ("link", os.readlink(path))
        elif path.is_file():
            st = path.stat()
            out[rel] = ("file", hashlib.sha256(path.read_bytes()).hexdigest(), st.st_mode)
        elif path.is_dir():
            out[rel] = ("dir",)
        else:
            out[rel] = ("special",)
    return out


# -- GitHub's runner, as it reads a line (actions/runner: ActionCommand.TryParseV2 and TryParse) ----

_LINES = re.compile(r"\r\n|\r|\n")
# .NET's char.IsWhiteSpace, which String.TrimStart() strips
_DOTNET_SPACE = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a" \
                "\u2028\u2029\u202f\u205f\u3000"


def runner_lines(text: str) -> list[str]:
    """The lines the runner reads (StreamReader.ReadLine: a line ends at \\n, \\r or \\r\\n)."""
    return _LINES.split(text)


def workflow_command(line: str) -> tuple[str, str] | None:
    """(command, data) when the runner would take ``line`` for a workflow command, whatever the
    command's name (the runner knows a dozen, and a ``stop-commands`` token may be any word)."""
    trimmed = line.lstrip(_DOTNET_SPACE)
    if trimmed.startswith("::"):
        end = trimmed.find("::", 2)
        if end >= 0:
            name = trimmed[2:end].split(" ", 1)[0]
            if name:
                return name, trimmed[end + 2:]
    start = line.find("##[")
    if start >= 0:
        close = line.find("]", start)
        if close >= 0:
            name = line[start + 3:close].split(" ", 1)[0]
            if name:
                return name, line[close + 1:]
    return None


def workflow_commands(text: str) -> list[tuple[str, str, str]]:
    """(command, data, line) for every line of ``text`` the runner would run as a command."""
    found = []
    for line in runner_lines(text):
        command = workflow_command(line)
        if command is not None:
            found.append((*command, line))
    return found
