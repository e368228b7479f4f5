"""客户画像 (/segments?team=T01&period=2026-10): RFM segments and tags → a target list → CSV/Excel.

Population and definitions: `metrics/segments.py` (active customers at the entity, rfm.py's R/F/M
lines). Filters combine (AND across kinds of tag, OR within one); the export holds exactly the
rows of the target list, masked by the caller's scope like the screen.
"""

from __future__ import annotations

import logging
from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import ALL, ClientsideFunction, Input, Output, State, callback, ctx, dcc, html

from access.context import current_scope
from components.i18n import normalize_lang, t
from components.shell import page_header, store_error
from data.org import LEVELS, latest_day, list_entities
from exports.csv import to_csv_bytes
from exports.sheet import safe_filename
from exports.xlsx import to_xlsx_bytes
from metrics.periods import Period, window
from metrics.segments import SEGMENTS, TagFilter, profiles, select_profiles
from pages.board_params import entity_options, parse_entity_value, period_options, resolve
from pages.cache import cached
from pages.customers_params import url_query
from pages.segments_export import target_sheet

dash.register_page(__name__, path="/segments", nav_key="nav.segments", order=31,
                   title="客户画像", description_key="segments.description")  # fmt: skip

log = logging.getLogger(__name__)
QUERY_KEYS = (*LEVELS, "period", "as_of")
SHOWN = 100  # rows drawn (a team has ~16k active customers; the export has them all)
MULTI = ("segment", "kind", "grade", "product", "station")
YESNO = ("sensitive", "recharger")
SCORES = ("min_r", "min_f", "min_m")
FILTER_IDS = [f"segments-{k}" for k in (*MULTI, *YESNO, "cycle", *SCORES)]


def _control(key: str) -> html.Div:
    label = html.Label(id={"type": "seg-label", "key": key}, className="form-label small mb-0")
    if key in MULTI:
        box: Any = dcc.Dropdown(id=f"segments-{key}", multi=True, value=[])
    elif key in YESNO:
        box = dcc.Dropdown(id=f"segments-{key}", value="any", clearable=False)
    elif key == "cycle":
        box = dcc.Input(id="segments-cycle", type="number", min=1, debounce=True,
                        className="form-control form-control-sm")  # fmt: skip
    else:
        box = dcc.Dropdown(id=f"segments-{key}", options=[{"label": str(i), "value": i}
                           for i in range(1, 6)], value=1, clearable=False)  # fmt: skip
    return html.Div([label, box], className="seg-filter")


def layout(team: str | None = None, city: str | None = None, station: str | None = None,
           province: str | None = None, period: str | None = None, as_of: str | None = None,
           **_query: str) -> html.Div:  # fmt: skip
    """Skeleton; callbacks fill labels, options, the summary and the target list."""
    query = {"team": team, "city": city, "station": station, "province": province,
             "period": period, "as_of": as_of}  # fmt: skip
    keys = (*MULTI, *YESNO, "cycle", *SCORES)
    return html.Div([
        dcc.Store(id="segments-query", data=query),
        dcc.Store(id="segments-url"),
        html.Div(id="segments-header"), html.Div(id="segments-notices"),
        html.Div([dcc.Dropdown(id="segments-entity", clearable=False, className="board-picker"),
                  dcc.Dropdown(id="segments-period", clearable=False, className="board-picker")],
                 className="board-controls"),
        html.Div([_control(k) for k in keys], className="seg-filters"),
        html.Div([dbc.Button(id="segments-csv", size="sm", color="secondary", outline=True),
                  dbc.Button(id="segments-xlsx", size="sm", color="secondary", outline=True)],
                 className="seg-exports my-2"),
        dcc.Download(id="segments-download"),
        dcc.Loading(html.Div(_skeleton(), id="segments-body"), type="dot", delay_show=300),
    ], className="segments-page")  # fmt: skip


