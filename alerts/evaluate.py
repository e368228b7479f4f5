"""Evaluate the alert rules on the facts store and store what they find in the state store.

    run(engine, state_engine, as_of) -> list[Alert]   # the alerts newly stored by this run

Numbers come only from the metrics layer: `metrics.evaluate` for indicator lights and values
and for the daily anomaly count (metrics/special/daily.py), `metrics.customer_lists_many` for
the customers in serious churn warning (every station's list in one statement). Evaluation runs with the whole-province scope (it is a
server job); what each person sees is cut to their scope when the alerts are read or sent.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import Engine

from alerts.rules import Rule, load_rules
from data.org import Entity, list_entities
from data.scope import Scope
from data.state import ensure_state_schema
from data.state_alerts import NewAlert, store_alerts
from metrics.customer_lists_many import lists_by_entity
from metrics.evaluator import evaluate
from metrics.periods import Period, window
from metrics.request import BatchRequest, BatchResult

Alert = NewAlert
ANOMALY_MEASURE = "anomaly_station_days"
ANOMALY_INDICATOR = "volume_anomaly_rate"


def _month(as_of: date) -> Period:
    return Period.parse(f"{as_of.year:04d}-{as_of.month:02d}")


def _batch(engine: Engine, ents: list[Entity], indicators: set[str], as_of: date) -> BatchResult:
    req = BatchRequest(entities=tuple(e.key for e in ents), period=_month(as_of),
                       scope=Scope.everything(), indicators=tuple(sorted(indicators)),
                       as_of=as_of, comparisons=frozenset())  # fmt: skip
    return evaluate(engine, req)


def _alert(rule: Rule, ent: Entity, as_of: date, value: float | None, zh: str, en: str,
           entity_level: str | None = None, entity_id: str | None = None) -> Alert:  # fmt: skip
    period = as_of.isoformat() if rule.period == "day" else as_of.isoformat()[:7]
    level, ident = entity_level or ent.level, entity_id or ent.id
    return Alert(
        key=f"{rule.id}:{level}:{ident}:{period}", rule_id=rule.id, severity=rule.severity,
        audience=rule.audience, entity_level=level, entity_id=ident,
        station_id=ent.id if ent.level == "station" else None,
        team_id=ent.team_id or (ent.id if ent.level == "team" else None),
        city_id=ent.city_id or (ent.id if ent.level == "city" else None),
        period=period, as_of=as_of, value=value, message_zh=zh, message_en=en,
    )  # fmt: skip


def _indicator_alerts(rule: Rule, ents: list[Entity], res: BatchResult, as_of: date) -> list[Alert]:
    out: list[Alert] = []
    for ent in ents:
        r = res.get(rule.indicator, ent.key)
        if r.value is None:
            continue
        if rule.kind == "indicator_red":
            hit = r.rag == "red"
        else:
            hit = r.value < rule.limit if rule.below else r.value > rule.limit  # type: ignore[operator]
        if hit:
            pct = f"{r.value:.1%}" if r.unit == "ratio" else f"{r.value:,.2f}"
            out.append(_alert(rule, ent, as_of, r.value,
                              f"{ent.name}：{rule.name_zh}，{as_of:%m-%d} 月累计 {pct}",
                              f"{ent.name}: {rule.name_en}, month to {as_of:%m-%d}: {pct}"))
    return out


def rank_dropped(now: float | None, before: float | None, places: int) -> bool:
    """A rank (1 = best) at least `places` worse than before; False when either is missing."""
    return now is not None and before is not None and now - before >= places


def _rank_alerts(engine: Engine, rule: Rule, ents: list[Entity], as_of: date) -> list[Alert]:
    """This month's rank to date against last month's final rank (the evaluator gives ranks no
    month-on-month value, so last month is evaluated on its own)."""
    if not ents:
        return []
    ind = {rule.indicator or ""}
    now, before = _batch(engine, ents, ind, as_of), _batch(engine, ents, ind, as_of.replace(day=1) - timedelta(days=1))
    out: list[Alert] = []
    for ent in ents:
        r, b = now.get(rule.indicator, ent.key).value, before.get(rule.indicator, ent.key).value
        if rank_dropped(r, b, rule.places):
            out.append(_alert(rule, ent, as_of, r,
                              f"{ent.name}：{rule.name_zh}，第 {b:.0f} → 第 {r:.0f} 名",
                              f"{ent.name}: {rule.name_en}, #{b:.0f} → #{r:.0f}"))
    return out


def _anomaly_days(res: BatchResult, ent: Entity) -> float:
    r = res.get(ANOMALY_INDICATOR, ent.key)
    return next((i.value or 0.0 for i in r.inputs if i.name == ANOMALY_MEASURE), 0.0)


def _daily_drop_alerts(engine: Engine, rule: Rule, ents: list[Entity], res: BatchResult,
                       as_of: date) -> list[Alert]:  # fmt: skip
    """The as-of day is an anomaly when the month-to-date anomaly count grew since the day before."""
    before = None if as_of.day == 1 else _batch(engine, ents, {ANOMALY_INDICATOR}, as_of - timedelta(days=1))
    out: list[Alert] = []
    for ent in ents:
        prev = _anomaly_days(before, ent) if before is not None else 0.0
        if _anomaly_days(res, ent) > prev:
            out.append(_alert(rule, ent, as_of, None,
                              f"{ent.name}：{as_of:%m-%d} 销量低于前 4 个同星期日均值的 70%",
                              f"{ent.name}: volume on {as_of:%m-%d} below 70 % of the same "
                              "weekday over the previous 4 weeks"))  # fmt: skip
    return out


def _customer_alerts(engine: Engine, rule: Rule, ents: list[Entity], as_of: date) -> list[Alert]:
    """The list at every entity from ONE statement (one per station cost 2.3 s CPU on the
    40-station demo; one for all, 0.2 s)."""
    lists = lists_by_entity(engine, rule.level, [e.id for e in ents], window(_month(as_of), as_of),
                            Scope.everything(pii=False), rule.list or "escalated")  # fmt: skip
    out: list[Alert] = []
    for ent in ents:
        for row in (r for r in lists.get(ent.id, ()) if r.liters_at_risk >= rule.min_at_risk):
            # ids only: names and phones stay out of stored messages
            out.append(_alert(rule, ent, as_of, row.liters_month,
                              f"{ent.name}：客户 {row.customer_id}（{row.grade}）{rule.name_zh}",
                              f"{ent.name}: customer {row.customer_id} ({row.grade}) — {rule.name_en}",
                              entity_level="customer", entity_id=row.customer_id))  # fmt: skip
    return out


def find(engine: Engine, as_of: date, rules: tuple[Rule, ...] | None = None) -> list[Alert]:
    """Every alert the rules raise on `as_of` (nothing stored)."""
    rules = rules if rules is not None else load_rules()
    by_level = {lv: list_entities(engine, Scope.everything(), lv) for lv in {r.level for r in rules}}
    wanted: dict[str, set[str]] = {}
    for r in (r for r in rules if r.kind != "rank_drop"):
        ind = ANOMALY_INDICATOR if r.kind == "daily_drop" else r.indicator
        if ind:
            wanted.setdefault(r.level, set()).add(ind)
    results = {lv: _batch(engine, by_level[lv], inds, as_of) for lv, inds in wanted.items()}
    out: list[Alert] = []
    for r in rules:
        ents = by_level[r.level]
        if r.kind in ("indicator_red", "threshold"):
            out += _indicator_alerts(r, ents, results[r.level], as_of)
        elif r.kind == "rank_drop":
            out += _rank_alerts(engine, r, ents, as_of)
        elif r.kind == "daily_drop":
            out += _daily_drop_alerts(engine, r, ents, results[r.level], as_of)
        else:
            out += _customer_alerts(engine, r, ents, as_of)
    return out


def run(engine: Engine, state_engine: Engine, as_of: date,
        rules: tuple[Rule, ...] | None = None) -> list[Alert]:  # fmt: skip
    """Evaluate the rules on `as_of` and store new alerts; return those newly stored."""
    ensure_state_schema(state_engine)
    return store_alerts(state_engine, find(engine, as_of, rules))
