"""Hostile and malformed files: wrong encodings (GBK, UTF-16), a BOM, huge fields, NUL bytes,
formula-injection strings. A file is refused whole or its bad rows quarantined with file, row
and column; what was published before stays served; exports write formulas back out as text.
Expected numbers come from the fixture CSVs (tests/data/fixtures/basic) read with Python."""

from __future__ import annotations

from pathlib import Path

import pytest

from data.export import export_folder
from data.importer import import_folder
from tests.data.helpers import BASIC, copy_folder, query, read_csv_rows

STATIONS = (BASIC / "stations.csv").read_text(encoding="utf-8")
CUSTOMERS = (BASIC / "customers.csv").read_text(encoding="utf-8")
N_STATIONS = len(read_csv_rows(BASIC / "stations.csv"))
N_CUSTOMERS = len(read_csv_rows(BASIC / "customers.csv"))


def _folder(tmp_path: Path, name: str, text: str | bytes) -> Path:
    """The basic fixture with one file replaced by `text` (bytes are written as they are)."""
    folder = copy_folder(BASIC, tmp_path / "in", only=("products", "stations", "customers"))
    target = folder / name
    if isinstance(text, bytes):
        target.write_bytes(text)
    else:
        target.write_text(text, encoding="utf-8")
    return folder


def _file(report, name: str):
    return next(f for f in report.files if f.file == name)


@pytest.fixture
def served(duck_url: str) -> str:
    """A store with the basic fixture already published (what must stay served)."""
    import_folder(duck_url, BASIC)
    return duck_url


def _names(url: str) -> list[str]:
    return [r[0] for r in query(url, "SELECT station_name FROM stations ORDER BY station_id")]


def test_gbk_file_is_refused_whole_naming_row_column_and_encoding(tmp_path, served) -> None:
    """A GBK export (Excel's default in China) is refused, not half-loaded by its ASCII rows."""
    before = _names(served)
    edited = STATIONS.replace("仓山站", "仓山新站") + (
        "S009,S009,T01,T01,FZ,FZ,FJ,FJ,2020-01-01,urban,5,0,4,,\n")  # an ASCII-only row
    report = import_folder(served, _folder(tmp_path, "stations.csv", edited.encode("gbk")))
    error = _file(report, "stations.csv").error
    assert "row 1, column station_name: not UTF-8" in error
    assert "GB18030/GBK" in error and "鼓楼站" in error and "nothing of it was loaded" in error
    assert _names(served) == before  # neither the edited name nor the ASCII row arrived
    assert query(served, "SELECT count(*) FROM stations WHERE station_id = 'S009'") == [(0,)]


def test_utf16_file_is_refused_with_its_encoding(tmp_path, served) -> None:
    report = import_folder(served, _folder(tmp_path, "stations.csv", STATIONS.encode("utf-16")))
    assert _file(report, "stations.csv").error == (
        "the file is UTF-16 (it starts with a UTF-16 byte-order mark): save it as UTF-8")
    assert len(_names(served)) == N_STATIONS


def test_utf8_bom_is_read_like_plain_utf8(tmp_path, duck_url) -> None:
    report = import_folder(duck_url, _folder(tmp_path, "stations.csv", STATIONS.encode("utf-8-sig")))
    assert _file(report, "stations.csv").rows_loaded == N_STATIONS
    assert query(duck_url, "SELECT station_name FROM stations WHERE station_id = 'S001'") == [
        ("鼓楼站",)]


def test_huge_field_is_quarantined_with_its_row(tmp_path, served) -> None:
    """A 12 MB name (over the 10 MB line limit) is one quarantined row; the others load."""
    huge = "X" * 12_000_000
    text = CUSTOMERS + f"C900,{huge},,individual,normal,,S001,2026-01-01\n" + (
        "C901,王五,13900000009,individual,normal,,S001,2026-01-02\n")
    report = import_folder(served, _folder(tmp_path, "customers.csv", text))
    result = _file(report, "customers.csv")
    assert (result.rows_read, result.rows_loaded, result.rows_quarantined) == (
        N_CUSTOMERS + 2, N_CUSTOMERS + 1, 1)
    [(row_no, reason)] = query(served, "SELECT row_no, reason FROM quarantine "
                                       "WHERE file = 'customers.csv'")
    assert row_no == N_CUSTOMERS + 1 and "Maximum line size" in reason
    assert query(served, "SELECT name FROM customers WHERE customer_id IN ('C900', 'C901')") == [
        ("王五",)]


