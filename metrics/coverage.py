"""Data coverage: which days the store holds fuel rows for, and which comparisons it can support.

A comparison against a window the data does not wholly cover reads as real growth (a 14-month
store's last-year YTD holds two months, so YTD growth shows +580 %). The fixed indicators keep
the contract's formula, so values never change here: this module only says which comparisons
of an indicator lean on a window outside the coverage, so the pages can flag them and grey the
lights judged on them.

`Coverage` and `gaps` are pure; `store_coverage` is one min/max query (DuckDB answers it from
column statistics: ~2 ms on 49.6M rows), remembered per store and data version.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine, func, select

from metrics.expr import META_FUNCS, BinOp, Call, Name, Neg, Node, parse
from metrics.expr_eval import shift
from metrics.model import Basis, Indicator, RagKind
from metrics.periods import Window, comparison

# Which comparison a window function stands for (the flag's wording follows it).
FUNC_BASIS = {"prev": "mom", "ly": "yoy", "ly_ytd": "yoy", "ytd": "ytd"}


@dataclass(frozen=True)
class Coverage:
    """First and last day with fuel rows (both None for an empty store)."""

    first: date | None
    last: date | None

    def covers(self, win: Window) -> bool:
        """Whether the window lies wholly inside the covered days."""
        return covers(self, win.start, win.end)

    def to_json(self) -> dict[str, str | None]:
        """Plain JSON (it travels in the board's dcc.Store)."""
        return {"first": _iso(self.first), "last": _iso(self.last)}

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> Coverage | None:
        """The inverse of `to_json`; None for None."""
        if not data:
            return None
        return cls(_day(data.get("first")), _day(data.get("last")))


@dataclass(frozen=True)
class Gap:
    """A comparison leaning on a window the data does not wholly cover."""

    basis: str  # yoy | mom | ytd | plan: which comparison (the marker's wording)
    start: date  # the window that is not covered
    end: date


def covers(cov: Coverage, start: date, end: date) -> bool:
    """Whether [start, end] lies wholly inside the coverage (an empty store covers nothing)."""
    if cov.first is None or cov.last is None:
        return False
    return cov.first <= start and end <= cov.last


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _day(value: Any) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return datetime.fromisoformat(str(value)).date()


def windows_read(node: Node, win: Window, indicators: dict[str, Indicator] | Any,
                 basis: str = "own") -> list[tuple[str, Window]]:
    """Every (basis, window) an expression reads at `win`: "own" for the window itself, else the
    comparison its window function stands for. Indicators named in it are followed into their
    own expressions (measures read the window they are given)."""
    if isinstance(node, Name):
        ind = indicators.get(node.id)
        return [(basis, win)] if ind is None else windows_read(
            parse(ind.value), win, indicators, basis)
    if isinstance(node, BinOp):
        return (windows_read(node.left, win, indicators, basis)
                + windows_read(node.right, win, indicators, basis))
    if isinstance(node, Neg):
        return windows_read(node.operand, win, indicators, basis)
    if isinstance(node, Call):
        if node.func in FUNC_BASIS:
            inner = basis if basis != "own" else FUNC_BASIS[node.func]
            return windows_read(node.args[0], shift(node.func, win), indicators, inner)
        # green_share()/city_rank() take no arguments but read the entity's own window
        out: list[tuple[str, Window]] = [(basis, win)] if node.func in META_FUNCS else []
        for arg in node.args:
            out += windows_read(arg, win, indicators, basis)
        return out
    return []


def _first_gap(reads: list[tuple[str, Window]], cov: Coverage, basis: str | None,
               skip_own: bool) -> Gap | None:
    """The first window read that the coverage does not hold (`basis` names it when given)."""
    for kind, w in reads:
        if skip_own and kind == "own":
            continue
        if not cov.covers(w):
            return Gap(basis or kind, w.start, w.end)
    return None


def value_gap(ind: Indicator, win: Window, cov: Coverage,
              indicators: dict[str, Indicator] | Any) -> Gap | None:
    """The value's own comparison (a growth, a YTD sum) leans on uncovered days."""
    return _first_gap(windows_read(parse(ind.value), win, indicators), cov, None, True)


def column_gap(ind: Indicator, win: Window, basis: str, cov: Coverage,
               indicators: dict[str, Indicator] | Any) -> Gap | None:
    """The MoM or YoY column: the indicator at the comparison window is not wholly covered."""
    other = comparison(win, basis)
    return _first_gap(windows_read(parse(ind.value), other, indicators), cov, basis, False)


def plan_gap(win: Window, cov: Coverage) -> Gap | None:
    """A plan judges the whole window: it must be covered from its first day."""
    return None if cov.covers(win) else Gap("plan", win.start, win.end)


def _rule_gap(ind: Indicator, win: Window, cov: Coverage, indicators: Any,
              cols: dict[str, Gap | None]) -> Gap | None:
    """The comparison the light is judged on, when the data does not cover it."""
    rule = ind.rag
    if rule.kind in (RagKind.GROWTH, RagKind.CHANGE):
        return cols.get(str((rule.basis or Basis.YOY).value))
    if rule.kind == RagKind.GROWTH_VS:
        ref = indicators.get(rule.ref or "")
        return cols.get("yoy") or (column_gap(ref, win, "yoy", cov, indicators) if ref else None)
    if rule.kind == RagKind.RELATIVE:
        ref = indicators.get(rule.ref or "")
        return value_gap(ref, win, cov, indicators) if ref else None
    exprs = [rule.plan_expr] if rule.plan_expr else []
    if isinstance(rule.target, str):
        exprs.append(rule.target)
    for text in exprs:
        if gap := _first_gap(windows_read(parse(text), win, indicators), cov, None, True):
            return gap
    return plan_gap(win, cov) if rule.kind == RagKind.PLAN_PROGRESS else None


def gaps(ind: Indicator, win: Window, cov: Coverage | None,
         indicators: dict[str, Indicator] | Any) -> dict[str, Gap]:
    """The comparisons of one indicator at `win` that the coverage does not support.

    Keys: "value" (the value is itself a comparison), "mom", "yoy" (the columns), "plan" (the
    completion shown beside the plan) and "rag" (the comparison the light is judged on). Empty
    when everything is covered, and when the coverage is unknown (None): flags must never
    invent a problem.
    """
    if cov is None:
        return {}
    cols = {b: column_gap(ind, win, b, cov, indicators) for b in ("mom", "yoy")}
    found: dict[str, Gap | None] = {"value": value_gap(ind, win, cov, indicators), **cols}
    if ind.plan_measure or ind.rag.kind == RagKind.PLAN_PROGRESS:
        found["plan"] = found["value"] or plan_gap(win, cov)
    found["rag"] = found["value"] or _rule_gap(ind, win, cov, indicators, cols)
    return {k: g for k, g in found.items() if g is not None}


_MEMO: dict[tuple[int, str], Coverage] = {}
_LOCK = threading.Lock()


def read_coverage(engine: Engine) -> Coverage:
    """First and last day with fuel rows in the store (one min/max query)."""
    from data.schema import fuel_sales

    with engine.connect() as conn:
        lo, hi = conn.execute(select(func.min(fuel_sales.c.ts), func.max(fuel_sales.c.ts))).one()
    return Coverage(_day(lo), _day(hi))


def store_coverage(engine: Engine) -> Coverage:
    """`read_coverage`, remembered per store and data version (an import changes it); a store
    without bookkeeping is read every time."""
    from data.store import data_version

    try:
        version = data_version(engine)
    except Exception:  # noqa: BLE001 - a hand-made store has no import_runs: just read it
        version = ""
    # Engines are cached per URL (a DuckDB reader's own URL is ":memory:"); versions are unique.
    key = (id(engine), version)
    if version and key in _MEMO:
        return _MEMO[key]
    cov = read_coverage(engine)
    if version:
        with _LOCK:
            if len(_MEMO) > 64:  # bounded: one entry per store and version
                _MEMO.clear()
            _MEMO[key] = cov
    return cov
