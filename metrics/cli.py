"""Command line: `python -m metrics {list,compute,check,explain,docs,schema}` (JSON out).

`list` and `compute` follow the data contract's command-line contract exactly; the command line
sees everything (`Scope.everything()`).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import Any

from data.scope import Scope
from metrics.periods import Level, Period, PeriodError


def _indicator_json(ind: Any) -> dict[str, Any]:
    d = ind.model_dump(mode="json", exclude_none=True)
    d["rag"] = ind.rag.model_dump(mode="json", exclude_none=True, exclude_defaults=True) | {
        "kind": str(ind.rag.kind)
    }
    return d


def cmd_list(args: argparse.Namespace) -> int:
    from metrics.registry import get_registry

    reg = get_registry(args.dir)
    items = [_indicator_json(i) for i in reg.indicators.values()]
    if args.format == "json":
        print(json.dumps(items, ensure_ascii=False, indent=1))
    else:
        for i in reg.indicators.values():
            print(f"{i.id:40} {i.theme:14} {i.unit:18} {i.name_zh}")
    return 0


def _engine(url: str) -> Any:
    from data.store import reader_engine

    return reader_engine(url)


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", required=True, help="SQLAlchemy URL of the facts store")
    p.add_argument("--level", required=True, choices=[lv.value for lv in Level if lv != Level.CUSTOMER])
    p.add_argument("--id", required=True, dest="entity")
    p.add_argument("--period", required=True, help="YYYY-MM, YYYY-Qn or YYYY")
    p.add_argument("--as-of", dest="as_of", type=date.fromisoformat, default=None)
    p.add_argument("--dir", default=None, help=argparse.SUPPRESS)


def cmd_compute(args: argparse.Namespace) -> int:
    from metrics.evaluator import evaluate
    from metrics.registry import get_registry
    from metrics.request import BatchRequest

    inds = tuple(s.strip() for s in args.indicators.split(",") if s.strip()) if args.indicators else None
    req = BatchRequest(
        entities=((Level(args.level), args.entity),), period=Period.parse(args.period),
        scope=Scope.everything(), indicators=inds, as_of=args.as_of,
    )
    res = evaluate(_engine(args.db), req, get_registry(args.dir))
    contract = ("indicator", "level", "entity", "period", "value", "unit", "rag")
    rows = [r.to_json() for r in res.results.values()]
    if not args.details:  # exactly the data contract's object
        rows = [{k: r[k] for k in contract} for r in rows]
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        for r in rows:
            print(f"{r['indicator']:40} {r['value']!s:>24} {r['unit']:16} {r['rag']}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from metrics.registry import errors, load

    reg, problems = load(args.dir)
    for p in problems:
        print(p)
    n_err = len(errors(problems))
    print(f"{len(reg.indicators)} indicators, {len(reg.measures)} measures: "
          f"{n_err} error(s), {len(problems) - n_err} warning(s)")
    return 1 if n_err else 0


def cmd_explain(args: argparse.Namespace) -> int:
    from metrics.explain import explain, to_text
    from metrics.registry import get_registry

    e = explain(_engine(args.db), args.indicator, (Level(args.level), args.entity),
                Period.parse(args.period), args.as_of, Scope.everything(), get_registry(args.dir))
    if args.format == "text":
        print(to_text(e))
        return 0
    out = {
        "indicator": e.indicator.id, "level": str(e.entity[0]), "entity": e.entity[1],
        "period": e.period, "window": e.window, "value": e.value, "rag": e.rag,
        "rag_reason_zh": e.rag_reason_zh, "rag_reason_en": e.rag_reason_en,
        "formula": e.formula, "value_expr": e.indicator.value, "substituted": e.substituted,
        "filters_zh": e.filters_zh, "filters_sql": e.filters_sql,
        "steps": [s.__dict__ | {"entity": list(s.entity)} for s in e.steps],
        "measures": [
            {k: v for k, v in m.__dict__.items() if k != "rows_select"} | {"entity": list(m.entity)}
            for m in e.measures
        ],
    }
    print(json.dumps(out, ensure_ascii=False, indent=1, default=str))
    return 0


def cmd_docs(args: argparse.Namespace) -> int:
    from metrics.docs import DOC_PATH, render
    from metrics.registry import get_registry

    text = render(get_registry(args.dir))
    if args.check:
        same = DOC_PATH.exists() and DOC_PATH.read_text(encoding="utf-8") == text
        print("docs/indicators.md is " + ("up to date" if same else "STALE: run python -m metrics docs"))
        return 0 if same else 1
    DOC_PATH.write_text(text, encoding="utf-8")
    print(f"wrote {DOC_PATH}")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from metrics.model import json_schema

    print(json.dumps(json_schema(), ensure_ascii=False, indent=1))
    return 0


def parser() -> argparse.ArgumentParser:
    """The argument parser (subcommands)."""
    ap = argparse.ArgumentParser(prog="python -m metrics", description="Indicator catalogue and evaluation")
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("list", help="print the catalogue")
    p.add_argument("--format", choices=["json", "text"], default="json")
    p.add_argument("--dir", default=None, help="catalogue directory (default: metrics/catalogue)")
    p.set_defaults(func=cmd_list)
    p = sub.add_parser("compute", help="evaluate indicators for one entity and period")
    _common(p)
    p.add_argument("--indicators", default=None, help="comma-separated ids (default: all)")
    p.add_argument("--format", choices=["json", "text"], default="json")
    p.add_argument("--details", action="store_true",
                   help="add RAG reasons, MoM/YoY, plan and time progress to each object")
    p.set_defaults(func=cmd_compute)
    p = sub.add_parser("check", help="validate the catalogue; exit 1 on errors")
    p.add_argument("--dir", default=None)
    p.set_defaults(func=cmd_check)
    p = sub.add_parser("explain", help="explain one indicator value")
    _common(p)
    p.add_argument("indicator")
    p.add_argument("--format", choices=["json", "text"], default="json")
    p.set_defaults(func=cmd_explain)
    p = sub.add_parser("docs", help="regenerate docs/indicators.md")
    p.add_argument("--check", action="store_true", help="only check that the file is current")
    p.add_argument("--dir", default=None, help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_docs)
    p = sub.add_parser("schema", help="print the JSON Schema of the catalogue files")
    p.set_defaults(func=cmd_schema)
    return ap


def main(argv: list[str] | None = None) -> int:
    """Entry point; friendly one-line errors for bad input, exit 2."""
    from metrics.registry import CatalogueError
    from metrics.request import EntityError, ScopeError

    args = parser().parse_args(argv)
    try:
        return int(args.func(args))
    except (PeriodError, EntityError, ScopeError, KeyError, CatalogueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
