"""Deterministic zh/en sentences from a Report's numbers (templates only, no external service)."""

from __future__ import annotations

from typing import Any

from components import format as fmt
from reports import caveats
from reports.contrib import KIND_NAMES
from reports.model import Contributor, Mover, Report, Suggestion

LEVEL = {"province": ("省公司", "province"), "city": ("城市", "city"),
         "team": ("团队", "team"), "station": ("油站", "station")}  # fmt: skip
KIND_EN = {k: v[1] for k, v in KIND_NAMES.items()}
LIGHT = {"green": ("绿灯", "green"), "yellow": ("黄灯", "yellow"), "red": ("红灯", "red"),
         "grey": ("灰灯", "grey")}  # fmt: skip


def _z(lang: str) -> bool:
    return lang == "zh"


def value(v: float | None, unit: str, lang: str) -> str:
    """A value in its unit's display: money in 万元, tonnes, ratios as %, others plain."""
    if unit == "yuan":
        return fmt.wan_yuan(v, lang)
    if unit == "t":
        return fmt.tonnes(v, lang)
    if unit == "ratio":
        return fmt.percent(v)
    if unit == "yuan_per_t":
        return fmt.number(v, 1) if v is None else f"{fmt.number(v, 1)} {'元/吨' if _z(lang) else 'yuan/t'}"
    return fmt.number(v, 2)


def delta(v: float | None, unit: str, lang: str) -> str:
    """A signed change in the unit's display: ratios in percentage points, money in 万元."""
    if v is None:
        return fmt.change_abs(None)
    if unit == "ratio":
        return fmt.change_pp(v, lang)
    if unit == "yuan":
        return fmt.change_abs(None if v is None else v / 10000, 2) + (" 万元" if _z(lang)
                                                                     else " × 10k yuan")
    if unit == "t":
        return fmt.change_abs(v, 2) + (" 吨" if _z(lang) else " t")
    if unit == "liters":
        return fmt.change_abs(v, 0) + (" 升" if _z(lang) else " L")
    return fmt.change_abs(v, 2)


def name(f: Any, lang: str) -> str:
    """The zh or en name of a figure or line."""
    return f.name_zh if _z(lang) else f.name_en


def title(r: Report, lang: str) -> str:
    """The report's title line."""
    lv = LEVEL[r.level][0 if _z(lang) else 1]
    if _z(lang):
        return f"{r.entity_name}（{lv} {r.entity_id}）{r.period} 经营分析报告"
    return f"Operating report: {r.entity_name} ({lv} {r.entity_id}), {r.period}"


def summary(r: Report, lang: str) -> str:
    """Lights count, time progress and the fuel volume headline in one sentence."""
    n = {c: sum(1 for f in r.headlines if f.rag == c) for c in ("green", "yellow", "red")}
    vol = next((f for f in r.headlines if f.id == "fuel_volume_t"), None)
    prog = fmt.percent(r.time_progress)
    vol_txt = value(vol.value if vol else None, "t", lang)
    comp = fmt.percent(vol.completion if vol else None)
    caveat = caveats.sentence(r, lang)  # comparisons on an incomplete base: said, not judged
    if _z(lang):
        return (f"统计区间 {r.window_label}，时间进度 {prog}。8 项头条指标中绿灯 {n['green']} 项、"
                f"黄灯 {n['yellow']} 项、红灯 {n['red']} 项。纯枪销量 {vol_txt}，计划完成率 {comp}。"
                + caveat)
    return (f"Window {r.window_label}, time progress {prog}. Headline lights: "
            f"{n['green']} green, {n['yellow']} yellow, {n['red']} red. Fuel volume "
            f"{vol_txt}, {comp} of plan." + (f" {caveat}" if caveat else ""))


def _who(cs: tuple[Contributor, ...], unit: str, lang: str) -> str:
    """"name (id) ±change; …" of the contributors with a change."""
    def label(c: Contributor) -> str:
        nm = KIND_EN.get(c.id, c.name) if c.level == "product" and not _z(lang) else c.name
        ident = "" if c.level == "product" else (f"（{c.id}）" if _z(lang) else f" ({c.id})")
        return f"{nm}{ident} {delta(c.delta, c.unit or unit, lang)}"

    parts = [label(c) for c in cs if c.delta is not None]
    return ("；" if _z(lang) else "; ").join(parts) or "—"


def _products(kinds: tuple[Contributor, ...], unit: str, lang: str) -> str:
    """"汽油 −0.26 吨（92#汽油 −0.27 吨、95#汽油 +0.01 吨）；柴油 …": each kind with its products."""
    out = []
    for k in (c for c in kinds if c.delta is not None):
        inner = ("、" if _z(lang) else ", ").join(
            f"{p.name} {delta(p.delta, unit, lang)}" for p in k.parts if p.delta is not None)
        head = _who((k,), unit, lang)
        out.append(head + ((f"（{inner}）" if _z(lang) else f" ({inner})") if inner else ""))
    return ("；" if _z(lang) else "; ").join(out) or "—"


def mover(m: Mover, lang: str) -> str:
    """Why a headline moved: its change, then the stations (or other children), product kinds
    and customers that moved it most."""
    f = m.figure
    chg = fmt.change_pct(f.mom_change)
    who = _who(m.contributors, f.unit, lang)
    if _z(lang):
        out = (f"{f.name_zh} {value(f.value, f.unit, lang)}，环比 {chg}（上月同期 "
               f"{value(f.mom_value, f.unit, lang)}）。变化最大的下级：{who}。")
        if m.products:
            out += f"按油品：{_products(m.products, f.unit, lang)}。"
        if m.customers:
            out += f"变化最大的客户（本月至今升数 − 前三个月月均 × 时间进度）：{_who(m.customers, f.unit, lang)}。"
        return out
    out = (f"{f.name_en} {value(f.value, f.unit, lang)}, {chg} on the previous month "
           f"({value(f.mom_value, f.unit, lang)}). Largest changes below: {who}.")
    if m.products:
        out += f" By product: {_products(m.products, f.unit, lang)}."
    if m.customers:
        out += (" Customers who changed most (liters to date − their three-month average × time "
                f"progress): {_who(m.customers, f.unit, lang)}.")
    return out


