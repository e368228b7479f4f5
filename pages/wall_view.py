"""The wall's views, from the JSON of pages/wall_data.py, in large type (a pages helper)."""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from components.charts import CHART_CONFIG, trend_figure
from components.i18n import t
from components.indicator_view import RATIO_UNITS, format_value
from components.rag import normalize_rag, rag_light

VIEWS: tuple[str, ...] = ("overview", "cities", "teams", "red", "trends")
LEAGUE_ROWS = 12  # what fits a 1080p screen at wall type size
LEAGUE_COLUMNS = 3  # headline indicators shown beside the ranking one
CHART_HEIGHT = 440  # px; a responsive graph needs a sized box or it collapses to nothing


def _name(defs: dict[str, Any], ind: str, lang: str) -> str:
    d = defs.get(ind, {})
    return d.get("name_en" if lang == "en" else "name_zh", ind)


def _cell(data: dict[str, Any], ind: str, level: str, ident: str) -> tuple[Any, str]:
    value, rag = data["cells"].get(f"{ind}|{level}|{ident}", [None, "grey"])
    return value, normalize_rag(rag)


def _fmt(data: dict[str, Any], ind: str, value: Any, lang: str) -> str:
    d = data["defs"].get(ind, {})
    return format_value(value, d.get("unit", ""), lang, d.get("decimals"))


def overview(data: dict[str, Any], lang: str) -> html.Div:
    """The province's headline indicators: big value, big light."""
    prov = data["province"]["id"]
    tiles = []
    for ind in data["headline"]:
        value, rag = _cell(data, ind, "province", prov)
        tiles.append(html.Div(
            [html.Div(_name(data["defs"], ind, lang), className="wall-tile-name"),
             html.Div(_fmt(data, ind, value, lang), className="wall-tile-value"),
             rag_light(rag, lang)],
            className=f"wall-tile wall-edge-{rag}",
            **{"data-indicator": ind, "data-rag": rag}))
    return html.Div(tiles, className="wall-tiles")


def _ranked(data: dict[str, Any], level: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    ind = data["rank_by"]
    lower = data["defs"].get(ind, {}).get("direction") == "lower_better"

    def key(r: dict[str, Any]) -> tuple[int, float]:
        value, _ = _cell(data, ind, level, r["id"])
        if value is None:
            return (1, 0.0)  # no value: listed last, never dropped
        return (0, value if lower else -value)

    return sorted(rows, key=key)


def league(data: dict[str, Any], level: str, lang: str) -> html.Div:
    """Cities or teams ranked by the ranking indicator, with a few headline values and lights."""
    rows = data["cities"] if level == "city" else data["teams"]
    rank_by = data["rank_by"]
    cols = [rank_by] + [i for i in data["headline"] if i != rank_by][:LEAGUE_COLUMNS]
    head = html.Tr([html.Th(t("wall.rank", lang)), html.Th(t("wall.name", lang))]
                   + [html.Th(_name(data["defs"], i, lang), className="num") for i in cols])
    body = []
    for n, row in enumerate(_ranked(data, level, rows)[:LEAGUE_ROWS], start=1):
        cells = []
        for ind in cols:
            value, rag = _cell(data, ind, level, row["id"])
            cells.append(html.Td([html.Span(_fmt(data, ind, value, lang)), " ",
                                  rag_light(rag, lang, compact=True)], className="num"))
        body.append(html.Tr([html.Td(str(n), className="wall-rank"),
                             html.Td(row["name"], className="wall-org")] + cells))
    caption = t("wall.ranked_by", lang, name=_name(data["defs"], rank_by, lang))
    return html.Div([html.Div(caption, className="wall-caption"),
                     html.Table([html.Thead(head), html.Tbody(body)], className="wall-table")])


def most_red(data: dict[str, Any], lang: str) -> html.Div:
    """Teams by number of red lights over the whole catalogue, then yellow."""
    counts = []
    for team in data["teams"]:
        rags = [normalize_rag(c[1]) for k, c in data["cells"].items()
                if k.endswith(f"|team|{team['id']}")]
        counts.append((rags.count("red"), rags.count("yellow"), team))
    counts.sort(key=lambda c: (-c[0], -c[1], c[2]["id"]))
    head = html.Tr([html.Th(t("wall.rank", lang)), html.Th(t("wall.name", lang)),
                    html.Th(t("wall.red_count", lang), className="num"),
                    html.Th(t("wall.yellow_count", lang), className="num")])
    body = [html.Tr([html.Td(str(n), className="wall-rank"), html.Td(team["name"],
                     className="wall-org"),
                     html.Td([rag_light("red", lang, compact=True), f" {red}"], className="num"),
                     html.Td([rag_light("yellow", lang, compact=True), f" {yellow}"],
                             className="num")])
            for n, (red, yellow, team) in enumerate(counts[:LEAGUE_ROWS], start=1)]
    return html.Table([html.Thead(head), html.Tbody(body)], className="wall-table")


def trends(data: dict[str, Any], lang: str) -> html.Div:
    """The province's 13-month trend of a few indicators, one chart each."""
    charts = []
    for ind, points in data.get("trends", {}).items():
        unit = data["defs"].get(ind, {}).get("unit", "")
        scale = 1e-4 if unit == "yuan" else 1.0
        values = [None if v is None else v * scale for _, v in points]
        name = _name(data["defs"], ind, lang)
        suffix = t("unit.wan_yuan", lang) if unit == "yuan" else (
            t("unit.tonne", lang) if unit == "t" else "")
        fig = trend_figure([m for m, _ in points], values, name=name, dark=True,
                           height=CHART_HEIGHT, percent=unit in RATIO_UNITS)
        charts.append(html.Div([html.Div(f"{name}（{suffix}）" if suffix else name,
                                          className="wall-chart-title"),
                                dcc.Graph(figure=fig, config=CHART_CONFIG,
                                          style={"height": f"{CHART_HEIGHT}px"})],
                               className="wall-chart"))
    return html.Div(charts, className="wall-charts")


def view(name: str, data: dict[str, Any], lang: str) -> Any:
    """The body of one rotating view."""
    if name == "overview":
        return overview(data, lang)
    if name in ("cities", "teams"):
        return league(data, "city" if name == "cities" else "team", lang)
    if name == "red":
        return most_red(data, lang)
    return trends(data, lang)

