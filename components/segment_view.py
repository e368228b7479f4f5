"""The 客户画像 page body: the segment summary (counts per RFM segment) and the target list."""

from __future__ import annotations

from collections import Counter

import dash_bootstrap_components as dbc
from dash import html

from components import format as fmt
from components.i18n import t
from metrics.periods import Window
from metrics.segments import SEGMENTS, Profile


def summary(items: list[Profile], lang: str) -> html.Div:
    """One tile per segment: its name and how many active customers fall in it."""
    counts = Counter(p.segment for p in items)
    tiles = [html.Div([html.Div(t(f"segment.{s}", lang), className="small text-muted"),
                       html.Div(fmt.count(counts.get(s, 0)), className="fs-5 fw-semibold")],
                      className="seg-tile", **{"data-segment": s})
             for s in SEGMENTS.values()]  # fmt: skip
    return html.Div(tiles, className="seg-summary")


def _row(p: Profile, lang: str) -> html.Tr:
    grade = t(f"grade.{p.grade}", lang) if p.grade else "—"
    kind = t(f"ckind.{p.kind}", lang) if p.kind else ""
    cells = [
        html.Td([html.Strong(p.name or p.customer_id), " ",
                 html.Small(p.customer_id, className="text-muted")]),
        html.Td(p.phone or ""), html.Td(f"{grade} · {kind}"),
        html.Td(t(f"segment.{p.segment}", lang)), html.Td(f"{p.r_score}/{p.f_score}/{p.m_score}"),
        html.Td(fmt.count(p.r_days)), html.Td(fmt.count(p.frequency)),
        html.Td(fmt.number(p.monetary, 0)), html.Td(p.preferred_product or "—"),
        html.Td(p.usual_station or "—"),
        html.Td(fmt.number(p.cycle_days, 1) if p.cycle_days is not None else "—"),
        html.Td(fmt.percent(p.discount_share, 0) if p.discount_share is not None else "—"),
        html.Td(fmt.number(p.recharge_amount, 0) if p.recharger else "—"),
    ]  # fmt: skip
    return html.Tr(cells, **{"data-customer": p.customer_id})


HEADS = ("customers.col.customer", "segments.col.phone", "customers.col.grade",
         "segments.col.segment", "segments.col.rfm", "segments.col.r_days",
         "segments.col.frequency", "segments.col.monetary", "segments.f.product",
         "segments.f.station", "segments.col.cycle", "segments.col.discount",
         "segments.col.recharge")  # fmt: skip


def body(items: list[Profile], chosen: list[Profile], w: Window, lang: str, shown: int) -> html.Div:
    """Basis line, segment tiles, and the first `shown` rows of the target list."""
    f_med = fmt.number(items[0].f_median, 1) if items else "—"
    m_med = fmt.yuan(items[0].m_median, lang, 0) if items else "—"
    basis = t("segments.basis", lang, day=w.end.isoformat(), f_med=f_med, m_med=m_med)
    table = dbc.Table(
        [html.Thead(html.Tr([html.Th(t(k, lang)) for k in HEADS])),
         html.Tbody([_row(p, lang) for p in chosen[:shown]])],
        size="sm", hover=True, responsive=True, className="seg-table",
    )  # fmt: skip
    count = t("segments.target", lang, n=fmt.count(len(chosen)))
    if len(chosen) > shown:
        count += " · " + t("segments.shown", lang, shown=shown)
    return html.Div([
        html.P(basis, className="small text-muted seg-basis"), summary(items, lang),
        html.H2(count, className="h6 mt-3 seg-count"), table,
    ], className="seg-body")  # fmt: skip
