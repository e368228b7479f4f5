"""Load-time cross-checks: small named rules, each `Registry -> list[Problem]`, in one tuple.

Each rule is testable alone. Severity `error` stops the app (and `python -m metrics check`);
`warning` is printed only. Counts that hold for the shipped catalogue (134 indicators, 8
headlines) are errors only there, so small example catalogues in tests stay usable.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING

from data.schema import metadata
from metrics.expr import ExprError, Node, names, parse, plan_measures
from metrics.facts import vocabulary
from metrics.model import INDICATOR_KEY_ORDER, RAG_REQUIRED, Agg, Direction, Fact, RagKind

if TYPE_CHECKING:
    from metrics.registry import Problem, Registry

Rule = Callable[["Registry"], list["Problem"]]


def _p(reg: Registry, sev: str, msg: str, kind: str, ident: str, rule: str, key: str = "") -> Problem:
    """A problem located at an entry (and at one of its keys when given)."""
    from metrics.registry import Problem

    for e in reg.entries:
        if e.kind == kind and e.id == ident:
            line = e.key_lines.get(key, e.location.line) if key else e.location.line
            return Problem(sev, msg, e.location.file, line, ident if kind == "indicator" else "", rule)
    return Problem(sev, msg, indicator=ident, rule=rule)


def unique_ids(reg: Registry) -> list[Problem]:
    """Ids are unique within each kind, and no indicator shares an id with a measure."""
    out = []
    seen: Counter[tuple[str, str]] = Counter()
    for e in reg.entries:
        seen[(e.kind, e.id)] += 1
        if seen[(e.kind, e.id)] == 2:
            out.append(_p(reg, "error", f"duplicate {e.kind} id {e.id!r}", e.kind, e.id, "unique_ids"))
    for ident in set(reg.indicators) & set(reg.measures):
        out.append(_p(reg, "error", f"id {ident!r} is both a measure and an indicator", "indicator", ident, "unique_ids"))
    return out


def headline_count(reg: Registry) -> list[Problem]:
    """Exactly 8 headline indicators (an error for the shipped catalogue)."""
    from metrics.registry import Problem

    n = sum(1 for i in reg.indicators.values() if i.headline)
    if n == 8:
        return []
    return [Problem("error" if reg.is_real else "warning", f"{n} headline indicators, expected 8", rule="headline_count")]


def indicator_count(reg: Registry) -> list[Problem]:
    """Exactly 134 indicators in the shipped catalogue."""
    from metrics.registry import Problem

    n = len(reg.indicators)
    if n == 134 or not reg.is_real:
        return []
    return [Problem("error", f"{n} indicators, expected 134", rule="indicator_count")]


def _parsed(reg: Registry) -> dict[str, Node]:
    out = {}
    for ind in reg.indicators.values():
        try:
            out[ind.id] = parse(ind.value)
        except ExprError:
            pass
    return out


def expressions_resolve(reg: Registry) -> list[Problem]:
    """Every `value` (and RAG expression) parses and names only known measures/indicators."""
    known = set(reg.measures) | set(reg.indicators)
    out = []
    for ind in reg.indicators.values():
        texts = [("value", ind.value)]
        if ind.rag.plan_expr:
            texts.append(("rag", ind.rag.plan_expr))
        if isinstance(ind.rag.target, str):
            texts.append(("rag", ind.rag.target))
        for key, text in texts:
            try:
                node = parse(text)
            except ExprError as exc:
                out.append(_p(reg, "error", str(exc), "indicator", ind.id, "expressions_resolve", key))
                continue
            for name in sorted(names(node) - known):
                out.append(_p(reg, "error", f"unknown measure or indicator {name!r}", "indicator", ind.id, "expressions_resolve", key))
        if ind.rag.ref and ind.rag.ref not in reg.indicators:
            out.append(_p(reg, "error", f"rag.ref {ind.rag.ref!r} is not an indicator", "indicator", ind.id, "expressions_resolve", "rag"))
    return out


def no_cycles(reg: Registry) -> list[Problem]:
    """Indicators must not depend on themselves through other indicators."""
    graph = {i: names(n) & set(reg.indicators) for i, n in _parsed(reg).items()}
    out, state = [], {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycle = " → ".join(path[path.index(nxt):] + [nxt]) if nxt in path else nxt
                out.append(_p(reg, "error", f"cycle: {cycle}", "indicator", node, "no_cycles", "value"))
            elif nxt not in state:
                visit(nxt, path + [nxt])
        state[node] = 2

    for ident in graph:
        if ident not in state:
            visit(ident, [ident])
    return out


def sources_exist(reg: Registry) -> list[Problem]:
    """`sources` name real `table.column`s of data/schema.py."""
    out = []
    for ind in reg.indicators.values():
        for src in ind.sources:
            table, _, col = src.partition(".")
            t = metadata.tables.get(table)
            if t is None or col not in t.c:
                out.append(_p(reg, "error", f"source {src!r} is not in data/schema.py", "indicator", ind.id, "sources_exist", "sources"))
    return out


def thresholds_ordered(reg: Registry) -> list[Problem]:
    """Green is on the good side of yellow for the indicator's direction."""
    out = []
    for ind in reg.indicators.values():
        r = ind.rag
        if r.kind not in (RagKind.THRESHOLD, RagKind.GROWTH, RagKind.CHANGE, RagKind.RELATIVE):
            continue
        if r.green is None or r.yellow is None:
            continue
        hi = ind.direction == Direction.HIGHER_BETTER
        if (hi and r.green < r.yellow) or (not hi and r.green > r.yellow):
            side = "≥" if hi else "≤"
            out.append(_p(reg, "error", f"green {r.green} must be {side} yellow {r.yellow} ({ind.direction})", "indicator", ind.id, "thresholds_ordered", "rag"))
    return out


