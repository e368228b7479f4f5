"""Rankings (省市排名) over metrics results: direction-aware, ties, movement, gaps, shares.

    ranking(engine, indicator_id, level, period, as_of, scope, city=None) -> Ranking
    composite(engine, level, period, as_of, scope, weights, city=None) -> Ranking
    rank_rows(items, direction, additive) -> list[RankRow]          (pure; tests call it)

Rules (the same everywhere a rank is shown):
- Direction: higher is better unless the indicator is `lower_better` (cost indicators).
- Ties: competition ranking 1, 2, 2, 4. Two values tie when they agree to 12 significant digits
  (sums added in a different order differ in the last bits). Within a tie, and for display, the
  entity id breaks the tie (ascending), so the order never changes between two requests.
- Entities without a value (grey) get no rank and are listed last, by id; they are never dropped.
- Movement: the rank among the same entities in the preceding period of the same kind, taken
  like for like (the evaluator's MoM window: Nov 1–20 against Oct 1–20), so a month to date is
  not compared with a whole month. `movement` = previous rank − rank (+3 = up three places);
  `new` when the entity has a rank now and had none then.
- Gap to the next rank: how far the value is from the nearest better-ranked value (always ≥ 0,
  in the indicator's unit); None for rank 1 and for entities without a value.
- Share of the total: value / Σ values of the ranked set, only for additive indicators
  (`is_additive`) and only when that total is positive.
- Composite (weighted, teams): each indicator gives rank points (n − rank) / (n − 1), 1 for the
  best and 0 for the worst of n ranked entities (0 without a value); the score is
  Σ weight × points / Σ weight, ranked higher-better with the same tie rules. Rank points rather
  than plan attainment, so indicators without plans (costs, shares) weigh in like the others.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from sqlalchemy import Engine

from data.org import Entity, list_entities
from data.scope import Scope
from metrics.model import Direction, Indicator, Unit
from metrics.periods import Period
from metrics.registry import get_registry
from metrics.request import BatchRequest

RANK_LEVELS = ("team", "station")
# Units that sum over entities: tonnes, liters, money, transactions, stations, people. Customer
# counts are left out (a customer buying at two teams is counted at both), as are ratios.
ADDITIVE_UNITS = frozenset({Unit.T, Unit.LITERS, Unit.YUAN, Unit.TXN, Unit.STATION, Unit.PERSON})
# Extensive units whose formula is not a sum over stations (effects, differences in differences,
# per-day averages): their entity values do not add up to the parent's.
NOT_ADDITIVE = frozenset({
    "fuel_gp_volume_effect", "fuel_gp_margin_effect", "campaign_incremental_volume",
    "fuel_volume_daily_avg", "marketing_input_total",
})  # fmt: skip
DEFAULT_WEIGHTS: dict[str, float] = {
    "fuel_volume_t": 0.2, "operating_profit": 0.2, "fuel_gross_profit": 0.15,
    "nonfuel_revenue": 0.1, "nonfuel_gross_profit": 0.1, "expense_per_tonne": 0.1,
    "price_realization_rate": 0.1, "member_volume_share": 0.05,
}  # fmt: skip  (the weights of the catalogue's team_city_rank)


def is_additive(ind: Indicator) -> bool:
    """Whether the indicator's values add up over entities (so a share of the total means
    something): an extensive unit and a plain sum, not a ratio, effect or average."""
    return ind.unit in ADDITIVE_UNITS and ind.id not in NOT_ADDITIVE


@dataclass(frozen=True)
class Item:
    """One entity's input to a ranking."""

    id: str
    name: str = ""
    city_id: str = ""
    value: float | None = None
    prev_value: float | None = None
    rag: str = "grey"


@dataclass(frozen=True)
class RankRow:
    """One ranked entity (see the module docstring for every rule)."""

    id: str
    name: str
    city_id: str
    value: float | None
    rag: str
    rank: int | None
    prev_rank: int | None
    movement: int | None  # prev_rank − rank; None when either is missing
    new: bool
    gap: float | None
    share: float | None
    city_rank: int | None = None
    parts: dict[str, tuple[float | None, int | None, float]] = field(default_factory=dict)


