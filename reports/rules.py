"""Suggestions from explicit rules: each rule is a small named function over the report's
numbers that returns a Suggestion (with the numbers that triggered it) or None.

The wording of each rule (its trigger and its advice, zh and en) lives in reports.text under
the rule's name, so a rule here is only its condition.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from reports.model import Suggestion

if TYPE_CHECKING:
    from reports.model import Report

VOLUME_DROP = -0.05  # fuel volume down more than 5 % on the previous month
EXPENSE_RISE = 0.05  # expense per tonne up more than 5 %


def red_headlines(r: Report) -> Suggestion | None:
    """Any headline with a red light: name them (plan far behind time progress)."""
    reds = [f.id for f in r.headlines if f.rag == "red"]
    return Suggestion("red_headlines", {"ids": reds, "n": len(reds)}) if reds else None


def volume_drop(r: Report) -> Suggestion | None:
    """Fuel volume down more than 5 % month on month."""
    f = next((f for f in r.headlines if f.id == "fuel_volume_t"), None)
    if f is None or f.mom_change is None or f.mom_change >= VOLUME_DROP or f.gap("mom"):
        return None  # an incomplete previous month is no drop
    return Suggestion("volume_drop", {"change": f.mom_change, "threshold": VOLUME_DROP})


def behind_plan(r: Report) -> Suggestion | None:
    """Fuel volume plan completion behind time progress."""
    f = next((f for f in r.headlines if f.id == "fuel_volume_t"), None)
    if f is None or f.completion is None or f.time_progress is None or f.gap("plan"):
        return None
    if f.completion >= f.time_progress:
        return None
    return Suggestion("behind_plan", {"completion": f.completion, "progress": f.time_progress})


def expense_rise(r: Report) -> Suggestion | None:
    """Expense per tonne up more than 5 % month on month."""
    f = next((f for f in r.headlines if f.id == "expense_per_tonne"), None)
    if f is None or f.mom_change is None or f.mom_change <= EXPENSE_RISE or f.gap("mom"):
        return None
    return Suggestion("expense_rise", {"change": f.mom_change, "threshold": EXPENSE_RISE})


def churn_calls(r: Report) -> Suggestion | None:
    """Customers on the churn warning list: call those with most liters at risk."""
    if r.churn is None or r.churn.warning == 0:
        return None
    liters = sum(c.liters_at_risk for c in r.churn.top)
    return Suggestion("churn_calls", {"n": r.churn.warning, "top": len(r.churn.top),
                                      "liters": liters})  # fmt: skip


def rank_fell(r: Report) -> Suggestion | None:
    """The rank in the city fell against the previous month."""
    if r.rank is None or r.rank.movement is None or r.rank.movement >= 0:
        return None
    return Suggestion("rank_fell", {"rank": r.rank.rank, "prev": r.rank.prev_rank,
                                    "of": r.rank.of})  # fmt: skip


RULES: tuple[Callable[[Report], Suggestion | None], ...] = (
    red_headlines, behind_plan, volume_drop, expense_rise, churn_calls, rank_fell,
)  # fmt: skip


def suggest(report: Report) -> tuple[Suggestion, ...]:
    """Every rule that fires, in RULES order."""
    return tuple(s for rule in RULES if (s := rule(report)) is not None)
