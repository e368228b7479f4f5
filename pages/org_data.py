"""The drill-down's numbers (a pages helper): the path, the entity chain, indicators, customers.

`parse_path("team/T01/station/S007")` → the chain of (level, id); `resolve_chain` checks every
step exists, belongs to the one above and is inside the caller's scope (else None → a friendly
message). Indicator cells come from one cached batch (the 8 headline indicators × the entity and
its children, never the whole catalogue: the meta indicators re-evaluate whole boards); customer
rows from `metrics.customer_lists` and `data.drill`, cached by request, scope and data version.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Engine

from data.org import Entity, list_entities
from data.scope import Scope
from metrics.periods import Period, window
from pages.board_data import cached, evaluate_batch, registry

PATH_LEVELS = ("city", "team", "station", "customer")
CHILD_LEVEL = {"province": "city", "city": "team", "team": "station"}
CUSTOMER_LIMIT = 60  # per status


def parse_path(rest: str | None) -> list[tuple[str, str]] | None:
    """`city/C01`, `team/T01`, `team/T01/station/S007[/customer/CU1]` → [(level, id)…]; None
    when the path is not one of those shapes."""
    parts = [p for p in (rest or "").strip("/").split("/") if p]
    if len(parts) % 2:
        return None
    pairs = [(parts[i], parts[i + 1]) for i in range(0, len(parts), 2)]
    shapes = ([], ["city"], ["team"], ["team", "station"], ["team", "station", "customer"])
    if [lv for lv, _ in pairs] not in shapes or any(len(i) > 64 for _, i in pairs):
        return None
    return pairs


def href(chain: list[tuple[str, str]], period: str | None) -> str:
    """The URL of a chain (the province is the bare /org)."""
    path = "/org" + "".join(f"/{lv}/{i}" for lv, i in chain if lv != "province")
    return path + (f"?period={period}" if period else "")


def canonical(ent: Entity) -> list[tuple[str, str]]:
    """The path of an entity: cities and teams stand alone, a station sits under its team."""
    if ent.level == "province":
        return []
    if ent.level == "station":
        return [("team", ent.team_id), ("station", ent.id)]
    return [(ent.level, ent.id)]


def visible(engine: Engine, scope: Scope) -> list[Entity]:
    """Every entity the scope sees whole (cached per scope and data version)."""
    return cached(f"org:ents:{scope.key()}", engine, lambda: list_entities(engine, scope))


def resolve_chain(ents: list[Entity], pairs: list[tuple[str, str]]) -> list[Entity] | None:
    """The org entities of the path (customer excluded), or None when a step is unknown, out of
    scope, or not inside the step above (station S009 under team T01 when it is T02's)."""
    by = {(e.level, e.id): e for e in ents}
    out: list[Entity] = []
    for n, (level, ident) in enumerate(pairs):
        if level == "customer":
            break
        ent = by.get((level, ident))
        if ent is None and _team_above_visible_station(by, pairs, n):
            continue  # a station manager's canonical link names a team they do not see whole
        if ent is None:
            return None
        if out and level == "station" and ent.team_id != out[-1].id:
            return None
        out.append(ent)
    return out


def _team_above_visible_station(by: dict, pairs: list[tuple[str, str]], n: int) -> bool:
    level, ident = pairs[n]
    if level != "team" or n + 1 >= len(pairs) or pairs[n + 1][0] != "station":
        return False
    station = by.get(("station", pairs[n + 1][1]))
    return station is not None and station.team_id == ident


def children(ents: list[Entity], entity: Entity | None) -> list[Entity]:
    """The visible entities one level below (None: the top entities the scope sees)."""
    if entity is None:
        for level in ("province", "city", "team", "station"):
            top = [e for e in ents if e.level == level]
            if top:
                return top
        return []
    level = CHILD_LEVEL.get(entity.level)
    col = {"province": "province_id", "city": "city_id", "team": "team_id"}.get(entity.level)
    return [e for e in ents if e.level == level and col and getattr(e, col) == entity.id]


# 量 → 利 → 价 → 费 → 客, the order a team leader reads an operating review in.
HEADLINE_ORDER = ("fuel_volume_t", "fuel_gross_profit", "nonfuel_revenue", "nonfuel_gross_profit",
                  "operating_profit", "price_realization_rate", "expense_per_tonne",
                  "member_volume_share")  # fmt: skip


def headline_ids() -> list[str]:
    """The headline indicators: the known ones in HEADLINE_ORDER, any others after them."""
    heads = [i for i, ind in registry().indicators.items() if ind.headline]
    rank = {i: n for n, i in enumerate(HEADLINE_ORDER)}
    return sorted(heads, key=lambda i: (rank.get(i, len(rank)), heads.index(i)))


def indicator_cells(engine: Engine, scope: Scope, keys: list[tuple[str, str]], period: Period,
                    as_of: date | None) -> dict[str, dict[str, Any]]:  # fmt: skip
    """Headline cells of the entities (one batch, cached): {"ind|level|id": cell JSON}."""
    ids = headline_ids()
    key = f"org:cells:{scope.key()}:{period}:{as_of}:{','.join(f'{a}:{b}' for a, b in keys)}"
    return cached(key, engine, lambda: evaluate_batch(engine, scope, ids, keys, period, as_of))


def station_customers(engine: Engine, scope: Scope, station_id: str, period: Period,
                      as_of: date | None) -> list[dict[str, Any]]:  # fmt: skip
    """The station's customers by status (active incl. warnings, lost, dormant), as JSON."""
    from metrics.customer_lists import customer_lists

    w = window(period, as_of)
    kinds = ("active", "lost", "dormant")

    def compute() -> list[dict[str, Any]]:
        out = []
        # One statement for the three lists, one for all histories; the drill never shows
        # purchases elsewhere, so their query is skipped (178 -> 110 ms warm at 49.6M rows).
        lists = customer_lists(engine, "station", station_id, w, scope, kinds, CUSTOMER_LIMIT,
                               moves=False)
        for kind in kinds:
            for r in lists[kind]:
                out.append({
                    "id": r.customer_id, "name": r.name, "kind": r.kind, "grade": r.grade,
                    "status": "warning" if r.warning and r.status == "active" else r.status,
                    "liters": r.liters_month, "change": r.change,
                    "last": r.last_purchase.isoformat(sep=" ")[:16] if r.last_purchase else None,
                    "trend": [p.liters for p in r.history],
                })  # fmt: skip
        return out

    return cached(f"org:cust:{scope.key()}:{station_id}:{period}:{as_of}", engine, compute)


def customer_detail(engine: Engine, scope: Scope, station_id: str, customer_id: str,
                    period: Period, as_of: date | None) -> dict[str, Any] | None:  # fmt: skip
    """Card, 13 months and the latest transactions of one customer at the station, or None."""
    from data.drill import customer_card, customer_months, customer_transactions
    from metrics.periods import add_months

    w = window(period, as_of)
    card = customer_card(engine, station_id, customer_id, scope)
    if card is None:
        return None
    months = customer_months(engine, station_id, customer_id, scope,
                             add_months(w.last_month, -12), w.end)  # fmt: skip
    txns = customer_transactions(engine, station_id, customer_id, scope, w.end, start=w.start)
    return {"card": card.__dict__, "months": [m.__dict__ for m in months],
            "txns": [x.__dict__ for x in txns]}  # fmt: skip
