"""Messages of the alert feed (预警)."""

MESSAGES: dict[str, dict[str, str]] = {
    "nav.alerts": {"zh": "预警", "en": "Alerts"},
    "alerts.title": {"zh": "预警", "en": "Alerts"},
    "alerts.subtitle": {
        "zh": "销量骤降、重点客户流失、异常优惠等预警，仅显示您权限范围内的站点",
        "en": "Volume drops, key-customer churn, abnormal discounts — only within your scope",
    },
    "alerts.description": {"zh": "预警推送与处理", "en": "Push alerts and follow-up"},
    "alerts.filter.severity": {"zh": "级别", "en": "Severity"},
    "alerts.filter.rule": {"zh": "规则", "en": "Rule"},
    "alerts.filter.state": {"zh": "状态", "en": "State"},
    "alerts.all": {"zh": "全部", "en": "All"},
    "alerts.severity.red": {"zh": "红色", "en": "Red"},
    "alerts.severity.yellow": {"zh": "黄色", "en": "Yellow"},
    "alerts.state.open": {"zh": "未处理", "en": "Open"},
    "alerts.state.acknowledged": {"zh": "已确认", "en": "Acknowledged"},
    "alerts.state.resolved": {"zh": "已解决", "en": "Resolved"},
    "alerts.ack": {"zh": "确认", "en": "Acknowledge"},
    "alerts.resolve": {"zh": "解决", "en": "Resolve"},
    "alerts.by": {"zh": "{who} 于 {at}", "en": "by {who} at {at}"},
    "alerts.count": {"zh": "共 {n} 条", "en": "{n} alerts"},
    "alerts.empty": {"zh": "没有符合条件的预警", "en": "No alert matches"},
    "alerts.open_red": {"zh": "未处理红色预警 {n} 条", "en": "{n} open red alerts"},
    "alerts.someone": {"zh": "（开发模式）", "en": "(development)"},
}
