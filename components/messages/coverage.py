"""Messages of the coverage flags: comparisons leaning on days the store holds no data for."""

MESSAGES: dict[str, dict[str, str]] = {
    "coverage.flag.yoy": {"zh": "上年同期数据不完整", "en": "Prior-period data incomplete"},
    "coverage.flag.mom": {"zh": "上期数据不完整", "en": "Previous-period data incomplete"},
    "coverage.flag.ytd": {"zh": "年初至今数据不完整", "en": "Year-to-date data incomplete"},
    "coverage.flag.plan": {"zh": "本期数据不完整，计划不可比",
                           "en": "Period data incomplete: plan not comparable"},
    "coverage.tip": {
        "zh": "数据覆盖 {first} 至 {last}；比较期 {start} 至 {end} 不在其内，数值照常计算但不可作为增长结论。",
        "en": "Data covers {first} to {last}; the comparison window {start} to {end} is not "
              "wholly inside it. The value is computed as usual but is no finding.",
    },
    "coverage.no_data": {"zh": "无数据", "en": "no data"},
    "coverage.rag_word": {"zh": "不可比", "en": "Not comparable"},
    "coverage.rag_reason": {"zh": "{flag}（比较期 {start} 至 {end}，数据覆盖 {first} 至 {last}）→ 不可比",
                            "en": "{flag} (comparison window {start} to {end}, data covers "
                                  "{first} to {last}) → not comparable"},
    "coverage.drawer": {"zh": "比较口径提示", "en": "Comparison caveat"},
    "coverage.value": {"zh": "指标值", "en": "Value"},
    "coverage.notice.yoy": {"zh": "同比基期 {start} 至 {end}", "en": "the YoY base {start} to {end}"},
    "coverage.notice.mom": {"zh": "环比基期 {start} 至 {end}", "en": "the MoM base {start} to {end}"},
    "coverage.notice": {
        "zh": "⚠ 比较期数据不完整：{items} 不全在数据覆盖范围（{first} 至 {last}）内。标 ⚠ 的比较照常计算，但不作为增减结论；据此判断的灯显示为“不可比”。",
        "en": "⚠ Comparison data incomplete: {items} is not wholly inside the data ({first} to "
              "{last}). Comparisons marked ⚠ are computed as usual but are no finding; lights "
              "judged on them read \"Not comparable\".",
    },
}
