"""Turning one month of generated station-month chunks into Arrow tables for the writers.

Ids are built as fixed-width ASCII straight from byte matrices (no Python string per row):
`txn_id` = station + yymmdd + sequence in the day (`S00126010500123`-like), `basket_id` = `B` +
the same, `recharge_id` = `R` + station + yymm + sequence in the month.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from data.demo_fuel import Fuel
from data.demo_io import ascii_ids, ascii_table, digits, timestamps
from data.demo_money import Recharges
from data.demo_org import PRODUCTS
from data.demo_store import CATEGORY_NAMES, Catalogue, Store
from data.demo_world import Plan

_PAYMENTS = pa.array(["card", "mobile", "bankcard", "cash"])


class MonthRows:
    """Collects a month's chunks per table and builds the tables on `flush()`."""

    def __init__(self, plan: Plan, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self._station_ids = pa.array(plan.org.station_ids)
        self._station_bytes = ascii_table(plan.org.station_ids)
        days = plan.cal.days.astype("datetime64[D]").astype(str)
        self._day_bytes = ascii_table([d[2:4] + d[5:7] + d[8:10] for d in days])
        self._customer_ids = pa.array(plan.cust.ids.tolist(), pa.string())
        self._products = pa.array([p[0] for p in PRODUCTS])
        self._categories = pa.array(CATEGORY_NAMES)
        self._chunks: dict[str, list] = {"fuel": [], "store": [], "rc": []}

    def add(self, s: int, fuel: Fuel, store: Store | None, rc: Recharges | None) -> None:
        """Keep one station-month's chunks until the month is flushed."""
        self._chunks["fuel"].append((s, fuel))
        if store is not None:
            self._chunks["store"].append((s, store))
        if rc is not None:
            self._chunks["rc"].append((s, rc))

    def take(self) -> dict[str, list]:
        """Hand over the month's chunks (for `tables`, possibly on another thread) and reset."""
        batch, self._chunks = self._chunks, {"fuel": [], "store": [], "rc": []}
        return batch

    def tables(self, batch: dict[str, list]) -> dict[str, pa.Table]:
        """The fuel_sales, nonfuel_sales and card_recharges tables of one month's chunks."""
        out = {}
        if batch["fuel"]:
            out["fuel_sales"] = self._fuel(batch["fuel"])
        if batch["store"]:
            out["nonfuel_sales"] = self._store(batch["store"])
        if batch["rc"]:
            out["card_recharges"] = self._recharges(batch["rc"])
        return out

    def _customers(self, idx: np.ndarray) -> pa.Array:
        return self._customer_ids.take(pa.array(idx, mask=idx < 0))

    def _fuel(self, chunks: list[tuple[int, Fuel]]) -> pa.Table:
        col = _concat(chunks)
        st = col("station")
        seq = col("seq")
        width = max(4, len(str(int(seq.max()))))
        return pa.table({
            "txn_id": ascii_ids(self._station_bytes[st], self._day_bytes[col("day")], digits(seq, width)),
            "ts": timestamps(col("ts")),
            "station_id": self._station_ids.take(st),
            "nozzle_no": pa.array(col("nozzle"), pa.int32()),
            "product_code": self._products.take(col("product")),
            "liters": col("liters"),
            "list_price": col("price"),
            "paid_amount": col("paid"),
            "customer_id": self._customers(col("customer")),
            "payment_method": _PAYMENTS.take(col("payment")),
        })

    def _store(self, chunks: list[tuple[int, Store]]) -> pa.Table:
        col = _concat(chunks)
        st = col("station")
        prefix = np.full((len(st), 1), ord("B"), dtype=np.uint8)
        ids = ascii_ids(prefix, self._station_bytes[st], self._day_bytes[col("day")],
                        digits(col("seq"), max(4, len(str(int(col("seq").max()))))))
        return pa.table({
            "basket_id": ids,
            "line_no": pa.array(col("line"), pa.int32()),
            "ts": timestamps(col("ts")),
            "station_id": self._station_ids.take(st),
            "category": self._categories.take(col("category")),
            "sku": self.catalogue.codes.take(col("sku")),
            "qty": col("qty"),
            "revenue": col("revenue"),
            "cost": col("cost"),
            "customer_id": self._customers(col("customer")),
        })

    def _recharges(self, chunks: list[tuple[int, Recharges]]) -> pa.Table:
        col = _concat(chunks)
        st = col("station")
        seq = np.concatenate([np.arange(1, len(c.day) + 1) for _, c in chunks])
        prefix = np.full((len(st), 1), ord("R"), dtype=np.uint8)
        ids = ascii_ids(prefix, self._station_bytes[st], self._day_bytes[col("day")][:, :4],
                        digits(seq, max(5, len(str(int(seq.max()))))))
        return pa.table({
            "recharge_id": ids,
            "ts": timestamps(col("ts")),
            "customer_id": self._customer_ids.take(pa.array(col("customer"))),
            "station_id": self._station_ids.take(st),
            "amount": col("amount"),
            "bonus": col("bonus"),
        })


def _concat(chunks: list[tuple[int, object]]):
    """A column getter over station-month chunks; `station` repeats each chunk's station."""

    def col(name: str) -> np.ndarray:
        if name == "station":
            return np.concatenate([np.full(len(c.day), s, dtype=np.int64) for s, c in chunks])
        return np.concatenate([getattr(c, name) for _, c in chunks])

    return col
