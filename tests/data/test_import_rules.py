"""Each kind of bad input is quarantined with file, row, column and reason; good rows load.

The store gets `fixtures/basic`, then `fixtures/dirty` (its README lists every planted fault).
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from data.importer import import_folder
from data.report import ImportReport
from tests.data.helpers import BASIC, DIRTY, query

# (file, data row, column, words the reason must contain) — from fixtures/dirty/README.md.
EXPECTED_BAD = [
    ("customers.csv", 2, "grade", "must be one of"),
    ("fuel_sales.csv", 1, "txn_id", "duplicate key txn_id=F101: row 9"),
    ("fuel_sales.csv", 2, "liters", "not a number"),
    ("fuel_sales.csv", 3, "liters", "greater than 0"),
    ("fuel_sales.csv", 4, "payment_method", "must be one of card, mobile, bankcard, cash"),
    ("fuel_sales.csv", 5, "station_id", "unknown station"),
    ("fuel_sales.csv", 6, "product_code", "unknown product"),
    ("fuel_sales.csv", 7, "customer_id", "unknown customer"),
    ("fuel_sales.csv", 8, "ts", "not a timestamp"),
    ("fuel_sales.csv", 11, "paid_amount", "empty but required"),
    ("expenses.csv", 2, "month", "not a month (YYYY-MM)"),
    ("expenses.csv", 3, "category", "must be one of"),
    ("expenses.csv", 4, "amount", "must not be negative"),
    ("nonfuel_sales.csv", 2, None, "Expected Number of Columns: 10 Found: 11"),
    ("nonfuel_sales.csv", 4, None, "unterminated quote"),
]


@pytest.fixture(scope="module")
def dirty(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, ImportReport]:
    """A store holding basic, then the dirty import on top."""
    url = f"duckdb:///{tmp_path_factory.mktemp('dirty') / 'amoeba.duckdb'}"
    import_folder(url, BASIC)
    return url, import_folder(url, DIRTY)


def test_every_planted_fault_is_quarantined(dirty: tuple[str, ImportReport]) -> None:
    """Exactly the planted bad rows are in quarantine, each with its column and reason."""
    url, report = dirty
    rows = query(url, "SELECT file, row_no, column_name, reason, import_id FROM quarantine "
                      "ORDER BY file, row_no")
    assert [(f, r, c) for f, r, c, _, _ in rows] == sorted(
        (f, r, c) for f, r, c, _ in EXPECTED_BAD)
    reasons = {(f, r): reason for f, r, _, reason, _ in rows}
    for file, row, _, words in EXPECTED_BAD:
        assert words in reasons[(file, row)], (file, row, reasons[(file, row)])
    assert {i for *_, i in rows} == {report.import_id}


def test_raw_row_is_kept_as_json(dirty: tuple[str, ImportReport]) -> None:
    """The raw column holds the row as read, so the bad value can be seen and fixed."""
    url, _ = dirty
    (raw,) = query(url, "SELECT raw FROM quarantine WHERE file = 'fuel_sales.csv' AND row_no = 2")[0]
    assert json.loads(raw)["liters"] == "abc"
    (raw,) = query(url, "SELECT raw FROM quarantine WHERE file = 'nonfuel_sales.csv' AND row_no = 2")[0]
    assert "surplus" in json.loads(raw)


def test_good_rows_load_and_last_duplicate_wins(dirty: tuple[str, ImportReport]) -> None:
    """Rows 9, 10, 12 of fuel_sales load; F101 is row 9's (33 L); F110 uses C005 of the same import."""
    url, _ = dirty
    new = query(url, "SELECT txn_id, liters, customer_id FROM fuel_sales "
                     "WHERE txn_id LIKE 'F1%' ORDER BY txn_id")
    assert new == [("F101", 33.0, "C001"), ("F110", 50.0, "C005"), ("F112", 20.5, None)]
    assert query(url, "SELECT count(*) FROM fuel_sales") == [(15,)]
    assert query(url, "SELECT basket_id, line_no FROM nonfuel_sales WHERE basket_id > 'B100' "
                      "ORDER BY 1, 2") == [("B101", 1), ("B102", 1)]


def test_counts_per_file_add_up(dirty: tuple[str, ImportReport]) -> None:
    """read = loaded + quarantined for every accepted file; the report matches the store."""
    url, report = dirty
    by_file = {f.file: f for f in report.files}
    expected = {"customers.csv": (2, 1, 1), "fuel_sales.csv": (12, 3, 9),
                "nonfuel_sales.csv": (4, 2, 2), "expenses.csv": (4, 1, 3)}
    for name, counts in expected.items():
        f = by_file[name]
        assert (f.rows_read, f.rows_loaded, f.rows_quarantined) == counts, name
    stored = query(url, "SELECT rows_read, rows_loaded, rows_quarantined, status FROM import_runs "
                        f"WHERE import_id = '{report.import_id}'")
    assert stored == [(23, 7, 15, "published")]  # plans.csv: 1 row read, rejected


def test_missing_required_column_rejects_only_that_file(dirty: tuple[str, ImportReport]) -> None:
    """plans.csv lacks `target`: rejected with a clear message, the other files still load."""
    url, report = dirty
    plans = next(f for f in report.files if f.file == "plans.csv")
    assert plans.error == "missing required column(s): target"
    assert query(url, "SELECT count(*) FROM plans") == [(3,)]  # basic's, untouched
    assert any("REJECTED: missing required column(s): target" in line for line in report.lines())


