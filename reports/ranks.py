"""The report's ranks:

- the composite rank in the city (metrics.rankings.composite_rows, the team_city_rank weights);
- each headline's rank in the city and in the province, with its movement like for like against
  last period (metrics.rankings.rank_rows: the same direction, tie and movement rules as the
  rankings page).

Ranks are over ALL peers of the level, whatever the viewer's scope: a team leader is expected to
see where the team stands ("3/6"), and a position is not personal data. The peers' values are
read with an aggregates-only province scope (`RANK_SCOPE`) in a batch of their own that never
leaves this module: the report keeps positions only (RankInfo has no value of any peer). A
viewer who sees the whole province gets the peers in the report's one batch instead.

Ranks exist for teams and stations (metrics.rankings.RANK_LEVELS); other levels get None.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import Engine

from data.org import Entity, list_entities
from data.scope import Scope
from metrics.periods import Period
from metrics.rankings import DEFAULT_WEIGHTS, RANK_LEVELS, Item, RankRow, composite_rows, rank_rows
from metrics.registry import get_registry
from metrics.request import BatchRequest, BatchResult
from reports.model import HeadlineRank, RankInfo

RANK_SCOPE = Scope(all_stations=True, aggregates_only=True)


def peers(engine: Engine, level: str) -> list[Entity]:
    """Every entity of `level` in the province (none for a level without ranks)."""
    return list_entities(engine, RANK_SCOPE, level) if level in RANK_LEVELS else []


def in_report_batch(scope: Scope) -> bool:
    """Whether the peers may join the report's own batch: only when the viewer sees them all."""
    return scope.all_stations


def peer_values(engine: Engine, level_peers: Sequence[Entity], period: Period, as_of: date | None,
                indicators: Sequence[str]) -> BatchResult:  # fmt: skip
    """The peers' values and last period's, for their positions only (see the docstring)."""
    from metrics.evaluator import evaluate

    return evaluate(engine, BatchRequest(
        entities=tuple(p.key for p in level_peers), period=period, scope=RANK_SCOPE,
        indicators=tuple(dict.fromkeys((*indicators, *DEFAULT_WEIGHTS))), as_of=as_of,
        comparisons=frozenset({"mom"})))  # fmt: skip


def _items(ind: str, peers: Sequence[Entity], res: BatchResult) -> list[Item]:
    out = []
    for p in peers:
        r = res.get(ind, p.key)
        out.append(Item(p.id, p.name, p.city_id, r.value, r.mom_value, str(r.rag)))
    return out


def _row(rows: list[RankRow], ident: str) -> RankRow | None:
    return next((r for r in rows if r.id == ident), None)


def _ranked(rows: list[RankRow]) -> int:
    return sum(1 for r in rows if r.rank is not None)


def headline_rank(ind: str, ent: Entity, peers: Sequence[Entity], res: BatchResult) -> HeadlineRank:
    """The entity's rank by one indicator in its city and among all `peers`."""
    d = get_registry().indicators[ind]
    items = _items(ind, peers, res)
    prov = rank_rows(items, d.direction, False)
    city = rank_rows([i for i in items if i.city_id == ent.city_id], d.direction, False)
    p, c = _row(prov, ent.id), _row(city, ent.id)
    return HeadlineRank(
        figure_id=ind, name_zh=d.name_zh, name_en=d.name_en,
        city_rank=c.rank if c else None, city_prev=c.prev_rank if c else None,
        city_of=_ranked(city), province_rank=p.rank if p else None,
        province_prev=p.prev_rank if p else None, province_of=_ranked(prov),
    )  # fmt: skip


def rank_info(ent: Entity, peers: Sequence[Entity], res: BatchResult,
              headlines: Sequence[str]) -> RankInfo | None:  # fmt: skip
    """Composite city rank and per-headline ranks; None when the entity is not among `peers`
    (a level without ranks, or no city)."""
    if not ent.city_id or all(p.id != ent.id for p in peers):
        return None
    reg = get_registry().indicators
    city = [p for p in peers if p.city_id == ent.city_id]
    by_ind = {i: _items(i, city, res) for i in DEFAULT_WEIGHTS}
    rows = composite_rows(by_ind, {i: str(reg[i].direction.value) for i in DEFAULT_WEIGHTS},
                          DEFAULT_WEIGHTS)  # fmt: skip
    me = _row(rows, ent.id)
    return RankInfo(
        rank=me.rank if me else None, prev_rank=me.prev_rank if me else None,
        movement=me.movement if me else None, of=_ranked(rows), city_id=ent.city_id,
        by_headline=tuple(headline_rank(i, ent, peers, res) for i in headlines),
    )  # fmt: skip
