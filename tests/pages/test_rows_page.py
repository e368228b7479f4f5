"""The rows page's helpers without a browser: a source rebuilt from replayed JSON, the CSV."""

from __future__ import annotations

import csv
import io

import pytest

from pages.rows_data import source_from

GOOD = {"sources": [{"index": 0, "measure": "fuel_tonnes", "plan": False, "period": "2026-10",
                     "start": "2026-10-01", "end": "2026-10-15", "level": "team", "id": "T1",
                     "value": 1.5, "listing": "fact"},
                    {"index": 1, "measure": "plan__fuel_volume_t", "plan": True,
                     "period": "2026", "start": "2026-01-01", "end": "2026-12-31",
                     "level": "team", "id": "T1", "value": None, "listing": "fact"}]}


def test_source_rebuilt_from_the_registry() -> None:
    src = source_from(GOOD, 0)
    assert src is not None and src.measure.id == "fuel_tonnes" and src.listing == "fact"
    assert (src.window.start.isoformat(), src.window.end.isoformat()) == ("2026-10-01", "2026-10-15")
    plan = source_from(GOOD, "1")
    assert plan is not None and plan.measure.filter == {"measure": "fuel_volume_t"}


@pytest.mark.parametrize("meta,index", [
    ({}, 0), ({"sources": None}, 0), (GOOD, 7), (GOOD, "x"), (GOOD, None), (GOOD, [0]),
    ({"sources": [{**GOOD["sources"][0], "measure": "no_such_measure"}]}, 0),
    ({"sources": [{**GOOD["sources"][0], "level": "customer"}]}, 0),
    ({"sources": [{**GOOD["sources"][0], "start": "2026-13-01"}]}, 0),
    ({"sources": [{**GOOD["sources"][0], "period": "*"}]}, 0),
    ({"sources": ["%"]}, 0),
])  # fmt: skip
def test_replayed_garbage_gives_no_source(meta, index) -> None:
    assert source_from(meta, index) is None


def test_csv_rows_under_scope_with_formula_guard(tmp_path) -> None:
    """CSV of a fact source on the oracle fixture: every row, BOM, notes guarded."""
    from sqlalchemy import create_engine

    from data.scope import Scope
    from pages.rows_data import csv_bytes
    from tests.metrics.fixture import build_store

    url = f"duckdb:///{tmp_path / 'f.duckdb'}"
    build_store(url)
    engine = create_engine(url)
    body, capped = csv_bytes(engine, Scope.parse("station:S02"), {"indicator": "x"},
                             source_from(GOOD, 0), ["=cmd|' /C calc'!A0"])
    assert body.startswith("\ufeff".encode()) and not capped
    lines = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert lines[0] == ["'=cmd|' /C calc'!A0"]
    # the last note names every raw column in words, with its unit
    assert lines[1][0].startswith("列说明：txn_id=交易编号; ts=交易时间;")
    assert "liters=升数（升）" in lines[1][0] and "paid_amount=实收金额（元）" in lines[1][0]
    header = lines[2]
    assert {"txn_id", "ts", "liters", "paid_amount"} <= set(header)  # raw names, raw values
    rows = [dict(zip(header, r, strict=True)) for r in lines[3:]]
    # S02 only (the scope), 2026-10-01..15: the fixture's walk-in on the 4th, members on the 8th,
    # the sale on the 15th at 21:45
    import pandas as pd

    from tests.metrics.fixture import DATA

    f = pd.read_csv(DATA / "fuel_sales.csv")
    want = f[(f.station_id == "S02") & (f.ts >= "2026-10-01") & (f.ts < "2026-10-16")]
    assert sorted(r["txn_id"] for r in rows) == sorted(want.txn_id)
    assert {r["station_id"] for r in rows} == {"S02"}
    by_id = {r["txn_id"]: r for r in rows}
    for _, w in want.iterrows():  # machine-readable: plain numbers, ISO timestamps
        assert float(by_id[w.txn_id]["paid_amount"]) == pytest.approx(w.paid_amount)
        assert by_id[w.txn_id]["ts"] == w.ts.replace("T", " ")
    engine.dispose()
