"""Messages of the wall display (大屏)."""

MESSAGES: dict[str, dict[str, str]] = {
    "nav.wall": {"zh": "大屏", "en": "Wall display"},
    "wall.title": {"zh": "{province} 经营大屏", "en": "{province} operations wall"},
    "wall.as_of": {"zh": "数据截至 {day}", "en": "Data as of {day}"},
    "wall.stale": {
        "zh": "⚠ 数据已 {days} 天未更新，请检查数据导入",
        "en": "⚠ Data is {days} days old: check the data import",
    },
    "wall.no_data": {"zh": "暂无数据", "en": "No data yet"},
    "wall.error": {"zh": "大屏数据暂时无法读取（{reason}），稍后自动重试", "en":
                   "Wall data cannot be read right now ({reason}); retrying automatically"},
    "wall.view.overview": {"zh": "全省概览", "en": "Province overview"},
    "wall.view.cities": {"zh": "地市排名", "en": "City league table"},
    "wall.view.teams": {"zh": "团队排名", "en": "Team league table"},
    "wall.view.red": {"zh": "红灯最多的团队", "en": "Teams with most red lights"},
    "wall.view.trends": {"zh": "近13个月走势", "en": "13-month trends"},
    "wall.rank": {"zh": "名次", "en": "Rank"},
    "wall.name": {"zh": "名称", "en": "Name"},
    "wall.ranked_by": {"zh": "按“{name}”排名", "en": "Ranked by “{name}”"},
    "wall.red_count": {"zh": "红灯数", "en": "Red lights"},
    "wall.yellow_count": {"zh": "黄灯数", "en": "Yellow lights"},
    "wall.city": {"zh": "地市", "en": "City"},
    "wall.page": {"zh": "{i} / {n}", "en": "{i} / {n}"},
    "wall.updated": {"zh": "刷新于 {time}", "en": "Refreshed {time}"},
}
