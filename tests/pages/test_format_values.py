"""Finance formatting, checked against values worked out by hand."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

import numpy as np
import pytest

from components import format as fmt

M = "\u2212"  # the true minus sign the formatter uses


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (1234567.891, 2, "1,234,567.89"),
        (1234567.891, 0, "1,234,568"),
        (2.675, 2, "2.68"),  # half up as written, not binary 2.67499…
        (0.125, 2, "0.13"),
        (-1234.5, 0, f"{M}1,235"),  # half away from zero
        (-0.04, 1, "0.0"),  # no negative zero
        (0, 1, "0.0"),
        (999.95, 1, "1,000.0"),
        (np.float64(1500.25), 1, "1,500.3"),
        (np.int64(42), 0, "42"),
        (Decimal("7.05"), 1, "7.1"),
        (None, 1, "—"),
        (math.nan, 1, "—"),
        (math.inf, 0, "—"),
    ],
)
def test_number(value, decimals, expected) -> None:
    assert fmt.number(value, decimals) == expected


def test_money_in_wan_yuan() -> None:
    assert fmt.wan_yuan(12_345_000) == "1,234.5 万元"
    assert fmt.wan_yuan(12_345_000, "en") == "1,234.5 × 10k yuan"
    assert fmt.wan_yuan(5_000) == "0.5 万元"
    assert fmt.wan_yuan(-86_550) == f"{M}8.7 万元"  # −8.655 万 → −8.7 (half away from zero)
    assert fmt.wan_yuan(123_456_789, decimals=2) == "12,345.68 万元"
    assert fmt.wan_yuan(None) == "—"


def test_yuan_tonnes_counts() -> None:
    assert fmt.yuan(205.3) == "205.30 元"
    assert fmt.yuan(205.3, "en") == "205.30 yuan"
    assert fmt.tonnes(12345.67) == "12,345.7 吨"
    assert fmt.tonnes(12345.67, "en") == "12,345.7 t"
    assert fmt.tonnes(0.04, "en") == "0.0 t"
    assert fmt.count(1234567) == "1,234,567"
    assert fmt.count(None) == "—"


def test_percent() -> None:
    assert fmt.percent(0.1234) == "12.3%"
    assert fmt.percent(0.98765, 2) == "98.77%"
    assert fmt.percent(1) == "100.0%"
    assert fmt.percent(-0.0004) == "0.0%"  # −0.04 % rounds to zero, shown without a sign
    assert fmt.percent(0.285, 0) == "29%"  # 28.5 as written, not 28.499999… from float × 100
    assert fmt.percent(None) == "—"


def test_percent_rounding_of_half() -> None:
    # −0.0005 → −0.05 % exactly as written → half away from zero → −0.1 %
    assert fmt.percent(-0.0005) == f"{M}0.1%"


@pytest.mark.parametrize(
    ("ratio", "expected"),
    [
        (0.032, "↑ +3.2%"),
        (-0.015, f"↓ {M}1.5%"),
        (0.0004, "→ 0.0%"),  # rounds to zero: flat, no sign
        (1.5, "↑ +150.0%"),
        (None, "—"),
        (math.nan, "—"),
    ],
)
def test_change_pct(ratio, expected) -> None:
    assert fmt.change_pct(ratio) == expected


def test_change_pp_and_abs() -> None:
    # a share going from 47.5 % to 46.0 %: −0.015 = −1.5 percentage points
    assert fmt.change_pp(0.460 - 0.475, "en") == f"↓ {M}1.5 pp"
    assert fmt.change_pp(0.032, "zh") == "↑ +3.2 个百分点"
    assert fmt.change_pp(None) == "—"
    assert fmt.change_abs(1234.5) == "↑ +1,234.5"
    assert fmt.change_abs(-0.04) == "→ 0.0"


def test_dates() -> None:
    day = dt.date(2026, 10, 5)
    moment = dt.datetime(2026, 10, 5, 8, 13, 27)
    assert fmt.date(day) == "2026-10-05"
    assert fmt.date(moment) == "2026-10-05"
    assert fmt.datetime(moment) == "2026-10-05 08:13"
    assert fmt.datetime(moment, seconds=True) == "2026-10-05 08:13:27"
    assert fmt.date_range(dt.date(2024, 10, 1), moment) == "2024-10-01 至 2026-10-05"
    assert fmt.date_range(dt.date(2024, 10, 1), day, "en") == "2024-10-01 – 2026-10-05"
    assert fmt.date_range(None, None) == "—"
    assert fmt.date(None) == fmt.datetime(None) == "—"
