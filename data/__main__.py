"""Command line of the data layer: `python -m data import|export|demo|ensure-demo|rollups`.

Exit status: 0 on success (bad rows quarantined still count as success), 1 when the import
failed or nothing at all could be imported, 2 when the folder is unusable.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from data.store import database_url


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m data", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    db_help = "store URL (default: $DATABASE_URL or the DuckDB file in var/)"

    imp = sub.add_parser("import", help="import a folder in the data-contract format")
    imp.add_argument("dir", type=Path)
    imp.add_argument("--db", default=None, help=db_help)
    imp.add_argument("--quiet", action="store_true", help="no progress bar")

    exp = sub.add_parser("export", help="write the store as a contract-format folder")
    exp.add_argument("dir", type=Path)
    exp.add_argument("--db", default=None, help=db_help)
    exp.add_argument("--format", choices=("csv", "parquet"), default="csv")

    demo = sub.add_parser("demo", help="generate seeded demo data and import it")
    demo.add_argument("--db", default=None, help=db_help)
    demo.add_argument("--stations", type=int, default=None)
    demo.add_argument("--months", type=int, default=None)
    demo.add_argument("--seed", type=int, default=None)
    demo.add_argument("--end-date", type=date.fromisoformat, default=None)
    demo.add_argument("--out", type=Path, default=None, help="keep the generated files here")

    ensure = sub.add_parser("ensure-demo", help="create the demo store unless one is published")
    ensure.add_argument("--db", default=None, help=db_help)

    roll = sub.add_parser("rollups", help="rebuild the rollups of a published store (atomically)")
    roll.add_argument("--db", default=None, help=db_help)
    return parser


def cmd_import(url: str, folder: Path, *, source: str | None = None, progress: bool = True) -> int:
    """Import a folder and print its report; returns the exit status."""
    from data.importer import UnusableFolder, import_folder

    try:
        report = import_folder(url, folder, source_label=source, progress=progress)
    except UnusableFolder as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except Exception as err:  # noqa: BLE001 - the CLI reports any failure and exits non-zero
        print(f"import failed, the previously published data is unchanged: {err}", file=sys.stderr)
        return 1
    print("\n".join(report.lines()))
    if report.status == "published":
        _alerts_after_import(url)
    return 0 if report.ok else 1


def _alerts_after_import(url: str) -> None:
    """Evaluate the alert rules on the published data (alerts/after_import.py); a failure there
    is printed and logged but never changes the import's exit status."""
    from alerts.after_import import evaluate_after_import

    result = evaluate_after_import(url)
    for line in result.lines():
        print(line, file=sys.stderr if "FAILED" in line else sys.stdout)


def cmd_export(url: str, folder: Path, fmt: str) -> int:
    """Export the store into a folder."""
    from data.export import export_folder

    try:
        counts = export_folder(url, folder, fmt=fmt)
    except FileNotFoundError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    for table, rows in counts.items():
        print(f"{table}.{fmt}: {rows} rows")
    return 0


def cmd_demo(url: str, args: argparse.Namespace) -> int:
    """Generate the demo folder (data/demo.py) and import it."""
    from data import demo

    options = {
        k: v
        for k, v in (("stations", args.stations), ("months", args.months), ("seed", args.seed),
                     ("end_date", args.end_date))
        if v is not None
    }
    label = "demo " + " ".join(f"{k}={v}" for k, v in options.items())
    with tempfile.TemporaryDirectory(prefix="amoeba-demo-") as tmp:
        out = args.out or Path(tmp)
        started = time.monotonic()
        rows = demo.generate(out, progress=True, **options)
        print(f"generated {sum(rows.values())} rows in {time.monotonic() - started:.1f} s: {rows}")
        return cmd_import(url, out, source=label.strip())


def _upgrade_rollups(url: str, engine) -> int:  # noqa: ANN001 - a reader Engine
    """A store written by an older version lacks newer rollup columns: rebuild them once."""
    from data.rollups import rebuild_store, stale_tables

    stale = stale_tables(engine)
    if stale:
        print(f"rollups out of date ({', '.join(stale)}): rebuilding them")
        rebuild_store(url)
    return 0


def cmd_ensure_demo(url: str) -> int:
    """Reuse a published store, or create the demo store (what `make run` calls)."""
    from data.store import data_version, reader_engine

    engine = reader_engine(url)
    version = data_version(engine)
    if version:
        print(f"reusing the store at {url} (data version {version})")
        return _upgrade_rollups(url, engine)
    print(f"no published data at {url}: generating the demo store")
    defaults = argparse.Namespace(stations=None, months=None, seed=None, end_date=None, out=None)
    return cmd_demo(url, defaults)


def cmd_rollups(url: str) -> int:
    """Rebuild the rollups from the store's facts and publish them like an import."""
    from data.rollups import rebuild_store

    started = time.monotonic()
    try:
        rows = rebuild_store(url)
    except Exception as err:  # noqa: BLE001 - the CLI reports any failure and exits non-zero
        print(f"rollup rebuild failed, the published data is unchanged: {err}", file=sys.stderr)
        return 1
    print(f"rollups rebuilt in {time.monotonic() - started:.1f} s: agg_customer_month {rows} rows")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of `python -m data`."""
    args = _parser().parse_args(argv)
    url = args.db or database_url()
    if args.command == "import":
        return cmd_import(url, args.dir, progress=not args.quiet)
    if args.command == "export":
        return cmd_export(url, args.dir, args.format)
    if args.command == "demo":
        return cmd_demo(url, args)
    if args.command == "rollups":
        return cmd_rollups(url)
    return cmd_ensure_demo(url)


if __name__ == "__main__":
    sys.exit(main())
