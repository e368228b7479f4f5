"""The Parquet path: typed files validated in one pass, duplicates found from key hashes, good
rows read once into the store. Expected rows and quarantine come from plain Python over the
rows written into the file (last row of a key wins among the rows that break no rule).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from data.dedupe import candidate_hashes
from data.importer import import_folder
from tests.data.helpers import BASIC, query

COLUMNS = ["txn_id", "ts", "station_id", "nozzle_no", "product_code", "liters", "list_price",
           "paid_amount", "customer_id", "payment_method"]
START = datetime(2026, 10, 1, 6, 0)


def _row(i: int, txn: str, **change: object) -> dict[str, object]:
    row = {"txn_id": txn, "ts": START + timedelta(hours=i), "station_id": "S00" + "12"[i % 2],
           "nozzle_no": 1 + i % 4, "product_code": "G92" if i % 3 else "G95",
           "liters": 10.0 + i, "list_price": 7.5, "paid_amount": 70.0 + i,
           "customer_id": "C001" if i % 5 == 0 else None, "payment_method": "card"}
    row.update(change)
    return row


def _rows() -> list[dict[str, object]]:
    """60 rows: P000…P049 unique, P007 three times (rows 8, 20, 33), P011 twice of which the
    later breaks a rule (so the earlier is kept), three rows breaking one rule each."""
    rows = [_row(i, f"P{i:03d}") for i in range(50)]
    rows[19] = _row(19, "P007", liters=99.0)  # row 20: duplicate of P007
    rows.append(_row(50, "P007", liters=123.0))  # row 51: the last P007, kept
    rows.append(_row(51, "P011", liters=-1.0))  # row 52: breaks liters > 0
    rows.append(_row(52, "P201", station_id="S999"))  # row 53: unknown station
    rows.append(_row(53, "P202", payment_method="barter"))  # row 54: not an enum value
    rows.append(_row(54, "P203", customer_id="C999"))  # row 55: unknown customer
    rows += [_row(55 + k, f"P30{k}") for k in range(5)]  # rows 56-60
    return rows


def _expected(rows: list[dict[str, object]]) -> tuple[dict[str, dict], set[int]]:
    """Kept rows by key and the row numbers of quarantined duplicates (plain Python)."""
    bad = {52, 53, 54, 55}
    kept: dict[str, tuple[int, dict]] = {}
    dups: set[int] = set()
    for n, row in enumerate(rows, start=1):
        if n in bad:
            continue
        if row["txn_id"] in kept:
            dups.add(kept[row["txn_id"]][0])
        kept[row["txn_id"]] = (n, row)
    return {k: r for k, (_, r) in kept.items()}, dups


def _write(folder: Path, rows: list[dict[str, object]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    table = pa.table({c: [r[c] for r in rows] for c in COLUMNS})
    table = table.set_column(3, "nozzle_no", table["nozzle_no"].cast(pa.int32()))
    pq.write_table(table, folder / "fuel_sales.parquet")


@pytest.fixture
def imported(tmp_path: Path, duck_url: str):  # noqa: ANN201 - (url, report, rows)
    import_folder(duck_url, BASIC)
    rows = _rows()
    _write(tmp_path / "in", rows)
    return duck_url, import_folder(duck_url, tmp_path / "in"), rows


def test_parquet_rows_kept_and_quarantined(imported) -> None:  # noqa: ANN001
    url, report, rows = imported
    kept, dups = _expected(rows)
    result = next(f for f in report.files if f.file == "fuel_sales.parquet")
    assert (result.rows_read, result.rows_loaded, result.rows_quarantined) == (60, len(kept), 6)
    assert len(kept) == 54 and dups == {8, 20}
    stored = {r[0]: r for r in query(url, "SELECT txn_id, liters, station_id FROM fuel_sales "
                                          "WHERE txn_id LIKE 'P%'")}
    assert stored == {k: (k, r["liters"], r["station_id"]) for k, r in kept.items()}
    quarantined = query(url, "SELECT row_no, column_name, reason FROM quarantine "
                             "WHERE file = 'fuel_sales.parquet' ORDER BY row_no")
    assert [q[0] for q in quarantined] == [8, 20, 52, 53, 54, 55]
    by_row = {q[0]: q for q in quarantined}
    assert by_row[8][2] == "duplicate key txn_id=P007: row 51 has the same key and is kept"
    assert by_row[20][2] == by_row[8][2]
    # P011's later row (52) breaks a rule, so its earlier good row (12) is kept, not a duplicate.
    assert stored["P011"][1] == 21.0
    assert by_row[52][1:] == ("liters", "liters must be greater than 0")
    assert by_row[53][1] == "station_id" and by_row[54][1] == "payment_method"
    assert by_row[55][1] == "customer_id"


def test_parquet_reimport_changes_nothing(imported) -> None:  # noqa: ANN001
    url, _, _ = imported
    before = query(url, "SELECT * FROM fuel_sales ORDER BY txn_id")
    folder = Path(query(url, "SELECT source FROM import_runs ORDER BY started_at DESC "
                             "LIMIT 1")[0][0])
    import_folder(url, folder)
    assert query(url, "SELECT * FROM fuel_sales ORDER BY txn_id") == before


def test_candidate_hashes_finds_each_repeated_key_once() -> None:
    con = duckdb.connect(":memory:")
    keys = [f"K{i % 700}" if i < 1000 else f"U{i}" for i in range(5000)]
    con.register("rows_in", pa.table({"k": keys}))
    found = candidate_hashes(con, "k", "rows_in")
    repeated = {k for k in keys if keys.count(k) > 1}
    assert len(found) == len(repeated) == 300
    assert list(found) == sorted(found)
    assert not len(candidate_hashes(con, "k", "(SELECT DISTINCT k FROM rows_in)"))


def test_big_file_is_inserted_in_month_ranges_in_store_order(
    tmp_path: Path, duck_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Filled in month ranges (a tiny range size forces several), the table holds every row in
    (month, station, ts) order, as one sort gives."""
    import data.load

    monkeypatch.setattr(data.load, "CHUNK_ROWS", 4)
    ranges: list[list] = []
    real = data.load.month_chunks
    monkeypatch.setattr(data.load, "month_chunks",
                        lambda duck, source: ranges.append(real(duck, source)) or ranges[-1])
    rows = [_row(i, f"M{i:03d}", ts=datetime(2026, 8 + (i * 7) % 4, 1 + (i * 5) % 27, i % 24),
                 station_id="S002" if i % 3 else "S001") for i in range(40)]
    folder = tmp_path / "in"
    _write(folder, rows)
    # An empty store's fuel table is filled by the chunked path; the references come along.
    for name in ("stations.csv", "products.csv", "customers.csv"):
        (folder / name).write_bytes((BASIC / name).read_bytes())
    url = duck_url
    report = import_folder(url, folder)
    assert len(ranges) == 1  # the fuel file only
    assert report.rows_quarantined == 0
    stored = query(url, "SELECT txn_id FROM fuel_sales ORDER BY rowid")
    expected = sorted(rows, key=lambda r: (r["ts"].replace(day=1, hour=0), r["station_id"], r["ts"]))
    assert [t for (t,) in stored] == [r["txn_id"] for r in expected]
    assert {r["ts"].month for r in rows} == {8, 9, 10, 11}
    # One range per month (each month has more than 4 rows), open at both ends.
    assert [(a and a.month, b and b.month) for a, b in ranges[0]] == [
        (None, 9), (9, 10), (10, 11), (11, None)]
