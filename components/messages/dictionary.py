"""Messages of the indicator dictionary page (指标字典)."""

MESSAGES: dict[str, dict[str, str]] = {
    "nav.dictionary": {"zh": "指标字典", "en": "Indicator dictionary"},
    "dictionary.title": {"zh": "指标字典", "en": "Indicator dictionary"},
    "dictionary.subtitle": {
        "zh": "{n} 项指标 · {themes} 个主题 · 口径、公式、数据来源与红黄绿灯规则",
        "en": "{n} indicators · {themes} themes · definitions, formulas, sources and light rules",
    },
    "dictionary.search": {
        "zh": "搜索名称、编号或口径说明…",
        "en": "Search names, ids or definitions…",
    },
    "dictionary.found": {"zh": "找到 {n} 项", "en": "{n} found"},
    "dictionary.none": {"zh": "没有符合“{q}”的指标。", "en": "No indicator matches “{q}”."},
    "dictionary.headline": {"zh": "核心指标", "en": "Headline"},
    "dictionary.unavailable": {
        "zh": "指标目录暂时无法读取：{reason}",
        "en": "The indicator catalogue cannot be read: {reason}",
    },
    "dictionary.open_board": {"zh": "在看板中查看", "en": "See it on the board"},
}
