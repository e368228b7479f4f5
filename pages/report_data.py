"""The report page's document: composed under the caller's scope, rendered, cached.

Cached by (scope key, entity, month, as-of, language) + the store's data version (the board's
cache helper), so a new import never serves an old report and no scope sees another's.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Engine

from data.org import Entity
from data.scope import Scope
from metrics.periods import Period
from pages.board_data import cached


def report_html(engine: Engine, scope: Scope, entity: Entity, month: Period, as_of: date | None,
                lang: str, embed: bool = True) -> dict[str, Any]:  # fmt: skip
    """{"html": document, "seconds": composition time} for one report (cached)."""
    from reports.compose import ReportRequest, compose
    from reports.render_html import render_html

    def compute() -> dict[str, Any]:
        rep = compose(engine, ReportRequest(entity.level, entity.id, month, scope, as_of))
        return {"html": render_html(rep, lang, embed=embed), "seconds": rep.seconds}

    key = f"report:{scope.key()}:{entity.level}:{entity.id}:{month}:{as_of}:{lang}:{embed}"
    return cached(key, engine, compute)


def report_file(engine: Engine, scope: Scope, entity: Entity, month: Period, as_of: date | None,
                lang: str, kind: str) -> bytes:  # fmt: skip
    """The downloadable report: standalone HTML (UTF-8), PDF or Excel bytes (all cached)."""
    from reports.compose import ReportRequest, compose

    if kind == "html":
        return report_html(engine, scope, entity, month, as_of, lang, embed=False)["html"].encode()

    def compute() -> bytes:
        from reports.render_pdf import render_pdf
        from reports.render_xlsx import render_xlsx

        rep = compose(engine, ReportRequest(entity.level, entity.id, month, scope, as_of))
        return render_pdf(rep, lang) if kind == "pdf" else render_xlsx(rep, lang)

    key = f"report-{kind}:{scope.key()}:{entity.level}:{entity.id}:{month}:{as_of}:{lang}"
    return cached(key, engine, compute)
