"""``crosscheck config show``: every effective setting, its value, and where it came from (default,
the configuration file and line, or the command line).  It takes check's options, so that
``crosscheck config show --fail-on warning`` shows what that run would use."""

from __future__ import annotations

import json
from typing import Any


def show(settings: Any, *, verbose: bool = False) -> str:
    """The settings as ``name = value  # source`` lines, after a line naming the file read; with
    ``verbose``, each setting's meaning too."""
    from checker.config import SETTINGS

    head = f"# configuration file: {settings.file}" if settings.file else \
        "# configuration file: none found (crosscheck.yaml, or [tool.crosscheck] in pyproject.toml)"
    rows = [(name, json.dumps(settings[name], ensure_ascii=False), settings.sources[name]) for name in SETTINGS]
    name_w = max(len(r[0]) for r in rows)
    value_w = max(len(r[1]) for r in rows)
    lines = [head]
    for name, value, source in rows:
        line = f"{name.ljust(name_w)} = {value.ljust(value_w)}  # {source}"
        lines.append(f"{line}; {SETTINGS[name].help}" if verbose else line)
    return "\n".join(lines) + "\n"


def run(args: Any) -> int:
    from checker.config import resolve
    from checker.output import write_or_print

    if args.config_command != "show":
        raise AssertionError(args.config_command)
    write_or_print(show(resolve(args), verbose=args.verbose), None)
    return 0
