"""Oracles of the expenses theme (费用), from indicators/expenses.yaml.

Expenses are monthly: a month wholly inside the window counts whole, the as-of month pro rata.
"""

from __future__ import annotations

from metrics.periods import Window, comparison
from tests.metrics.oracle import frames as F
from tests.metrics.oracle.fixed import oracle_expenses, oracle_fuel_volume_t
from tests.metrics.oracle.profit import oracle_total_gross_profit

Fr = F.Frames


def _per_tonne(amount: float, fr: Fr, level: str, eid: str, win: Window) -> float | None:
    return F.ratio(amount, oracle_fuel_volume_t(fr, level, eid, win))


def oracle_expense_per_tonne(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Expenses ÷ tonnes."""
    return _per_tonne(F.expense_sum(fr, level, eid, win), fr, level, eid, win)


def oracle_expenses_yoy(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Expenses ÷ |the same window a year earlier| − 1."""
    return F.growth(oracle_expenses(fr, level, eid, win),
                    oracle_expenses(fr, level, eid, comparison(win, "yoy")))


def oracle_labour_cost(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Σ labour expenses."""
    return F.expense_sum(fr, level, eid, win, "labour")


def oracle_labour_cost_per_tonne(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Labour ÷ tonnes."""
    return _per_tonne(F.expense_sum(fr, level, eid, win, "labour"), fr, level, eid, win)


def oracle_utilities_per_tonne(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Utilities ÷ tonnes."""
    return _per_tonne(F.expense_sum(fr, level, eid, win, "utilities"), fr, level, eid, win)


def oracle_repairs_expense(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Σ repairs."""
    return F.expense_sum(fr, level, eid, win, "repairs")


def oracle_depreciation_per_tonne(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Depreciation ÷ tonnes."""
    return _per_tonne(F.expense_sum(fr, level, eid, win, "depreciation"), fr, level, eid, win)


def oracle_rent_expense(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Σ rent."""
    return F.expense_sum(fr, level, eid, win, "rent")


def oracle_marketing_expense(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Σ booked marketing expenses."""
    return F.expense_sum(fr, level, eid, win, "marketing")


def oracle_other_expense_share(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """'other' expenses ÷ all expenses."""
    return F.ratio(F.expense_sum(fr, level, eid, win, "other"), F.expense_sum(fr, level, eid, win))


def oracle_expense_to_gross_profit(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Expenses ÷ (fuel + non-fuel gross profit), null when that is not positive."""
    gp = oracle_total_gross_profit(fr, level, eid, win)
    return F.ratio(F.expense_sum(fr, level, eid, win), max(gp, 0.0))
