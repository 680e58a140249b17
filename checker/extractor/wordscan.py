"""One pass over an article's words that finds where the scans of clock.py, ordinals.py, years.py
and deadlines.py have something to look at: each module registers the words that may start what it
reads ("at" before a time of day, "until" before a deadline), and looks only there."""

from __future__ import annotations

from itertools import compress

__all__ = ["TRIGGERS", "candidates"]

#: a word (normalised) -> the name of the scan it may start
TRIGGERS: dict[str, str] = {}


def candidates(ctx, scan: str) -> list[int]:
    """The indices of the article's words that are triggers of ``scan`` (worked out for all scans
    in one pass, kept with the extraction's context)."""
    found = ctx.__dict__.get("_scan_candidates")
    if found is None:
        found = {}
        norms, triggers = ctx.norms, TRIGGERS
        for i in compress(range(len(norms)), map(triggers.__contains__, norms)):  # C loops: few are hits
            found.setdefault(triggers[norms[i]], []).append(i)
        ctx.__dict__["_scan_candidates"] = found
    return found.get(scan, [])
