"""Pure factories of the board: lights, formatting in cards and rows, rule words (no browser)."""

from __future__ import annotations

from typing import Any

import pytest

from components.indicator_row import indicator_row, theme_group
from components.indicator_view import IndicatorView, change, change_tone, format_value
from components.kpi_card import kpi_card
from components.rag import count_rags, normalize_rag, rag_light, rag_text, rule_text


def _walk(node: Any):
    """Every component in a Dash tree (depth first)."""
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
    if isinstance(node, int | float):
        return str(node)
    if isinstance(node, list | tuple):
        return " ".join(_text(c) for c in node)
    if hasattr(node, "to_plotly_json"):
        return _text(getattr(node, "children", None))
    return ""


@pytest.mark.parametrize(
    ("rag", "shape", "zh", "en"),
    [("green", "●", "绿", "Green"), ("yellow", "▲", "黄", "Yellow"),
     ("red", "■", "红", "Red"), ("grey", "○", "灰", "Grey")],
)
def test_light_has_colour_shape_and_word(rag: str, shape: str, zh: str, en: str) -> None:
    light = rag_light(rag, "zh", reason="因为")
    assert f"rag-{rag}" in light.className
    assert _text(light).split() == [shape, zh]
    assert light.title == "因为"
    assert rag_text(rag, "en") == f"{shape} {en}"


def test_unknown_light_is_grey_and_counts_cover_all() -> None:
    assert normalize_rag(None) == "grey" and normalize_rag("AMBER") == "yellow"
    assert count_rags(["red", "red", "green", None, "bogus"]) == {
        "red": 2, "yellow": 0, "green": 1, "grey": 2}


def test_format_value_by_unit() -> None:
    assert format_value(12_345_678, "yuan", "zh") == "1,234.6 万元"
    assert format_value(54_321, "yuan", "zh") == "5.43 万元"
    assert format_value(3210.44, "t", "zh", 2) == "3,210.4 吨"
    assert format_value(3210.44, "t", "en") == "3,210.4 t"
    assert format_value(0.96345, "ratio") == "96.3%"
    assert format_value(1204, "txn", "zh") == "1,204 笔"
    assert format_value(205.256, "yuan_per_txn", "en", 1) == "205.3 yuan/txn"
    assert format_value(None, "yuan") == "—"


def test_changes_read_by_unit_and_direction() -> None:
    assert change(110.0, 100.0, "t") == "↑ +10.0%"
    assert change(90.0, 100.0, "yuan") == "↓ −10.0%"
    assert change(0.50, 0.48, "ratio", "zh") == "↑ +2.0 个百分点"
    assert change(1.0, 0.0, "t") == "—" and change(None, 1.0, "t") == "—"
    assert change_tone(110, 100, "higher_better") == "good"
    assert change_tone(110, 100, "lower_better") == "bad"
    assert change_tone(100, 100, "lower_better") == "flat"


def _view(**kw: Any) -> IndicatorView:
    base = dict(id="fuel_volume_t", name="纯枪销量", unit="t", value=1500.0, rag="yellow",
                rag_reason="完成率 50.0% < 时间进度 54.8%", plan=3000.0, progress=0.548,
                mom=1250.0, yoy=1600.0,
                trend=tuple((f"2026-{m:02d}", 1000.0 + m) for m in range(1, 11)))
    base.update(kw)
    return IndicatorView(**base)


def test_kpi_card_shows_value_plan_progress_and_changes() -> None:
    card = kpi_card(_view(), "zh")
    data = card.to_plotly_json()["props"]
    assert data["data-indicator"] == "fuel_volume_t" and data["data-rag"] == "yellow"
    text = _text(card)
    assert "1,500.0 吨" in text
    assert "完成 50.0% · 时间进度 54.8%" in text
    assert "环比 ↑ +20.0%" in text  # 1500 / 1250 − 1
    assert "同比 ↓ −6.3%" in text  # 1500 / 1600 − 1 = −6.25 % → −6.3 (half up)
    mark = next(n for n in _walk(card) if getattr(n, "className", "") == "plan-mark")
    assert mark.style == {"left": "45.7%"}  # 0.548 / 1.2
    fill = next(n for n in _walk(card) if "plan-fill" in str(getattr(n, "className", "")))
    assert fill.style == {"width": "41.7%"}  # 0.5 / 1.2


