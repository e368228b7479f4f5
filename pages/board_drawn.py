"""The board's drawn answer: the view's JSON and its components, serialised once and cached.

A warm board used to cost ~90 ms of server CPU although its numbers were a cache hit: building
134 rows of Dash components, then Dash's serialiser walking the tree (plotly's
`clean_to_json_compatible` visits every prop of every component when the tree is not plain
JSON). Here the load callback's whole answer — the view's JSON for `board-data`, the header and
the body — is serialised once, with the very serialiser Dash uses, and cached as text under the
view's key + language + red/yellow switch + scope + data version. A hit is parsed back into
plain dicts and lists, which Dash then writes out without walking (orjson takes them as they
are).

Searching draws only the matching rows from the view's JSON and is not cached: every search
word would be a new entry. The render callback only *reads* this cache (the view it redraws
comes from the browser, so it must never be stored for other users of the same scope).
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlalchemy import Engine

from components.i18n import normalize_lang, t
from components.shell import page_header
from data.org import Entity
from data.scope import Scope
from metrics.periods import Period, window
from pages import board_view
from pages.board_data import BOARD_SECONDS, load_board
from pages.cache import app_cache, cached, full_key

try:  # 3-4x faster on a 220 kB answer; plotly's serialiser uses it too when installed
    from orjson import loads as _loads
except ImportError:  # pragma: no cover - the standard library reads the same JSON
    from json import loads as _loads


def draw(data: dict[str, Any] | None, lang: str | None, search: str | None,
         only_bad: bool | None) -> tuple[Any, Any]:
    """Header and body from the view's JSON, in one language, filtered."""
    lang = normalize_lang(lang)
    if not data:
        return page_header(t("board.title", lang)), None
    if data.get("error"):
        return page_header(t("board.title", lang)), board_view.notice(
            t("board.metrics_missing", lang, reason=data["error"]), lang)
    as_of = date.fromisoformat(data["as_of"]) if data.get("as_of") else None
    return (board_view.header(data, as_of, lang),
            board_view.body(data, lang, search or "", bool(only_bad)))


# What the browser keeps of a view (board-data): enough to name it, and what the drawer reads.
REF_KEYS = ("entity", "period", "as_of", "version", "coverage")


def view_ref(data: dict[str, Any] | None) -> dict[str, Any] | None:
    """The view's reference for the browser's store; an error or no view passes unchanged."""
    if not data or data.get("error"):
        return data
    return {k: data.get(k) for k in REF_KEYS}


def plain(value: Any) -> Any:
    """`value` (components inside lists and tuples) as plain JSON data, through Dash's own
    serialiser, so a cached answer is byte for byte what Dash would have sent."""
    from plotly.io.json import to_json_plotly

    return json.loads(to_json_plotly(value))


def drawn_key(level: str, ident: str, period: str, as_of: str | None, lang: str,
              only_bad: bool) -> str:
    """The request part of a drawn view's cache key (scope and data version are added)."""
    return f"board-drawn:{level}:{ident}:{period}:{as_of}:{lang}:{int(bool(only_bad))}"


def _compute(engine: Engine, scope: Scope, entity: Entity, period: Period, as_of: date | None,
             lang: str, only_bad: bool) -> str:
    data = load_board(engine, scope, entity, period, as_of)
    data["progress"] = window(period, as_of).progress
    header, body = draw(data, lang, "", only_bad)
    return json.dumps(plain([data, header, body]), ensure_ascii=False, separators=(",", ":"))


def drawn_view(engine: Engine, scope: Scope, entity: Entity, period: Period, as_of: date | None,
               lang: str | None, only_bad: bool | None, version: str | None = None) -> list[Any]:
    """`[data, header, body]` of one unfiltered view as plain JSON data, computed once per
    view, language, switch, scope and data version."""
    lang = normalize_lang(lang)
    key = drawn_key(entity.level, entity.id, str(period), as_of.isoformat() if as_of else None,
                    lang, bool(only_bad))
    text = cached(key, engine, lambda: _compute(engine, scope, entity, period, as_of, lang,
                                                bool(only_bad)), scope=scope, version=version,
                  timeout=BOARD_SECONDS)
    return _loads(text)


def cached_drawing(scope: Scope, data: dict[str, Any] | None, lang: str | None,
                   only_bad: bool | None) -> tuple[Any, Any] | None:
    """The cached header and body of the view `data` came from, if drawn before (read only)."""
    cache = app_cache()
    if cache is None or not isinstance(data, dict) or data.get("error") \
            or not data.get("version") or not isinstance(data.get("entity"), dict):
        return None  # not a view this server answered: draw it as it is
    ent = data["entity"]
    key = drawn_key(str(ent.get("level")), str(ent.get("id")), str(data.get("period")),
                    data.get("as_of"), normalize_lang(lang), bool(only_bad))
    text = cache.get(full_key(key, str(data["version"]), scope))
    if text is None:
        return None
    _, header, body = _loads(text)
    return header, body
