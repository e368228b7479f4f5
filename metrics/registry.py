"""Load the YAML catalogue into a frozen registry, collecting problems with file and line.

`load(directory)` never stops at the first problem: every file is parsed, every entry validated
(pydantic), then the cross-checks of metrics/checks.py run. The caller decides: the app refuses
to start only when a problem is an error; `python -m metrics check` prints them all.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from metrics.model import Indicator, Measure, ThemeDef

CATALOGUE_DIR = Path(__file__).resolve().parent / "catalogue"
# libyaml's loader when present (10× faster); both keep node marks for line numbers.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True, order=True)
class Location:
    """Where an entry (or one of its keys) was written."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the catalogue. `severity` is `error` or `warning`."""

    severity: str
    message: str
    file: str = ""
    line: int = 0
    indicator: str = ""
    rule: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.file else "<catalogue>"
        who = f" [{self.indicator}]" if self.indicator else ""
        rule = f" ({self.rule})" if self.rule else ""
        return f"{where}: {self.severity}:{who} {self.message}{rule}"


@dataclass(frozen=True)
class Entry:
    """A raw catalogue entry as read: its kind, id, location, key order and key lines."""

    kind: str  # "indicator" | "measure" | "theme"
    id: str
    location: Location
    keys: tuple[str, ...]
    key_lines: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Registry:
    """The validated catalogue. Mappings are read-only and keep file order."""

    directory: Path
    themes: tuple[ThemeDef, ...]
    measures: Mapping[str, Measure]
    indicators: Mapping[str, Indicator]
    entries: tuple[Entry, ...]  # every entry read, valid or not, duplicates included

    @property
    def is_real(self) -> bool:
        """True for the shipped catalogue (the 134-indicator and headline counts apply)."""
        return self.directory.resolve() == CATALOGUE_DIR

    def location(self, kind: str, ident: str) -> Location | None:
        """First location of an indicator or measure id."""
        for entry in self.entries:
            if entry.kind == kind and entry.id == ident:
                return entry.location
        return None

    def theme_name(self, theme: str, lang: str = "zh") -> str:
        """The display name of a theme id."""
        for t in self.themes:
            if t.id == theme:
                return t.name_zh if lang == "zh" else t.name_en
        return theme

    def by_theme(self) -> list[tuple[ThemeDef, list[Indicator]]]:
        """Themes in board order with their indicators in file order."""
        return [
            (t, [i for i in self.indicators.values() if i.theme == t.id])
            for t in sorted(self.themes, key=lambda t: t.order)
        ]


class CatalogueError(RuntimeError):
    """The catalogue has errors; the app must not start on it."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        errors = [p for p in problems if p.severity == "error"]
        lines = "\n".join(str(p) for p in errors[:20])
        super().__init__(f"{len(errors)} catalogue error(s):\n{lines}")


def _rel(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)


def _read_file(path: Path, root: Path) -> tuple[list[tuple[Any, yaml.Node]], list[Problem]]:
    """Parse one YAML file into (item, node) pairs of its top-level list."""
    name = _rel(path, root)
    try:
        loader = _Loader(path.read_text(encoding="utf-8"))
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else []
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 0
        return [], [Problem("error", f"YAML syntax: {exc}", name, line, rule="yaml_parses")]
    if node is None:
        return [], []
    if not isinstance(node, yaml.SequenceNode) or not isinstance(data, list):
        return [], [Problem("error", "file must hold a list of entries", name, 1, rule="yaml_parses")]
    return list(zip(data, node.value, strict=True)), []


def _key_lines(node: yaml.Node) -> dict[str, int]:
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(k.value): k.start_mark.line + 1 for k, _ in node.value}


def _validate(
    model: type[BaseModel], kind: str, item: Any, node: yaml.Node, file: str
) -> tuple[BaseModel | None, Entry | None, list[Problem]]:
    """Validate one entry; on failure report each pydantic error at its key's line."""
    line = node.start_mark.line + 1
    if not isinstance(item, dict):
        return None, None, [Problem("error", f"{kind} entry must be a mapping", file, line)]
    ident = str(item.get("id", ""))
    lines = _key_lines(node)
    entry = Entry(kind, ident, Location(file, line), tuple(map(str, item)), MappingProxyType(lines))
    try:
        return model.model_validate(item), entry, []
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            key = str(err["loc"][0]) if err["loc"] else ""
            where = ".".join(str(x) for x in err["loc"])
            msg = f"{where}: {err['msg']}" if where else err["msg"]
            problems.append(
                Problem("error", msg, file, lines.get(key, line), ident, rule="schema_valid")
            )
        return None, entry, problems


def _load_kind(
    files: list[Path], root: Path, model: type[BaseModel], kind: str
) -> tuple[list[Any], list[Entry], list[Problem]]:
    objs: list[Any] = []
    entries: list[Entry] = []
    problems: list[Problem] = []
    for path in files:
        pairs, probs = _read_file(path, root)
        problems += probs
        for item, node in pairs:
            obj, entry, probs = _validate(model, kind, item, node, _rel(path, root))
            problems += probs
            if entry is not None:
                entries.append(entry)
            if obj is not None:
                objs.append(obj)
    return objs, entries, problems


def parse(directory: Path | str | None = None) -> tuple[Registry, list[Problem]]:
    """Read and validate the catalogue files, without the cross-checks."""
    root = Path(directory) if directory is not None else CATALOGUE_DIR
    themes, t_entries, p1 = _load_kind([root / "themes.yaml"], root, ThemeDef, "theme")
    measures, m_entries, p2 = _load_kind([root / "measures.yaml"], root, Measure, "measure")
    ind_files = sorted((root / "indicators").glob("*.yaml"))
    indicators, i_entries, p3 = _load_kind(ind_files, root, Indicator, "indicator")
    problems = p1 + p2 + p3
    for need in ("themes.yaml", "measures.yaml"):
        if not (root / need).exists():
            problems.append(Problem("error", f"missing {need}", str(root / need), rule="files"))
    registry = Registry(
        directory=root,
        themes=tuple(themes),
        measures=MappingProxyType(_first_by_id(measures)),
        indicators=MappingProxyType(_first_by_id(indicators)),
        entries=tuple(t_entries + m_entries + i_entries),
    )
    return registry, problems


def _first_by_id(objs: list[Any]) -> dict[str, Any]:
    """Objects by id, first one winning (duplicates are reported by checks.unique_ids)."""
    out: dict[str, Any] = {}
    for obj in objs:
        out.setdefault(obj.id, obj)
    return out


def load(directory: Path | str | None = None) -> tuple[Registry, list[Problem]]:
    """Load the catalogue (default: metrics/catalogue) and run every check. Never raises on
    catalogue content; returns the registry of valid entries and all problems found."""
    from metrics.checks import run_checks

    registry, problems = parse(directory)
    problems += run_checks(registry)
    return registry, problems


def errors(problems: list[Problem]) -> list[Problem]:
    """Only the problems that stop the app."""
    return [p for p in problems if p.severity == "error"]


@functools.cache
def get_registry(directory: str | None = None) -> Registry:
    """The loaded catalogue, cached per directory; raises CatalogueError on any error."""
    registry, problems = load(directory)
    if errors(problems):
        raise CatalogueError(problems)
    return registry
