"""Oracles of the plan theme (计划与进度), from indicators/plan.yaml. Plans count whole months."""

from __future__ import annotations

from metrics.periods import Period, PeriodKind, Window, year_to_date
from tests.metrics.oracle import frames as F
from tests.metrics.oracle.fixed import (
    oracle_diesel_volume_t,
    oracle_fuel_volume_plan_completion,
    oracle_fuel_volume_t,
    oracle_gasoline_volume_t,
    oracle_nonfuel_revenue,
)
from tests.metrics.oracle.profit import open_stations

Fr = F.Frames


def _completion(actual: float, fr: Fr, level: str, eid: str, win: Window,
                measure: str) -> float | None:
    return F.ratio(actual, F.plan_sum(fr, level, eid, win.period.months(), measure))


def oracle_gasoline_volume_plan_completion(fr: Fr, level: str, eid: str,
                                           win: Window) -> float | None:
    """Gasoline tonnes ÷ the period's gasoline plan."""
    return _completion(oracle_gasoline_volume_t(fr, level, eid, win), fr, level, eid, win,
                       "gasoline_volume_t")


def oracle_diesel_volume_plan_completion(fr: Fr, level: str, eid: str,
                                         win: Window) -> float | None:
    """Diesel tonnes ÷ the period's diesel plan."""
    return _completion(oracle_diesel_volume_t(fr, level, eid, win), fr, level, eid, win,
                       "diesel_volume_t")


def oracle_nonfuel_revenue_plan_completion(fr: Fr, level: str, eid: str,
                                           win: Window) -> float | None:
    """Non-fuel revenue ÷ the period's non-fuel revenue plan."""
    return _completion(oracle_nonfuel_revenue(fr, level, eid, win), fr, level, eid, win,
                       "nonfuel_revenue")


def _year_months(win: Window) -> list:
    return Period(PeriodKind.YEAR, win.end.year).months()


def oracle_fuel_volume_ytd_completion(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Tonnes from 1 January to the window end ÷ the whole year's plan."""
    ytd = oracle_fuel_volume_t(fr, level, eid, year_to_date(win))
    return F.ratio(ytd, F.plan_sum(fr, level, eid, _year_months(win), "fuel_volume_t"))


def oracle_nonfuel_revenue_ytd_completion(fr: Fr, level: str, eid: str,
                                          win: Window) -> float | None:
    """Non-fuel revenue from 1 January to the window end ÷ the whole year's plan."""
    ytd = oracle_nonfuel_revenue(fr, level, eid, year_to_date(win))
    return F.ratio(ytd, F.plan_sum(fr, level, eid, _year_months(win), "nonfuel_revenue"))


def oracle_required_daily_volume_ratio(fr: Fr, level: str, eid: str,
                                       win: Window) -> float | None:
    """(What is left of the plan ÷ days left) ÷ (tonnes so far ÷ days so far); null when no
    day is left."""
    t = oracle_fuel_volume_t(fr, level, eid, win)
    left_days = win.period.days - win.days
    plan = F.plan_sum(fr, level, eid, win.period.months(), "fuel_volume_t")
    need = F.ratio(max(plan - t, 0.0), left_days)
    return F.ratio(need, F.ratio(t, win.days))


def oracle_stations_on_track_share(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Open stations whose own plan completion ≥ time progress ÷ open stations."""
    sts = open_stations(fr, level, eid, win)
    on = [s for s in sts
          if (c := oracle_fuel_volume_plan_completion(fr, "station", s, win)) is not None
          and c >= win.progress]
    return F.ratio(len(on), len(sts))
