"""Messages of the shell: product name, navigation of the shell's own pages, units, errors."""

MESSAGES: dict[str, dict[str, str]] = {
    # product and shell
    "app.name": {"zh": "阿米巴经营看板", "en": "Amoeba Board"},
    "app.tagline": {
        "zh": "加油站团队经营看板：量本费利、红黄绿灯、客户预警",
        "en": "Operating board for fuel-station teams: volume, cost, profit and alerts",
    },
    # a language is named in its own script whatever the current language
    "lang.zh": {"zh": "中文", "en": "中文"},
    "lang.en": {"zh": "EN", "en": "EN"},
    "shell.lang_switch": {"zh": "切换语言", "en": "Switch language"},
    "shell.menu": {"zh": "菜单", "en": "Menu"},
    "shell.footer": {
        "zh": "阿米巴经营看板 · 开源 · 数据仅在本机处理",
        "en": "Amoeba Board · open source · data stays on this server",
    },
    "shell.more": {"zh": "更多", "en": "More"},
    "shell.loading": {"zh": "加载中…", "en": "Loading…"},
    # navigation entries of the shell's own pages
    "nav.home": {"zh": "首页", "en": "Home"},
    "nav.status": {"zh": "数据状态", "en": "Data status"},
    # home (landing until the board exists)
    "home.title": {"zh": "欢迎使用阿米巴经营看板", "en": "Welcome to Amoeba Board"},
    "home.lead": {
        "zh": "选择一个页面开始。数据导入情况请看“数据状态”。",
        "en": "Pick a page to start. See “Data status” for what is loaded.",
    },
    "home.open": {"zh": "打开", "en": "Open"},
    "home.no_pages": {"zh": "暂无其他页面。", "en": "No other pages yet."},
    # not found and bad parameters
    "notfound.title": {"zh": "页面不存在", "en": "Page not found"},
    "notfound.body": {
        "zh": "没有找到地址 {path} 对应的页面。可能链接已过期或输入有误。",
        "en": "There is no page at {path}. The link may be outdated or mistyped.",
    },
    "notfound.home": {"zh": "返回首页", "en": "Back to the home page"},
    "error.bad_param.title": {"zh": "链接参数有误", "en": "Something is wrong with this link"},
    "error.bad_param.body": {
        "zh": "参数 {name} 的值“{value}”无效：{expected}",
        "en": "The value “{value}” of {name} is not valid: {expected}",
    },
    "error.bad_param.hint": {
        "zh": "已按默认条件显示。可修改链接，或从导航重新进入。",
        "en": "Showing the default view instead. Edit the link or start again from the menu.",
    },
    "error.layout.title": {"zh": "页面暂时无法显示", "en": "This page cannot be shown"},
    "error.layout.body": {
        "zh": "链接中的参数可能有误，或页面出现了问题（已记录日志）。请从导航重新进入。",
        "en": "A parameter in the link may be wrong, or the page hit a problem (it was logged). "
              "Please start again from the menu.",
    },
    "error.store.title": {"zh": "无法读取数据库", "en": "Cannot read the database"},
    "error.store.body": {
        "zh": "数据库 {url} 暂时无法打开（{reason}）。请检查 DATABASE_URL 或先导入数据。",
        "en": "The database {url} cannot be opened ({reason}). Check DATABASE_URL or import data first.",
    },
    # the store's tables, for any page that names them (shared vocabulary: reuse, don't redefine)
    "table.products": {"zh": "油品", "en": "Products"},
    "table.stations": {"zh": "加油站", "en": "Stations"},
    "table.customers": {"zh": "客户", "en": "Customers"},
    "table.fuel_sales": {"zh": "油品销售（纯枪）", "en": "Fuel sales"},
    "table.nonfuel_sales": {"zh": "非油销售", "en": "Non-fuel sales"},
    "table.card_recharges": {"zh": "储值卡充值", "en": "Card recharges"},
    "table.expenses": {"zh": "费用", "en": "Expenses"},
    "table.purchase_costs": {"zh": "进价成本", "en": "Purchase costs"},
    "table.plans": {"zh": "计划指标", "en": "Plans"},
    "table.campaigns": {"zh": "营销活动", "en": "Campaigns"},
    "table.campaign_stations": {"zh": "活动参与站", "en": "Campaign stations"},
    "table.agg_customer_month": {"zh": "客户月度汇总", "en": "Customer-month rollup"},
    "table.agg_fuel_day": {"zh": "油品日汇总", "en": "Fuel station-day rollup"},
    "table.import_runs": {"zh": "导入批次", "en": "Import runs"},
    "table.quarantine": {"zh": "隔离行", "en": "Quarantined rows"},
    # units used by components/format.py
    "unit.wan_yuan": {"zh": "万元", "en": "× 10k yuan"},
    "unit.yuan": {"zh": "元", "en": "yuan"},
    "unit.tonne": {"zh": "吨", "en": "t"},
    "unit.pp": {"zh": "个百分点", "en": "pp"},
    "unit.rows": {"zh": "行", "en": "rows"},
    "format.range_sep": {"zh": " 至 ", "en": " – "},
    "format.missing": {"zh": "—", "en": "—"},
}
