"""Messages of the team board, its indicator drawer (指标解析) and the shared indicator widgets."""

MESSAGES: dict[str, dict[str, str]] = {
    "nav.board": {"zh": "团队看板", "en": "Team board"},
    "board.title": {"zh": "团队看板", "en": "Team board"},
    "board.subtitle": {
        "zh": "{entity} · {period}",
        "en": "{entity} · {period}",
    },
    # pickers
    "board.level": {"zh": "层级", "en": "Level"},
    "board.entity": {"zh": "对象", "en": "Entity"},
    "board.period": {"zh": "统计期", "en": "Period"},
    "board.time_progress": {"zh": "时间进度 {progress}", "en": "Time progress {progress}"},
    "board.period.month": {"zh": "{period} 月", "en": "Month {period}"},
    "board.period.quarter": {"zh": "{period} 季度", "en": "Quarter {period}"},
    "board.period.year": {"zh": "{period} 年", "en": "Year {period}"},
    "board.as_of": {"zh": "数据截至 {day}", "en": "Data as of {day}"},
    "board.window_to_date": {"zh": "{period}（截至 {day}）", "en": "{period} (to {day})"},
    "board.search": {"zh": "搜索指标名称或编号", "en": "Search indicators"},
    "board.only_bad": {"zh": "只看红灯和黄灯", "en": "Only red and yellow"},
    "board.headline": {"zh": "核心指标", "en": "Headline indicators"},
    "board.all_indicators": {"zh": "全部 {n} 项指标", "en": "All {n} indicators"},
    "board.no_match": {"zh": "没有符合条件的指标。", "en": "No indicator matches."},
    "board.share_link": {"zh": "本视图链接", "en": "Link to this view"},
    # levels
    "level.province": {"zh": "省公司", "en": "Province"},
    "level.city": {"zh": "地市", "en": "City"},
    "level.team": {"zh": "团队", "en": "Team"},
    "level.station": {"zh": "加油站", "en": "Station"},
    "level.customer": {"zh": "客户", "en": "Customer"},
    # lights
    "rag.green": {"zh": "绿", "en": "Green"},
    "rag.yellow": {"zh": "黄", "en": "Yellow"},
    "rag.red": {"zh": "红", "en": "Red"},
    "rag.grey": {"zh": "灰", "en": "Grey"},
    "rag.counts": {
        "zh": "红 {red} · 黄 {yellow} · 绿 {green} · 灰 {grey}",
        "en": "Red {red} · Yellow {yellow} · Green {green} · Grey {grey}",
    },
    # cards and rows
    "card.plan": {"zh": "计划完成", "en": "Plan"},
    "card.plan_of": {"zh": "完成 {done} · 时间进度 {progress}", "en": "{done} done · time {progress}"},
    "card.no_plan": {"zh": "无计划", "en": "No plan"},
    "card.mom": {"zh": "环比", "en": "MoM"},
    "card.yoy": {"zh": "同比", "en": "YoY"},
    "card.trend": {"zh": "近13个月", "en": "Last 13 months"},
    "card.open": {"zh": "查看指标解析：{name}", "en": "Open the definition of {name}"},
    "row.value": {"zh": "本期值", "en": "Value"},
    # errors and empty states
    "board.bad_entity": {
        "zh": "找不到{level}“{value}”，或您无权查看。已显示默认视图。",
        "en": "No {level} “{value}” exists, or you may not see it. Showing the default view.",
    },
    "board.bad_period": {
        "zh": "统计期“{value}”无效（请用 2026-10、2026-Q3 或 2026）。已显示默认统计期。",
        "en": "The period “{value}” is not valid (use 2026-10, 2026-Q3 or 2026). Showing the default.",
    },
    "board.bad_as_of": {
        "zh": "日期“{value}”无效（请用 2026-10-15）。已按最新数据日显示。",
        "en": "The date “{value}” is not valid (use 2026-10-15). Showing the latest data day.",
    },
    "board.no_data": {
        "zh": "数据库中还没有数据。请先导入数据或生成演示数据。",
        "en": "The store holds no data yet. Import data or generate the demo first.",
    },
    "board.no_entities": {
        "zh": "您的账号没有可查看的组织。",
        "en": "Your account may not see any part of the organisation.",
    },
    "board.metrics_missing": {
        "zh": "指标计算服务暂不可用：{reason}",
        "en": "Indicator evaluation is unavailable: {reason}",
    },
    # drawer (指标解析)
    "drawer.title": {"zh": "指标解析", "en": "Indicator explained"},
    "drawer.close": {"zh": "关闭", "en": "Close"},
    "drawer.value": {"zh": "本期值", "en": "Value"},
    "drawer.description": {"zh": "口径说明", "en": "Definition"},
    "drawer.formula": {"zh": "计算公式", "en": "Formula"},
    "drawer.substituted": {"zh": "代入本期数值", "en": "With this period's inputs"},
    "drawer.inputs": {"zh": "计算要素", "en": "Inputs"},
    "drawer.sources": {"zh": "数据来源", "en": "Sources"},
    "drawer.rag_rule": {"zh": "红黄绿灯规则", "en": "Light rule"},
    "drawer.why": {"zh": "为什么是这个颜色", "en": "Why this colour"},
    "drawer.trend": {"zh": "近13个月走势", "en": "13-month trend"},
    "drawer.rank": {"zh": "排名", "en": "Rank"},
    "drawer.rank_city": {"zh": "市内排名 {rank} / {n}", "en": "Rank in city {rank} of {n}"},
    "drawer.rank_province": {"zh": "省内排名 {rank} / {n}", "en": "Rank in province {rank} of {n}"},
    "drawer.rank_none": {"zh": "无可比对象", "en": "Nothing to compare with"},
    "drawer.rows": {"zh": "明细数据", "en": "Rows behind the number"},
    "drawer.rows_link": {"zh": "查看构成该数值的明细行", "en": "Open the rows behind this number"},
    "drawer.direction": {"zh": "方向", "en": "Direction"},
    "drawer.direction.higher_better": {"zh": "越高越好", "en": "Higher is better"},
    "drawer.direction.lower_better": {"zh": "越低越好", "en": "Lower is better"},
    "drawer.unit": {"zh": "单位", "en": "Unit"},
    "drawer.theme": {"zh": "主题", "en": "Theme"},
    "drawer.levels": {"zh": "适用层级", "en": "Levels"},
    "drawer.notes": {"zh": "备注", "en": "Notes"},
    "drawer.period_scope": {"zh": "统计期与范围", "en": "Period and scope"},
    "drawer.unavailable": {
        "zh": "暂时无法解析该指标：{reason}",
        "en": "This indicator cannot be explained right now: {reason}",
    },
    "drawer.unknown": {"zh": "未知指标：{id}", "en": "Unknown indicator: {id}"},
    # RAG rules in words (components/rag.py rule_text)
    "rule.plan_progress.higher_better": {
        "zh": "计划完成率 ≥ 时间进度为绿；≥ 95% × 时间进度为黄；否则为红",
        "en": "Green when plan completion ≥ time progress; yellow ≥ 95% of it; else red",
    },
    "rule.plan_progress.lower_better": {
        "zh": "预算执行率 ≤ 时间进度为绿；≤ 105% × 时间进度为黄；否则为红",
        "en": "Green when budget used ≤ time progress; yellow ≤ 105% of it; else red",
    },
    "rule.target.higher_better": {
        "zh": "达到目标 {target} 为绿；差距在 {tolerance} 以内为黄；否则为红",
        "en": "Green at or above the target {target}; yellow within {tolerance}; else red",
    },
    "rule.target.lower_better": {
        "zh": "不高于目标 {target} 为绿；超出在 {tolerance} 以内为黄；否则为红",
        "en": "Green at or below the target {target}; yellow within {tolerance}; else red",
    },
    "rule.threshold.higher_better": {
        "zh": "≥ {green} 为绿；≥ {yellow} 为黄；否则为红",
        "en": "Green ≥ {green}; yellow ≥ {yellow}; else red",
    },
    "rule.threshold.lower_better": {
        "zh": "≤ {green} 为绿；≤ {yellow} 为黄；否则为红",
        "en": "Green ≤ {green}; yellow ≤ {yellow}; else red",
    },
    "rule.growth.higher_better": {
        "zh": "{basis}增长 ≥ {green} 为绿；≥ {yellow} 为黄；否则为红",
        "en": "{basis} growth: green ≥ {green}; yellow ≥ {yellow}; else red",
    },
    "rule.growth.lower_better": {
        "zh": "{basis}增长 ≤ {green} 为绿；≤ {yellow} 为黄；否则为红",
        "en": "{basis} growth: green ≤ {green}; yellow ≤ {yellow}; else red",
    },
    "rule.change.higher_better": {
        "zh": "较{basis}变化 ≥ {green} 为绿；≥ {yellow} 为黄；否则为红",
        "en": "Change on {basis}: green ≥ {green}; yellow ≥ {yellow}; else red",
    },
    "rule.change.lower_better": {
        "zh": "较{basis}变化 ≤ {green} 为绿；≤ {yellow} 为黄；否则为红",
        "en": "Change on {basis}: green ≤ {green}; yellow ≤ {yellow}; else red",
    },
    "rule.benchmark.higher_better": {
        "zh": "与所在地市水平之比 ≥ 100% 为绿；≥ {yellow} 为黄；否则为红",
        "en": "Against the city's level: green ≥ 100%; yellow ≥ {yellow}; else red",
    },
    "rule.benchmark.lower_better": {
        "zh": "与所在地市水平之比 ≤ 100% 为绿；≤ {yellow} 为黄；否则为红",
        "en": "Against the city's level: green ≤ 100%; yellow ≤ {yellow}; else red",
    },
    "rule.growth_vs": {
        "zh": "增长不快于“{ref}”为绿；快出不超过 {tolerance} 为黄；否则为红",
        "en": "Green when it grows no faster than “{ref}”; yellow within {tolerance}; else red",
    },
    "rule.relative": {
        "zh": "≤ {green} × “{ref}” 为绿；≤ {yellow} × “{ref}” 为黄；否则为红",
        "en": "Green ≤ {green} × “{ref}”; yellow ≤ {yellow} × “{ref}”; else red",
    },
    "rule.rank": {
        "zh": "排名前三分之一为绿；前三分之二为黄；其余为红",
        "en": "Green in the top third; yellow in the top two thirds; else red",
    },
    "rule.basis.yoy": {"zh": "同比", "en": "Year-on-year"},
    "rule.basis.mom": {"zh": "环比", "en": "Month-on-month"},
    "rule.grey": {
        "zh": "无法计算时（无计划、无上年数、分母为零）为灰灯",
        "en": "Grey when it cannot be computed (no plan, no last-year value, zero denominator)",
    },
}

