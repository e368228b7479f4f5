"""The board's view from its URL: which entity, which period, as of which day (a pages helper).

`/board?team=T01&period=2026-10&as_of=2026-10-15`. A bad or unknown value never raises: it
becomes a notice, and the default takes its place. The period containing the latest data day is
always taken to date (as of that day), so a month that has only 15 days of data is never judged
as if it were closed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlencode

from components.i18n import t
from data.org import LEVELS, Entity
from metrics.periods import Period, PeriodError, PeriodKind, add_months

# Closed periods offered in the picker, newest first.
MONTHS_BACK, QUARTERS_BACK, YEARS_BACK = 24, 8, 3


@dataclass(frozen=True)
class Selection:
    """What the board shows, and the notices about URL values that were replaced by defaults."""

    entity: Entity | None
    period: Period | None
    as_of: date | None
    notices: tuple[str, ...] = field(default_factory=tuple)

    @property
    def entity_value(self) -> str:
        """The entity picker's value, `level:id`."""
        return f"{self.entity.level}:{self.entity.id}" if self.entity else ""


def entity_value(entity: Entity) -> str:
    """The picker value of an entity."""
    return f"{entity.level}:{entity.id}"


def parse_entity_value(value: str | None, entities: list[Entity]) -> Entity | None:
    """The entity a picker value `level:id` names, if the caller may see it."""
    level, _, ident = (value or "").partition(":")
    return next((e for e in entities if e.level == level and e.id == ident), None)


def _default_entity(entities: list[Entity]) -> Entity | None:
    """A team first (the board is a team leader's home), else the broadest entity visible."""
    for level in ("team", "city", "province", "station"):
        found = [e for e in entities if e.level == level]
        if found:
            return found[0]
    return None


def effective_as_of(period: Period, latest: date | None, asked: date | None) -> date | None:
    """The as-of day of a period: the asked day if inside it, else the latest data day if inside."""
    for day in (asked, latest):
        if day is not None and period.contains(day):
            return day
    return None


def _pick_entity(query: dict[str, str | None], entities: list[Entity], lang: str,
                 notices: list[str]) -> Entity | None:
    for level in LEVELS:
        wanted = query.get(level)
        if wanted:
            found = parse_entity_value(f"{level}:{wanted}", entities)
            if found is None:
                notices.append(t("board.bad_entity", lang, level=t(f"level.{level}", lang),
                                 value=str(wanted)[:60]))
                break
            return found
    return _default_entity(entities)


def _pick_as_of(raw: str | None, lang: str, notices: list[str]) -> date | None:
    if not raw:
        return None
    try:
        return date.fromisoformat(raw.strip())
    except ValueError:
        notices.append(t("board.bad_as_of", lang, value=str(raw)[:60]))
        return None


def resolve(query: dict[str, str | None], entities: list[Entity], latest: date | None,
            lang: str = "zh") -> Selection:
    """The selection a URL query asks for, defaults where it asks for nothing or nonsense."""
    notices: list[str] = []
    entity = _pick_entity(query, entities, lang, notices)
    asked = _pick_as_of(query.get("as_of"), lang, notices)
    period: Period | None = None
    if query.get("period"):
        try:
            period = Period.parse(str(query["period"]))
        except PeriodError:
            notices.append(t("board.bad_period", lang, value=str(query["period"])[:60]))
    if period is None:
        base = asked or latest
        period = Period.month_of(base) if base else None
    as_of = effective_as_of(period, latest, asked) if period else None
    return Selection(entity, period, as_of, tuple(notices))


def period_options(latest: date | None, lang: str = "zh") -> list[dict[str, str]]:
    """Picker options: months, quarters, years up to the latest data day, newest first."""
    if latest is None:
        return []
    current = Period.month_of(latest)
    months = [current.shift(-i) for i in range(MONTHS_BACK)]
    quarter = Period(PeriodKind.QUARTER, latest.year, (latest.month - 1) // 3 + 1)
    quarters = [quarter.shift(-i) for i in range(QUARTERS_BACK)]
    years = [Period(PeriodKind.YEAR, latest.year - i) for i in range(YEARS_BACK)]
    return [{"label": period_label(p, latest, lang), "value": str(p)}
            for p in months + quarters + years]


def period_label(period: Period, latest: date | None, lang: str = "zh") -> str:
    """"2026-11（本月至今，截至 11-24）" for the running period, "2026-10 月" for a closed one."""
    if latest is not None and period.contains(latest) and latest < period.end:
        return t("board.window_to_date", lang, period=str(period), day=latest.isoformat())
    return t(f"board.period.{period.kind.value}", lang, period=str(period))


def month_labels(period: Period, as_of: date | None, n: int = 13) -> list[Period]:
    """The `n` months ending with the selection's last month, oldest first (trend axes)."""
    last = Period.month_of(as_of) if as_of else Period.month_of(period.end)
    first = add_months(last.start, -(n - 1))
    return [Period.month_of(add_months(first, i)) for i in range(n)]


def entity_options(entities: list[Entity], lang: str = "zh") -> list[dict[str, str]]:
    """Picker options "团队 · 福州一队 (T01)", grouped by level in the order given."""
    return [{"label": f"{t(f'level.{e.level}', lang)} · {e.name} ({e.id})",
             "value": entity_value(e)} for e in entities]


def query_string(sel_entity: str, period: str, as_of: str | None) -> str:
    """The URL query of a view: `?team=T01&period=2026-10` (as_of only when asked)."""
    level, _, ident = sel_entity.partition(":")
    parts = [(level, ident)] if level in LEVELS and ident else []
    parts += [(k, v) for k, v in (("period", period), ("as_of", as_of)) if v]
    return "?" + urlencode(parts) if parts else ""