def test_kpi_card_without_plan_and_english() -> None:
    text = _text(kpi_card(_view(plan=None, name="Fuel volume"), "en"))
    assert "No plan" in text and "1,500.0 t" in text and "MoM" in text


def test_row_is_a_button_with_data_attributes() -> None:
    row = indicator_row(_view(rag="red"), "en")
    props = row.to_plotly_json()["props"]
    assert row.to_plotly_json()["type"] == "Button"
    assert props["data-indicator"] == "fuel_volume_t" and props["data-rag"] == "red"
    assert "MoM ↑ +20.0% · YoY ↓ −6.3% · Plan 50.0%" in _text(row)
    light = next(n for n in _walk(row) if "rag " in str(getattr(n, "className", "")))
    assert light.children == "■" and light.to_plotly_json()["props"]["aria-label"] == "Red"


def test_theme_group_counts_whole_theme_when_filtered() -> None:
    views = [_view(id=f"i{n}", rag=r) for n, r in enumerate(["red", "green", "green", "grey"])]
    group = theme_group("volume", "油品销量", views[:1], "zh", counts_of=views)
    counts = [n for n in _walk(group) if "rag-count " in str(getattr(n, "className", ""))]
    assert [c.children for c in counts] == ["■ 1", "▲ 0", "● 2", "○ 1"]  # red, yellow, green, grey
    assert len([n for n in _walk(group) if "ind-row" in str(getattr(n, "className", ""))]) == 1


def test_rule_words() -> None:
    rule = {"kind": "threshold", "green": 0.97, "yellow": 0.95}
    assert rule_text(rule, "higher_better", "zh", ratio=True).startswith(
        "≥ 97% 为绿；≥ 95% 为黄；否则为红")
    assert rule_text({"kind": "growth", "basis": "yoy", "green": 0.0, "yellow": -0.03},
                     "higher_better", "en").startswith(
        "Year-on-year growth: green ≥ 0%; yellow ≥ -3%")
    assert "时间进度" in rule_text({"kind": "plan_progress", "plan": "x"}, "higher_better")


def test_sparkline_svg_scales_breaks_and_marks_the_last_month() -> None:
    """Highest month at the top edge, lowest at the bottom, a gap where a month has no value,
    the dot on the last known month in the light's colour (box 240×44, padding 5)."""
    from components.charts import RAG_COLOURS
    from components.kpi_card import sparkline, sparkline_svg

    points = [("2026-01", 10.0), ("2026-02", 30.0), ("2026-03", None), ("2026-04", 20.0),
              ("2026-05", None)]
    svg = sparkline_svg(points, "red")
    step = (240 - 10) / 4
    # month 1 → y = 44 − 5 (bottom), month 2 → y = 5 (top), month 4 → halfway 22
    assert '<path d="M5.0 39.0L62.5 5.0"' in svg
    assert f'<path d="M{5 + 3 * step:.1f} 22.0"' in svg  # after the gap: a new segment
    assert f'd="M{5 + 3 * step:.1f} 22.0h0" stroke="{RAG_COLOURS["red"]}"' in svg
    img = next(c for c in _walk(sparkline(points, "red", "trend")) if c.__class__.__name__ == "Img")
    assert img.src.startswith("data:image/svg+xml") and "2026-01" in img.alt and "2026-04" in img.alt
    empty = sparkline([("2026-01", None)], "grey", "trend")
    assert "sparkline-empty" in empty.className
