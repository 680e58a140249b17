"""The package's shape, read from its source with ``ast``: layers, cycles and size limits.

The layers are the ones drawn in docs/architecture.md, lowest first. A module may import from its
own layer and the ones below, never from a layer above; no two modules may import each other, even
through others, and even inside a function (a lazy import is still a dependency).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "checker"

# lowest first; a name is a module or a package (``checker.x`` covers ``checker.x.*``)
LAYERS: list[tuple[str, ...]] = [
    ("checker.version", "checker.errors", "checker.paths", "checker.ondisk", "checker.firstchar", "checker.output",
     "checker.yamlio", "checker.yamlparse"),
    ("checker.article", "checker.model", "checker.findings"),
    ("checker.config",),
    ("checker.ingest",),
    ("checker.parser",),
    ("checker.extractor",),
    ("checker.comparators",),
    ("checker.engine",),
    ("checker.ruleset",),
    ("checker.report",),
    ("checker.cache",),
    ("checker.run",),
    ("checker.api",),
    ("checker.commands", "checker.cli", "checker.__main__"),
]
TOP = ("checker",)  # the package's __init__: the public API, re-exported lazily

MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


MODULES = _modules()


def _imports(name: str, path: Path) -> set[str]:
    """Every checker module ``name`` imports, at the top or inside a function."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if not target.startswith("checker"):
                continue
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                found.add(sub if sub in MODULES else target)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("checker")}
    return {m for m in found if m in MODULES and m != name}


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def layer(module: str) -> int:
    if module in TOP:
        return len(LAYERS)
    for i, names in enumerate(LAYERS):
        if any(module == n or module.startswith(n + ".") for n in names):
            return i
    raise AssertionError(f"{module} is in no layer: add it to LAYERS and to docs/architecture.md")


def test_every_module_has_a_layer():
    for module in MODULES:
        layer(module)


def test_no_module_imports_a_layer_above_its_own():
    climbing = [f"{m} -> {t}" for m, targets in GRAPH.items() for t in sorted(targets)
                if m not in TOP and layer(t) > layer(m)]
    assert not climbing, "imports that climb a layer:\n" + "\n".join(climbing)


def test_no_import_cycle():
    # Tarjan's strongly connected components; a component of two or more modules is a cycle.
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in GRAPH[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for v in GRAPH:
        if v not in index:
            visit(v)
    # a package __init__ that re-exports its own modules is not a cycle of the design
    cycles = [c for c in cycles if not _only_package_reexports(c)]
    assert not cycles, f"import cycles: {cycles}"


def _only_package_reexports(component: list[str]) -> bool:
    inits = {m for m in component if MODULES[m].name == "__init__.py"}
    rest = set(component) - inits
    return len(inits) == 1 and all(m.startswith(next(iter(inits)) + ".") for m in rest) and not any(
        t in rest for m in rest for t in GRAPH[m] if t in inits)


@pytest.mark.parametrize("name", sorted(MODULES))
def test_module_and_function_sizes(name):
    source = MODULES[name].read_text(encoding="utf-8")
    lines = len(source.splitlines())
    assert lines <= MAX_MODULE_LINES, f"{name}: {lines} lines (at most {MAX_MODULE_LINES})"
    long = [f"{f.name} ({f.end_lineno - f.lineno + 1} lines, line {f.lineno})"
            for f in ast.walk(ast.parse(source))
            if isinstance(f, ast.FunctionDef | ast.AsyncFunctionDef) and f.end_lineno - f.lineno + 1 > MAX_FUNCTION_LINES]
    assert not long, f"{name}: functions over {MAX_FUNCTION_LINES} lines: {', '.join(long)}"


def test_every_package_says_what_goes_in_and_out():
    for name, path in MODULES.items():
        if path.name == "__init__.py":
            doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
            assert len(doc) > 40, f"{name}/__init__.py needs a docstring saying what goes in and what comes out"


def test_the_docs_name_every_layer():
    text = (PACKAGE.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    missing = [n for names in LAYERS for n in names if n.removeprefix("checker.") not in text]
    assert not missing, f"docs/architecture.md does not name: {missing}"


def test_the_graph_is_read():
    # the test itself can fail: a known import must be seen
    assert "checker.model" in GRAPH["checker.engine"]
