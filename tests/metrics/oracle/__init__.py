"""An independent pandas oracle for the indicator catalogue, written from the definitions.

`ORACLES` maps an indicator id to `oracle_<id>(frames, level, entity_id, window)`, which returns
the value the definition gives (None for null). Modules are grouped by theme.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

from tests.metrics.oracle import (
    cards,
    customers,
    expenses,
    fixed,
    marketing,
    nonfuel,
    people,
    plan,
    price_margin,
    profit,
    stations,
    volume,
)

Oracle = Callable[..., float | None]


def _collect(*modules: ModuleType) -> dict[str, Oracle]:
    out: dict[str, Oracle] = {}
    for mod in modules:
        for name in dir(mod):
            fn = getattr(mod, name)
            if name.startswith("oracle_") and fn.__module__ == mod.__name__:
                ind = name.removeprefix("oracle_")
                if ind in out:
                    raise RuntimeError(f"two oracles for {ind}")
                out[ind] = fn
    return out


ORACLES: dict[str, Oracle] = _collect(
    fixed, volume, price_margin, nonfuel, customers, cards, marketing, expenses, profit, people,
    stations, plan,
)


def _add_meta() -> None:
    """The meta indicators need the RAG oracle, which needs ORACLES: added last."""
    from tests.metrics.oracle import meta

    ORACLES.update(_collect(meta))


_add_meta()
