"""SQLAlchemy Core schema of the store: the data contract's tables, import bookkeeping, rollups.

The contract tables keep the contract's column names. Two deliberate differences from the file
format: months (`YYYY-MM` in files) are stored as the first day of the month (DATE), and natural
keys are enforced as unique indexes only on servers that need them for upserts (PostgreSQL);
DuckDB replaces rows by key in the importer instead, because an ART index over 50M transaction
ids costs gigabytes of memory for no query benefit.

App state that users write (contact notes, alert states, users) does not live here: the facts
store is replaced wholesale on each DuckDB import, so that state lives in the state store
(`STATE_DATABASE_URL`), see `docs/design.md`.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

# Double precision everywhere money or volume is stored: DOUBLE on DuckDB, float8 on PostgreSQL.
Money = Float(53)
Qty = Float(53)


def _keyed(table: Table, *cols: str) -> Table:
    """Declare the natural key of a contract table (unique index on servers that upsert)."""
    Index(f"ux_{table.name}_key", *(table.c[c] for c in cols), unique=True).ddl_if(
        dialect="postgresql"
    )
    table.info["key"] = tuple(cols)
    return table


products = _keyed(
    Table(
        "products",
        metadata,
        Column("product_code", String, nullable=False),
        Column("product_name", String, nullable=False),
        Column("kind", String, nullable=False),  # gasoline | diesel
        Column("density_kg_per_l", Float(53), nullable=False),
    ),
    "product_code",
)

stations = _keyed(
    Table(
        "stations",
        metadata,
        Column("station_id", String, nullable=False),
        Column("station_name", String, nullable=False),
        Column("team_id", String, nullable=False),
        Column("team_name", String, nullable=False),
        Column("city_id", String, nullable=False),
        Column("city_name", String, nullable=False),
        Column("province_id", String, nullable=False),
        Column("province_name", String, nullable=False),
        Column("opened_on", Date, nullable=False),
        Column("location_type", String, nullable=False),  # urban|suburban|highway|rural
        Column("staff_count", Integer, nullable=False),
        Column("store_area_m2", Float(53), nullable=False),
        Column("nozzle_count", Integer, nullable=False),
        Column("lat", Float(53)),
        Column("lon", Float(53)),
    ),
    "station_id",
)

fuel_sales = _keyed(
    Table(
        "fuel_sales",
        metadata,
        Column("txn_id", String, nullable=False),
        Column("ts", DateTime, nullable=False),
        Column("station_id", String, nullable=False),
        Column("nozzle_no", Integer, nullable=False),
        Column("product_code", String, nullable=False),
        Column("liters", Qty, nullable=False),
        Column("list_price", Money, nullable=False),
        Column("paid_amount", Money, nullable=False),
        Column("customer_id", String),
        Column("payment_method", String, nullable=False),  # card|mobile|bankcard|cash
    ),
    "txn_id",
)

nonfuel_sales = _keyed(
    Table(
        "nonfuel_sales",
        metadata,
        Column("basket_id", String, nullable=False),
        Column("line_no", Integer, nullable=False),
        Column("ts", DateTime, nullable=False),
        Column("station_id", String, nullable=False),
        Column("category", String, nullable=False),
        Column("sku", String, nullable=False),
        Column("qty", Qty, nullable=False),
        Column("revenue", Money, nullable=False),
        Column("cost", Money, nullable=False),
        Column("customer_id", String),
    ),
    "basket_id",
    "line_no",
)

customers = _keyed(
    Table(
        "customers",
        metadata,
        Column("customer_id", String, nullable=False),
        Column("name", String, nullable=False),  # personal data
        Column("phone", String),  # personal data
        Column("kind", String, nullable=False),  # individual | fleet
        Column("grade", String, nullable=False),  # normal|gold|platinum|diamond
        Column("manager_id", String),
        Column("home_station_id", String, nullable=False),
        Column("registered_on", Date, nullable=False),
    ),
    "customer_id",
)

card_recharges = _keyed(
    Table(
        "card_recharges",
        metadata,
        Column("recharge_id", String, nullable=False),
        Column("ts", DateTime, nullable=False),
        Column("customer_id", String, nullable=False),
        Column("station_id", String, nullable=False),
        Column("amount", Money, nullable=False),
        Column("bonus", Money, nullable=False),
    ),
    "recharge_id",
)

expenses = _keyed(
    Table(
        "expenses",
        metadata,
        Column("month", Date, nullable=False),  # first day of the month
        Column("station_id", String, nullable=False),
        Column("category", String, nullable=False),
        Column("amount", Money, nullable=False),
    ),
    "month",
    "station_id",
    "category",
)

purchase_costs = _keyed(
    Table(
        "purchase_costs",
        metadata,
        Column("month", Date, nullable=False),
        Column("product_code", String, nullable=False),
        Column("cost_per_liter", Money, nullable=False),
    ),
    "month",
    "product_code",
)

plans = _keyed(
    Table(
        "plans",
        metadata,
        Column("month", Date, nullable=False),
        Column("station_id", String, nullable=False),
        Column("measure", String, nullable=False),  # an indicator id of the catalogue
        Column("target", Float(53), nullable=False),
    ),
    "month",
    "station_id",
    "measure",
)

campaigns = _keyed(
    Table(
        "campaigns",
        metadata,
        Column("campaign_id", String, nullable=False),
        Column("name", String, nullable=False),
        Column("kind", String, nullable=False),  # discount|gift|threshold|recharge_bonus
        Column("start_date", Date, nullable=False),
        Column("end_date", Date, nullable=False),  # inclusive
        Column("cost", Money, nullable=False),
        Column("threshold_amount", Money),
    ),
    "campaign_id",
)

campaign_stations = _keyed(
    Table(
        "campaign_stations",
        metadata,
        Column("campaign_id", String, nullable=False),
        Column("station_id", String, nullable=False),
    ),
    "campaign_id",
    "station_id",
)

# The contract tables, in the order an import must load them (references first).
CONTRACT_TABLES: tuple[Table, ...] = (
    products,
    stations,
    customers,
    fuel_sales,
    nonfuel_sales,
    card_recharges,
    expenses,
    purchase_costs,
    plans,
    campaigns,
    campaign_stations,
)

# ---- import bookkeeping -------------------------------------------------------------------

import_runs = Table(
    "import_runs",
    metadata,
    Column("import_id", String, primary_key=True),  # sortable: YYYYMMDDTHHMMSS-xxxx
    Column("started_at", DateTime, nullable=False),
    Column("finished_at", DateTime),
    Column("source", Text, nullable=False),  # folder imported, or "demo seed=…"
    Column("status", String, nullable=False),  # running|published|failed
    Column("rows_read", Integer, nullable=False, default=0),
    Column("rows_loaded", Integer, nullable=False, default=0),
    Column("rows_quarantined", Integer, nullable=False, default=0),
    Column("summary", Text),  # JSON: per file counts, warnings
)

quarantine = Table(
    "quarantine",
    metadata,
    Column("import_id", String, nullable=False),
    Column("file", String, nullable=False),
    Column("row_no", Integer, nullable=False),  # 1-based data row (header excluded)
    Column("column_name", String),  # NULL when the whole row is malformed
    Column("reason", Text, nullable=False),
    Column("raw", Text),  # the row as read, JSON
)

# ---- rollups, rebuilt by the importer inside the same publish --------------------------------

# One row per customer, station and month with any fuel purchase: the base of customer status,
# churn warnings and the customer lists (the anchors in testing.md show churn from raw rows
# costs ~0.5 s at 50M rows; from this table it is milliseconds).
agg_customer_month = Table(
    "agg_customer_month",
    metadata,
    Column("customer_id", String, nullable=False),
    Column("station_id", String, nullable=False),
    Column("month", Date, nullable=False),
    Column("liters", Qty, nullable=False),
    Column("tonnes", Qty, nullable=False),
    Column("paid_amount", Money, nullable=False),
    Column("txn_count", Integer, nullable=False),
    Column("last_ts", DateTime, nullable=False),
    # The pair's next month with a purchase (NULL: none yet). A status as of month M needs, of
    # the months before M−4, only each pair's last one: `month <= C AND next_month > C` finds it
    # without grouping the pair's whole history (metrics/special/customers.py). NULL is safe:
    # such a row is simply read, as every row was before this column.
    Column("next_month", Date),
    # The first day of this month with a purchase on or after the customer's registration day
    # (NULL: none): new-member activation reads it instead of the raw transactions.
    Column("first_day_registered", Date),
)

# The rows of agg_customer_month after which the (customer, station) skipped at least one month
# or has not bought since (next_month NULL): ~6 % of its rows. A customer state as of M reads
# the months after a cut-off C from agg_customer_month (a range of months), and of the months
# before C only each pair's last one, which is always such a row: `month < C AND (next_month IS
# NULL OR next_month > C)` (metrics/special/customers.py). Not read from the whole history.
agg_customer_lapse = Table(
    "agg_customer_lapse",
    metadata,
    Column("customer_id", String, nullable=False),
    Column("station_id", String, nullable=False),
    Column("month", Date, nullable=False),
    Column("next_month", Date),
    Column("last_ts", DateTime, nullable=False),
)

# One row per station, day, product, payment method, member flag, customer kind/grade and the
# row-level flags the catalogue filters on: the fuel measures of a board read it instead of raw
# transactions (~7× fewer rows on the demo; see metrics/compile_rollup.py for what it answers).
agg_fuel_day = Table(
    "agg_fuel_day",
    metadata,
    Column("station_id", String, nullable=False),
    Column("day", Date, nullable=False),
    Column("product_code", String, nullable=False),
    Column("payment_method", String),
    Column("is_member", Boolean),
    Column("customer_kind", String),
    Column("customer_grade", String),
    Column("has_discount", Boolean),  # discount > 0.005
    Column("abnormal_discount", Boolean),  # discount > 8 % of the list amount
    Column("round10", Boolean),  # list amount a multiple of 10 (preset amounts)
    Column("liters", Qty),
    Column("tonnes", Qty),
    Column("list_amount", Money),
    Column("paid_amount", Money),
    Column("discount", Money),
    Column("fuel_cost", Money),  # NULL when the month has no purchase cost
    Column("gross_profit", Money),
    Column("txn_count", Integer, nullable=False),
)

# One row per station, day, category and member flag with the sums of every additive non-fuel
# column: the non-fuel sums of a board and the campaigns' non-fuel revenue read it instead of
# the line items (data/rollup_nonfuel.py; metrics/compile_rollup.py). Distinct baskets
# are not stored: a basket counted per day cannot be summed across days, so they stay on rows.
agg_nonfuel_day = Table(
    "agg_nonfuel_day",
    metadata,
    Column("station_id", String, nullable=False),
    Column("day", Date, nullable=False),
    Column("category", String, nullable=False),
    Column("is_member", Boolean, nullable=False),  # customer_id present
    Column("revenue", Money),
    Column("cost", Money),
    Column("gross_profit", Money),  # Σ (revenue − cost) row by row, as the fact's column
    Column("qty", Qty),
    Column("line_count", Integer, nullable=False),
)

FACT_TABLES: tuple[Table, ...] = (
    fuel_sales,
    nonfuel_sales,
    card_recharges,
    expenses,
    purchase_costs,
    plans,
)

ROLLUP_TABLES: tuple[Table, ...] = (
    agg_customer_month, agg_customer_lapse, agg_fuel_day, agg_nonfuel_day,
)

BOOKKEEPING_TABLES: tuple[Table, ...] = (import_runs, quarantine)

PII_COLUMNS: frozenset[tuple[str, str]] = frozenset({("customers", "name"), ("customers", "phone")})

__all__ = [
    "metadata",
    "CONTRACT_TABLES",
    "FACT_TABLES",
    "ROLLUP_TABLES",
    "BOOKKEEPING_TABLES",
    "PII_COLUMNS",
]
