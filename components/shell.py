"""The app shell: navbar (built from `dash.page_registry`), language switch, page frame.

A page joins the navigation by itself: `dash.register_page(__name__, path="/board",
nav_key="nav.board", order=10)`. Extra keyword arguments of `register_page` land in the
registry, and the shell reads these:

- `nav_key`: catalogue key of the menu label; pages without it stay out of the menu.
- `order`: position in the menu (ascending; ties by path).
- `bare=True`: the page takes the whole window (wall display): the shell hides its header and
  footer while that page is open.
- `description_key`: optional catalogue key of a one-line description on the landing page.

The shell's callbacks are registered on the app instance (`register_shell_callbacks`) rather
than with `dash.callback`, because tests build several apps in one process and module-level
callbacks would reach only the first.
"""

from __future__ import annotations

from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import ClientsideFunction, Dash, Input, Output, State, dcc, html
from flask import has_request_context

from access.guard import page_allowed
from access.setup import account_area
from components.i18n import DEFAULT_LANG, LANGS, has_key, normalize_lang, t

LANG_STORE = "app-lang"
NAV_INLINE = 6  # menu entries shown inline on wide screens; the rest go under "More"
URL = "shell-url"


def nav_pages() -> list[dict[str, Any]]:
    """Registered pages that declare a `nav_key` and the signed-in role may open, in menu order."""
    pages = [p for p in dash.page_registry.values()
             if p.get("nav_key") and (not has_request_context() or page_allowed(p["relative_path"]))]
    return sorted(pages, key=lambda p: (p.get("order") or 0, p["relative_path"]))


def page_label(page: dict[str, Any], lang: str) -> str:
    """A page's menu label: its `nav_key` translated, else its registered name."""
    key = page.get("nav_key")
    return t(key, lang) if key and has_key(key) else str(page.get("name", ""))


def bare_paths() -> list[str]:
    """Paths of pages registered with `bare=True` (shown without the shell's chrome)."""
    return [p["relative_path"] for p in dash.page_registry.values() if p.get("bare")]


def page_titles() -> dict[str, dict[str, str]]:
    """Browser-tab titles per path and language: "<menu label> · <product name>"."""
    titles = {"/": {lang: t("app.name", lang) for lang in LANGS}}
    for page in nav_pages():
        titles[page["relative_path"]] = {
            lang: f"{page_label(page, lang)} · {t('app.name', lang)}" for lang in LANGS
        }
    return titles


def home_href() -> str:
    """Where the brand link goes: the team board once a page serves /board, else the landing."""
    paths = {p["relative_path"] for p in dash.page_registry.values()}
    return "/board" if "/board" in paths else "/"


def _brand() -> dcc.Link:
    return dcc.Link(
        [html.Span("巴", className="brand-mark", **{"aria-hidden": "true"}),
         html.Span(t("app.name", DEFAULT_LANG), id="shell-brand-name", className="brand-name")],
        href=home_href(),
        className="navbar-brand shell-brand",
    )


def _lang_switch() -> html.Div:
    buttons = [
        html.Button(t(f"lang.{code}", code), id=f"lang-{code}", n_clicks=0, lang=code,
                    type="button", className=_lang_class(False))
        for code in LANGS
    ]
    return html.Div(buttons, id="shell-lang", className="btn-group btn-group-sm shell-lang",
                    role="group")


def _lang_class(active: bool) -> str:
    return "btn btn-sm btn-outline-light lang-btn" + (" active" if active else "")


def navbar() -> html.Header:
    """The header: brand, menu from the registry (collapses on phones), language switch."""
    return html.Header(
        dbc.Navbar(
            dbc.Container(
                [
                    _brand(),
                    html.Button(html.Span(className="navbar-toggler-icon"), id="shell-toggler",
                                n_clicks=0, type="button", className="navbar-toggler",
                                **{"aria-label": "菜单 Menu", "aria-controls": "shell-collapse"}),
                    dbc.Collapse(
                        # Filled in Chinese already, so the menu does not flash empty while
                        # the language callback runs; it re-renders for English.
                        [dbc.Nav(_nav_items(DEFAULT_LANG), id="shell-nav", navbar=True,
                                 className="me-auto shell-nav"),
                         _lang_switch(), account_area()],
                        id="shell-collapse", navbar=True, is_open=False,
                    ),
                ],
                fluid="xxl",
            ),
            expand="xl", dark=True, className="shell-navbar",
        ),
        id="shell-header",
    )


def shell_layout() -> html.Div:
    """The whole app layout: stores, header, the page container, footer."""
    return html.Div(
        [
            dcc.Store(id=LANG_STORE, storage_type="local", data=DEFAULT_LANG),
            dcc.Store(id="shell-bare-paths", data=bare_paths()),
            dcc.Store(id="shell-titles", data=page_titles()),
            dcc.Location(id=URL, refresh=False),
            navbar(),
            html.Main(dbc.Container(dash.page_container, fluid="xxl"), className="shell-main"),
            html.Footer(dbc.Container(html.Small(t("shell.footer", DEFAULT_LANG), id="shell-footer"),
                                      fluid="xxl"),
                        id="shell-footer-bar", className="shell-footer"),
        ],
        id="shell",
        className="shell",
    )