def _skeleton() -> html.Div:
    """Grey tiles and bars until the first profiles arrive (language-neutral, no data)."""
    tiles = [html.Div(html.Span(className="placeholder col-12"), className="seg-tile")
             for _ in range(8)]  # fmt: skip
    bars = [html.Span(className="placeholder col-12 mb-2") for _ in range(6)]
    return html.Div([html.Div(tiles, className="seg-summary"), html.Div(bars, className="mt-3")],
                    className="seg-loading placeholder-glow", **{"aria-busy": "true"})  # fmt: skip


@callback(
    Output("segments-entity", "options"), Output("segments-entity", "value"),
    Output("segments-period", "options"), Output("segments-period", "value"),
    Output("segments-notices", "children"),
    Output({"type": "seg-label", "key": ALL}, "children"),
    Output("segments-segment", "options"), Output("segments-kind", "options"),
    Output("segments-grade", "options"), Output("segments-sensitive", "options"),
    Output("segments-recharger", "options"),
    Output("segments-csv", "children"), Output("segments-xlsx", "children"),
    Input("app-lang", "data"), State("segments-query", "data"), State("segments-entity", "value"),
)
def init_controls(lang: str | None, query: dict[str, Any] | None,
                  entity_now: str | None) -> tuple[Any, ...]:  # fmt: skip
    """Pickers, filter labels and fixed options in `lang`; URL values on the first render."""
    lang = normalize_lang(lang)
    labels = [t(f"segments.f.{k}", lang) for k in (*MULTI, *YESNO, "cycle", *SCORES)]
    yesno = [{"label": t(f"segments.{v}", lang), "value": v} for v in ("any", "yes", "no")]
    fixed = (
        [{"label": t(f"segment.{s}", lang), "value": s} for s in SEGMENTS.values()],
        [{"label": t(f"ckind.{k}", lang), "value": k} for k in ("fleet", "individual")],
        [{"label": t(f"grade.{g}", lang), "value": g}
         for g in ("normal", "gold", "platinum", "diamond")],
        yesno, yesno, t("segments.export.csv", lang), t("segments.export.xlsx", lang),
    )  # fmt: skip
    try:
        entities = list_entities(_engine(), current_scope())
        latest = latest_day(_engine())
    except Exception as exc:  # an unreadable store reads as a message
        log.exception("segments: store unavailable")
        return [], None, [], None, store_error(lang, "", type(exc).__name__), labels, *fixed
    first = entity_now is None
    sel = resolve({k: (query or {}).get(k) for k in QUERY_KEYS}, entities, latest, lang)
    notices = [dbc.Alert(n, color="warning", className="py-2") for n in sel.notices] if first else []
    return (entity_options(entities, lang), sel.entity_value if first else dash.no_update,
            period_options(latest, lang),
            (str(sel.period) if sel.period else None) if first else dash.no_update,
            notices, labels, *fixed)  # fmt: skip


def _engine() -> Any:
    from settings import facts_engine

    return facts_engine()


def _tag_filter(values: list[Any]) -> TagFilter:
    seg, kind, grade, product, station, sensitive, recharger, cycle, min_r, min_f, min_m = values

    def yn(v: Any) -> bool | None:
        return None if v not in ("yes", "no") else v == "yes"

    return TagFilter(
        segments=frozenset(seg or ()), kinds=frozenset(kind or ()), grades=frozenset(grade or ()),
        products=frozenset(product or ()), stations=frozenset(station or ()),
        price_sensitive=yn(sensitive), recharger=yn(recharger),
        max_cycle_days=float(cycle) if cycle else None,
        min_r=int(min_r or 1), min_f=int(min_f or 1), min_m=int(min_m or 1),
    )  # fmt: skip


def _profiles(entity_value: str, period_value: str, query: dict[str, Any] | None) -> tuple[Any, ...]:
    """(entity, window, profiles) for the pickers, under the caller's scope."""
    engine, scope = _engine(), current_scope()
    entity = parse_entity_value(entity_value, list_entities(engine, scope))
    if entity is None:
        return None, None, []
    sel = resolve({"period": period_value, "as_of": (query or {}).get("as_of")}, [],
                  latest_day(engine))  # fmt: skip
    w = window(Period.parse(period_value), sel.as_of)
    key = f"segments:{scope.key()}:{entity.level}:{entity.id}:{w.start}:{w.end}"
    # pages.cache.cached adds the data version: a publish never serves old profiles, another
    # scope never shares them; filter changes and exports reuse them.
    items = cached(key, engine, lambda: profiles(engine, entity.level, entity.id, w, scope))
    return entity, w, items


