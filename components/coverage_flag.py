"""The marker on a comparison the data cannot support ("上年同期数据不完整"), with the covered
dates as its tooltip.

Widgets take `Flag`s (text already in the page's language) keyed by what they mark: "value"
(the value is itself a comparison), "mom", "yoy", "plan" and "rag" (the comparison the light is
judged on). The page turns the metrics layer's gaps into flags (`flag_of`); the widgets never
see the metrics types.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from dash import html

from components import format as fmt
from components.i18n import t
from components.indicator_view import IndicatorView, change

MARK = "⚠"
# Which flag a row or card shows first when several apply: the value's own first.
ORDER = ("value", "yoy", "mom", "plan")


@dataclass(frozen=True)
class Flag:
    """One flagged comparison: the words shown and the tooltip naming the dates."""

    text: str
    tip: str


def _d(day: date | None, lang: str) -> str:
    return day.isoformat() if day else t("coverage.no_data", lang)


def flag_of(basis: str, start: date, end: date, first: date | None, last: date | None,
            lang: str) -> Flag:
    """The flag of a comparison over [start, end] on a store covering [first, last]."""
    dates = {"start": start.isoformat(), "end": end.isoformat(), "first": _d(first, lang),
             "last": _d(last, lang)}
    return Flag(t(f"coverage.flag.{basis}", lang), t("coverage.tip", lang, **dates))


def rag_reason(basis: str, start: date, end: date, first: date | None, last: date | None,
               lang: str) -> str:
    """Why a light is grey ("不可比") instead of red or green."""
    return t("coverage.rag_reason", lang, flag=t(f"coverage.flag.{basis}", lang),
             start=start.isoformat(), end=end.isoformat(), first=_d(first, lang),
             last=_d(last, lang))


def numbers_shown(view: IndicatorView, lang: str) -> dict[str, bool]:
    """Which of value, MoM, YoY and plan completion show a number (not "—")."""
    return {"value": view.value is not None, "plan": view.completion is not None,
            "mom": change(view.value, view.mom, view.unit, lang) != fmt.MISSING,
            "yoy": change(view.value, view.yoy, view.unit, lang) != fmt.MISSING}


def first_flag(flags: Mapping[str, Flag] | None,
               shown: Mapping[str, bool] | None = None) -> tuple[str, Flag] | None:
    """The flag a row or card spells out (the value's, else YoY, MoM, plan): only over a number
    on screen (`shown`), since a "—" misleads nobody; its ⚠ and the page's notice say the rest."""
    for key in ORDER:
        if flags and key in flags and (shown is None or shown.get(key, False)):
            return key, flags[key]
    return None


def marker(flag: Flag, cls: str = "cov-flag") -> html.Span:
    """"⚠ 上年同期数据不完整" with the covered dates as its tooltip."""
    return html.Span(f"{MARK} {flag.text}", className=cls, title=flag.tip,
                     **{"aria-label": f"{flag.text}. {flag.tip}"})


def flagged_keys(flags: Mapping[str, Flag] | None) -> str:
    """The data attribute naming what is flagged ("value yoy"), "" when nothing is."""
    return " ".join(k for k in (*ORDER, "rag") if flags and k in flags)
