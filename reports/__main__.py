"""Command line: build the report of one entity and month as a file.

    python -m reports build --db URL --level team --id T01 --period 2026-10 \
        [--as-of 2026-10-20] --format html|pdf|xlsx --out report.html [--lang zh|en] [--link-base URL]

The command line sees everything (`Scope.everything()`), like metrics' CLI. Prints the file
path and the generation time; exit status 2 for a bad entity, period or format.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

FORMATS = ("html", "pdf", "xlsx")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m reports")
    sub = p.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build", help="build one report")
    b.add_argument("--db", required=True, help="SQLAlchemy URL of the facts store")
    b.add_argument("--level", required=True, choices=["province", "city", "team", "station"])
    b.add_argument("--id", required=True, dest="entity")
    b.add_argument("--period", required=True, help="a month, YYYY-MM")
    b.add_argument("--as-of", dest="as_of", type=date.fromisoformat, default=None)
    b.add_argument("--format", choices=FORMATS, default="html")
    b.add_argument("--out", required=True, type=Path)
    b.add_argument("--lang", choices=["zh", "en"], default="zh")
    b.add_argument("--link-base", dest="link_base", default="",
                   help="address of the app, for the definition links (default: relative)")
    return p


def build(args: argparse.Namespace) -> int:
    """Compose, render and write the report; 0 on success, 2 on a bad request."""
    from data.scope import Scope
    from data.store import reader_engine
    from metrics.periods import Period, PeriodKind
    from metrics.request import EntityError, ScopeError
    from reports.compose import ReportRequest, compose
    from reports.render_html import render_html

    started = time.perf_counter()
    try:
        period = Period.parse(args.period)
        if period.kind is not PeriodKind.MONTH:
            raise ValueError(f"a report covers a month, not {args.period}")
        engine = reader_engine(args.db)
        report = compose(engine, ReportRequest(args.level, args.entity, period,
                                               Scope.everything(), args.as_of))  # fmt: skip
    except (ValueError, EntityError, ScopeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.format == "pdf":
        from reports.render_pdf import render_pdf

        args.out.write_bytes(render_pdf(report, args.lang, args.link_base))
    elif args.format == "xlsx":
        from reports.render_xlsx import render_xlsx

        args.out.write_bytes(render_xlsx(report, args.lang))
    else:
        args.out.write_text(render_html(report, args.lang, args.link_base), encoding="utf-8")
    total = time.perf_counter() - started
    print(f"{args.out} (composed in {report.seconds:.2f} s, written in {total:.2f} s)")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point."""
    args = _parser().parse_args(argv)
    return build(args)


if __name__ == "__main__":
    raise SystemExit(main())