def _key(v: float) -> float:
    return float(f"{v:.12g}")


def competition_ranks(values: Mapping[str, float | None], direction: Direction | str) -> dict[str, int | None]:
    """Ranks 1, 2, 2, 4 (None without a value); better = larger unless lower_better."""
    sign = -1.0 if str(direction) == Direction.LOWER_BETTER.value else 1.0
    ranked = sorted((-sign * _key(v), k) for k, v in values.items() if v is not None)
    out: dict[str, int | None] = {k: None for k, v in values.items() if v is None}
    prev_key, prev_rank = None, 0
    for pos, (key, ident) in enumerate(ranked, start=1):
        rank = prev_rank if key == prev_key else pos
        out[ident] = rank
        prev_key, prev_rank = key, rank
    return out


def _gaps(values: Mapping[str, float | None], ranks: Mapping[str, int | None]) -> dict[str, float | None]:
    """Distance to the nearest better-ranked value (by rank; ties share it)."""
    best_at: dict[int, float] = {}
    for k, r in ranks.items():
        if r is not None:
            best_at.setdefault(r, values[k])  # type: ignore[arg-type]
    order = sorted(best_at)
    above = {r: best_at[order[i - 1]] for i, r in enumerate(order) if i > 0}
    return {k: (abs(above[r] - values[k]) if r in above else None)  # type: ignore[operator]
            for k, r in ranks.items()} if ranks else {}  # fmt: skip


def rank_rows(items: Sequence[Item], direction: Direction | str, additive: bool) -> list[RankRow]:
    """Rank items (pure): ranks, movement, gaps, shares, city ranks; ordered for display."""
    values = {i.id: i.value for i in items}
    ranks = competition_ranks(values, direction)
    prev = competition_ranks({i.id: i.prev_value for i in items}, direction)
    gaps = _gaps(values, ranks)
    total = sum(v for v in values.values() if v is not None)
    city_ranks: dict[str, int | None] = {}
    for city in {i.city_id for i in items}:
        city_ranks.update(competition_ranks(
            {i.id: i.value for i in items if i.city_id == city}, direction))
    rows = []
    for i in items:
        r, p = ranks[i.id], prev[i.id]
        rows.append(RankRow(
            id=i.id, name=i.name, city_id=i.city_id, value=i.value, rag=i.rag, rank=r,
            prev_rank=p, movement=(p - r) if r is not None and p is not None else None,
            new=r is not None and p is None, gap=gaps.get(i.id),
            share=(i.value / total) if additive and i.value is not None and total > 0 else None,
            city_rank=city_ranks.get(i.id),
        ))  # fmt: skip
    return sorted(rows, key=lambda x: (x.rank is None, x.rank or 0, x.id))


@dataclass(frozen=True)
class Ranking:
    """A ranking as the page shows it: what was ranked, and the rows in display order."""

    indicator: str  # an indicator id, or "composite"
    level: str
    period: str
    window: str
    city: str | None
    direction: str
    additive: bool
    rows: list[RankRow]
    weights: dict[str, float] = field(default_factory=dict)


def _entities(engine: Engine, scope: Scope, level: str, city: str | None) -> list[Entity]:
    if level not in RANK_LEVELS:
        raise ValueError(f"rankings are of teams or stations, not {level!r}")
    ents = list_entities(engine, scope, level)
    return [e for e in ents if city is None or e.city_id == city]


def _evaluate(engine: Engine, scope: Scope, ids: Sequence[str], ents: list[Entity],
              period: Period, as_of: date | None) -> tuple[str, dict]:  # fmt: skip
    from metrics.evaluator import evaluate

    req = BatchRequest(entities=tuple(e.key for e in ents), period=period, scope=scope,
                       indicators=tuple(ids), as_of=as_of, comparisons=frozenset({"mom"}))
    res = evaluate(engine, req)
    return res.window_label, {(ind, ident): r for (ind, (_, ident)), r in res.results.items()}


