"""Evaluate a parsed `value` expression at one (window, entity), with the null rules.

Null rules (docs/catalogue-format.md): any null input gives null; division by zero gives null
with reason `zero_division`. Window functions move the window (prev → like-for-like preceding
period, ly → a year earlier, ytd → 1 January to the window end, ly_ytd → both); `city(e)`
evaluates `e` for the entity's city; `stations_where` evaluates per open station.
"""

from __future__ import annotations

from metrics.expr import (
    CMPS,
    META_FUNCS,
    PLAN_FUNCS,
    BinOp,
    Call,
    Context,
    EntityRef,
    Input,
    Name,
    Neg,
    Node,
    Num,
    Str,
    Val,
    fmt,
)
from metrics.periods import Window, comparison, year_to_date

NULL_REASONS: dict[str, tuple[str, str]] = {
    "zero_division": ("分母为零", "denominator is zero"),
    "null_input": ("输入值缺失", "an input is missing"),
    "no_city": ("无对标城市或城市不在权限内", "no benchmark city in scope"),
    "no_stations": ("无在营站点", "no open stations"),
    "not_computable": ("本期不可计算", "not computable for this period"),
    "no_plan": ("无计划", "no plan"),
    "not_applicable": ("该层级不适用", "not defined at this level"),
}


def shift(func: str, win: Window) -> Window:
    """The window a window function moves to."""
    if func == "prev":
        return comparison(win, "mom")
    if func == "ly":
        return comparison(win, "yoy")
    if func == "ytd":
        return year_to_date(win)
    if func == "ly_ytd":
        return comparison(year_to_date(win), "yoy")
    raise ValueError(f"not a window function: {func}")


def var(name: str, win: Window) -> float:
    """Calendar variables: elapsed days, days in period, time progress, year progress."""
    if name == "days":
        return float(win.days)
    if name == "period_days":
        return float(win.period.days)
    if name == "progress":
        return win.progress
    if name == "year_progress":
        return year_to_date(win).progress
    raise ValueError(f"not a variable: {name}")


def walk(node: Node, ctx: Context, win: Window, ent: EntityRef) -> Val:
    """Evaluate `node` at (win, ent)."""
    if isinstance(node, Num):
        return Val(node.value, fmt(node.value))
    if isinstance(node, Name):
        return _name(node.id, ctx, win, ent)
    if isinstance(node, Neg):
        inner = walk(node.operand, ctx, win, ent)
        value = None if inner.value is None else -inner.value
        return Val(value, f"-{inner.text}", inner.reason, inner.inputs)
    if isinstance(node, BinOp):
        return _binop(node, ctx, win, ent)
    if isinstance(node, Call):
        return _call(node, ctx, win, ent)
    raise TypeError(f"cannot evaluate {node!r}")


def _name(name: str, ctx: Context, win: Window, ent: EntityRef) -> Val:
    from metrics.expr import VARS

    if name in VARS:
        v = var(name, win)
        return Val(v, fmt(v), None, [Input("var", name, win, ent, v)])
    if ctx.kind_of(name) == "indicator":
        got = ctx.indicator(name, win, ent)
        return Val(got.value, fmt(got.value), got.reason, [Input("indicator", name, win, ent, got.value)])
    v = ctx.measure(name, win, ent)
    reason = "null_input" if v is None else None
    return Val(v, fmt(v), reason, [Input("measure", name, win, ent, v)])


def _combine(op: str, a: float | None, b: float | None) -> tuple[float | None, str | None]:
    if a is None or b is None:
        return None, "null_input"
    if op == "+":
        return a + b, None
    if op == "-":
        return a - b, None
    if op == "*":
        return a * b, None
    if b == 0:
        return None, "zero_division"
    return a / b, None


def _first_reason(*vals: Val) -> str | None:
    return next((v.reason for v in vals if v.reason), None)


_PREC = {"+": 1, "-": 1, "*": 2, "/": 2}


