"""The `value` expression language: parsed with Python's `ast` (a whitelist, never eval).

An expression is arithmetic over measure ids and indicator ids plus a few functions (see
docs/catalogue-format.md). Parsing gives a small tree of our own nodes; `walk` evaluates a tree
against a `Context` at one (window, entity) and returns a `Val`: the number (or None with a
reason) and the formula with the actual values substituted. The evaluator runs the same walk
twice: once with a collecting context to learn which measures are needed, once for real.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from functools import cache
from typing import Protocol

from metrics.periods import Level, Window

EntityRef = tuple[Level, str]

WINDOW_FUNCS = ("prev", "ly", "ytd", "ly_ytd")
PLAN_FUNCS = {"plan": "period", "plan_month": "month", "plan_year": "year"}
VARS = ("days", "period_days", "progress", "year_progress")
CMPS = {"lt": float.__lt__, "le": float.__le__, "ge": float.__ge__, "gt": float.__gt__}
# name -> (min args, max args); keyword arguments only for city_rank.
FUNCS: dict[str, tuple[int, int]] = {
    **{f: (1, 1) for f in WINDOW_FUNCS},
    **{f: (1, 1) for f in PLAN_FUNCS},
    "city": (1, 1),
    "growth": (2, 2),
    "min": (2, 9),
    "max": (2, 9),
    "abs": (1, 1),
    "stations_where": (3, 3),
    "green_share": (0, 0),
    "city_rank": (0, 0),
}
META_FUNCS = ("green_share", "city_rank")


class ExprError(ValueError):
    """A `value` expression that is not in the language."""


@dataclass(frozen=True)
class Num:
    value: float


@dataclass(frozen=True)
class Str:
    value: str


@dataclass(frozen=True)
class Name:
    id: str


@dataclass(frozen=True)
class BinOp:
    op: str
    left: Node
    right: Node


@dataclass(frozen=True)
class Neg:
    operand: Node


@dataclass(frozen=True)
class Call:
    func: str
    args: tuple[Node, ...]
    kwargs: tuple[tuple[str, float], ...] = ()


Node = Num | Str | Name | BinOp | Neg | Call

_OPS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}


@cache
def parse(text: str) -> Node:
    """Parse a value expression; raise ExprError naming the offending construct."""
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as exc:
        raise ExprError(f"syntax error in {text!r}: {exc.msg}") from None
    return _convert(tree.body)


def _convert(n: ast.AST) -> Node:
    if isinstance(n, ast.Constant) and isinstance(n.value, int | float) and not isinstance(
        n.value, bool
    ):
        return Num(float(n.value))
    if isinstance(n, ast.Constant) and isinstance(n.value, str):
        return Str(n.value)
    if isinstance(n, ast.Name):
        return Name(n.id)
    if isinstance(n, ast.BinOp) and type(n.op) in _OPS:
        return BinOp(_OPS[type(n.op)], _convert(n.left), _convert(n.right))
    if isinstance(n, ast.UnaryOp) and isinstance(n.op, ast.USub | ast.UAdd):
        inner = _convert(n.operand)
        return Neg(inner) if isinstance(n.op, ast.USub) else inner
    if isinstance(n, ast.Call) and isinstance(n.func, ast.Name):
        return _convert_call(n, n.func.id)
    raise ExprError(f"not allowed in a value expression: {ast.unparse(n)!r}")


def _convert_call(n: ast.Call, name: str) -> Call:
    if name not in FUNCS:
        raise ExprError(f"unknown function {name}()")
    lo, hi = FUNCS[name]
    if not lo <= len(n.args) <= hi:
        raise ExprError(f"{name}() takes {lo}–{hi} arguments, got {len(n.args)}")
    kwargs: list[tuple[str, float]] = []
    for kw in n.keywords:
        if name != "city_rank" or kw.arg is None:
            raise ExprError(f"{name}() takes no keyword arguments")
        val = _convert(kw.value)
        if not isinstance(val, Num):
            raise ExprError(f"city_rank weight {kw.arg} must be a number")
        kwargs.append((kw.arg, val.value))
    args = tuple(_convert(a) for a in n.args)
    if name in PLAN_FUNCS and not isinstance(args[0], Str):
        raise ExprError(f'{name}() takes a quoted plans.measure, e.g. {name}("fuel_volume_t")')
    if name == "stations_where":
        cmp = args[1]
        cmp_name = cmp.value if isinstance(cmp, Str) else cmp.id if isinstance(cmp, Name) else ""
        if cmp_name not in CMPS:
            raise ExprError(f"stations_where comparison must be one of {sorted(CMPS)}")
        args = (args[0], Str(cmp_name), args[2])
    return Call(name, args, tuple(kwargs))


def names(node: Node) -> set[str]:
    """Measure/indicator ids referenced (variables and comparison words excluded)."""
    if isinstance(node, Name):
        return set() if node.id in VARS else {node.id}
    if isinstance(node, BinOp):
        return names(node.left) | names(node.right)
    if isinstance(node, Neg):
        return names(node.operand)
    if isinstance(node, Call):
        out: set[str] = set()
        for a in node.args:
            if not isinstance(a, Str):
                out |= names(a)
        return out
    return set()


def calls(node: Node) -> set[str]:
    """Function names used anywhere in the tree."""
    if isinstance(node, BinOp):
        return calls(node.left) | calls(node.right)
    if isinstance(node, Neg):
        return calls(node.operand)
    if isinstance(node, Call):
        out = {node.func}
        for a in node.args:
            out |= calls(a)
        return out
    return set()


def plan_measures(node: Node) -> set[str]:
    """plans.measure names used in plan()/plan_month()/plan_year()."""
    if isinstance(node, BinOp):
        return plan_measures(node.left) | plan_measures(node.right)
    if isinstance(node, Neg):
        return plan_measures(node.operand)
    if isinstance(node, Call):
        if node.func in PLAN_FUNCS:
            return {node.args[0].value}  # type: ignore[union-attr]
        out: set[str] = set()
        for a in node.args:
            out |= plan_measures(a)
        return out
    return set()


@dataclass
class Val:
    """A value with its substituted text; `reason` says why it is None (a NULL_REASONS key)."""

    value: float | None
    text: str
    reason: str | None = None
    inputs: list[Input] = field(default_factory=list)


@dataclass(frozen=True)
class Input:
    """One leaf or indicator input of a value, for explain (name, window, entity, value)."""

    kind: str  # measure | plan | indicator | var
    name: str
    window: Window
    entity: EntityRef
    value: float | None


def fmt(v: float | None) -> str:
    """Compact number for substituted formulas."""
    if v is None:
        return "空"
    if v == int(v) and abs(v) < 1e15:
        return f"{int(v):,}"
    return f"{v:,.2f}" if abs(v) >= 100 else f"{v:.4g}"


class Context(Protocol):
    """What `walk` asks of its evaluator."""

    def kind_of(self, name: str) -> str: ...  # "measure" | "indicator"
    def measure(self, ident: str, win: Window, ent: EntityRef) -> float | None: ...
    def plan(self, measure: str, span: str, win: Window, ent: EntityRef) -> float | None: ...
    def indicator(self, ident: str, win: Window, ent: EntityRef) -> Val: ...
    def city_of(self, ent: EntityRef) -> EntityRef | None: ...
    def stations_of(self, ent: EntityRef, win: Window) -> list[EntityRef]: ...
    def meta(self, func: str, win: Window, ent: EntityRef, kwargs: dict[str, float]) -> Val: ...
