"""The oracle itself, against numbers worked out by hand from the fixture CSVs.

These pin the dataset's designed cases (69 % vs 70 %, the zero month, the gold fleet customer,
the customer in two teams, the station opened mid-year), so that the oracle tests that compare
the evaluator with the oracle rest on an oracle that is right.
"""

from __future__ import annotations

from datetime import date

import pytest

from metrics.periods import Period, window
from tests.metrics.oracle import ORACLES
from tests.metrics.oracle import frames as F
from tests.metrics.oracle.customer_status import (
    customers_with_status,
    seriously_warned,
    warned,
)


@pytest.fixture(scope="module")
def fr() -> F.Frames:
    return F.shared()


OCT = window(Period.parse("2026-10"))
OCT_15 = window(Period.parse("2026-10"), date(2026, 10, 15))


def test_statuses_team_october(fr: F.Frames) -> None:
    # K15's last purchase at T1 is 2026-07 (k = 3, active); K02 and K08 (at T1) 2026-05 (k = 5),
    # K16 2026-03 (k = 7, lost); K03 2026-02 (k = 8, dormant).
    active = {"K01", "K04", "K05", "K06", "K07", "K14", "K15", "K18", "K19"}
    assert customers_with_status(fr, "team", "T1", OCT, "active") == active
    assert customers_with_status(fr, "team", "T1", OCT, "lost") == {"K02", "K08", "K16"}
    assert customers_with_status(fr, "team", "T1", OCT, "dormant") == {"K03"}
    # K08 still buys at S04 (team T2): active there, at the city and the province.
    assert "K08" in customers_with_status(fr, "team", "T2", OCT, "active")
    assert "K08" in customers_with_status(fr, "city", "C1", OCT, "active")


def test_churn_warning_team_october(fr: F.Frames) -> None:
    # K04 207 < 0.7 × 300 = 210; K05 210 is not below 210; K06 250 ≥ 0.7 × (0+450+450)/3;
    # K07 400 < 0.7 × (1000+1000+500)/3; K15 0 < 0.7 × 60/3 (no liters, positive average).
    assert warned(fr, "team", "T1", OCT) == {"K04", "K07", "K15"}
    # To date (15/31): K04 103.5 ≥ 0.7 × 300 × 15/31 = 101.61; K07 200 < 282.26; K15 0 < 6.77.
    assert warned(fr, "team", "T1", OCT_15) == {"K07", "K15"}
    # K07 was warned in September too (500 < 700): the serious warning of a gold fleet account;
    # K15 too (September 0 < 0.7 × (60+60+0)/3), but K15 is normal grade, so not escalated.
    assert seriously_warned(fr, "team", "T1", OCT) == {"K07", "K15"}
    assert warned(fr, "team", "T3", OCT) == {"K11"}  # 100 < 0.7 × 240


def test_station_opened_mid_june(fr: F.Frames) -> None:
    june = window(Period.parse("2026-06"))
    # One sale: 2026-06-16 00:05, D-10, 52.0 L × 0.840 kg/L.
    assert ORACLES["fuel_volume_t"](fr, "station", "S05", june) == pytest.approx(0.04368)
    assert ORACLES["fuel_volume_mom"](fr, "station", "S05", june) is None  # May had nothing
    empty = window(Period.parse("2026-03"))
    assert ORACLES["fuel_volume_t"](fr, "station", "S05", empty) == 0
    assert ORACLES["price_realization_rate"](fr, "station", "S05", empty) is None


def test_month_to_date_counts_the_as_of_day(fr: F.Frames) -> None:
    # S03 in 2026-10 up to the 15th: the preset fill of the 4th, the 21:45 sale of the 15th and
    # K06/K15... K06 buys 125 L on the 8th (K15 stopped in July). The 16th's 00:05 sale is out.
    f = F.fuel(fr, "station", "S03", OCT_15)
    assert sorted(f["ts"].dt.day) == [4, 8, 15]
    assert ORACLES["fuel_txn_count"](fr, "station", "S03", OCT_15) == 3


def test_expenses_pro_rata_and_plans_whole(fr: F.Frames) -> None:
    # S01 (factor 1.0) 2026-10 is month index 25 → × (1 + 0.01 × 0): 327 yuan in the month.
    assert ORACLES["expenses"](fr, "station", "S01", OCT) == pytest.approx(327.0)
    assert ORACLES["expenses"](fr, "station", "S01", OCT_15) == pytest.approx(327.0 * 15 / 31)
    plan = F.plan_sum(fr, "station", "S01", Period.parse("2026-10").months(), "fuel_volume_t")
    assert F.plan_sum(fr, "station", "S01", [date(2026, 10, 1)], "fuel_volume_t") == plan > 0