# Display labels of the catalogue's units (components/indicator_view.py). Ratios have none: they
# render as percentages. Kept here because only the indicator widgets use them.
_UNITS: dict[str, tuple[str, str]] = {
    "liters": ("升", "L"),
    "yuan_per_t": ("元/吨", "yuan/t"),
    "yuan_per_liter": ("元/升", "yuan/L"),
    "yuan_per_txn": ("元/笔", "yuan/txn"),
    "yuan_per_item": ("元/件", "yuan/item"),
    "yuan_per_m2": ("元/㎡", "yuan/m²"),
    "yuan_per_person": ("元/人", "yuan/person"),
    "yuan_per_station": ("元/站", "yuan/station"),
    "yuan_per_store_day": ("元/店·日", "yuan/store-day"),
    "yuan_per_station_day": ("元/站·日", "yuan/station-day"),
    "txn": ("笔", "txns"),
    "station": ("座", "stations"),
    "multiple": ("倍", "×"),
    "days": ("天", "days"),
    "items_per_txn": ("件/笔", "items/txn"),
    "liters_per_txn": ("升/笔", "L/txn"),
    "t_per_station": ("吨/站", "t/station"),
    "t_per_station_day": ("吨/站·日", "t/station-day"),
    "t_per_person": ("吨/人", "t/person"),
    "t_per_nozzle_day": ("吨/枪·日", "t/nozzle-day"),
    "txn_per_station_day": ("笔/站·日", "txn/station-day"),
    "txn_per_nozzle_day": ("笔/枪·日", "txn/nozzle-day"),
    "visits_per_member": ("次/人·月", "visits/member·month"),
    "liters_per_member": ("升/人·月", "L/member·month"),
    "customers_per_manager": ("个/人", "customers/manager"),
    "person": ("人", "persons"),
}
MESSAGES.update(
    {f"ind_unit.{unit}": {"zh": zh, "en": en} for unit, (zh, en) in _UNITS.items()}
)
