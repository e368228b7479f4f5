"""The report as one standalone HTML document (Jinja2, charts as inline SVG, no scripts).

`render_html(report, lang, link_base="")`: every number links to its definition at
`{link_base}/dictionary#<indicator id>`; pass the app's address for a file sent by mail.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from components import format as fmt
from components.i18n import t
from components.rag import rag_text
from reports import caveats, svg, text
from reports.model import Figure, Report

_ENV = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"),
                   autoescape=select_autoescape(["html", "j2"]), trim_blocks=True)  # fmt: skip
LABELS = ("summary", "movers", "best", "worst", "rank", "statement", "churn", "suggestions")
COLUMNS = ("indicator", "value", "plan", "completion", "mom", "yoy", "light", "customer",
           "grade", "liters", "at_risk", "rule")  # fmt: skip


def _labels(lang: str) -> dict[str, str]:
    out = {k: t(f"report.sec.{k}", lang) for k in LABELS}
    out |= {k: t(f"report.col.{k}", lang) for k in COLUMNS}
    zh = lang == "zh"
    out |= {"city_rank": "市内排名（较上月同期）" if zh else "Rank in city (vs last period)",
            "province_rank": "省内排名（较上月同期）" if zh else "Rank in province (vs last period)"}
    out |= {"none": t("report.none", lang), "chart": t("report.chart.completion", lang),
            "footer": t("report.footer", lang)}  # fmt: skip
    return out


def _light(f: Figure, lang: str) -> str:
    """"● 绿", or "○ 不可比" for a light greyed because its comparison's base is incomplete."""
    return f"○ {t('coverage.rag_word', lang)}" if f.gap("rag") and f.rag == "grey" else \
        rag_text(f.rag, lang)


def _headlines(r: Report, lang: str, base: str) -> list[dict[str, Any]]:
    def noted(shown: str, f: Figure, what: str) -> str:
        """A number on an incomplete base gets its words after it ("—" misleads nobody)."""
        return shown if shown == fmt.MISSING else shown + caveats.cell_note(f, what, lang)

    return [{"name": text.name(f, lang), "link": base + f.link, "rag": f.rag,
             "value": noted(text.value(f.value, f.unit, lang), f, "value"),
             "plan": text.value(f.plan, f.unit, lang),
             "completion": noted(fmt.percent(f.completion), f, "plan"),
             "mom": noted(fmt.change_pct(f.mom_change), f, "mom"),
             "yoy": noted(fmt.change_pct(f.yoy_change), f, "yoy"), "light": _light(f, lang),
             "reason": f.rag_reason_zh if lang == "zh" else f.rag_reason_en}
            for f in r.headlines]  # fmt: skip


def _statement(r: Report, lang: str, base: str) -> list[dict[str, Any]]:
    yoy_note = ("" if not r.statement_yoy_gap else
                "（" + t("coverage.flag.yoy", lang) + "）" if lang == "zh" else
                " (" + t("coverage.flag.yoy", lang) + ")")
    return [{"name": text.name(s, lang), "link": base + s.link, "depth": min(s.depth, 2),
             "actual": text.value(s.actual, s.unit, lang), "plan": text.value(s.plan, s.unit, lang),
             "completion": fmt.percent(s.completion),
             "yoy": fmt.change_pct(s.yoy) + (yoy_note if s.yoy is not None else ""),
             "rag": s.rag}
            for s in r.statement]  # fmt: skip


def _churn_rows(r: Report) -> list[dict[str, Any]]:
    if r.churn is None:
        return []
    return [{"who": f"{c.name or ''} ({c.customer_id})", "grade": c.grade or "",
             "liters": fmt.number(c.liters_month, 0), "at_risk": fmt.number(c.liters_at_risk, 0)}
            for c in r.churn.top]  # fmt: skip


def _ranks(r: Report, lang: str, base: str) -> list[dict[str, Any]]:
    if r.rank is None:
        return []
    return [{"name": text.name(h, lang), "link": base + h.link,
             "city": text.place(h.city_rank, h.city_of, h.city_move, lang),
             "province": text.place(h.province_rank, h.province_of, h.province_move, lang)}
            for h in r.rank.by_headline]  # fmt: skip


def _movers(movers: tuple, lang: str, base: str) -> list[dict[str, Any]]:  # noqa: ANN001
    return [{"sentence": text.mover(m, lang), "link": base + m.figure.link,
             "svg": Markup(svg.contribution_bars(  # noqa: S704 - our own SVG, text escaped
                 m.contributors, lambda v, u=m.figure.unit: text.delta(v, u, lang)))}
            for m in movers]  # fmt: skip


def context(r: Report, lang: str, link_base: str = "") -> dict[str, Any]:
    """Everything the template shows, already formatted in `lang`."""
    as_of = fmt.date(r.as_of) if r.as_of else r.period
    return {
        "lang": lang, "title": text.title(r, lang), "L": _labels(lang),
        "meta": t("report.generated", lang, seconds=f"{r.seconds:.2f}", as_of=as_of),
        "summary": text.summary(r, lang), "headlines": _headlines(r, lang, link_base),
        "completion_svg": Markup(svg.completion_bars(r.headlines, r.time_progress, lang)),  # noqa: S704
        "best": _movers(r.best, lang, link_base), "worst": _movers(r.worst, lang, link_base),
        "rank": text.rank(r, lang), "rank_changes": text.rank_changes(r, lang),
        "rank_rows": _ranks(r, lang, link_base), "statement": _statement(r, lang, link_base),
        "churn": text.churn(r, lang), "churn_rows": _churn_rows(r),
        "suggestions": [{"text": text.suggestion(s, lang), "rule": s.rule} for s in r.suggestions],
        "page_label": Markup("第 \" counter(page) \" 页 / 共 \" counter(pages) \" 页" if lang == "zh"
                       else "Page \" counter(page) \" of \" counter(pages) \""),
    }  # fmt: skip


def render_html(report: Report, lang: str = "zh", link_base: str = "", embed: bool = False) -> str:
    """The standalone HTML document of the report in `lang` (zh | en); `embed` (shown inside
    the app's page in a frame) opens the definition links in the whole window."""
    return _ENV.get_template("report.html.j2").render(embed=embed,
                                                      **context(report, lang, link_base))
