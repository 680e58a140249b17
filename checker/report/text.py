"""The terminal report: findings grouped by fact key; for each, what every outlet says, who said it,
and where (``path:line:col``), in the words as written; a word-level difference for quotes; a
summary line.

One layout (:func:`_finding_lines`: each line as pieces of text with a style), written two ways:
plain text directly (a file, a pipe, ``--no-color``), or with colour through rich, only when asked
for (a terminal, no --no-color/NO_COLOR).  Plain text is what rich would print without colour:
the control characters rich drops are dropped, tabs are expanded to rich's tab stops (by display
cells), a line broken by a newline in its text is two lines, and no line ends in spaces.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.findings import Claim, Finding, Report
from checker.output.guard import BIDI

from .records import by_key, claim_where, diff_segments, finding_diff, summary_line

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}

#: one line of the report: the style of the whole line, and its pieces as (text, style; "" for none)
Line = tuple[str, tuple[tuple[str, str], ...]]

_DROPPED = dict.fromkeys((7, 8, 11, 12, 13))  # rich.control.strip_control_codes: what rich's Text drops
# what an article's text may not bring to a terminal, in colour or not: the controls rich drops are
# dropped, every other control character (an escape sequence) is U+FFFD, bidirectional controls go
_PIECE = str.maketrans({**{chr(c): "\ufffd" for c in (*range(0, 9), *range(14, 32), *range(0x7F, 0xA0))},
                        **dict.fromkeys(map(chr, _DROPPED)), **dict.fromkeys(BIDI)})


def _clean(lines: list[Line]) -> list[Line]:
    return [(style, tuple((text.translate(_PIECE), s) for text, s in pieces)) for style, pieces in lines]


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _claim_lines(claims: tuple[Claim, ...]) -> list[Line]:
    outlet_w = max((len(c.outlet) for c in claims), default=0)
    speakers = [c.speaker or "-" for c in claims]
    speaker_w = max((len(s) for s in speakers), default=0)
    wheres = [claim_where(c) for c in claims]
    where_w = max((len(w) for w in wheres), default=0)
    return [("", (("    ", ""), (claim.outlet.ljust(outlet_w), "bold"), ("  ", ""),
                  (speaker.ljust(speaker_w), "magenta" if claim.speaker else "dim"), ("  ", ""),
                  (where.ljust(where_w), "dim"), ("  ", ""), (f"\u201c{_one_line(claim.text)}\u201d", "green")))
            for claim, speaker, where in zip(claims, speakers, wheres, strict=True)]


def _diff_line(diff: str) -> Line:
    """``[-old-]`` in red, ``{+new+}`` in green, the rest plain, on a dim line."""
    pieces = [("    words: ", "")]
    for i, (kind, words) in enumerate(diff_segments(diff)):
        if i:
            pieces.append((" ", ""))
        if kind == "del":
            pieces.append((f"[-{words}-]", "red"))
        elif kind == "ins":
            pieces.append((f"{{+{words}+}}", "green"))
        else:
            pieces.append((words, ""))
    return "dim", tuple(pieces)


def _finding_lines(f: Finding) -> list[Line]:
    head: Line = ("", (("  ", ""), (f.severity.ljust(7), STYLE.get(f.severity, "")), (" ", ""), (f.rule, "bold"),
                       (f" ({f.type})", "dim"), ("  ", ""), (_one_line(f.message), "")))
    lines = [head, *_claim_lines(f.claims)]
    diff = finding_diff(f)
    if diff:
        lines.append(_diff_line(_one_line(diff)))
    return lines


def _plain(lines: list[Line]) -> str:
    """The lines as plain text, as rich prints them without colour."""
    out = []
    for _, pieces in lines:
        text = "".join(text for text, _ in pieces).translate(_DROPPED)
        if "\t" in text:
            from rich.text import Text  # tab stops by display cells, as rich prints them

            expanded = Text(text)
            expanded.expand_tabs(8)
            text = expanded.plain
        out += [part.rstrip() + "\n" for part in text.split("\n")]
    return "".join(out)


class _Colour:
    """The lines with ANSI colour, printed by rich."""

    def __init__(self) -> None:
        import io

        from rich.console import Console

        self.buf = io.StringIO()
        self.console = Console(file=self.buf, force_terminal=True, color_system="standard", width=10_000,
                               highlight=False, emoji=False, markup=False)

    def __call__(self, lines: list[Line]) -> str:
        from rich.text import Text

        for style, pieces in lines:
            text = Text(style=style)
            for piece, piece_style in pieces:
                text.append(piece, style=piece_style)
            self.console.print(text, soft_wrap=True)
        out = self.buf.getvalue()
        self.buf.seek(0)
        self.buf.truncate()
        return "\n".join(line.rstrip() for line in out.split("\n"))


def chunks(report: Report, *, color: bool = False) -> Iterator[str]:
    """The text report in pieces, a fact key's findings at a time; ANSI colour only when ``color``
    is true."""
    write = _Colour() if color else _plain
    for key, findings in by_key(report.findings):
        lines: list[Line] = [("bold underline", ((key, ""),))]
        for f in findings:
            lines += _finding_lines(f)
        yield write(_clean(lines)) + "\n"
    end: list[Line] = [] if report.findings else [("green", (("no discrepancies found", ""),))]
    yield write([*end, ("bold", ((summary_line(report), ""),))])


def render(report: Report, *, color: bool = False) -> str:
    """The text report; ANSI colour only when ``color`` is true."""
    return "".join(chunks(report, color=color))
