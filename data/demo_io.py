"""Writing the demo folder: contract schemas as Arrow types, streaming writers, fast text ids.

Parquet tables are written with one `ParquetWriter` per table, a row group per month for the big
ones, so 50M fuel rows never sit in memory at once. CSV follows the contract's text conventions:
ISO timestamps with a `T`, dates `YYYY-MM-DD`, empty field = NULL.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv
import pyarrow.parquet as pq

_S, _F, _I, _D, _TS = pa.string(), pa.float64(), pa.int32(), pa.date32(), pa.timestamp("us")

# Arrow types of every contract column, in the contract's order.
SCHEMAS: dict[str, pa.Schema] = {
    "products": pa.schema([("product_code", _S), ("product_name", _S), ("kind", _S),
                           ("density_kg_per_l", _F)]),
    "stations": pa.schema([("station_id", _S), ("station_name", _S), ("team_id", _S),
                           ("team_name", _S), ("city_id", _S), ("city_name", _S),
                           ("province_id", _S), ("province_name", _S), ("opened_on", _D),
                           ("location_type", _S), ("staff_count", _I), ("store_area_m2", _F),
                           ("nozzle_count", _I), ("lat", _F), ("lon", _F)]),
    "customers": pa.schema([("customer_id", _S), ("name", _S), ("phone", _S), ("kind", _S),
                            ("grade", _S), ("manager_id", _S), ("home_station_id", _S),
                            ("registered_on", _D)]),
    "fuel_sales": pa.schema([("txn_id", _S), ("ts", _TS), ("station_id", _S), ("nozzle_no", _I),
                             ("product_code", _S), ("liters", _F), ("list_price", _F),
                             ("paid_amount", _F), ("customer_id", _S), ("payment_method", _S)]),
    "nonfuel_sales": pa.schema([("basket_id", _S), ("line_no", _I), ("ts", _TS),
                                ("station_id", _S), ("category", _S), ("sku", _S), ("qty", _F),
                                ("revenue", _F), ("cost", _F), ("customer_id", _S)]),
    "card_recharges": pa.schema([("recharge_id", _S), ("ts", _TS), ("customer_id", _S),
                                 ("station_id", _S), ("amount", _F), ("bonus", _F)]),
    "expenses": pa.schema([("month", _S), ("station_id", _S), ("category", _S), ("amount", _F)]),
    "purchase_costs": pa.schema([("month", _S), ("product_code", _S), ("cost_per_liter", _F)]),
    "plans": pa.schema([("month", _S), ("station_id", _S), ("measure", _S), ("target", _F)]),
    "campaigns": pa.schema([("campaign_id", _S), ("name", _S), ("kind", _S), ("start_date", _D),
                            ("end_date", _D), ("cost", _F), ("threshold_amount", _F)]),
    "campaign_stations": pa.schema([("campaign_id", _S), ("station_id", _S)]),
}


class TableWriter:
    """Streams one contract table to `<dir>/<table>.parquet` or `.csv`, counting rows."""

    def __init__(self, out_dir: Path, table: str, fmt: str) -> None:
        self.schema = SCHEMAS[table]
        self.rows = 0
        self._fmt = fmt
        self._path = out_dir / f"{table}.{fmt}"
        self._writer: pq.ParquetWriter | pcsv.CSVWriter | None = None

    def write(self, table: pa.Table) -> None:
        """Append `table` (its columns in any order) as one row group / CSV block."""
        table = table.select(self.schema.names).cast(self.schema)
        if self._fmt == "csv":
            table = _as_text(table)
        if self._writer is None:
            if self._fmt == "parquet":
                self._writer = pq.ParquetWriter(self._path, self.schema, compression="snappy",
                                                use_dictionary=_dictionary_columns(self.schema))
            else:
                opts = pcsv.WriteOptions(quoting_style="needed")
                self._writer = pcsv.CSVWriter(self._path, table.schema, write_options=opts)
        self._writer.write_table(table)
        self.rows += table.num_rows

    def close(self) -> int:
        """Finish the file (an empty table still gets its header) and return the row count."""
        if self._writer is None:
            self.write(self.schema.empty_table())
        self._writer.close()
        return self.rows


def _dictionary_columns(schema: pa.Schema) -> list[str]:
    """Columns worth dictionary-encoding: all but unique ids, timestamps and measured amounts
    (trying a dictionary on 50M unique txn ids costs time and saves nothing)."""
    skip = {"txn_id", "basket_id", "recharge_id", "ts", "liters", "paid_amount", "amount",
            "revenue", "cost", "bonus"}
    return [name for name in schema.names if name not in skip]


def _as_text(table: pa.Table) -> pa.Table:
    """Timestamps as ISO 8601 text with a `T` (pyarrow's CSV writer would use a space)."""
    cols = []
    for col in table.columns:
        if pa.types.is_timestamp(col.type):
            text = pc.cast(pc.cast(col, pa.timestamp("s")), pa.string())
            col = pc.replace_substring(text, " ", "T")
        cols.append(col)
    return pa.table(cols, names=table.column_names)


def ascii_table(strings: list[str]) -> np.ndarray:
    """Equal-length ASCII strings as a (k, width) byte matrix, for `ascii_ids`."""
    width = len(strings[0])
    assert all(len(s) == width for s in strings), "id parts must have equal width"
    return np.frombuffer("".join(strings).encode("ascii"), dtype=np.uint8).reshape(len(strings), width)


def digits(values: np.ndarray, width: int) -> np.ndarray:
    """Non-negative integers as zero-padded ASCII digits, (n, width)."""
    out = np.empty((len(values), width), dtype=np.uint8)
    v = values.astype(np.int64)
    for k in range(width):
        out[:, width - 1 - k] = 48 + (v // 10**k) % 10
    return out


def ascii_ids(*parts: np.ndarray) -> pa.Array:
    """Glue (n, w_i) byte matrices side by side into one string array, without Python strings."""
    block = np.ascontiguousarray(np.hstack(parts))
    n, width = block.shape
    offsets = np.arange(0, (n + 1) * width, width, dtype=np.int32)
    return pa.StringArray.from_buffers(n, pa.py_buffer(offsets), pa.py_buffer(block))


def timestamps(seconds: np.ndarray) -> pa.Array:
    """Seconds since the epoch (local wall time) as an Arrow timestamp column."""
    return pa.array(seconds.astype("datetime64[s]").astype("datetime64[us]"), _TS)
