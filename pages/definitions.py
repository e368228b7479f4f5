"""Registry entries in display form, shared by the board's drawer and the dictionary page.

A helper of the pages (no page of its own): it reads the frozen registry of the metrics layer
and fills the plain value objects the components take.
"""

from __future__ import annotations

from typing import Any

from components.definition_drawer import DefinitionView
from components.i18n import t
from components.indicator_view import RATIO_UNITS, unit_label
from components.rag import rule_text


def _val(x: Any) -> str:
    """The value of an enum member, or the thing itself as text."""
    return str(getattr(x, "value", x))


def unit_text(unit: str, lang: str) -> str:
    """How the unit reads in a definition: 万元 for money, % for ratios, else its label."""
    if unit == "yuan":
        return t("unit.wan_yuan", lang)
    if unit == "t":
        return t("unit.tonne", lang)
    if unit in RATIO_UNITS:
        return "%"
    return unit_label(unit, lang) or unit


def indicator_name(ind: Any, lang: str) -> str:
    """The indicator's name in `lang`."""
    return ind.name_en if lang == "en" else ind.name_zh


def definition_view(ind: Any, registry: Any, lang: str = "zh") -> DefinitionView:
    """The display form of one registry indicator (names, 口径, formula, rule in words…)."""
    rule = ind.rag.model_dump() if hasattr(ind.rag, "model_dump") else dict(ind.rag)
    rule = {k: _val(v) for k, v in rule.items() if v is not None}
    ref = registry.indicators.get(rule.get("ref", "")) if rule.get("ref") else None
    unit = _val(ind.unit)
    return DefinitionView(
        id=ind.id,
        name_zh=ind.name_zh,
        name_en=ind.name_en,
        theme=registry.theme_name(_val(ind.theme), lang),
        unit=unit_text(unit, lang),
        description=ind.description,
        description_en=ind.description_en or "",
        formula=ind.formula,
        sources=tuple(ind.sources),
        direction=_val(ind.direction),
        rule=rule_text(rule, _val(ind.direction), lang, ratio=unit in RATIO_UNITS,
                       ref_name=indicator_name(ref, lang) if ref is not None else ""),
        levels=tuple(_val(lv) for lv in ind.levels),
        notes=ind.notes or "",
        headline=bool(ind.headline),
    )


def search_text(ind: Any) -> str:
    """What a search matches: both names, the id, both descriptions (lower case)."""
    parts = (ind.id, ind.name_zh, ind.name_en, ind.description, ind.description_en or "")
    return " ".join(parts).lower()


def matches(ind: Any, query: str | None) -> bool:
    """Whether every word of `query` occurs in the indicator's searchable text."""
    words = (query or "").lower().split()
    text = search_text(ind)
    return all(w in text for w in words)
