"""Oracles of the profit theme (利润, 量本费利), from indicators/profit.yaml."""

from __future__ import annotations

from metrics.periods import Window, comparison
from tests.metrics.oracle import frames as F
from tests.metrics.oracle.fixed import (
    oracle_expenses,
    oracle_fuel_gross_profit,
    oracle_fuel_volume_t,
    oracle_nonfuel_gross_profit,
    oracle_operating_profit,
)
from tests.metrics.oracle.volume import station_days

Fr = F.Frames


def oracle_total_gross_profit(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Fuel gross profit + non-fuel gross profit."""
    return (oracle_fuel_gross_profit(fr, level, eid, win)
            + oracle_nonfuel_gross_profit(fr, level, eid, win))


def oracle_operating_profit_yoy(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Operating profit ÷ |the same a year earlier| − 1."""
    return F.growth(oracle_operating_profit(fr, level, eid, win),
                    oracle_operating_profit(fr, level, eid, comparison(win, "yoy")))


def oracle_profit_per_tonne(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Operating profit ÷ tonnes."""
    return F.ratio(oracle_operating_profit(fr, level, eid, win),
                   oracle_fuel_volume_t(fr, level, eid, win))


def oracle_nonfuel_gp_contribution(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Non-fuel gross profit ÷ total gross profit."""
    return F.ratio(oracle_nonfuel_gross_profit(fr, level, eid, win),
                   oracle_total_gross_profit(fr, level, eid, win))


def oracle_safety_margin_rate(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Operating profit ÷ fuel gross profit (null when that is not positive)."""
    return F.ratio(oracle_operating_profit(fr, level, eid, win),
                   max(oracle_fuel_gross_profit(fr, level, eid, win), 0.0))


def open_stations(fr: Fr, level: str, eid: str, win: Window) -> list[str]:
    """The entity's stations opened on or before the window end."""
    st = fr.stations[fr.stations["station_id"].isin(F.station_ids(fr, level, eid))]
    return sorted(st.loc[st["opened_on"] <= win.end, "station_id"])


def oracle_loss_station_share(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Open stations whose own operating profit is below 0 ÷ open stations."""
    sts = open_stations(fr, level, eid, win)
    losing = [s for s in sts if oracle_operating_profit(fr, "station", s, win) < 0]
    return F.ratio(len(losing), len(sts))


def oracle_profit_per_station_day(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Operating profit ÷ station-days."""
    return F.ratio(oracle_operating_profit(fr, level, eid, win), station_days(fr, level, eid, win))


def _gp_per_tonne(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    return F.ratio(oracle_fuel_gross_profit(fr, level, eid, win),
                   oracle_fuel_volume_t(fr, level, eid, win))


def oracle_fuel_gp_volume_effect(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """(tonnes − last year's tonnes) × last year's gross profit per tonne."""
    ly = comparison(win, "yoy")
    unit = _gp_per_tonne(fr, level, eid, ly)
    if unit is None:
        return None
    return (oracle_fuel_volume_t(fr, level, eid, win) - oracle_fuel_volume_t(fr, level, eid, ly)) * unit


def oracle_fuel_gp_margin_effect(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """(gross profit per tonne − last year's) × tonnes."""
    now, before = _gp_per_tonne(fr, level, eid, win), _gp_per_tonne(fr, level, eid,
                                                                    comparison(win, "yoy"))
    if now is None or before is None:
        return None
    return (now - before) * oracle_fuel_volume_t(fr, level, eid, win)


def oracle_operating_profit_ex_vat_bonus(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """(fuel GP + non-fuel GP − recharge bonus) ÷ 1.13 − expenses."""
    bonus = F.recharges(fr, level, eid, win)["bonus"].sum()
    return ((oracle_total_gross_profit(fr, level, eid, win) - bonus) / 1.13
            - oracle_expenses(fr, level, eid, win))
