"""The board on a store whose data starts mid-year: comparisons the data cannot support are
flagged (rows, cards, drawer), their lights grey "不可比", and nothing else is flagged.

The store is the seeded 14-month demo of `demo_store_url`: fuel rows from 2025-10-01 to
2026-11-20. The expected flags are worked out by hand from the catalogue's formulas.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from components.definition_drawer import ExplainView, explanation_block
from data.org import find_entity
from data.scope import Scope
from data.store import reader_engine
from metrics.coverage import Coverage, store_coverage
from pages.board_data import load_board
from pages.board_view import body, header, with_caveats

FIRST, LAST = date(2025, 10, 1), date(2026, 11, 20)
# Every indicator whose value reads last year (ly / ly_ytd): at Nov 2026 its YoY column reads
# Nov 2024 (or YTD 2025), before the data starts.
READS_LAST_YEAR = {
    "recharge_amount_yoy", "expenses_yoy", "nonfuel_revenue_yoy", "nonfuel_gross_profit_yoy",
    "fuel_gross_profit_yoy", "operating_profit_yoy", "fuel_gp_volume_effect",
    "fuel_gp_margin_effect", "fuel_volume_yoy", "fuel_volume_ytd_growth",
    "gasoline_volume_yoy", "diesel_volume_yoy"}
YTD = {"fuel_volume_ytd_completion", "nonfuel_revenue_ytd_completion"}
MOM = {"fuel_volume_mom"}


def _walk(node: Any):
    if isinstance(node, list | tuple):
        for child in node:
            yield from _walk(child)
        return
    if not hasattr(node, "to_plotly_json"):
        return
    yield node
    yield from _walk(getattr(node, "children", None))


def _text(node: Any) -> str:
    if isinstance(node, str):
        return node
    if isinstance(node, list | tuple):
        return " ".join(_text(c) for c in node)
    if hasattr(node, "to_plotly_json"):
        return _text(getattr(node, "children", None))
    return ""


def _attr(node: Any, name: str) -> Any:
    return node.to_plotly_json()["props"].get(name)


@pytest.fixture(scope="module")
def store(demo_store_url):
    engine = reader_engine(demo_store_url)
    team = find_entity(engine, Scope.everything(), "team", "T01")
    return engine, team


def _board(store, period: str, as_of: date | None):
    from metrics.periods import Period

    engine, team = store
    data = load_board(engine, Scope.everything(), team, Period.parse(period), as_of)
    return data, store_coverage(engine)


def _flagged(tree: Any, cls: str) -> dict[str, str]:
    """indicator id → its data-coverage keys, for every flagged row or card."""
    return {_attr(n, "data-indicator"): _attr(n, "data-coverage") for n in _walk(tree)
            if cls in (_attr(n, "className") or "").split() and _attr(n, "data-coverage")}


def _notices(tree: Any) -> list[str]:
    return [_text(n) for n in _walk(tree) if "coverage-notice" in (_attr(n, "className") or "")]


def _chip(tree: Any, ind_id: str) -> str:
    """The spelt-out flag of an indicator's row ("" when it has none)."""
    row = next(n for n in _walk(tree) if _attr(n, "data-indicator") == ind_id
               and "ind-row" in (_attr(n, "className") or ""))
    return next((_text(n) for n in _walk(row) if "row-flag" in (_attr(n, "className") or "")), "")


def test_store_coverage_is_the_demos_first_and_last_day(store) -> None:
    assert store_coverage(store[0]) == Coverage(FIRST, LAST)


def test_november_2026_flags_only_the_comparisons_reaching_before_october_2025(store) -> None:
    data, cov = _board(store, "2026-11", LAST)
    tree = body(data, "zh", "", False, cov)
    rows = _flagged(tree, "ind-row")
    # YoY column of everything reading last year, and of the YTD completions (last year's YTD
    # from January); the YTD growth's own value and light too
    assert set(rows) == READS_LAST_YEAR | YTD
    assert rows["fuel_volume_ytd_growth"] == "value yoy mom rag"
    assert all(rows[i] == "yoy" for i in (READS_LAST_YEAR | YTD) - {"fuel_volume_ytd_growth"})
    assert _flagged(tree, "kpi-card") == {}  # headlines: Nov 2025 and Oct 2026 are covered
    assert not _notices(tree)  # the view's own MoM and YoY windows are covered
    # spelt out only over a number: the YTD growth's value, the YTD completions' YoY (last
    # year's Oct–Nov over a whole year's plan); the YoY growths' YoY is "—" (Nov 2024: no data)
    chips = {i for i in rows if _chip(tree, i)}
    assert chips == {"fuel_volume_ytd_growth"} | YTD
    row = next(n for n in _walk(tree) if _attr(n, "data-indicator") == "fuel_volume_ytd_growth"
               and "ind-row" in _attr(n, "className"))
    assert _attr(row, "data-rag") == "grey"
    marker = next(n for n in _walk(row) if "row-flag" in (_attr(n, "className") or ""))
    assert _text(marker) == "⚠ 上年同期数据不完整"
    assert "数据覆盖 2025-10-01 至 2026-11-20" in _attr(marker, "title")
    assert "2025-01-01 至 2025-11-20" in _attr(marker, "title")
    light = next(n for n in _walk(row) if "rag" in (_attr(n, "className") or "").split())
    assert _attr(light, "aria-label") == "不可比" and "不可比" in _attr(light, "title")
    # its value is still the contract's formula, unchanged
    value = next(r["value"] for r in data["indicators"] if r["id"] == "fuel_volume_ytd_growth")
    assert value is not None and value > 1  # last year's YTD holds two months


