"""The rankings page's pickers and texts (a pages helper): URL values, subtitle, weights."""

from __future__ import annotations

from datetime import date
from typing import Any

from dash import html

from components.i18n import t
from metrics.periods import Period, PeriodError
from pages.board_data import registry
from pages.board_params import period_label
from pages.rankings_data import COMPOSITE, indicator_meta

LEVELS = ("team", "station")
DEFAULT_INDICATOR = "fuel_volume_t"


def indicator_options(lang: str) -> list[dict[str, str]]:
    """The indicator picker: the composite first, then every indicator by theme."""
    reg = registry()
    opts = [{"label": "★ " + t("rank.composite", lang), "value": COMPOSITE}]
    for theme, inds in reg.by_theme():
        tname = theme.name_zh if lang == "zh" else theme.name_en
        opts += [{"label": f"{tname} · {i.name_zh if lang == 'zh' else i.name_en}", "value": i.id}
                 for i in inds]  # fmt: skip
    return opts


def pick(query: dict[str, Any], latest: date | None, cities: list[str],
          lang: str) -> tuple[str, str | None, str, str, list[str]]:  # fmt: skip
    """The view a URL asks for; bad values become notices and defaults."""
    notices = []
    ind = query.get("indicator") or DEFAULT_INDICATOR
    if ind != COMPOSITE and ind not in registry().indicators:
        notices.append(t("rank.bad_param", lang, value=str(ind)[:60]))
        ind = DEFAULT_INDICATOR
    period = str(Period.month_of(latest)) if latest else None
    if query.get("period"):
        try:
            period = str(Period.parse(str(query["period"])))
        except PeriodError:
            notices.append(t("rank.bad_param", lang, value=str(query["period"])[:60]))
    level = query.get("level") or "team"
    if level not in LEVELS:
        notices.append(t("rank.bad_param", lang, value=str(level)[:60]))
        level = "team"
    city = query.get("city") or "province"
    if city != "province" and city not in cities:
        notices.append(t("rank.bad_param", lang, value=str(city)[:60]))
        city = "province"
    return ind, period, level, city, notices


def subtitle(data: dict[str, Any], lang: str) -> str:
    """"纯枪销量 · 2026-10 月 · 全省": what is ranked, when, within what."""
    meta = indicator_meta(data["indicator"])
    what = meta["name_zh"] if lang == "zh" else meta["name_en"]
    within = data["city"] or t("rank.within.province", lang)
    latest = date.fromisoformat(data["as_of"]) if data.get("as_of") else None
    return t("rank.subtitle", lang, what=what, within=within,
             window=period_label(Period.parse(data["period"]), latest, lang))


def weights(data: dict[str, Any], lang: str) -> html.Div | None:
    """The composite's weights as chips, with how the score is made."""
    if not data.get("weights"):
        return None
    reg = registry().indicators
    chips = [html.Span(f"{reg[i].name_zh if lang == 'zh' else reg[i].name_en} {w * 100:.0f}%",
                       className="badge text-bg-light me-1 border rank-weight",
                       **{"data-indicator": i}) for i, w in data["weights"].items()]  # fmt: skip
    return html.Div([html.Span(t("rank.weights", lang), className="me-1"), *chips,
                     html.P(t("rank.composite_note", lang), className="small text-muted mb-0")],
                    className="rank-weights mb-2")  # fmt: skip
