"""Run one measured command and write what it cost to a file:

    python bench/launch.py RESULT.json CMD [ARG...]

``procs.run`` starts every measured command through this small process.  On Linux a process's peak
memory (``ru_maxrss``) starts from that of the process it was forked from (``exec`` keeps it), so a
command started straight from the bench (which holds the corpus and the results) would report the
bench's own peak; started from here, it reports its own.  The command's output goes where this
process's goes.  RESULT.json gets its wall time (from start to exit, without this launcher's own
start-up), its CPU time and that of every process it started and waited for (``--jobs`` workers),
the peak memory of the largest of them, and its exit status.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time


def main(argv: list[str]) -> int:
    result, cmd = argv[0], argv[1:]
    start = time.perf_counter()
    child = subprocess.Popen(cmd)
    _pid, status, own = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    every = resource.getrusage(resource.RUSAGE_CHILDREN)  # the command and the processes it waited for
    data = {"wall_s": wall, "cpu_s": every.ru_utime + every.ru_stime, "own_cpu_s": own.ru_utime + own.ru_stime,
            "maxrss_kb": every.ru_maxrss, "returncode": os.waitstatus_to_exitcode(status)}
    with open(result, "w", encoding="utf-8") as fh:
        json.dump(data, fh)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
