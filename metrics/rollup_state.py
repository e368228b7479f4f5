"""Which rollup tables of the store being planned are current, for the code that builds SQL.

The evaluator learns once per data version which rollup tables the store holds with this
code's columns (`metrics.evaluator.rollups_current`) and builds a plan's statements inside
`store_rollups(tables)`. The compiler (fuel, non-fuel) and the special providers ask
`rollup_current(name)` before reading a rollup, so a store written by an older version (a
rollup missing or with other columns) is read from raw rows for that rollup only, with the
same numbers, until `python -m data rollups` rebuilds it. Outside a plan (a caller building SQL
for a store it knows, tests) nothing is set and the caller's own `rollup` switch decides.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

# The customer providers' rollups: ProviderRequest.rollup defaults to these being current.
CUSTOMER_ROLLUPS = frozenset({"agg_customer_month", "agg_customer_lapse"})

_CURRENT: ContextVar[frozenset[str] | None] = ContextVar("store_rollups", default=None)


@contextmanager
def store_rollups(tables: frozenset[str]) -> Iterator[None]:
    """Within the block, only these rollup tables may be read."""
    token = _CURRENT.set(frozenset(tables))
    try:
        yield
    finally:
        _CURRENT.reset(token)


def rollup_current(*names: str) -> bool:
    """Whether every named rollup table may be read (True when no store is being planned)."""
    current = _CURRENT.get()
    return current is None or all(n in current for n in names)
