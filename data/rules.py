"""The data contract's column rules, as data: types, enums, signs, references, text columns.

Types and optional columns come from `data/schema.py` (a nullable column is optional); the rest
is written out here from `../shared/docs/data-contract.md`, one table of facts per kind of rule.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Column, Date, DateTime, Float, Integer, String, Table

from data.schema import CONTRACT_TABLES

ENUMS: dict[tuple[str, str], tuple[str, ...]] = {
    ("products", "kind"): ("gasoline", "diesel"),
    ("stations", "location_type"): ("urban", "suburban", "highway", "rural"),
    ("fuel_sales", "payment_method"): ("card", "mobile", "bankcard", "cash"),
    ("customers", "kind"): ("individual", "fleet"),
    ("customers", "grade"): ("normal", "gold", "platinum", "diamond"),
    ("expenses", "category"): (
        "labour", "utilities", "repairs", "depreciation", "marketing", "rent", "other",
    ),
    ("campaigns", "kind"): ("discount", "gift", "threshold", "recharge_bonus"),
}

POSITIVE: frozenset[tuple[str, str]] = frozenset({
    ("products", "density_kg_per_l"),
    ("fuel_sales", "liters"),
    ("fuel_sales", "list_price"),
    ("nonfuel_sales", "qty"),
    ("card_recharges", "amount"),
    ("purchase_costs", "cost_per_liter"),
})

NON_NEGATIVE: frozenset[tuple[str, str]] = frozenset({
    ("stations", "staff_count"),
    ("stations", "store_area_m2"),
    ("stations", "nozzle_count"),
    ("fuel_sales", "paid_amount"),
    ("nonfuel_sales", "revenue"),
    ("nonfuel_sales", "cost"),
    ("card_recharges", "bonus"),
    ("expenses", "amount"),
    ("campaigns", "cost"),
    ("campaigns", "threshold_amount"),
})

# Which table a referencing column points at (by that table's one-column key).
REFERENCES: dict[tuple[str, str], str] = {
    ("customers", "home_station_id"): "stations",
    ("fuel_sales", "station_id"): "stations",
    ("fuel_sales", "product_code"): "products",
    ("fuel_sales", "customer_id"): "customers",
    ("nonfuel_sales", "station_id"): "stations",
    ("nonfuel_sales", "customer_id"): "customers",
    ("card_recharges", "customer_id"): "customers",
    ("card_recharges", "station_id"): "stations",
    ("expenses", "station_id"): "stations",
    ("purchase_costs", "product_code"): "products",
    ("plans", "station_id"): "stations",
    ("campaign_stations", "campaign_id"): "campaigns",
    ("campaign_stations", "station_id"): "stations",
}

REFERENCED_TABLES: tuple[str, ...] = ("products", "stations", "customers", "campaigns")

# Characters that make a spreadsheet treat a cell as a formula (CWE-1236).
FORMULA_LEADS = ("=", "+", "-", "@")

TABLES: dict[str, Table] = {t.name: t for t in CONTRACT_TABLES}


@dataclass(frozen=True)
class ColumnRule:
    """Everything the importer checks about one contract column."""

    table: str
    name: str
    sql_type: str  # DuckDB type to TRY_CAST into
    kind: str  # text | int | float | date | timestamp | month
    optional: bool
    enum: tuple[str, ...] | None = None
    positive: bool = False
    non_negative: bool = False
    references: str | None = None

    @property
    def free_text(self) -> bool:
        """A text column that is neither a key, a reference nor an enum (names, categories)."""
        key = TABLES[self.table].info["key"]
        return (
            self.kind == "text"
            and self.name not in key
            and self.references is None
            and self.enum is None
            and not self.name.endswith("_id")
        )


def _kind(column: Column) -> tuple[str, str]:
    if column.name == "month":
        return "month", "DATE"
    if isinstance(column.type, DateTime):
        return "timestamp", "TIMESTAMP"
    if isinstance(column.type, Date):
        return "date", "DATE"
    if isinstance(column.type, Integer):
        return "int", "INTEGER"
    if isinstance(column.type, Float):
        return "float", "DOUBLE"
    if isinstance(column.type, String):
        return "text", "VARCHAR"
    raise TypeError(f"no import rule for {column.table.name}.{column.name}: {column.type!r}")


def rules_for(table: Table) -> list[ColumnRule]:
    """The rules of every column of a contract table, in schema order."""
    rules = []
    for column in table.columns:
        kind, sql_type = _kind(column)
        where = (table.name, column.name)
        rules.append(
            ColumnRule(
                table=table.name,
                name=column.name,
                sql_type=sql_type,
                kind=kind,
                optional=bool(column.nullable),
                enum=ENUMS.get(where),
                positive=where in POSITIVE,
                non_negative=where in NON_NEGATIVE,
                references=REFERENCES.get(where),
            )
        )
    return rules


def key_column(table_name: str) -> str:
    """The single key column of a referenced table (stations → station_id, …)."""
    (key,) = TABLES[table_name].info["key"]
    return key
