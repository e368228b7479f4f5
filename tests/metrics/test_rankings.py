"""Pure ranking rules on hand-written values: ties, direction, no value, movement, gaps, shares."""

from __future__ import annotations

import pytest

from metrics.rankings import (
    DEFAULT_WEIGHTS,
    Item,
    competition_ranks,
    composite_rows,
    is_additive,
    rank_rows,
)
from metrics.registry import get_registry


def test_competition_ranking_with_ties_and_missing() -> None:
    vals = {"A": 10.0, "B": 8.0, "C": 8.0, "D": 5.0, "E": None}
    assert competition_ranks(vals, "higher_better") == {"A": 1, "B": 2, "C": 2, "D": 4, "E": None}
    assert competition_ranks(vals, "lower_better") == {"D": 1, "B": 2, "C": 2, "A": 4, "E": None}


def test_float_noise_still_ties() -> None:
    # 0.1 + 0.2 != 0.3 in binary; the same total summed in another order must still tie
    assert competition_ranks({"A": 0.1 + 0.2, "B": 0.3, "C": 0.2}, "higher_better") == {
        "A": 1, "B": 1, "C": 3}


def test_rows_order_gap_share_movement() -> None:
    items = [
        Item("T3", "丙", "C1", 8.0, 9.0),
        Item("T1", "甲", "C1", 10.0, 7.0),
        Item("T2", "乙", "C2", 8.0, None),
        Item("T4", "丁", "C2", None, 1.0),
        Item("T5", "戊", "C2", 4.0, 3.0),
    ]
    rows = rank_rows(items, "higher_better", additive=True)
    assert [r.id for r in rows] == ["T1", "T2", "T3", "T5", "T4"]  # tie broken by id, None last
    by = {r.id: r for r in rows}
    assert [by[k].rank for k in ("T1", "T2", "T3", "T5", "T4")] == [1, 2, 2, 4, None]
    # previous: T3 9 (1), T1 7 (2), T5 3 (3), T4 1 (4), T2 none
    assert by["T1"].movement == 1 and by["T3"].movement == -1 and by["T5"].movement == -1
    assert by["T2"].new and by["T2"].movement is None
    assert by["T4"].movement is None and not by["T4"].new
    assert by["T1"].gap is None and by["T2"].gap == 2.0 and by["T3"].gap == 2.0
    assert by["T5"].gap == 4.0 and by["T4"].gap is None
    assert by["T1"].share == pytest.approx(10 / 30) and by["T4"].share is None
    assert by["T1"].city_rank == 1 and by["T3"].city_rank == 2 and by["T2"].city_rank == 1
    assert by["T5"].city_rank == 2 and by["T4"].city_rank is None


def test_lower_better_gap_is_positive_and_no_share_when_not_additive() -> None:
    rows = rank_rows([Item("A", value=300.0), Item("B", value=250.0), Item("C", value=400.0)],
                     "lower_better", additive=False)
    assert [(r.id, r.rank, r.gap, r.share) for r in rows] == [
        ("B", 1, None, None), ("A", 2, 50.0, None), ("C", 3, 100.0, None)]


def test_share_needs_a_positive_total() -> None:
    rows = rank_rows([Item("A", value=-5.0), Item("B", value=3.0)], "higher_better", True)
    assert all(r.share is None for r in rows)


def test_additivity_declared_from_unit() -> None:
    reg = get_registry().indicators
    assert is_additive(reg["fuel_volume_t"]) and is_additive(reg["operating_profit"])
    assert is_additive(reg["fuel_txn_count"])
    assert not is_additive(reg["price_realization_rate"])  # a ratio
    assert not is_additive(reg["active_customers"])  # customers may be counted at two teams
    assert not is_additive(reg["expense_per_tonne"])
    assert not is_additive(reg["fuel_gp_volume_effect"])  # an effect, not a sum


def test_composite_by_hand() -> None:
    items = {
        "vol": [Item("A", value=10.0, prev_value=1.0), Item("B", value=20.0, prev_value=2.0),
                Item("C", value=30.0, prev_value=3.0)],
        "cost": [Item("A", value=1.0, prev_value=3.0), Item("B", value=3.0, prev_value=2.0),
                 Item("C", value=None, prev_value=1.0)],
    }
    rows = composite_rows(items, {"vol": "higher_better", "cost": "lower_better"},
                          {"vol": 0.25, "cost": 0.75})
    by = {r.id: r for r in rows}
    # vol points: C 1, B 0.5, A 0; cost points (lower better, C none): A 1, B 0, C 0
    assert by["A"].value == pytest.approx(0.75)
    assert by["B"].value == pytest.approx(0.125)
    assert by["C"].value == pytest.approx(0.25)
    assert [r.id for r in rows] == ["A", "C", "B"]
    # previous: vol C 1, B .5, A 0; cost C 1, B .5, A 0 → C 1, B .5, A 0
    assert (by["A"].movement, by["C"].movement, by["B"].movement) == (2, -1, -1)
    assert by["A"].parts["cost"] == (1.0, 1, 1.0)
    assert by["C"].parts["cost"] == (None, None, 0.0)


def test_default_weights_are_the_catalogue_indicators() -> None:
    reg = get_registry().indicators
    assert set(DEFAULT_WEIGHTS) <= set(reg)
    assert sum(DEFAULT_WEIGHTS.values()) == pytest.approx(1.0)
