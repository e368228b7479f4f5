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


_VALUES: dict[tuple, float | None] = {}


def _memo(ind: str, fn: Oracle) -> Oracle:
    """The oracle of one indicator, remembered per (frames, entity, window): the RAG oracle and
    the meta indicators ask for the same values many times."""

    def oracle(fr, level: str, eid: str, win) -> float | None:  # noqa: ANN001
        key = (ind, id(fr), level, eid, win)
        if key not in _VALUES:
            _VALUES[key] = fn(fr, level, eid, win)
        return _VALUES[key]

    oracle.__doc__, oracle.__wrapped__ = fn.__doc__, fn  # type: ignore[attr-defined]
    return oracle


def _collect(*modules: ModuleType) -> dict[str, Oracle]:
    out: dict[str, Oracle] = {}
    for mod in modules:
        for name in dir(mod):
            fn = getattr(mod, name)
            if name.startswith("oracle_") and fn.__module__ == mod.__name__:
                ind = name.removeprefix("oracle_")
                if ind in out:
                    raise RuntimeError(f"two oracles for {ind}")
                out[ind] = _memo(ind, fn)
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
