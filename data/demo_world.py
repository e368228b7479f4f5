"""The generated world every fact generator reads: org, calendar, campaigns, customers, anomalies."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from data.demo_calendar import Calendar
from data.demo_campaigns import Effects
from data.demo_customers import Customers
from data.demo_org import Org


@dataclass(frozen=True)
class Plan:
    """What the generators share: the world, plus the planted anomalies' coordinates."""

    org: Org
    cal: Calendar
    eff: Effects
    cust: Customers
    mid: np.datetime64  # middle of the window: trends are 0 here
    drop: tuple[int, int] | None  # (station, day) of the one-day volume drop
    discount_station: int | None  # station with stacked discounts in the last month
