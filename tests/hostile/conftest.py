"""Every test of the hostile suite runs under a timeout: one that has not ended after
``hostile.TIMEOUT`` seconds fails as a hang (a run in another process has its own, see
``hostile.crosscheck``)."""

from __future__ import annotations

import signal
import sys

import pytest

HANG = 600  # seconds for a whole test (several runs of crosscheck); reaching it means a hang


class Hang(Exception):
    pass


@pytest.fixture(autouse=True)
def no_hang():
    if sys.platform == "win32" or not hasattr(signal, "setitimer"):
        yield
        return

    def hung(signum, frame):
        raise Hang(f"the test did not end within {HANG} s")

    old = signal.signal(signal.SIGALRM, hung)
    signal.setitimer(signal.ITIMER_REAL, HANG)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
