"""The friendly page for unknown addresses (Dash uses the module named `not_found_404`)."""

from __future__ import annotations

from typing import Any

import dash
from dash import Input, Output, callback, dcc, html

from components.i18n import normalize_lang, t
from components.shell import home_href

dash.register_page(__name__, path="/404", name="404", title="页面不存在 · 阿米巴经营看板")


def layout(**_query: str) -> html.Div:
    """Skeleton; the callback names the missing address in the current language."""
    return html.Div(id="notfound-body", className="notfound")


@callback(Output("notfound-body", "children"), Input("app-lang", "data"), Input("shell-url", "pathname"))
def render(lang: str | None, pathname: str | None) -> list[Any]:
    """Say which address has no page and offer the way home."""
    lang = normalize_lang(lang)
    path = (pathname or "/")[:120]
    return [
        html.Div("404", className="notfound-code"),
        html.H1(t("notfound.title", lang), className="page-title my-3"),
        html.P(t("notfound.body", lang, path=path), className="text-muted"),
        dcc.Link(t("notfound.home", lang), href=home_href(), className="btn btn-primary"),
    ]
