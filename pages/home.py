"""首页 (/): a landing with a card per page of the menu.

Once a page serves /board, `/` redirects there (app.py) and the brand links there; this landing
stays reachable for in-app links to "/".
"""

from __future__ import annotations

from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, callback, dcc, html

from components.i18n import has_key, normalize_lang, t
from components.shell import nav_pages, page_header, page_label

dash.register_page(__name__, path="/", name="首页", title="阿米巴经营看板", order=0)


def layout(**_query: str) -> html.Div:
    """Skeleton; the `home-body` callback fills it in the current language."""
    return html.Div(id="home-body")


def _card(page: dict[str, Any], lang: str) -> dbc.Col:
    key = page.get("description_key")
    description = t(key, lang) if key and has_key(key) else ""
    return dbc.Col(
        dcc.Link([html.H2(page_label(page, lang)), html.P(description)],
                 href=page["relative_path"], className="landing-card"),
        xs=12, md=6, lg=4, className="mb-3",
    )


@callback(Output("home-body", "children"), Input("app-lang", "data"))
def render(lang: str | None) -> list[Any]:
    """The landing in `lang`: the product's promise and a card per page."""
    lang = normalize_lang(lang)
    cards = [_card(p, lang) for p in nav_pages() if p["relative_path"] != "/"]
    return [
        page_header(t("home.title", lang), t("app.tagline", lang)),
        html.P(t("home.lead", lang), className="text-muted"),
        dbc.Row(cards, className="g-3") if cards else html.P(t("home.no_pages", lang)),
    ]
