"""Re-importing changes nothing, a corrected file corrects, rollups and sort order are right."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from pathlib import Path

import duckdb

from data.importer import import_folder
from data.rules import TABLES
from tests.data.helpers import BASIC, copy_folder, query, read_csv_rows, snapshot


def _snapshot(url: str) -> dict[str, list[tuple]]:
    return snapshot(url, [*TABLES, "agg_customer_month"])


def test_values_match_the_csv(duck_url: str) -> None:
    """Stored sums equal the sums of the fixture CSV computed in plain Python."""
    import_folder(duck_url, BASIC)
    fuel = read_csv_rows(BASIC / "fuel_sales.csv")
    liters = sum(float(r["liters"]) for r in fuel)
    paid = sum(float(r["paid_amount"]) for r in fuel)
    members = sum(1 for r in fuel if r["customer_id"])
    (got,) = query(duck_url, "SELECT sum(liters), sum(paid_amount), count(customer_id) FROM fuel_sales")
    assert abs(got[0] - liters) < 1e-9 and abs(got[1] - paid) < 1e-9 and got[2] == members
    assert query(duck_url, "SELECT month, amount FROM expenses WHERE category = 'utilities'") == [
        (date(2026, 9, 1), 4500.5)]


def test_reimport_changes_nothing(duck_url: str) -> None:
    """The same folder twice: every contract table and the rollup are identical."""
    import_folder(duck_url, BASIC)
    first = _snapshot(duck_url)
    import_folder(duck_url, BASIC)
    assert _snapshot(duck_url) == first
    assert query(duck_url, "SELECT count(*) FROM import_runs WHERE status = 'published'") == [(2,)]


def test_corrected_file_replaces_rows(tmp_path: Path, duck_url: str) -> None:
    """A corrected fuel_sales.csv (F005: 40 → 45 L) replaces the row; nothing is duplicated."""
    import_folder(duck_url, BASIC)
    folder = copy_folder(BASIC, tmp_path / "fix", only=("fuel_sales",))
    path = folder / "fuel_sales.csv"
    path.write_text(path.read_text().replace("F005,2026-10-01T10:00:00,S001,3,G92,40,",
                                             "F005,2026-10-01T10:00:00,S001,3,G92,45,"))
    import_folder(duck_url, folder)
    assert query(duck_url, "SELECT liters FROM fuel_sales WHERE txn_id = 'F005'") == [(45.0,)]
    assert query(duck_url, "SELECT count(*) FROM fuel_sales") == [(12,)]
    # C001 at S001 in October: F005 (now 45) + F010 (18.5).
    assert query(duck_url, "SELECT liters, txn_count FROM agg_customer_month WHERE customer_id = "
                           "'C001' AND station_id = 'S001' AND month = DATE '2026-10-01'") == [
        (63.5, 2)]


def test_rollup_matches_plain_python(duck_url: str) -> None:
    """agg_customer_month equals a group-by of the CSV rows done in Python."""
    import_folder(duck_url, BASIC)
    density = {r["product_code"]: float(r["density_kg_per_l"])
               for r in read_csv_rows(BASIC / "products.csv")}
    expected: dict[tuple, list] = defaultdict(lambda: [0.0, 0.0, 0.0, 0, ""])
    for r in read_csv_rows(BASIC / "fuel_sales.csv"):
        if not r["customer_id"]:
            continue
        acc = expected[(r["customer_id"], r["station_id"], r["ts"][:7])]
        acc[0] += float(r["liters"])
        acc[1] += float(r["liters"]) * density[r["product_code"]] / 1000
        acc[2] += float(r["paid_amount"])
        acc[3] += 1
        acc[4] = max(acc[4], r["ts"])
    got = query(duck_url, "SELECT customer_id, station_id, strftime(month, '%Y-%m'), liters, "
                          "tonnes, paid_amount, txn_count, strftime(last_ts, '%Y-%m-%dT%H:%M:%S') "
                          "FROM agg_customer_month")
    assert len(got) == len(expected) == 8
    for cust, station, month, liters, tonnes, paid, count, last in got:
        want = expected[(cust, station, month)]
        assert abs(liters - want[0]) < 1e-9 and abs(tonnes - want[1]) < 1e-12
        assert abs(paid - want[2]) < 1e-9 and (count, last) == (want[3], want[4])


def test_fuel_sales_stored_by_month_station_time(tmp_path: Path, duck_url: str) -> None:
    """Physical order is (month, station, ts) after a first import and after an upsert rebuild."""
    import_folder(duck_url, BASIC)
    late = tmp_path / "late"
    late.mkdir()
    (late / "fuel_sales.csv").write_text(
        "txn_id,ts,station_id,nozzle_no,product_code,liters,list_price,paid_amount,customer_id,"
        "payment_method\nF000,2026-09-30T23:00:00,S001,1,G92,10,7.5,75,,cash\n")
    import_folder(duck_url, late)
    path = duck_url.removeprefix("duckdb:///")
    con = duckdb.connect(":memory:")
    con.execute("SET threads = 1")  # one thread: a scan returns rows in storage order
    con.execute(f"ATTACH '{path}' AS s (READ_ONLY)")
    stored = [r[0] for r in con.execute("SELECT txn_id FROM s.fuel_sales").fetchall()]
    con.close()
    rows = read_csv_rows(BASIC / "fuel_sales.csv") + [{"txn_id": "F000", "ts": "2026-09-30T23:00:00",
                                                       "station_id": "S001"}]
    expected = sorted(rows, key=lambda r: (r["ts"][:7], r["station_id"], r["ts"]))
    assert stored == [r["txn_id"] for r in expected]
    assert stored[:3] == ["F001", "F002", "F000"]  # S001's September, in time order
