"""The daily stage's grouping of measures by the days they read (`compile_daily.span_groups`).

Costs are worked out by hand: cost = days read × (measures + SCAN_WEIGHT), SCAN_WEIGHT = 3.
"""

from __future__ import annotations

from datetime import date

from metrics.compile_daily import SCAN_WEIGHT, span_groups
from metrics.model import Agg, Fact, Measure, Unit
from metrics.periods import Period, Window


def _m(ident: str) -> Measure:
    return Measure(id=ident, description=ident, fact=Fact.FUEL, agg=Agg.SUM, expr="liters",
                   unit=Unit.LITERS)


def _w(start: date, end: date) -> Window:
    return Window(Period.month_of(end), start, end)


CUR = _w(date(2026, 11, 1), date(2026, 11, 15))  # 15 days
PREV = _w(date(2026, 10, 1), date(2026, 10, 15))  # 15 days
YTD = _w(date(2026, 1, 1), date(2026, 11, 15))  # 319 days, covers CUR and PREV


def _ids(groups: list) -> list[set[str]]:
    return sorted(({c[0].id for c in g} for g in groups), key=sorted)


def test_ytd_measure_reads_its_year_alone() -> None:
    """Five measures over CUR and PREV, one over YTD. Apart: 30 × (5 + 3) + 319 × (1 + 3) = 1516
    cells; together: 319 × (6 + 3) = 2871. Kept apart."""
    assert SCAN_WEIGHT == 3
    cols = [(_m(f"m{i}"), n, w) for i in range(5) for n, w in (("cur", CUR), ("prev", PREV))]
    cols.append((_m("y"), "ytd", YTD))
    assert _ids(span_groups(cols)) == [{"m0", "m1", "m2", "m3", "m4"}, {"y"}]


def test_close_spans_are_merged() -> None:
    """One measure over CUR only, one over CUR and PREV. Apart: 15 × 4 + 30 × 4 = 180; together
    30 × 5 = 150: merged, and every column stays in the one group."""
    cols = [(_m("a"), "cur", CUR), (_m("b"), "cur", CUR), (_m("b"), "prev", PREV)]
    groups = span_groups(cols)
    assert _ids(groups) == [{"a", "b"}]
    assert sorted(c[1] for c in groups[0]) == ["cur", "cur", "prev"]