def test_nul_bytes_quarantine_the_row_naming_the_columns(tmp_path, served) -> None:
    text = CUSTOMERS + "C900,张\x00三,138\x0000,individual,normal,,S001,2026-01-01\n"
    report = import_folder(served, _folder(tmp_path, "customers.csv", text))
    assert _file(report, "customers.csv").rows_quarantined == 1
    assert query(served, "SELECT row_no, reason FROM quarantine WHERE file = 'customers.csv'") == [
        (N_CUSTOMERS + 1, "NUL byte in column name, phone")]
    assert query(served, "SELECT count(*) FROM customers") == [(N_CUSTOMERS,)]


@pytest.mark.postgres
@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_nul_bytes_on_postgresql_no_longer_fail_the_import(tmp_path, pg_store, fmt) -> None:
    """PostgreSQL cannot store NUL: before the fix one such byte failed the whole import."""
    import pandas as pd

    import_folder(pg_store, BASIC)
    text = CUSTOMERS + "C900,张\x00三,13800000000,individual,normal,,S001,2026-01-01\n" + (
        "C901,王五,13900000009,individual,normal,,S001,2026-01-02\n")
    folder = _folder(tmp_path, "customers.csv", text)
    if fmt == "parquet":
        frame = pd.read_csv(folder / "customers.csv", dtype=str, keep_default_na=False)
        frame.replace("", None).to_parquet(folder / "customers.parquet", index=False)
        (folder / "customers.csv").unlink()
    report = import_folder(pg_store, folder)
    assert report.status == "published"
    assert query(pg_store, "SELECT customer_id FROM customers WHERE customer_id >= 'C900'") == [
        ("C901",)]
    assert query(pg_store, "SELECT row_no, reason FROM quarantine WHERE file LIKE 'customers%'") == [
        (N_CUSTOMERS + 1, "NUL byte in column name")]


FORMULAS = ["=cmd|' /C calc'!A0", "+1+cmd|'/C calc'!A0", "-2+3", "@SUM(1+1)*cmd|'/C calc'!A0",
            "=HYPERLINK(\"http://evil.example\",\"点我\")"]


def test_formula_strings_are_stored_as_text_and_exported_guarded(tmp_path, duck_url) -> None:
    """Formula-like names import as the exact text and come back out in CSV with the guard
    apostrophe (Excel shows text); the Excel export stores them as strings, never formulas."""
    import openpyxl

    from exports.sheet import Column, Sheet
    from exports.xlsx import to_xlsx_bytes

    rows = "".join(f'C9{i:02d},"{f.replace(chr(34), chr(34) * 2)}",,individual,normal,,S001,'
                   f"2026-01-01\n" for i, f in enumerate(FORMULAS))
    import_folder(duck_url, _folder(tmp_path, "customers.csv", CUSTOMERS + rows))
    stored = query(duck_url, "SELECT name FROM customers WHERE customer_id >= 'C900' "
                                     "ORDER BY customer_id")
    assert [r[0] for r in stored] == FORMULAS
    export_folder(duck_url, tmp_path / "out")
    out = {r["customer_id"]: r["name"] for r in read_csv_rows(tmp_path / "out" / "customers.csv")}
    assert [out[f"C9{i:02d}"] for i in range(len(FORMULAS))] == ["'" + f for f in FORMULAS]
    sheet = Sheet(title="客户", columns=[Column("name", "客户")],
                  rows=[{"name": f} for f in FORMULAS])
    book = openpyxl.load_workbook(_xlsx(tmp_path, to_xlsx_bytes(sheet)))
    cells = [c for row in book.active.iter_rows() for c in row]
    assert not [c for c in cells if c.data_type == "f"]  # no cell is a formula
    assert sorted(c.value for c in cells if c.data_type == "s" and c.value != "客户") == sorted(
        "'" + f for f in FORMULAS)


def _xlsx(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "sheet.xlsx"
    path.write_bytes(data)
    return path
