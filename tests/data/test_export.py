"""Export writes the contract format back; import → export → import gives identical tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from data.export import export_folder
from data.importer import import_folder
from data.rules import TABLES
from tests.data.helpers import BASIC, copy_folder, query, read_csv_rows, snapshot


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_round_trip_is_identical(tmp_path: Path, fmt: str) -> None:
    """Every contract table of a fresh store fed from the export equals the original."""
    first = f"duckdb:///{tmp_path / 'a.duckdb'}"
    second = f"duckdb:///{tmp_path / 'b.duckdb'}"
    import_folder(first, BASIC)
    counts = export_folder(first, tmp_path / "out", fmt=fmt)
    assert counts["fuel_sales"] == 12 and counts["campaign_stations"] == 3
    report = import_folder(second, tmp_path / "out")
    assert report.rows_quarantined == 0
    names = [*TABLES, "agg_customer_month"]
    assert snapshot(second, names) == snapshot(first, names)


def test_csv_uses_contract_text_forms(tmp_path: Path, duck_url: str) -> None:
    """Months as YYYY-MM, timestamps as ISO without zone, empty optional cells empty."""
    import_folder(duck_url, BASIC)
    export_folder(duck_url, tmp_path / "out")
    expenses = read_csv_rows(tmp_path / "out" / "expenses.csv")
    assert [r["month"] for r in expenses] == ["2026-09", "2026-09", "2026-10", "2026-10"]
    fuel = {r["txn_id"]: r for r in read_csv_rows(tmp_path / "out" / "fuel_sales.csv")}
    assert fuel["F007"]["ts"] == "2026-10-05T08:13:27"
    assert fuel["F002"]["customer_id"] == ""
    assert list(fuel) == sorted(fuel)  # ordered by key


def test_formula_cells_are_neutralised_and_restored(tmp_path: Path) -> None:
    """Free-text cells starting with = + - @ get an apostrophe in CSV; re-import restores them."""
    folder = copy_folder(BASIC, tmp_path / "in", only=("products", "stations", "customers"))
    customers = folder / "customers.csv"
    customers.write_text(
        customers.read_text(encoding="utf-8")
        + 'C900,"=HYPERLINK(""http://x"")",+8613800000000,individual,normal,,S001,2026-01-01\n'
        + "C901,@SUM(A1),'=already,individual,normal,,S001,2026-01-01\n",
        encoding="utf-8",
    )
    first = f"duckdb:///{tmp_path / 'a.duckdb'}"
    import_folder(first, folder)
    export_folder(first, tmp_path / "out")
    rows = {r["customer_id"]: r for r in read_csv_rows(tmp_path / "out" / "customers.csv")}
    assert rows["C900"]["name"] == "'=HYPERLINK(\"http://x\")"
    assert rows["C900"]["phone"] == "'+8613800000000"
    assert rows["C901"]["name"] == "'@SUM(A1)"
    # An apostrophe before = + - @ in an input file is read as such an escape (our own or a
    # spreadsheet's), so the stored phone is "=already" and it is escaped again on export.
    assert rows["C901"]["phone"] == "'=already"
    assert rows["C001"]["name"] == "张三"  # ordinary text untouched
    second = f"duckdb:///{tmp_path / 'b.duckdb'}"
    import_folder(second, tmp_path / "out")
    assert query(second, "SELECT customer_id, name, phone FROM customers "
                         "WHERE customer_id >= 'C900' ORDER BY 1") == [
        ("C900", '=HYPERLINK("http://x")', "+8613800000000"),
        ("C901", "@SUM(A1)", "=already"),
    ]


def test_export_of_missing_store_is_refused(tmp_path: Path, duck_url: str) -> None:
    """Exporting a store that does not exist says so instead of creating one."""
    with pytest.raises(FileNotFoundError):
        export_folder(duck_url, tmp_path / "out")