def ranking(engine: Engine, indicator_id: str, level: str, period: Period, as_of: date | None,
            scope: Scope, city: str | None = None) -> Ranking:  # fmt: skip
    """Teams or stations (those the scope sees whole; of one city when `city` is given) ranked
    by one indicator. KeyError for an unknown indicator, ValueError for a bad level."""
    ind = get_registry().indicators[indicator_id]
    ents = _entities(engine, scope, level, city)
    label, got = _evaluate(engine, scope, [indicator_id], ents, period, as_of) if ents else ("", {})
    items = [Item(e.id, e.name, e.city_id, got[(indicator_id, e.id)].value,
                  got[(indicator_id, e.id)].mom_value, str(got[(indicator_id, e.id)].rag))
             for e in ents]  # fmt: skip
    additive = is_additive(ind)
    return Ranking(indicator_id, level, str(period), label, city, str(ind.direction.value),
                   additive, rank_rows(items, ind.direction, additive))  # fmt: skip


def _points(ranks: Mapping[str, int | None]) -> dict[str, float]:
    n = sum(1 for r in ranks.values() if r is not None)
    return {k: (0.0 if r is None else 1.0 if n == 1 else (n - r) / (n - 1))
            for k, r in ranks.items()}  # fmt: skip


def composite_rows(items_by_ind: Mapping[str, Sequence[Item]], directions: Mapping[str, str],
                   weights: Mapping[str, float]) -> list[RankRow]:  # fmt: skip
    """Pure: the weighted composite over per-indicator items (same entities in each list)."""
    total_w = sum(weights.values())
    score: dict[str, float] = {}
    prev_score: dict[str, float] = {}
    parts: dict[str, dict[str, tuple[float | None, int | None, float]]] = {}
    base: dict[str, Item] = {}
    for ind, items in items_by_ind.items():
        ranks = competition_ranks({i.id: i.value for i in items}, directions[ind])
        pts = _points(ranks)
        prev_pts = _points(competition_ranks({i.id: i.prev_value for i in items}, directions[ind]))
        for i in items:
            base.setdefault(i.id, i)
            score[i.id] = score.get(i.id, 0.0) + weights[ind] * pts[i.id] / total_w
            prev_score[i.id] = prev_score.get(i.id, 0.0) + weights[ind] * prev_pts[i.id] / total_w
            parts.setdefault(i.id, {})[ind] = (i.value, ranks[i.id], pts[i.id])
    items = [replace(base[k], value=score[k], prev_value=prev_score[k], rag="grey") for k in base]
    return [replace(r, parts=parts[r.id]) for r in rank_rows(items, Direction.HIGHER_BETTER, False)]


def composite(engine: Engine, level: str, period: Period, as_of: date | None, scope: Scope,
              weights: Mapping[str, float] | None = None, city: str | None = None) -> Ranking:  # fmt: skip
    """Weighted composite ranking (default: the weights of team_city_rank); one batch."""
    weights = dict(weights or DEFAULT_WEIGHTS)
    if not weights or any(w < 0 for w in weights.values()) or sum(weights.values()) <= 0:
        raise ValueError("composite weights must be non-negative with a positive sum")
    reg = get_registry()
    inds = {i: reg.indicators[i] for i in weights}
    ents = _entities(engine, scope, level, city)
    label, got = _evaluate(engine, scope, list(weights), ents, period, as_of) if ents else ("", {})
    by_ind = {i: [Item(e.id, e.name, e.city_id, got[(i, e.id)].value, got[(i, e.id)].mom_value)
                  for e in ents] for i in weights}  # fmt: skip
    rows = composite_rows(by_ind, {i: str(d.direction.value) for i, d in inds.items()}, weights)
    return Ranking("composite", level, str(period), label, city, "higher_better", False, rows,
                   weights)  # fmt: skip