def test_header_tally_counts_the_greyed_light(store) -> None:
    data, cov = _board(store, "2026-11", LAST)
    raw = sum(1 for r in data["indicators"] if r["rag"] == "grey")
    data = {**data, "coverage": cov.to_json()}
    chips = {_attr(n, "data-n") for n in _walk(header(data, LAST, "zh"))
             if "rag-grey" in (_attr(n, "className") or "")}
    ytd_grey = next(r["rag"] for r in data["indicators"] if r["id"] == "fuel_volume_ytd_growth")
    assert chips == {str(raw + (ytd_grey != "grey"))}


def test_november_2025_flags_every_yoy_column_and_the_cards(store) -> None:
    data, cov = _board(store, "2025-11", None)
    tree = body(data, "en", "", False, cov)
    rows = _flagged(tree, "ind-row")
    assert set(rows) == {r["id"] for r in data["indicators"]}  # Nov 2024: no data at all
    with_mom = {i for i, keys in rows.items() if "mom" in keys.split()}
    # Oct 2025 is covered; Oct 2024, Jan–Oct 2025 and (the MoM growth's) Sep 2025 are not
    assert with_mom == READS_LAST_YEAR | YTD | MOM
    values = {i for i, keys in rows.items() if "value" in keys.split()}
    assert values == READS_LAST_YEAR | YTD
    cards = _flagged(tree, "kpi-card")
    assert len(cards) == 8 and all("yoy" in k.split() for k in cards.values())
    # one notice says it for the page (YoY base Nov 2024); MoM (Oct 2025) is covered
    assert _notices(tree) == ["⚠ Comparison data incomplete: the YoY base 2024-11-01 to "
                              "2024-11-30 is not wholly inside the data (2025-10-01 to "
                              "2026-11-20). Comparisons marked ⚠ are computed as usual but "
                              "are no finding; lights judged on them read \"Not comparable\"."]
    # "—" needs no chip; the YTD growth's value (Jan–Nov 2024 missing) is a number: spelt out
    assert _chip(tree, "fuel_volume_t") == ""
    assert _chip(tree, "fuel_volume_mom") == ""  # its MoM column would be Oct vs Sep: "—"
    assert _chip(tree, "fuel_volume_ytd_growth") in ("", "⚠ Prior-period data incomplete")


def test_year_2026_spells_out_the_partial_base_on_the_cards(store) -> None:
    """Jan–Nov 20 2025 against the data from Oct 2025: every YoY is a (too big) number."""
    data, cov = _board(store, "2026", LAST)
    tree = body(data, "zh", "", False, cov)
    cards = [n for n in _walk(tree) if "kpi-card" in (_attr(n, "className") or "").split()]
    flagged = [c for c in cards if _attr(c, "data-coverage")]
    assert len(flagged) == 8
    chip = next(n for n in _walk(flagged[0]) if "kpi-flag" in (_attr(n, "className") or ""))
    assert _text(chip) == "⚠ 上年同期数据不完整"
    assert "数据覆盖 2025-10-01 至 2026-11-20；比较期 2025-01-01 至 2025-11-20" in _attr(chip, "title")
    assert "同比基期 2025-01-01 至 2025-11-20" in _notices(tree)[0]


def test_a_yoy_growth_light_goes_grey_in_the_drawer_too(store) -> None:
    data, cov = _board(store, "2025-11", None)
    data = {**data, "coverage": cov.to_json()}
    ex = with_caveats(ExplainView("+3.0%", "red", "同比 -5% → 红"), data, "recharge_count", "zh")
    assert (ex.rag, ex.rag_word) == ("grey", "不可比")
    assert ex.reason.startswith("上年同期数据不完整（比较期 2024-11-01 至 2024-11-30")
    assert [c[0] for c in ex.caveats] == ["同比"]
    text = _text(explanation_block(ex, "zh"))
    assert "比较口径提示" in text and "上年同期数据不完整" in text and "数据覆盖 2025-10-01" in text
    # a covered indicator's drawer is untouched
    plain = ExplainView("1", "green", "ok")
    assert with_caveats(plain, {**data, "period": "2026-11", "as_of": "2026-11-20"},
                        "fuel_volume_t", "zh") == plain
