"""The rows page's headers and cells: localised names with units, numbers as the app writes
them; the CSV legend names the raw columns (hand-written expectations)."""

from __future__ import annotations

import datetime as dt

from components.rows_cells import csv_legend, display_rows, header, kind_of
from components.rows_table import column_styles, table_columns

ROW = {"customer_id": "C0002023", "transactions_90d": 1234, "paid_90d": 246302.68,
       "ts": dt.datetime(2026, 11, 3, 8, 10, 5), "last_purchase_month": dt.date(2026, 10, 1),
       "liters": 26.74, "tonnes": 0.019789, "kind": "fleet", "grade": "vip?",
       "payment_method": "card", "anomaly": True, "discount": -12.5, "name": None,
       "measure_value": 200.0, "mystery_col": 1234567.891, "nozzle_no": 7}
NAMES = list(ROW)


def test_headers_in_both_languages_with_units() -> None:
    assert header("customer_id", "zh") == "客户编号"
    assert header("transactions_90d", "en") == "Transactions, 90 days"
    assert header("paid_90d", "zh") == "近90天实收金额（元）"
    assert header("paid_90d", "en") == "Paid, 90 days (yuan)"
    assert header("liters", "en") == "Litres (L)" and header("tonnes", "zh") == "吨数（吨）"
    assert header("measure_value", "zh", "yuan") == "本行计入值（元）"
    assert header("measure_value", "en", "txn") == "Counts as"
    assert header("mystery_col", "zh") == "mystery_col"  # unknown: shown as itself


def test_cells_formatted_as_the_app_writes_numbers() -> None:
    zh = display_rows([ROW], NAMES, "zh", "yuan")[0]
    assert zh["customer_id"] == "C0002023" and zh["nozzle_no"] == "7"
    assert zh["transactions_90d"] == "1,234"
    assert zh["paid_90d"] == "246,302.68"
    assert zh["ts"] == "2026-11-03 08:10:05"
    assert zh["last_purchase_month"] == "2026-10"
    assert zh["liters"] == "26.74" and zh["tonnes"] == "0.020"
    assert (zh["kind"], zh["grade"], zh["payment_method"]) == ("车队", "vip?", "储值卡")
    assert zh["anomaly"] == "是" and zh["name"] == "—"
    assert zh["discount"] == "\u221212.50"  # the true minus sign
    assert zh["measure_value"] == "200.00"
    assert zh["mystery_col"] == "1,234,567.89"
    en = display_rows([ROW], NAMES, "en", "yuan")[0]
    assert (en["kind"], en["payment_method"], en["anomaly"]) == ("Fleet", "Fuel card", "Yes")


def test_columns_keep_raw_ids_and_numbers_align_right() -> None:
    cols = table_columns(["txn_id", "paid_amount"], "en")
    assert cols == [{"name": "Transaction", "id": "txn_id"},
                    {"name": "Paid (yuan)", "id": "paid_amount"}]
    styled = {s["if"]["column_id"] for s in column_styles(NAMES, "yuan")}
    assert styled == {"transactions_90d", "paid_90d", "liters", "tonnes", "discount",
                      "measure_value"}
    assert kind_of("liters_m3") == "liters" and kind_of("usual_tonnes") == "tonnes"


def test_csv_legend_documents_raw_names() -> None:
    assert csv_legend(["txn_id", "paid_amount"], "zh") == \
        "列说明：txn_id=交易编号; paid_amount=实收金额（元）"
    assert csv_legend(["liters"], "en") == "Columns: liters=Litres (L)"