def rag_params_complete(reg: Registry) -> list[Problem]:
    """Each RAG kind has the parameters it needs."""
    out = []
    for ind in reg.indicators.values():
        r = ind.rag
        missing = [f for f in RAG_REQUIRED[r.kind] if getattr(r, f) is None]
        if r.kind == RagKind.PLAN_PROGRESS and not (r.plan or r.plan_expr):
            missing.append("plan or plan_expr")
        if missing:
            out.append(_p(reg, "error", f"rag {r.kind} needs {', '.join(missing)}", "indicator", ind.id, "rag_params_complete", "rag"))
    return out


def every_indicator_documented(reg: Registry) -> list[Problem]:
    """Every indicator has a description (口径) and a formula in words."""
    out = []
    for ind in reg.indicators.values():
        if len(ind.description.strip()) < 8:
            out.append(_p(reg, "error", "missing or too short description", "indicator", ind.id, "every_indicator_documented", "description"))
    for m in reg.measures.values():
        if not m.description.strip():
            out.append(_p(reg, "warning", f"measure {m.id} has no description", "measure", m.id, "every_indicator_documented"))
    return out


def plan_measures_exist(reg: Registry) -> list[Problem]:
    """plans.measure names (plan(), rag.plan, plan_measure) are indicator ids of the catalogue."""
    out = []
    for ind, node in ((reg.indicators[i], n) for i, n in _parsed(reg).items()):
        used = plan_measures(node) | {m for m in (ind.rag.plan, ind.plan_measure) if m}
        for m in sorted(used - set(reg.indicators)):
            out.append(_p(reg, "error", f"plan measure {m!r} is not an indicator id", "indicator", ind.id, "plan_measures_exist"))
    return out


def keys_in_order(reg: Registry) -> list[Problem]:
    """Indicator keys follow the fixed order of the format (a warning: readers rely on it)."""
    order = {k: i for i, k in enumerate(INDICATOR_KEY_ORDER)}
    out = []
    for e in reg.entries:
        if e.kind != "indicator":
            continue
        idx = [order[k] for k in e.keys if k in order]
        if idx != sorted(idx):
            out.append(_p(reg, "warning", "keys are not in the format's order", "indicator", e.id, "keys_in_order"))
    return out


def measure_vocabulary(reg: Registry) -> list[Problem]:
    """Measures use columns/filters their fact offers; special measures name real providers."""
    from metrics.special import PROVIDERS

    out = []
    for m in reg.measures.values():
        def bad(msg: str, m: object = m) -> None:
            out.append(_p(reg, "error", f"measure {m.id}: {msg}", "measure", m.id, "measure_vocabulary"))  # type: ignore[attr-defined]

        if m.fact == Fact.SPECIAL:
            spec = PROVIDERS.get(m.provider or "")
            if spec is None:
                bad(f"unknown provider {m.provider!r}")
            elif m.output not in spec.outputs:
                bad(f"provider {m.provider} has no output {m.output!r}")
            continue
        cols, dims = vocabulary(m.fact)
        if m.agg != Agg.COUNT and m.expr not in cols:
            bad(f"fact {m.fact} has no column {m.expr!r}")
        for dim in m.filter:
            if dim not in dims:
                bad(f"fact {m.fact} has no filter {dim!r}")
        if m.fact == Fact.PLAN and "measure" not in m.filter:
            bad("plan measures need filter.measure")
    return out


def themes_known(reg: Registry) -> list[Problem]:
    """Every indicator's theme is declared in themes.yaml."""
    declared = {t.id for t in reg.themes}
    return [
        _p(reg, "error", f"theme {i.theme} is not in themes.yaml", "indicator", i.id, "themes_known", "theme")
        for i in reg.indicators.values()
        if i.theme not in declared
    ]


RULES: tuple[Rule, ...] = (
    unique_ids,
    headline_count,
    indicator_count,
    expressions_resolve,
    no_cycles,
    sources_exist,
    thresholds_ordered,
    rag_params_complete,
    every_indicator_documented,
    plan_measures_exist,
    keys_in_order,
    measure_vocabulary,
    themes_known,
)


def run_checks(reg: Registry) -> list[Problem]:
    """All rules, in order."""
    out: list[Problem] = []
    for rule in RULES:
        out += rule(reg)
    return out
