"""A statement line's drawer: its value and light, the formula with this value's inputs, and the
definition (the board's drawer pieces: `names_heading`, `definition_block`)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from dash import html

from components.definition_drawer import definition_block, names_heading
from components.i18n import t
from components.rag import rag_light
from components.statement_table import amount_text
from metrics.registry import get_registry as base_registry
from metrics.statement import registry
from pages.definitions import definition_view


def _value_block(row: dict[str, Any], data: dict[str, Any], lang: str) -> html.Div:
    unit = t(f"stmt.unit.{row['unit']}", lang)
    reason = row.get(f"reason_{lang}") or row.get("reason_zh") or ""
    parts: list[Any] = [
        html.Div([html.Span(f"{amount_text(row.get('actual'), row['unit'])} {unit}",
                            className="drawer-value"),
                  rag_light(row.get("rag"), lang, reason)], className="drawer-value-row"),
        html.Div(f"{data['entity']['name']} · {data['window']}", className="drawer-scope text-muted"),
    ]
    if reason:
        parts.append(html.Div([html.Strong(t("drawer.why", lang) + ("：" if lang == "zh" else ": ")), reason],
                              className="drawer-why"))
    elif row.get("plan") is None:
        parts.append(html.Div(t("stmt.no_light", lang), className="drawer-why text-muted"))
    if row.get("substituted"):
        parts += [html.H4(t("drawer.substituted", lang)),
                  html.Pre(row["substituted"], className="drawer-substituted")]
    return html.Div(parts, className="drawer-explain")


def line_drawer_body(data: dict[str, Any], line_id: str, lang: str) -> html.Div:
    """The drawer's content for one line of the loaded statement."""
    reg = registry()
    row = next((r for r in data.get("rows", []) if r["id"] == line_id), None)
    ind = reg.indicators.get(line_id)
    if row is None or ind is None:
        return html.Div(t("drawer.unknown", lang, id=line_id), className="alert alert-warning")
    view = definition_view(ind, reg, lang)
    if line_id not in base_registry().indicators:  # composed here: it has no light rule at all
        view = replace(view, rule=t("stmt.no_light_rule", lang))
    return html.Div(
        [names_heading(view, lang), _value_block(row, data, lang), html.Hr(),
         definition_block(view, lang)],
        className="drawer-content", **{"data-drawer-for": line_id},
    )
