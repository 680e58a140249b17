"""Run a command as a child process and measure it: wall time, CPU time (with the processes it
starts) and peak memory, through bench/launch.py, with a time limit; and describe the machine."""

from __future__ import annotations

import json
import os
import platform
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Run", "machine", "run", "shown_path"]

ROOT = Path(__file__).resolve().parent.parent


def shown_path(path: str | Path) -> str:
    """``path`` as the report shows it, without the machine's folders: relative to the repository when
    inside it (``.tox/bench/bin/python``), else relative to the Python environment or installation it
    belongs to (``<python environment>/bin/python``), else only its name (``.../results.json``)."""
    p = Path(os.path.abspath(path))  # not resolved: a virtual environment's python is a link
    for base, label in ((ROOT, ""), (Path(sys.prefix), "<python environment>/"),
                        (Path(sys.base_prefix), "<python installation>/")):
        if p == base or base in p.parents:
            return label + (p.relative_to(base).as_posix() or ".")
    return f".../{p.name}"


@dataclass
class Run:
    """One child process: its command, how it ended and what it cost."""

    cmd: list[str]
    wall_s: float
    cpu_s: float
    maxrss_kb: int
    returncode: int
    timed_out: bool
    stdout: str
    stderr: str
    report: dict = field(default_factory=dict)  # the JSON line a bench worker prints

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.timed_out


LAUNCHER = Path(__file__).resolve().parent / "launch.py"


def run(cmd: list[str], *, timeout: float, env: dict | None = None, cwd: str | None = None) -> Run:
    """Run ``cmd`` to its end (or kill it at ``timeout`` seconds) and measure it.  It runs under
    bench/launch.py, which measures it (see there why); the numbers from outside are the fallback."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.TemporaryDirectory(prefix="crosscheck-bench-run-") as tmp:
        measured = Path(tmp) / "run.json"
        start = time.perf_counter()
        child = subprocess.Popen([sys.executable, str(LAUNCHER), str(measured), *cmd], stdout=out, stderr=err,
                                 env=env, cwd=cwd, start_new_session=True)
        killed = []

        def kill() -> None:
            killed.append(True)
            os.killpg(child.pid, signal.SIGKILL)

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            _pid, status, usage = os.wait4(child.pid, 0)  # this child's own rusage
        finally:
            timer.cancel()
        timed_out = bool(killed)
        wall = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace")
        inner: dict = {}
        if not timed_out:
            try:
                inner = json.loads(measured.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                inner = {}
    if inner:
        result = Run(cmd, inner["wall_s"], inner["cpu_s"], inner["maxrss_kb"], inner["returncode"], False,
                     stdout, stderr)
    else:
        result = Run(cmd, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, child.returncode, timed_out,
                     stdout, stderr)
    last = stdout.strip().splitlines()[-1:] if stdout.strip() else []
    if last and last[0].startswith("{"):
        try:
            result.report = json.loads(last[0])
        except ValueError:
            pass
    return result


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory_gib() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 2**20:.1f} GiB"
    except OSError:
        pass
    return "unknown"


def _version(dist: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return "not installed"


def machine() -> dict[str, str]:
    """What the numbers were measured on."""
    return {
        "cpu": f"{_cpu_model()}, {os.cpu_count()} logical cores",
        "memory": _memory_gib(),
        "os": platform.platform(),
        "python": f"{platform.python_implementation()} {platform.python_version()} ({shown_path(sys.executable)})",
        "packages": ", ".join(f"{d} {_version(d)}" for d in
                              ("lark", "pint", "quantulum3", "pyduckling-native-phihos")),
        "load": "load average {:.2f} {:.2f} {:.2f} at the start".format(*os.getloadavg()),
    }