def test_warnings_for_extra_column_and_stray_file(dirty: tuple[str, ImportReport]) -> None:
    """An unknown column and a non-contract file are warnings, never errors."""
    _, report = dirty
    customers = next(f for f in report.files if f.file == "customers.csv")
    assert customers.warnings == ["ignored unknown column(s): wechat"]
    assert "ignored README.md: not a contract table file" in report.warnings
    assert report.ok


def test_bom_header_is_read(dirty: tuple[str, ImportReport]) -> None:
    """customers.csv starts with a UTF-8 BOM; its first column is still customer_id."""
    url, _ = dirty
    assert query(url, "SELECT name, home_station_id FROM customers WHERE customer_id = 'C005'") == [
        ("赵六", "S002")]


def test_non_utf8_header_rejects_file(tmp_path: Path, duck_url: str) -> None:
    """A file that is not UTF-8 is rejected with a message; the folder's other files load."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "products.csv").write_bytes("product_code,product_name,kind,density_kg_per_l\n"
                                         "G92,92#汽油,gasoline,0.725\n".encode())
    (folder / "stations.csv").write_bytes("station_id,站名\n".encode("gb18030"))
    report = import_folder(duck_url, folder)
    stations = next(f for f in report.files if f.file == "stations.csv")
    assert stations.error and "not UTF-8" in stations.error
    assert query(duck_url, "SELECT product_code FROM products") == [("G92",)]


def test_invalid_utf8_in_a_row_is_quarantined(tmp_path: Path, duck_url: str) -> None:
    """A data line in another encoding is a malformed line, not a fatal error."""
    folder = tmp_path / "in"
    folder.mkdir()
    text = "product_code,product_name,kind,density_kg_per_l\nG92,92#汽油,gasoline,0.725\n"
    (folder / "products.csv").write_bytes(
        text.encode() + "D0,0#柴油,diesel,0.835\n".encode("gb18030"))
    report = import_folder(duck_url, folder)
    assert (report.rows_loaded, report.rows_quarantined) == (1, 1)
    assert query(duck_url, "SELECT row_no, column_name FROM quarantine") == [(2, None)]


def test_composite_key_duplicates_keep_the_last(tmp_path: Path, duck_url: str) -> None:
    """expenses is keyed by (month, station_id, category): the later of two rows wins."""
    import_folder(duck_url, BASIC)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "expenses.csv").write_text(
        "month,station_id,category,amount\n2026-11,S001,rent,100\n2026-11,S002,rent,7\n"
        "2026-11,S001,rent,300\n")
    report = import_folder(duck_url, folder)
    assert (report.rows_loaded, report.rows_quarantined) == (2, 1)
    assert query(duck_url, "SELECT station_id, amount FROM expenses WHERE month = DATE "
                           "'2026-11-01' ORDER BY 1") == [("S001", 300.0), ("S002", 7.0)]
    assert query(duck_url, "SELECT row_no, reason FROM quarantine") == [
        (1, "duplicate key month=2026-11-01, station_id=S001, category=rent: "
            "row 3 has the same key and is kept")]


def test_parquet_with_wrong_types_is_checked_too(tmp_path: Path, duck_url: str) -> None:
    """A typed Parquet file gets the same rules: text in a number column, a negative amount."""
    import_folder(duck_url, BASIC)
    folder = tmp_path / "in"
    folder.mkdir()
    con = duckdb.connect(":memory:")
    con.execute(
        "COPY (SELECT * FROM (VALUES ('R9', TIMESTAMP '2026-10-09 10:00:00', 'C001', 'S001', "
        "'12x', 0.0), ('R8', TIMESTAMP '2026-10-09 11:00:00', 'C002', 'S002', '50', -1.0), "
        "('R7', TIMESTAMP '2026-10-09 12:00:00', 'C002', 'S002', '80.5', 2.0)) "
        "t(recharge_id, ts, customer_id, station_id, amount, bonus)) "
        f"TO '{folder / 'card_recharges.parquet'}' (FORMAT parquet)")
    con.close()
    report = import_folder(duck_url, folder)
    assert (report.rows_read, report.rows_loaded, report.rows_quarantined) == (3, 1, 2)
    assert query(duck_url, "SELECT row_no, column_name FROM quarantine ORDER BY 1") == [
        (1, "amount"), (2, "bonus")]
    assert query(duck_url, "SELECT amount, ts FROM card_recharges WHERE recharge_id = 'R7'") == [
        (80.5, datetime(2026, 10, 9, 12, 0))]


def test_parquet_list_column_is_a_bad_value(tmp_path: Path, duck_url: str) -> None:
    """A Parquet column holding a list where a number belongs: the row is quarantined."""
    import_folder(duck_url, BASIC)
    folder = tmp_path / "in"
    folder.mkdir()
    con = duckdb.connect(":memory:")
    con.execute("COPY (SELECT 'G98' AS product_code, '98#汽油' AS product_name, 'gasoline' AS kind,"
                f" [0.75] AS density_kg_per_l) TO '{folder / 'products.parquet'}' (FORMAT parquet)")
    con.close()
    (folder / "campaigns.csv").write_text(
        "campaign_id,name,kind,start_date,end_date,cost,threshold_amount\n"
        "P009,双十一,discount,2026-11-11,2026-11-11,800,\n")
    report = import_folder(duck_url, folder)
    products = next(f for f in report.files if f.file == "products.parquet")
    assert (products.error, products.rows_loaded, products.rows_quarantined) == (None, 0, 1)
    assert query(duck_url, "SELECT column_name, reason FROM quarantine") == [
        ("density_kg_per_l", "density_kg_per_l is not a number")]
    assert query(duck_url, "SELECT campaign_id FROM campaigns WHERE campaign_id = 'P009'") == [
        ("P009",)]