FILTER_INPUTS = [Input(i, "value") for i in FILTER_IDS]


@callback(
    Output("segments-header", "children"), Output("segments-body", "children"),
    Output("segments-product", "options"), Output("segments-station", "options"),
    Input("segments-entity", "value"), Input("segments-period", "value"),
    Input("app-lang", "data"), *FILTER_INPUTS, State("segments-query", "data"),
)
def render(entity_value: str | None, period_value: str | None, lang: str | None,
           *rest: Any) -> tuple[Any, ...]:  # fmt: skip
    """Segment summary and the target list."""
    lang, values, query = normalize_lang(lang), list(rest[:-1]), rest[-1]
    header = page_header(t("segments.title", lang), t("segments.subtitle", lang))
    if current_scope().aggregates_only:
        return header, html.Div(t("customers.no_access", lang), className="alert alert-info"), [], []
    if not entity_value or not period_value:
        return header, None, [], []
    try:
        entity, w, items = _profiles(entity_value, period_value, query)
    except Exception as exc:  # the store failing must read as a message
        log.exception("segments: profiles failed")
        reason = t("board.metrics_missing", lang, reason=type(exc).__name__)
        return header, dbc.Alert(reason, color="warning", className="seg-error"), [], []
    chosen = select_profiles(items, _tag_filter(values))
    products = sorted({p.preferred_product for p in items if p.preferred_product})
    stations = sorted({p.usual_station for p in items if p.usual_station})
    from components.segment_view import body

    return (header, body(items, chosen, w, lang, SHOWN),
            [{"label": x, "value": x} for x in products],
            [{"label": x, "value": x} for x in stations])  # fmt: skip


@callback(
    Output("segments-download", "data"),
    Input("segments-csv", "n_clicks"), Input("segments-xlsx", "n_clicks"),
    State("segments-entity", "value"), State("segments-period", "value"),
    State("app-lang", "data"), *[State(i, "value") for i in FILTER_IDS],
    State("segments-query", "data"),
    prevent_initial_call=True,
)
def export(_csv: int | None, _xlsx: int | None, entity_value: str | None,
           period_value: str | None, lang: str | None, *rest: Any) -> Any:  # fmt: skip
    """The target list as CSV or Excel (the same rows and masking as on screen)."""
    if ctx.triggered_id not in ("segments-csv", "segments-xlsx") or not entity_value:
        return dash.no_update
    if current_scope().aggregates_only or not period_value:
        return dash.no_update
    lang, values, query = normalize_lang(lang), list(rest[:-1]), rest[-1]
    entity, w, items = _profiles(entity_value, period_value, query)
    if entity is None:
        return dash.no_update
    chosen = select_profiles(items, _tag_filter(values))
    sheet = target_sheet(chosen, f"{entity.name} ({entity.id})", w.end.isoformat(), lang)
    stem = f"{t('segments.sheet', lang)}_{entity.id}_{w.end.isoformat()}"
    if ctx.triggered_id == "segments-xlsx":
        return dcc.send_bytes(to_xlsx_bytes(sheet), safe_filename(stem, "xlsx"))
    return dcc.send_bytes(to_csv_bytes(sheet), safe_filename(stem, "csv"))


@callback(
    Output("segments-url", "data"),
    Input("segments-entity", "value"), Input("segments-period", "value"),
    State("segments-query", "data"),
)
def sync_url(entity_value: str | None, period_value: str | None, query: dict[str, Any] | None) -> Any:
    """The URL follows the entity and period (as on 客户圈, without a tab)."""
    return url_query(entity_value, period_value, None, query, with_tab=False) or dash.no_update


dash.clientside_callback(
    ClientsideFunction("board", "syncUrl"),
    Input("segments-url", "data"),
)
