"""Import timing: our importer against DuckDB's own bulk load of the same Parquet folder.

    python -m bench.importing FOLDER --db duckdb:////tmp/bench_import.duckdb [--repeat 1] [--keep]

Ours: `data.importer.import_folder` into a fresh store (validation, quarantine, sorted upsert,
rollups, atomic publish), with its time split into validation / insert / rollups / publish. Floor: one `CREATE TABLE t AS SELECT * FROM read_parquet(file)` per
file into a fresh DuckDB file — no checks, no order, no rollup. Prints JSON (medians of wall and
process CPU seconds, peak RSS of each side, each side in a process of its own).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path


def _fresh(path: Path) -> None:
    for p in (path, Path(f"{path}.wal")):
        p.unlink(missing_ok=True)


def ours(folder: Path, url: str) -> dict[str, dict[str, float]]:
    """Import the folder with the app's importer; returns its time per phase."""
    from data.importer import import_folder
    from data.phases import Phases

    phases = Phases()
    import_folder(url, folder, phases=phases)
    return phases.as_dict()


def floor(folder: Path, target: Path) -> None:
    """DuckDB's bulk load of every Parquet file of the folder, as is."""
    import duckdb

    con = duckdb.connect(str(target))
    for f in sorted(folder.glob("*.parquet")):
        con.execute(f'CREATE TABLE "{f.stem}" AS SELECT * FROM read_parquet(?)', [str(f)])  # noqa: S608 - a contract file stem
    con.close()


def _one(side: str, folder: Path, url: str) -> dict[str, object]:
    """Run one side in this process; returns wall, CPU, peak RSS (and ours' phases)."""
    target = Path(url.split("///", 1)[1])
    _fresh(target)
    w0, c0 = time.perf_counter(), time.process_time()
    phases = ours(folder, url) if side == "ours" else None
    if side == "floor":
        floor(folder, target)
    out: dict[str, object] = {
        "wall": time.perf_counter() - w0, "cpu": time.process_time() - c0,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
    if phases is not None:
        # What is left outside the three phases: staging bookkeeping, quarantine, checkpoint,
        # the build file's fsync and rename.
        known = {k: sum(p[k] for p in phases.values()) for k in ("wall", "cpu")}
        phases["publish"] = {k: round(float(out[k]) - known[k], 3) for k in ("wall", "cpu")}
        out["phases"] = phases
    return out


def measure(folder: Path, url: str, repeat: int) -> dict[str, object]:
    """Each side `repeat` times, each run in a new process; medians."""
    out: dict[str, object] = {"case": "import", "folder": str(folder)}
    for side in ("floor", "ours"):
        runs = []
        for _ in range(repeat):
            cmd = [sys.executable, "-m", "bench.importing", str(folder), "--db", url,
                   "--side", side]
            res = subprocess.run(cmd, capture_output=True, text=True, check=True)
            runs.append(json.loads(res.stdout.strip().splitlines()[-1]))
        out[side] = {k: statistics.median(r[k] for r in runs) for k in ("wall", "cpu", "peak_mb")}
        if side == "ours":
            out[side]["phases"] = {  # medians per phase, CPU and wall
                name: {k: statistics.median(r["phases"][name][k] for r in runs)
                       for k in ("wall", "cpu")}
                for name in runs[0]["phases"]}
    out["ratio_cpu"] = round(out["ours"]["cpu"] / out["floor"]["cpu"], 2)
    out["ratio_wall"] = round(out["ours"]["wall"] / out["floor"]["wall"], 2)
    out["load_average"] = os.getloadavg()
    return out


def main(argv: list[str] | None = None) -> int:
    """Measure both sides (or, with --side, run one side once and print its figures)."""
    ap = argparse.ArgumentParser()
    ap.add_argument("folder")
    ap.add_argument("--db", required=True, help="a scratch duckdb:/// URL (overwritten)")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--side", choices=("ours", "floor"))
    a = ap.parse_args(argv)
    if a.side:
        print(json.dumps(_one(a.side, Path(a.folder), a.db)))
    else:
        print(json.dumps(measure(Path(a.folder), a.db, a.repeat)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
