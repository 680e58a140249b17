"""Rule files -> validated, frozen :class:`Rule` s.

One rule a YAML file; the file stem is the rule id.  :func:`load_rules` reads the built-in rules
(rules/*.yaml, or their copy in an installed package) and then each ``--rules`` path (a file or a
folder, whose ``*.yaml``/``*.yml`` files are read recursively; lexicon files among them are left
to extraction: :func:`checker.paths.rule_inputs` splits them), checks every file against the JSON Schema generated from the
comparator specs plus what a schema cannot say (id = file stem, message placeholders, a kind's own
checks), and raises one :class:`~checker.errors.RuleError` listing *every* problem, each as
``file:line:col: message``, before any article is read.

A user file with the id of a built-in rule replaces it; ``id: X`` with ``enabled: false`` and
nothing else turns rule X off.  Two user files with one id are an error.
"""

from __future__ import annotations

import fnmatch
import math
import string
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from checker import comparators
from checker.errors import Location, RuleError
from checker.model import Fact
from checker.paths import data_dir, rule_inputs
from checker.yamlio import Document, read_yaml

from .lexicons import lexicon_problems
from .schema import schema_problems

__all__ = ["Match", "Rule", "RuleSet", "builtin_dir", "load_rules", "read_rule"]

Problem = tuple[Location, str]


def _tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


@dataclass(frozen=True, slots=True)
class Match:
    """Which facts a rule compares; key patterns are globs."""

    keys: tuple[str, ...] = ("*",)
    exclude_keys: tuple[str, ...] = ()
    dimension: tuple[str, ...] = ()
    exclude_dimension: tuple[str, ...] = ()
    nouns: tuple[str, ...] = ()
    same_story: bool = True

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Match:
        return cls(
            keys=_tuple(data.get("keys", "*")),
            exclude_keys=_tuple(data.get("exclude_keys")),
            dimension=_tuple(data.get("dimension")),
            exclude_dimension=_tuple(data.get("exclude_dimension")),
            nouns=_tuple(data.get("nouns")),
            same_story=bool(data.get("same_story", True)),
        )

    def accepts(self, fact: Fact) -> bool:
        """True when the rule compares ``fact``."""
        key, q = fact.key, fact.quantity
        if not any(fnmatch.fnmatchcase(key, p) for p in self.keys):
            return False
        if any(fnmatch.fnmatchcase(key, p) for p in self.exclude_keys):
            return False
        if self.dimension and q.dimension not in self.dimension:
            return False
        if q.dimension in self.exclude_dimension:
            return False
        return not self.nouns or q.noun in self.nouns


@dataclass(frozen=True, slots=True)
class Rule:
    """A validated rule; ``options`` are the kind's defaults overlaid with the file's options."""

    id: str
    kind: str
    severity: str
    message: str
    options: Mapping[str, Any]
    match: Match = Match()
    description: str = ""
    enabled: bool = True
    source: str = ""
    builtin: bool = False

    @property
    def type(self) -> str:
        """The Finding type the rule's comparator produces ("" for an unknown kind)."""
        module = comparators.KINDS.get(self.kind)
        return module.TYPE if module is not None else ""

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "type": self.type, "severity": self.severity,
                "enabled": self.enabled, "source": self.source, "builtin": self.builtin,
                "description": self.description}


@dataclass(frozen=True, slots=True)
class RuleSet:
    """The rules in force, sorted by id; disabled rules stay listed."""

    rules: tuple[Rule, ...] = ()

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def enabled(self) -> tuple[Rule, ...]:
        return tuple(r for r in self.rules if r.enabled)

    def get(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)


def builtin_dir() -> Path:
    """The folder of the built-in rules."""
    return data_dir("rules", "*.yaml")


def _frozen(value: Any) -> Any:
    """A read-only deep copy: mappings become MappingProxyType, lists tuples."""
    if isinstance(value, Mapping):
        return MappingProxyType({k: _frozen(v) for k, v in value.items()})
    if isinstance(value, (list, tuple)):
        return tuple(_frozen(v) for v in value)
    return value


def _template_problems(doc: Document, kind: str) -> list[Problem]:
    if not isinstance(doc.data.get("message"), str):
        return []  # a disabled rule may have none; the schema speaks for a wrong type
    known = {**comparators.COMMON_PLACEHOLDERS, **comparators.get(kind).PLACEHOLDERS}
    try:
        list(string.Formatter().parse(doc.data["message"]))
    except ValueError as exc:
        return [(doc.location(("message",)), f"message: not a valid template ({exc}); write {{{{ and }}}} for braces")]
    out = []
    for _, f, spec, conversion in string.Formatter().parse(doc.data["message"]):
        if f is None:
            continue
        if f not in known:
            out.append(f"message: unknown placeholder {{{f}}} for kind {kind} (known: {', '.join(sorted(known))})")
        elif spec or conversion:
            out.append(f"message: write the placeholder {{{f}}} plainly, without ! or :")
    return [(doc.location(("message",)), message) for message in out]  # the place only when needed


