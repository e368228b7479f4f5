"""客户圈's contact dialog: open it for a row ("记录联系"), store the dated note in the state store
(so a list becomes a worklist that survives restarts), refuse customers outside the caller's
scope. pages/customers.py calls `register()` each time Dash loads it (Dash re-runs page modules
per app, not their helpers) and puts `contact_modal()` in its layout.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, State, callback, ctx, dcc

from access.context import current_scope, current_user_id
from components.i18n import normalize_lang, t

log = logging.getLogger(__name__)


def contact_modal() -> dbc.Modal:
    """The dialog: note, date, save and cancel (labels filled in the page's language)."""
    return dbc.Modal([
        dbc.ModalHeader(dbc.ModalTitle(id="customers-modal-title")),
        dbc.ModalBody([
            dbc.Label(id="customers-note-label", html_for="customers-note"),
            dbc.Textarea(id="customers-note", maxLength=500, rows=3),
            dbc.Label(id="customers-date-label", html_for="customers-date", className="mt-2"),
            dcc.Input(id="customers-date", type="date", className="form-control"),
        ]),
        dbc.ModalFooter([
            dbc.Button(id="customers-cancel", color="secondary", outline=True),
            dbc.Button(id="customers-save", color="primary"),
        ]),
    ], id="customers-modal", is_open=False)  # fmt: skip


def state_store() -> Any:
    """The state store's engine (its tables created when missing)."""
    from data.state import ensure_state_schema, state_engine
    from settings import current_settings

    engine = state_engine(current_settings().state_database_url)
    ensure_state_schema(engine)  # idempotent; a fresh state store gets its tables
    return engine


def open_contact(clicks: list[int | None], lang: str | None) -> tuple[Any, ...]:
    """Open the contact dialog for the clicked customer (id only; no personal data sent)."""
    trigger = ctx.triggered_id
    if not trigger or not any(c for c in clicks if c):
        return (dash.no_update,) * 5
    cid = str(trigger["index"]).partition(":")[2]
    title = t("customers.contact.title", normalize_lang(lang), who=cid)
    return True, cid, title, "", date.today().isoformat()


def save_contact(_save: int | None, _cancel: int | None, target: str | None, note: str | None,
                 day: str | None, entity_value: str | None, tab: str | None,
                 saved: int | None) -> tuple[Any, Any]:  # fmt: skip
    """Store the note (state store) and refresh the list; cancel just closes."""
    if ctx.triggered_id != "customers-save" or not target:
        return False, dash.no_update
    from data.customers import customer_visible
    from data.state_contacts import record_contact
    from settings import facts_engine

    scope = current_scope()
    if scope.aggregates_only or not customer_visible(facts_engine(), scope, str(target)):
        log.warning("customers: contact refused for a customer outside the caller's scope")
        return False, dash.no_update
    try:
        on = date.fromisoformat(day) if day else None
    except ValueError:
        on = None
    record_contact(state_store(), str(target), note or "", user_id=current_user_id(), on=on,
                   entity=entity_value, list_kind=tab)  # fmt: skip
    return False, (saved or 0) + 1


def register() -> None:
    """Register the dialog's two callbacks (open for a row; save or cancel)."""
    callback(
        Output("customers-modal", "is_open"), Output("customers-target", "data"),
        Output("customers-modal-title", "children"), Output("customers-note", "value"),
        Output("customers-date", "value"),
        Input({"type": "cust-contact", "index": ALL}, "n_clicks"),
        State("app-lang", "data"),
        prevent_initial_call=True,
    )(open_contact)
    callback(
        Output("customers-modal", "is_open", allow_duplicate=True),
        Output("customers-saved", "data"),
        Input("customers-save", "n_clicks"), Input("customers-cancel", "n_clicks"),
        State("customers-target", "data"), State("customers-note", "value"),
        State("customers-date", "value"), State("customers-entity", "value"),
        State("customers-tab", "active_tab"), State("customers-saved", "data"),
        prevent_initial_call=True,
    )(save_contact)
