"""Interruptions, pipes and processes: SIGINT and SIGTERM end a run with 130 and 143, with no traceback,
no temporary file and no worker left; a reader that goes away keeps the exit status the findings
call for; a full standard output is an error, not an internal one; ``--jobs`` never starts more
processes than there are CPUs or work."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hostile import ROOT, TIMEOUT, clean, crosscheck, snapshot

pytestmark = pytest.mark.slow

SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """300 articles: long enough to interrupt while workers extract."""
    root = tmp_path_factory.mktemp("interrupts") / "articles"
    root.mkdir()
    for n in range(60):
        for p in SEEDS:
            shutil.copy(p, root / f"{p.stem}-{n}.txt")
    shutil.copy(ROOT / "seeds" / "sources.yaml", root / "sources.yaml")
    return root


def _children(pid: int) -> set[int]:
    """The processes ``pid`` started (Linux: /proc)."""
    found = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found |= {int(c) for c in (task / "children").read_text().split()}
        except OSError:
            pass
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")
@pytest.mark.parametrize("signum, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
@pytest.mark.parametrize("group", [False, True])
def test_a_signal_ends_the_run_cleanly(corpus, tmp_path, signum, code, group):
    out = tmp_path / "out"
    out.mkdir()
    (out / "r.json").write_text("old\n")
    before = snapshot(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "checker", "check", str(corpus), "--no-cache", "--jobs", "2",
                             "--format", "json", "--output", str(out / "r.json"), "--format", "html",
                             "--output", str(out / "r.html")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, start_new_session=True)
    workers: set[int] = set()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not workers:  # wait for the workers to start
        time.sleep(0.1)
        workers = _children(proc.pid)
    assert workers, "no worker started"
    time.sleep(0.5)
    if group:  # Ctrl-C in a terminal, or a CI runner cancelling a job: the whole process group
        os.killpg(proc.pid, signum)
    else:
        proc.send_signal(signum)
    try:
        stdout, stderr = proc.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        pytest.fail("the run did not end after the signal")
    err = stderr.decode()
    assert proc.returncode == code, err
    assert "Traceback" not in err and "internal error" not in err
    assert err.strip() in ("crosscheck: interrupted", "crosscheck: terminated")
    assert snapshot(tmp_path) == before  # the old report is whole, and no temporary file is left
    time.sleep(0.5)
    assert not [w for w in workers if _alive(w)], "a worker outlived the run"


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")
def test_a_killed_main_process_takes_its_workers_with_it(corpus):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "checker", "check", str(corpus), "--no-cache", "--jobs", "2",
                             "-q"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    workers: set[int] = set()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not workers:
        time.sleep(0.1)
        workers = _children(proc.pid)
    assert workers
    proc.kill()
    proc.wait(timeout=30)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and [w for w in workers if _alive(w)]:
        time.sleep(0.1)
    assert not [w for w in workers if _alive(w)], "a worker outlived the run"


def test_a_reader_that_goes_away_keeps_the_exit_status(corpus):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for fmt, code in (("text", 1), ("json", 1)):
        proc = subprocess.Popen([sys.executable, "-m", "checker", "check", str(corpus), "--no-cache", "-q",
                                 "--format", fmt], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        proc.stdout.readline()  # crosscheck check | head -1
        proc.stdout.close()
        err = proc.stderr.read().decode()
        assert proc.wait(timeout=TIMEOUT) == code, err
        assert "Traceback" not in err and "internal error" not in err and "Exception ignored" not in err


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("command", [["check", "--no-cache"], ["extract", "--no-cache"]])
def test_a_full_standard_output_is_an_error(corpus, command):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "checker", command[0], str(corpus / f"{SEEDS[0].stem}-0.txt"),
                               *command[1:]], stdout=full, stderr=subprocess.PIPE, env=env, timeout=TIMEOUT)
    err = done.stderr.decode()
    assert done.returncode == 2, err
    assert "cannot write to standard output: No space left on device" in err
    assert "Traceback" not in err and "internal error" not in err and "Exception ignored" not in err


def test_jobs_is_bounded_by_the_cpus_and_the_work(tmp_path, monkeypatch):
    from checker.run import extraction, workers

    started = []

    class Recorder:
        def __init__(self, max_workers, **kwargs):
            started.append(max_workers)
            raise RuntimeError("stop here")

    monkeypatch.setattr(workers, "ProcessPoolExecutor", Recorder)
    articles = extraction.read([str(p) for p in SEEDS[:2]])
    assert workers.extract_all(articles, jobs=2000, progress=False)  # two articles: no process at all
    assert started == []
    with pytest.raises(RuntimeError, match="stop here"):
        workers.extract_all(_renamed(articles, 40), jobs=2000, progress=False)
    assert started == [min(workers.cpus(), 5)]  # 40 articles are five chunks of work


def _renamed(articles, n):
    from dataclasses import replace

    return [replace(articles[i % len(articles)], id=f"a{i}") for i in range(n)]


def test_a_huge_jobs_value_is_a_clean_error(tmp_path):
    (tmp_path / "a.txt").write_text("The call lasted two hours.\n")
    done = clean(crosscheck("check", "a.txt", "--jobs", "9" * 5000, cwd=tmp_path), 2)
    assert "--jobs" in done.err
    (tmp_path / "crosscheck.yaml").write_text("jobs: " + "9" * 5000 + "\n")
    done = clean(crosscheck("check", "a.txt", cwd=tmp_path), 2)
    assert "crosscheck.yaml:1:" in done.err
    (tmp_path / "crosscheck.yaml").write_text("jobs: 100000\n")
    clean(crosscheck("check", "a.txt", "--no-cache", cwd=tmp_path), 0)