def page_header(title: str, subtitle: str | None = None, actions: Any = None) -> html.Div:
    """The title block every page starts with (title, optional subtitle and action buttons)."""
    text = [html.H1(title, className="page-title")]
    if subtitle:
        text.append(html.P(subtitle, className="page-subtitle"))
    return html.Div(
        [html.Div(text, className="page-heading"), html.Div(actions, className="page-actions")],
        className="page-header",
    )


def param_error(lang: str, name: str, value: object, expected: str) -> html.Div:
    """A friendly notice for a bad URL parameter (the page then shows its default view)."""
    shown = str(value)
    shown = shown if len(shown) <= 60 else shown[:57] + "…"
    alert = dbc.Alert(
        [html.H2(t("error.bad_param.title", lang), className="alert-heading h6"),
         html.P(t("error.bad_param.body", lang, name=name, value=shown, expected=expected),
                className="mb-1"),
         html.P(t("error.bad_param.hint", lang), className="mb-0 small")],
        color="warning",
    )
    return html.Div(alert, className="param-error", **{"data-param": name})


def store_error(lang: str, url: str, reason: str) -> dbc.Alert:
    """A friendly notice that the database cannot be read (never a traceback)."""
    return dbc.Alert(
        [html.H2(t("error.store.title", lang), className="alert-heading h6"),
         html.P(t("error.store.body", lang, url=url, reason=reason), className="mb-0")],
        color="danger", className="store-error",
    )


def _is_current(path: str, pathname: str | None) -> bool:
    current = pathname or "/"
    return current == path or (path != "/" and current.startswith(path + "/"))


def _nav_link(page: dict[str, Any], lang: str, extra_class: str = "") -> dbc.NavItem:
    return dbc.NavItem(dbc.NavLink(page_label(page, lang), href=page["relative_path"],
                                   active="partial", className="shell-navlink"),
                       className=extra_class or None)


def _nav_items(lang: str, pathname: str | None = None) -> list[Any]:
    """Menu entries: on wide screens the first NAV_INLINE pages inline and the rest under
    "更多 / More", so the header stays one line however many pages join; the collapsed phone
    menu lists them all."""
    pages = nav_pages()
    inline, more = (pages, []) if len(pages) <= NAV_INLINE + 1 else (pages[:NAV_INLINE], pages[NAV_INLINE:])
    items: list[Any] = [_nav_link(p, lang) for p in inline]
    # In the collapsed (phone) menu there is room for a plain list: the overflow pages appear
    # there as ordinary entries, and "More" only on wide screens.
    items += [_nav_link(p, lang, "d-xl-none") for p in more]
    if more:
        current = any(_is_current(p["relative_path"], pathname) for p in more)
        items.append(dbc.DropdownMenu(
            [dbc.DropdownMenuItem(page_label(p, lang), href=p["relative_path"],
                                  active=_is_current(p["relative_path"], pathname))
             for p in more],
            label=t("shell.more", lang), nav=True, in_navbar=True, align_end=True,
            id="shell-more", className="shell-more d-none d-xl-block",
            toggle_class_name="active" if current else "",
        ))
    return items


def register_shell_callbacks(app: Dash) -> None:
    """Wire the shell: language from URL or switch, translated chrome, phone menu, bare pages."""
    app.clientside_callback(
        ClientsideFunction("amoeba", "chooseLang"),
        Output(LANG_STORE, "data"),
        [Input(f"lang-{code}", "n_clicks") for code in LANGS] + [Input(URL, "search")],
        State(LANG_STORE, "data"),
    )
    app.clientside_callback(
        ClientsideFunction("amoeba", "toggleMenu"),
        Output("shell-collapse", "is_open"),
        Input("shell-toggler", "n_clicks"), Input(URL, "pathname"),
        State("shell-collapse", "is_open"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction("amoeba", "setDocumentLang"),
        Input(LANG_STORE, "data"),
    )
    app.clientside_callback(
        ClientsideFunction("amoeba", "setTitle"),
        Input("_pages_store", "data"), Input(LANG_STORE, "data"),
        State(URL, "pathname"), State("shell-titles", "data"),
    )
    app.clientside_callback(
        ClientsideFunction("amoeba", "chrome"),
        Output("shell-header", "hidden"), Output("shell-footer-bar", "hidden"),
        Input(URL, "pathname"), State("shell-bare-paths", "data"),
    )

    @app.callback(
        Output("shell-nav", "children"),
        Output("shell-brand-name", "children"),
        Output("shell-footer", "children"),
        Output("shell-toggler", "title"),
        Output("shell-lang", "title"),
        *[Output(f"lang-{code}", "className") for code in LANGS],
        Input(LANG_STORE, "data"),
        Input(URL, "pathname"),
    )
    def translate_chrome(lang: str | None, pathname: str | None) -> tuple[Any, ...]:
        lang = normalize_lang(lang)
        return (
            _nav_items(lang, pathname),
            t("app.name", lang),
            t("shell.footer", lang),
            t("shell.menu", lang),
            t("shell.lang_switch", lang),
            *[_lang_class(code == lang) for code in LANGS],
        )
