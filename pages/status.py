"""数据状态 (/status): what the store holds, the last import and its quarantined rows.

`?run=<import id>` shows another import's quarantined rows; an unknown id shows a friendly
notice above the default view.
"""

from __future__ import annotations

import logging
from typing import Any

import dash
from dash import Input, Output, callback, dcc, html
from sqlalchemy.exc import SQLAlchemyError

from components.i18n import normalize_lang, t
from components.shell import page_header, param_error, store_error
from components.status_widgets import (
    files_panel,
    imports_panel,
    quarantine_panel,
    summary_tiles,
    tables_panel,
)
from data.status import StoreStatus, UnknownImport, store_status
from pages.cache import cached
from settings import current_settings, facts_engine, masked_url

dash.register_page(
    __name__,
    path="/status",
    name="数据状态",
    title="数据状态 · 阿米巴经营看板",
    nav_key="nav.status",
    description_key="status.description",
    order=90,
)

log = logging.getLogger(__name__)
MAX_RUN_ID = 64


def layout(run: str | None = None, **_query: str) -> html.Div:
    """Skeleton; the `status-body` callback fills it in the current language."""
    return html.Div([
        dcc.Store(id="status-query", data={"run": run}),
        dcc.Loading(html.Div(id="status-body"), type="default", delay_show=300),
    ])


def _snapshot(version: str, run: str | None) -> StoreStatus:
    # pages.cache keys on the data version: a publish changes it, so a snapshot is never stale.
    engine = facts_engine()
    return cached(f"status:{run}", engine, lambda: store_status(engine, version, run),
                  version=version)


def _load(run: str | None) -> tuple[StoreStatus, bool]:
    """The snapshot for `run` (or the latest), and whether `run` was unknown."""
    from data.store import data_version

    version = data_version(facts_engine())
    if run is not None:
        try:
            return _snapshot(version, run[:MAX_RUN_ID]), False
        except UnknownImport:
            pass
    return _snapshot(version, None), run is not None


@callback(Output("status-body", "children"), Input("app-lang", "data"), Input("status-query", "data"))
def render(lang: str | None, query: dict[str, Any] | None) -> list[Any]:
    """The whole page in `lang`."""
    lang = normalize_lang(lang)
    run = (query or {}).get("run") or None
    header = page_header(t("status.title", lang), t("status.subtitle", lang))
    try:
        status, unknown = _load(str(run) if run is not None else None)
    except (SQLAlchemyError, OSError) as err:
        log.exception("data status: cannot read the store")
        url = masked_url(current_settings().database_url)
        return [header, store_error(lang, url, type(err).__name__)]
    body: list[Any] = [header]
    if unknown:
        body.append(param_error(lang, "run", run, t("status.param.run", lang)))
    if not status.imports:
        body.append(html.P(t("status.empty", lang), className="alert alert-info"))
    body += [summary_tiles(status, lang), tables_panel(status, lang)]
    if status.selected is not None:
        body += [files_panel(status.selected, lang), quarantine_panel(status, lang)]
    if status.imports:
        body.append(imports_panel(status, lang))
    return [part for part in body if part is not None]
