"""The report on a comparison base the data does not cover: said, never written as a finding.

The fixture's first sale is 2024-09-04 and its last 2026-10-22. The October 2024 report of T1
compares with September 2024 (from the 4th only) and October 2023 (nothing): no headline may be
a "mover", no MoM rule may fire, and the summary names the incomplete bases. The October 2026
report (MoM Sep 1–22, YoY Oct 1–22 2025, both covered) carries no caveat.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from data.scope import Scope
from metrics.coverage import Coverage
from metrics.periods import Period, window
from reports import caveats, text
from reports.compose import ReportRequest, compose
from reports.model import Figure, Mover
from reports.render_html import render_html
from reports.rules import suggest

FIRST, LAST = date(2024, 9, 4), date(2026, 10, 22)


@pytest.fixture(scope="module")
def early(report_engine):
    return compose(report_engine, ReportRequest("team", "T1", Period.parse("2024-10"),
                                                Scope.everything()))


@pytest.fixture(scope="module")
def recent(report_engine):
    return compose(report_engine, ReportRequest("team", "T1", Period.parse("2026-10"),
                                                Scope.everything()))


def test_early_report_flags_every_headline_and_picks_no_mover(early) -> None:
    assert early.coverage == (FIRST, LAST)
    for f in early.headlines:
        assert f.gap("mom") == ("mom", date(2024, 9, 1), date(2024, 9, 30)), f.id
        assert f.gap("yoy") == ("yoy", date(2023, 10, 1), date(2023, 10, 31)), f.id
    assert early.best == () and early.worst == ()
    assert not {s.rule for s in early.suggestions} & {"volume_drop", "expense_rise"}
    assert early.statement_yoy_gap == (date(2023, 10, 1), date(2023, 10, 31))


def test_a_light_judged_on_last_years_profit_turns_grey(early, recent) -> None:
    # fuel gross profit's plan is plan volume × last year's profit per tonne
    assert early.headline("fuel_gross_profit").gap("rag")[0] == "yoy"
    # no plan either, but the incomplete base is what the reader must know
    assert early.headline("fuel_gross_profit").rag_reason_zh.startswith("上年同期数据不完整")
    gp = recent.headline("fuel_gross_profit")
    assert gp.rag != "grey" and gp.gaps == ()
    # the same figure on a store whose data started on 5 October 2025: Oct 1–22 2025 incomplete
    win = window(Period.parse("2026-10"), date(2026, 10, 22))
    greyed = caveats.with_gaps(gp, win, Coverage(date(2025, 10, 5), LAST))
    assert greyed.value == gp.value and greyed.rag == "grey"
    assert greyed.rag_reason_zh == ("上年同期数据不完整（比较期 2025-10-01 至 2025-10-22，"
                                    "数据覆盖 2025-10-05 至 2026-10-22）→ 不可比")
    assert greyed.rag_reason_en.endswith("→ not comparable")
    assert "fuel_gross_profit" not in red_ids(replace(recent, headlines=(greyed,)))


def red_ids(report) -> set[str]:
    return {i for s in suggest(report) for i in s.params.get("ids", [])}


def test_early_summary_says_the_base_is_incomplete(early) -> None:
    zh, en = text.summary(early, "zh"), text.summary(early, "en")
    assert ("比较基期数据不完整（数据覆盖 2024-09-04 至 2026-10-22）——"
            "环比（基期 2024-09-01 至 2024-09-30）：全部 8 项头条指标；"
            "同比（基期 2023-10-01 至 2023-10-31）：全部 8 项头条指标及经营报表。") in zh
    assert "不作为增减结论" in zh
    assert ("Comparison base incomplete (data covers 2024-09-04 to 2026-10-22): MoM (base "
            "2024-09-01 to 2024-09-30): all 8 headlines; YoY (base 2023-10-01 to 2023-10-31): "
            "all 8 headlines and the operating statement.") in en
    html = render_html(early, "zh")
    # a MoM number on September 4–30 carries its words; a YoY "—" needs none
    assert "%（上期数据不完整）" in html and "○ 不可比" in html
    assert "—（上年同期数据不完整）" not in html
    assert "变化最大的下级" not in html  # no mover sentence at all


def test_recent_report_has_no_caveat(recent) -> None:
    assert all(f.gaps == () for f in recent.headlines)
    assert recent.statement_yoy_gap is None
    assert "不完整" not in text.summary(recent, "zh")
    assert "不完整" not in render_html(recent, "zh")


def test_a_580_percent_growth_on_an_incomplete_base_is_no_finding(recent) -> None:
    """Hand-made: fuel volume +580 % month on month, its previous month half missing."""
    vol = recent.headline("fuel_volume_t")
    bogus = replace(vol, mom_value=100.0, value=680.0, mom_change=5.8,
                    gaps=(("mom", "mom", date(2026, 9, 1), date(2026, 9, 22)),))
    figs = tuple(bogus if f.id == vol.id else f for f in recent.headlines)
    report = replace(recent, headlines=figs, best=(Mover(bogus, True),), worst=())
    from reports.compose import _pick

    assert bogus not in _pick(figs)[0]
    zh = text.summary(report, "zh")
    assert "580" not in zh and "环比（基期 2026-09-01 至 2026-09-22）：纯枪销量。" in zh
    dropped = replace(bogus, mom_change=-0.5)
    report = replace(report, headlines=tuple(dropped if f.id == vol.id else f for f in figs))
    assert "volume_drop" not in {s.rule for s in suggest(report)}
    assert isinstance(bogus, Figure)