def _paren(child: Node, op: str, right: bool) -> bool:
    """Whether a child needs parentheses in the substituted text (usual precedence)."""
    if not isinstance(child, BinOp):
        return False
    if _PREC[child.op] != _PREC[op]:
        return _PREC[child.op] < _PREC[op]
    return right and op in "-/"


def _binop(node: BinOp, ctx: Context, win: Window, ent: EntityRef) -> Val:
    left, right = walk(node.left, ctx, win, ent), walk(node.right, ctx, win, ent)
    value, reason = _combine(node.op, left.value, right.value)
    if reason == "null_input":
        reason = _first_reason(left, right) or reason
    lt = f"({left.text})" if _paren(node.left, node.op, False) else left.text
    rt = f"({right.text})" if _paren(node.right, node.op, True) else right.text
    return Val(value, f"{lt} {node.op} {rt}", reason, left.inputs + right.inputs)


def _call(node: Call, ctx: Context, win: Window, ent: EntityRef) -> Val:
    f = node.func
    if f in ("prev", "ly", "ytd", "ly_ytd"):
        inner = walk(node.args[0], ctx, shift(f, win), ent)
        return Val(inner.value, f"{f}[{inner.text}]", inner.reason, inner.inputs)
    if f in PLAN_FUNCS:
        m = node.args[0].value  # type: ignore[union-attr]
        v = ctx.plan(m, PLAN_FUNCS[f], win, ent)
        reason = "no_plan" if v is None else None
        return Val(v, fmt(v), reason, [Input("plan", f"{f}:{m}", win, ent, v)])
    if f == "city":
        city = ctx.city_of(ent)
        if city is None:
            return Val(None, "city[空]", "no_city")
        inner = walk(node.args[0], ctx, win, city)
        return Val(inner.value, f"city[{inner.text}]", inner.reason, inner.inputs)
    if f in META_FUNCS:
        return ctx.meta(f, win, ent, dict(node.kwargs))
    if f == "stations_where":
        return _stations_where(node, ctx, win, ent)
    args = [walk(a, ctx, win, ent) for a in node.args]
    return _math(f, args)


def _math(f: str, args: list[Val]) -> Val:
    text = f"{f}({', '.join(a.text for a in args)})"
    inputs = [i for a in args for i in a.inputs]
    if any(a.value is None for a in args):
        return Val(None, text, _first_reason(*args) or "null_input", inputs)
    vals = [a.value for a in args]
    if f == "growth":
        a, b = vals
        if b == 0:
            return Val(None, text, "zero_division", inputs)
        return Val(a / abs(b) - 1, text, None, inputs)  # type: ignore[operator,arg-type]
    if f == "min":
        return Val(min(vals), text, None, inputs)  # type: ignore[type-var]
    if f == "max":
        return Val(max(vals), text, None, inputs)  # type: ignore[type-var]
    if f == "abs":
        return Val(abs(vals[0]), text, None, inputs)  # type: ignore[arg-type]
    raise ValueError(f"unknown function {f}")


def _stations_where(node: Call, ctx: Context, win: Window, ent: EntityRef) -> Val:
    """Share of the entity's open stations whose own value satisfies the comparison."""
    expr, cmp_node, thr_node = node.args
    cmp = CMPS[cmp_node.value]  # type: ignore[union-attr]
    stations = ctx.stations_of(ent, win)
    hits = 0
    inputs: list[Input] = []
    for st in stations:
        v = walk(expr, ctx, win, st)
        t = walk(thr_node, ctx, win, st)
        inputs += v.inputs
        if v.value is not None and t.value is not None and cmp(float(v.value), float(t.value)):
            hits += 1
    text = f"{hits} / {len(stations)} 站"
    if not stations:
        return Val(None, text, "no_stations", inputs)
    return Val(hits / len(stations), text, None, inputs)


__all__ = ["NULL_REASONS", "shift", "var", "walk", "Str"]
