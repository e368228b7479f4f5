"""The cases every indicator is checked in, and how the evaluator is asked for them.

Cases span the levels and period kinds, to-date windows (as of the 15th: the 15th's 21:45 sale
counts, the 16th's 00:05 sale does not), an empty station-month (S05 before it opened), a station
with no store (non-fuel denominators are zero), a station's first month (nothing to compare) and
a team-month before the data starts (every fact empty, the stations open).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine

from data.scope import Scope
from metrics.periods import Period, Window, window


@dataclass(frozen=True)
class Case:
    """One entity and period (with an optional as-of date)."""

    name: str
    level: str
    entity: str
    period: str
    as_of: date | None = None

    @property
    def window(self) -> Window:
        """The measured window, as metrics.periods defines it."""
        return window(Period.parse(self.period), self.as_of)


CASES: tuple[Case, ...] = (
    Case("team_month", "team", "T1", "2026-10"),
    Case("team_mtd", "team", "T1", "2026-10", date(2026, 10, 15)),
    Case("team_b_mtd", "team", "T3", "2026-10", date(2026, 10, 15)),
    Case("city_quarter", "city", "C1", "2026-Q3"),
    Case("city_b_qtd", "city", "C2", "2026-Q4", date(2026, 10, 15)),
    Case("station_ytd", "station", "S02", "2026", date(2026, 10, 15)),
    Case("province_month", "province", "P1", "2026-09"),
    Case("province_year", "province", "P1", "2025"),
    Case("empty_station_month", "station", "S05", "2026-03"),
    Case("empty_team_month", "team", "T2", "2024-08"),  # the month before the data starts
    Case("no_store_station", "station", "S03", "2026-10"),
    Case("new_station_month", "station", "S05", "2026-06"),
)
CASE_BY_NAME = {c.name: c for c in CASES}


def evaluate_case(engine: Engine, case: Case, indicators: tuple[str, ...]) -> dict[str, object]:
    """indicator id → IndicatorResult (or the exception the evaluator raised for it).

    One batch per case; if the batch fails, each indicator is asked alone so that one broken
    indicator does not hide the others.
    """
    from metrics.evaluator import evaluate  # imported late: the evaluator lands in parallel
    from metrics.request import BatchRequest

    def ask(ids: tuple[str, ...]):  # noqa: ANN202
        req = BatchRequest(entities=((case.level, case.entity),), period=Period.parse(case.period),
                           scope=Scope.everything(), indicators=ids, as_of=case.as_of)
        res = evaluate(engine, req)
        return {i: res.get(i, (case.level, case.entity)) for i in ids}

    try:
        return ask(indicators)
    except Exception:  # noqa: BLE001 - fall back to one request per indicator
        out: dict[str, object] = {}
        for ind in indicators:
            try:
                out.update(ask((ind,)))
            except Exception as err:  # noqa: BLE001
                out[ind] = err
        return out