def place(rank: int | None, of: int, move: int | None, lang: str) -> str:
    """"2/3 ↑1" — a rank of n with its movement since last period ("—" without a rank)."""
    if rank is None:
        return "—"
    mv = "" if move is None else (" =" if move == 0 else f" {'↑' if move > 0 else '↓'}{abs(move)}")
    return f"{rank}/{of}{mv}"


def rank_changes(r: Report, lang: str) -> str:
    """The headlines whose rank in the city or the province moved since last period."""
    k = r.rank
    if k is None or not k.by_headline:
        return ""
    moved = [h for h in k.by_headline if h.city_move or h.province_move]
    if not moved:
        return "各项头条指标的市内、省内排名与上月同期持平。" if _z(lang) else \
            "No headline changed its rank in the city or the province on last period."
    if _z(lang):
        items = [h.name_zh + " " + "、".join(
            ([f"市内 {h.city_prev}→{h.city_rank}"] if h.city_move else [])
            + ([f"省内 {h.province_prev}→{h.province_rank}"] if h.province_move else []))
            for h in moved]  # fmt: skip
        return "排名变化（与上月同期比）：" + "；".join(items) + "。"
    items = [h.name_en + " " + ", ".join(
        ([f"city {h.city_prev}→{h.city_rank}"] if h.city_move else [])
        + ([f"province {h.province_prev}→{h.province_rank}"] if h.province_move else []))
        for h in moved]  # fmt: skip
    return "Rank changes on last period, like for like: " + "; ".join(items) + "."


def rank(r: Report, lang: str) -> str:
    """The rank in the city and its movement."""
    k = r.rank
    if k is None or k.rank is None:
        return "本期无城市排名。" if _z(lang) else "No city rank this period."
    if k.movement is None or k.movement == 0:
        mv = "与上月持平" if _z(lang) else "unchanged on the previous month"
    elif k.movement > 0:
        mv = f"比上月上升 {k.movement} 位" if _z(lang) else f"up {k.movement} on the previous month"
    else:
        mv = f"比上月下降 {-k.movement} 位" if _z(lang) else f"down {-k.movement} on the previous month"
    if _z(lang):
        return f"综合排名：城市 {k.city_id} 内第 {k.rank} 名（共 {k.of} 个），{mv}。"
    return f"Composite rank: {k.rank} of {k.of} in city {k.city_id}, {mv}."


def churn(r: Report, lang: str) -> str:
    """Churn worklist counts."""
    c = r.churn
    if c is None:
        return "客户明细不在您的权限范围内。" if _z(lang) else "Customer rows are outside your access."
    if _z(lang):
        return f"流失预警客户 {c.warning} 个，其中连续两月预警 {c.serious} 个；已流失 {c.lost} 个。"
    return (f"{c.warning} customers on churn warning, {c.serious} of them two months running; "
            f"{c.lost} lost.")


_RULES = {
    "red_headlines": ("红灯指标 {n} 项：{names}。请逐项核对原因并制定追赶措施。",
                      "{n} headline(s) red: {names}. Check each cause and set a catch-up plan."),
    "behind_plan": ("纯枪销量完成率 {completion} 落后时间进度 {progress}：建议加强促销与大客户走访。",
                    "Fuel volume at {completion} of plan, behind time progress {progress}: "
                    "step up promotions and key-account visits."),
    "volume_drop": ("纯枪销量环比 {change}（触发线 {threshold}）：排查竞争对手价格与断供情况。",
                    "Fuel volume {change} on the previous month (trigger {threshold}): check "
                    "competitor prices and stock-outs."),
    "expense_rise": ("吨油费用环比 {change}（触发线 {threshold}）：复核本月费用支出。",
                     "Expense per tonne {change} on the previous month (trigger {threshold}): "
                     "review this month's spending."),
    "churn_calls": ("流失预警客户 {n} 个：优先回访风险升数最大的 {top} 个（合计 {liters} 升）。",
                    "{n} customers on churn warning: call the {top} with most liters at risk "
                    "first ({liters} L)."),
    "rank_fell": ("城市排名由第 {prev} 名降至第 {rank} 名（共 {of} 个）：对照领先团队找差距。",
                  "City rank fell from {prev} to {rank} of {of}: compare with the leaders."),
}


def _params(s: Suggestion, lang: str) -> dict[str, object]:
    p = dict(s.params)
    for k in ("change", "threshold"):
        if k in p:
            p[k] = fmt.change_pct(p[k])  # type: ignore[arg-type]
    for k in ("completion", "progress"):
        if k in p:
            p[k] = fmt.percent(p[k])  # type: ignore[arg-type]
    if "liters" in p:
        p["liters"] = fmt.number(p["liters"], 0)  # type: ignore[arg-type]
    if "ids" in p:
        from metrics.registry import get_registry

        inds = get_registry().indicators
        sep = "、" if _z(lang) else ", "
        p["names"] = sep.join(name(inds[i], lang) for i in p["ids"])  # type: ignore[union-attr]
    return p


def suggestion(s: Suggestion, lang: str) -> str:
    """The advice of a fired rule, with its trigger numbers."""
    zh, en = _RULES[s.rule]
    return (zh if _z(lang) else en).format(**_params(s, lang))
