"""How the rows page shows a raw column: its header in the page's language with the unit, and
each cell formatted as the rest of the app writes numbers (thousands separators, the true minus
sign, dates, 元/升/吨 in the header so the cells stay short).

A row of one transaction is small money (200.00 元), so cells read in 元; the sums above the
table (value, reconciliation) read in 万元 as on the board. The CSV keeps the raw values and
names; `csv_legend` documents the names.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from components import format as fmt
from components.i18n import has_key, t

# Raw column name → kind. Names not listed are guessed from their shape (`kind_of`).
KINDS: dict[str, str] = {
    **dict.fromkeys(("txn_id", "station_id", "customer_id", "product_code", "basket_id",
                     "recharge_id", "sku", "campaign_id", "manager_id", "home_station_id",
                     "nozzle_no", "line_no"), "id"),
    **dict.fromkeys(("ts", "last_purchase"), "datetime"),
    **dict.fromkeys(("day", "registered_on", "start_date", "end_date", "during_start",
                     "during_end", "opened_on"), "date"),
    **dict.fromkeys(("month", "last_purchase_month", "last_purchase_month_before"), "month"),
    **dict.fromkeys(("paid_amount", "list_amount", "discount", "revenue", "cost", "amount",
                     "bonus", "paid_90d", "province_median_paid", "fuel_cost", "gross_profit"),
                    "money"),
    **dict.fromkeys(("list_price", "cost_per_liter"), "price"),
    **dict.fromkeys(("tonnes", "usual_tonnes"), "tonnes"),
    **dict.fromkeys(("transactions", "transactions_90d", "home_customers", "days_in_window",
                     "days_sold_in_prev_28", "txn_count"), "count"),
    **dict.fromkeys(("anomaly", "sold", "is_member", "warning"), "flag"),
    **dict.fromkeys(("qty", "target", "staff_count", "nozzle_count", "store_area_m2",
                     "province_median_transactions"), "number"),
    # codes the app already names elsewhere (customer lists, drill pages): enum:<key prefix>
    "kind": "enum:org.kind", "grade": "enum:org.grade", "status": "enum:org.status",
    "payment_method": "enum:org.pay",
}
# Units of a measure (the per-row contribution column) → kind.
MEASURE_KINDS = {"yuan": "money", "liters": "liters", "t": "tonnes", "txn": "count",
                 "count": "count", "station": "count", "days": "count"}
UNIT_KEYS = {"money": "rows.unit.yuan", "liters": "rows.unit.liters", "tonnes": "rows.unit.t",
             "price": "rows.unit.yuan_per_liter"}
NUMERIC = frozenset({"money", "price", "liters", "tonnes", "count", "number"})


def kind_of(name: str, measure_unit: str | None = None) -> str:
    """The kind of a raw column (the contribution column's comes from its measure's unit)."""
    if name == "measure_value":
        return MEASURE_KINDS.get(measure_unit or "", "number")
    if name in KINDS:
        return KINDS[name]
    if name.startswith("liters"):
        return "liters"
    if name.endswith("_month"):
        return "month"
    if name.endswith(("_amount", "_paid")):
        return "money"
    return "text"


def header(name: str, lang: str, measure_unit: str | None = None) -> str:
    """"实收金额（元）" / "Paid (yuan)"; an unknown name shows as itself."""
    key = f"rows.colname.{name}"
    label = t(key, lang) if has_key(key) else name
    unit = UNIT_KEYS.get(kind_of(name, measure_unit))
    if unit is None:
        return label
    return f"{label}（{t(unit, lang)}）" if lang == "zh" else f"{label} ({t(unit, lang)})"


def _month(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.strftime("%Y-%m")
    text = str(value)
    return text[:7] if len(text) >= 7 and text[4] == "-" else text


def text(value: Any, kind: str, lang: str) -> Any:
    """One cell as the page shows it ("—" for nothing)."""
    if value is None:
        return fmt.MISSING
    if kind == "flag" or isinstance(value, bool):
        return t("rows.yes" if value else "rows.no", lang)
    if kind.startswith("enum:"):
        key = f"{kind[5:]}.{value}"
        return t(key, lang) if has_key(key) else str(value)
    if kind == "id" or isinstance(value, str):
        return str(value)
    if kind == "datetime" and isinstance(value, dt.datetime):
        return fmt.datetime(value, seconds=True)
    if kind in ("date", "datetime") and isinstance(value, dt.date):
        return fmt.date(value)
    if kind == "month":
        return _month(value)
    if not isinstance(value, int | float):
        return str(value)
    if kind in ("money", "price"):
        return fmt.number(value, 2)
    if kind == "liters":
        return fmt.number(value, 2 if not float(value).is_integer() else 0)
    if kind == "tonnes":
        return fmt.number(value, 3)
    if kind == "count":
        return fmt.count(value)
    return fmt.number(value, 0 if float(value).is_integer() else 2)  # number, text


def display_rows(rows: Sequence[Mapping[str, Any]], names: Sequence[str], lang: str,
                 measure_unit: str | None = None) -> list[dict[str, Any]]:
    """A page of rows, every cell formatted by its column's kind."""
    kinds = {n: kind_of(n, measure_unit) for n in names}
    return [{n: text(r.get(n), kinds[n], lang) for n in names} for r in rows]


def csv_legend(names: Sequence[str], lang: str, measure_unit: str | None = None) -> str:
    """"列说明：ts=交易时间; liters=升数（升）; …": the CSV's raw names in words."""
    return t("rows.csv_columns", lang, columns="; ".join(
        f"{n}={header(n, lang, measure_unit)}" for n in names))
