"""The translation catalogue: every user-facing string goes through `t(key, lang)`.

Messages live in `components/messages/<area>.py`, each defining
`MESSAGES = {"area.key": {"zh": "…", "en": "…"}}`. All modules of that package are merged at
first use; a key defined twice or missing a language is a *problem* (see `catalogue_problems()`,
which a unit test requires to be empty). An unknown key renders loudly as `⟦key⟧` and is logged
once, so a typo shows on screen instead of silently falling back.

How a page follows the current language (the pattern every page uses)
-----------------------------------------------------------------------
The language lives in `dcc.Store(id="app-lang", storage_type="local")` in the shell (default
`"zh"`; `?lang=en` in any URL or the 中文/EN switch in the navbar set it). A page's `layout()`
returns only a skeleton: containers with ids, plus a `dcc.Store` holding the URL query it was
given. A callback taking `Input("app-lang", "data")` renders the text, so switching language
re-renders in place without a reload::

    dash.register_page(__name__, path="/board", nav_key="nav.board", order=10)

    def layout(team: str | None = None, **_query: str) -> Component:   # defaults for all args
        return html.Div([dcc.Store(id="board-query", data={"team": team}),
                         html.Div(id="board-body")])

    @callback(Output("board-body", "children"),
              Input("app-lang", "data"), Input("board-query", "data"))
    def render(lang: str | None, query: dict) -> Component:
        lang = normalize_lang(lang)
        return page_header(t("board.title", lang), ...)

`layout` must accept `**_query`: Dash passes every URL parameter (including `lang`) as a keyword
(`tests/pages/test_page_contract.py` checks every registered page). Validate parameters in the
callback, not in `layout`; for a bad value show `components.shell.param_error(lang, name, value,
expected)` above the default view. Should a layout raise anyway, the shell's guard
(`components/page_guard.py`) shows a notice instead of a blank page. Navigation labels come from
the page attribute `nav_key` (a catalogue key), see `components/shell.py`; numbers are written
with `components/format.py`.
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType

LANGS: tuple[str, ...] = ("zh", "en")
DEFAULT_LANG = "zh"

log = logging.getLogger(__name__)

Catalogue = Mapping[str, Mapping[str, str]]


def normalize_lang(value: object) -> str:
    """Map a stored or requested language to one of `LANGS` (anything else → the default)."""
    if isinstance(value, str):
        code = value.strip().lower().replace("_", "-")
        if code.startswith("en"):
            return "en"
        if code.startswith("zh"):
            return "zh"
    return DEFAULT_LANG


def _message_modules() -> list[tuple[str, Mapping[str, Mapping[str, str]]]]:
    """Import every module of `components.messages`, returning (module name, MESSAGES)."""
    package = importlib.import_module("components.messages")
    found = []
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"components.messages.{info.name}")
        found.append((info.name, getattr(module, "MESSAGES", {})))
    return found


def merge_messages(
    sources: list[tuple[str, Mapping[str, Mapping[str, str]]]],
) -> tuple[dict[str, dict[str, str]], list[str]]:
    """Merge message dicts; return the catalogue and a list of problems (duplicates, gaps)."""
    merged: dict[str, dict[str, str]] = {}
    owner: dict[str, str] = {}
    problems: list[str] = []
    for name, messages in sources:
        for key, texts in messages.items():
            if key in merged:
                problems.append(f"{key}: defined in both {owner[key]} and {name}")
                continue
            missing = [lang for lang in LANGS if not str(texts.get(lang, "")).strip()]
            if missing:
                problems.append(f"{key} ({name}): missing {', '.join(missing)}")
            extra = sorted(set(texts) - set(LANGS))
            if extra:
                problems.append(f"{key} ({name}): unknown language {', '.join(extra)}")
            merged[key] = dict(texts)
            owner[key] = name
    return merged, problems


@lru_cache(maxsize=1)
def _loaded() -> tuple[Catalogue, tuple[str, ...]]:
    merged, problems = merge_messages(_message_modules())
    for problem in problems:
        log.error("translation catalogue: %s", problem)
    frozen = MappingProxyType({k: MappingProxyType(v) for k, v in merged.items()})
    return frozen, tuple(problems)


def catalogue() -> Catalogue:
    """The merged, read-only catalogue (loaded once)."""
    return _loaded()[0]


def catalogue_problems() -> tuple[str, ...]:
    """Duplicate keys and keys missing a language; empty when the catalogue is sound."""
    return _loaded()[1]


@lru_cache(maxsize=256)
def _warn_unknown(key: str) -> None:
    # Cached so a missing key in a re-rendered list logs once, not on every render.
    log.error("translation: unknown key %r", key)


def has_key(key: str) -> bool:
    """Whether the catalogue defines `key`."""
    return key in catalogue()


def t(key: str, lang: str | None = DEFAULT_LANG, **fmt: object) -> str:
    """The text of `key` in `lang`, with `{name}` placeholders filled from `fmt`.

    Unknown keys return `⟦key⟧` (and are logged); a language gap falls back to Chinese.
    """
    texts = catalogue().get(key)
    if texts is None:
        _warn_unknown(key)
        return f"⟦{key}⟧"
    lang = normalize_lang(lang)
    text = texts.get(lang) or texts.get(DEFAULT_LANG, f"⟦{key}⟧")
    if not fmt:
        return text
    try:
        return text.format(**fmt)
    except (KeyError, IndexError, ValueError):
        log.error("translation: cannot format %r with %s", key, sorted(fmt))
        return text