def _numbers(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], float]]:
    """Every float in a YAML value, with its path (.nan and .inf pass a JSON Schema's bounds)."""
    if isinstance(value, float):
        yield path, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _numbers(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _numbers(v, (*path, i))


def _semantic_problems(doc: Document, path: Path) -> list[Problem]:
    data, out = doc.data, []
    if data["id"] != path.stem:
        out.append((doc.location(("id",)), f"rule id {data['id']!r} must equal the file stem {path.stem!r}"))
    kind = data.get("kind")
    if kind is None:
        return out
    out += _template_problems(doc, kind)
    out += [(doc.location(("options", *where)), f"options.{'.'.join(map(str, where))}: {value!r} is not a "
             "finite number") for where, value in _numbers(data.get("options") or {}) if not math.isfinite(value)]
    check = getattr(comparators.get(kind), "validate", None)
    if check is not None:
        out += [(doc.location(("options", *where)), msg) for where, msg in check(data.get("options") or {})]
    return out


def read_rule(path: str | Path, *, builtin: bool = False) -> tuple[Rule | None, list[Problem]]:
    """One rule file -> its Rule (kind "" for a file that only disables a rule) and its problems."""
    path = Path(path)
    doc, problems = read_yaml(path, strict=True)
    if doc is None:
        return None, problems
    problems += schema_problems(doc)
    if problems:
        return None, problems
    problems = _semantic_problems(doc, path)
    if problems:
        return None, problems
    data = doc.data
    if "kind" not in data:
        return Rule(data["id"], "", "", "", MappingProxyType({}), enabled=False, source=str(path)), []
    module = comparators.get(data["kind"])
    options = _frozen({**module.DEFAULTS, **(data.get("options") or {})})
    return Rule(
        id=data["id"], kind=data["kind"], severity=data.get("severity", ""), message=data.get("message", ""),
        options=options, match=Match.from_mapping(data.get("match") or {}),
        description=" ".join(str(data.get("description", "")).split()),
        enabled=data.get("enabled", True), source=str(path), builtin=builtin,
    ), []


def _read_all(files: Iterable[Path], builtin: bool) -> tuple[list[Rule], list[Problem]]:
    rules, problems = [], []
    for f in files:
        rule, found = read_rule(f, builtin=builtin)
        problems += found
        if rule is not None:
            rules.append(rule)
    return rules, problems


def load_rules(paths: Iterable[str | Path] = (), *, defaults: bool = True) -> RuleSet:
    """The built-in rules (unless ``defaults`` is false) with the rules at ``paths`` over them."""
    problems: list[Problem] = []
    by_id: dict[str, Rule] = {}
    if defaults:
        builtins, found = _read_all(rule_inputs([builtin_dir()]).rules, builtin=True)
        problems += found
        by_id = {r.id: r for r in builtins}
    user_sources: dict[str, str] = {}
    inputs = rule_inputs(paths)  # the lexicons among them go to extraction
    problems += inputs.problems
    rules, found = _read_all(map(Path, inputs.rules), builtin=False)
    problems += found
    for rule in rules:
        problems += _apply(by_id, user_sources, rule)
    problems += lexicon_problems(inputs)
    if problems:
        raise RuleError(problems)
    return RuleSet(tuple(_with_lexicons(by_id[k], inputs) for k in sorted(by_id)))


def _with_lexicons(rule: Rule, inputs: Any) -> Rule:
    """The rule with the user's lexicon files its kind reads (``LEXICONS``) in its options."""
    wants = getattr(comparators.KINDS.get(rule.kind), "LEXICONS", ())
    if not wants:
        return rule
    files = MappingProxyType({k: tuple(inputs.lexicon(k)) for k in wants})
    return replace(rule, options=MappingProxyType({**rule.options, "lexicons": files}))


def _apply(by_id: dict[str, Rule], user_sources: dict[str, str], rule: Rule) -> list[Problem]:
    """Put a user rule over the rules so far (replace, or turn off)."""
    where = Location(rule.source, 1, 1)
    if rule.id in user_sources:
        return [(where, f"rule {rule.id!r} is also defined in {user_sources[rule.id]}")]
    user_sources[rule.id] = rule.source
    if rule.kind:
        by_id[rule.id] = rule
    elif rule.id in by_id:
        by_id[rule.id] = replace(by_id[rule.id], enabled=False, source=rule.source)
    else:
        return [(where, f"turns off rule {rule.id!r}, but there is no such rule")]
    return []
