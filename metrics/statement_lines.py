"""The lines of the operating statement (量本费利) and the composed indicators some lines need.

A line names the indicator it shows: a catalogue id where the catalogue has exactly that
number, else a composed indicator (id `stmt_*`) over base measures of measures.yaml, defined
here with a definition as complete as a catalogue entry's, so a click explains it the same way.
Composed indicators live only in the statement's registry (metrics.statement.registry); the
catalogue keeps its 134 indicators.
"""

from __future__ import annotations

from dataclasses import dataclass

from metrics.model import Basis, Direction, Indicator, RagKind, RagRule, Theme, Unit

# Which sections a line belongs to: 量 本 费 利 in reading order.
SECTIONS = ("volume", "revenue", "cost", "gross_profit", "expenses", "profit", "per_tonne")


@dataclass(frozen=True)
class Line:
    """One statement line: id (= its indicator's id), names, section, indent depth, parts."""

    id: str
    name_zh: str
    name_en: str
    section: str
    depth: int
    unit: str  # t | yuan | yuan_per_t
    parts: tuple[str, ...] = ()
    parent: str | None = None
    direction: str = "higher_better"

    @property
    def indicator(self) -> str:
        """The indicator evaluated for this line (same id)."""
        return self.id


def _l(ident: str, zh: str, en: str, section: str, depth: int, unit: str,
       parts: tuple[str, ...] = (), parent: str | None = None,
       direction: str = "higher_better") -> Line:
    return Line(ident, zh, en, section, depth, unit, parts, parent, direction)


_EXP_PARTS = ("labour_cost", "stmt_expense_utilities", "repairs_expense",
              "stmt_expense_depreciation", "rent_expense", "marketing_expense", "stmt_expense_other")
_EXP_NAMES = {
    "labour_cost": ("人工", "Labour"), "stmt_expense_utilities": ("水电", "Utilities"),
    "repairs_expense": ("修理", "Repairs"), "stmt_expense_depreciation": ("折旧", "Depreciation"),
    "rent_expense": ("租赁", "Rent"), "marketing_expense": ("营销", "Marketing"),
    "stmt_expense_other": ("其他", "Other"),
}
_LOW = "lower_better"

LINES: tuple[Line, ...] = (
    _l("fuel_volume_t", "销量", "Volume", "volume", 0, "t", ("gasoline_volume_t", "diesel_volume_t")),
    _l("gasoline_volume_t", "汽油", "Gasoline", "volume", 1, "t", parent="fuel_volume_t"),
    _l("diesel_volume_t", "柴油", "Diesel", "volume", 1, "t", parent="fuel_volume_t"),
    _l("stmt_revenue", "收入", "Revenue", "revenue", 0, "yuan", ("fuel_revenue", "nonfuel_revenue")),
    _l("fuel_revenue", "油品收入", "Fuel", "revenue", 1, "yuan",
       ("stmt_revenue_gasoline", "stmt_revenue_diesel"), "stmt_revenue"),
    _l("stmt_revenue_gasoline", "汽油", "Gasoline", "revenue", 2, "yuan", parent="fuel_revenue"),
    _l("stmt_revenue_diesel", "柴油", "Diesel", "revenue", 2, "yuan", parent="fuel_revenue"),
    _l("nonfuel_revenue", "非油收入", "Non-fuel", "revenue", 1, "yuan", parent="stmt_revenue"),
    _l("stmt_cost_of_goods", "进货成本", "Cost of goods", "cost", 0, "yuan",
       ("stmt_fuel_cost", "stmt_nonfuel_cost"), direction=_LOW),
    _l("stmt_fuel_cost", "油品成本", "Fuel", "cost", 1, "yuan",
       ("stmt_fuel_cost_gasoline", "stmt_fuel_cost_diesel"), "stmt_cost_of_goods", _LOW),
    _l("stmt_fuel_cost_gasoline", "汽油", "Gasoline", "cost", 2, "yuan", parent="stmt_fuel_cost",
       direction=_LOW),
    _l("stmt_fuel_cost_diesel", "柴油", "Diesel", "cost", 2, "yuan", parent="stmt_fuel_cost",
       direction=_LOW),
    _l("stmt_nonfuel_cost", "非油成本", "Non-fuel", "cost", 1, "yuan", parent="stmt_cost_of_goods",
       direction=_LOW),
    _l("total_gross_profit", "毛利", "Gross profit", "gross_profit", 0, "yuan",
       ("fuel_gross_profit", "nonfuel_gross_profit")),
    _l("fuel_gross_profit", "油品毛利", "Fuel", "gross_profit", 1, "yuan",
       ("stmt_gp_gasoline", "stmt_gp_diesel"), "total_gross_profit"),
    _l("stmt_gp_gasoline", "汽油", "Gasoline", "gross_profit", 2, "yuan", parent="fuel_gross_profit"),
    _l("stmt_gp_diesel", "柴油", "Diesel", "gross_profit", 2, "yuan", parent="fuel_gross_profit"),
    _l("nonfuel_gross_profit", "非油毛利", "Non-fuel", "gross_profit", 1, "yuan",
       parent="total_gross_profit"),
    _l("expenses", "费用", "Expenses", "expenses", 0, "yuan", _EXP_PARTS, direction=_LOW),
    *(_l(i, *_EXP_NAMES[i], "expenses", 1, "yuan", parent="expenses", direction=_LOW)
      for i in _EXP_PARTS),
    _l("operating_profit", "经营利润", "Operating profit", "profit", 0, "yuan"),
    _l("fuel_gp_per_tonne", "吨油毛利", "Fuel margin per tonne", "per_tonne", 0, "yuan_per_t"),
    _l("expense_per_tonne", "吨油费用", "Expenses per tonne", "per_tonne", 0, "yuan_per_t",
       direction=_LOW),
    _l("profit_per_tonne", "吨油利润", "Profit per tonne", "per_tonne", 0, "yuan_per_t"),
)

# Per-tonne lines whose plan is one plan over another (the catalogue's own light targets).
PER_TONNE_PLANS: dict[str, tuple[str, str]] = {
    "expense_per_tonne": ("expenses", "fuel_volume_t"),
    "profit_per_tonne": ("operating_profit", "fuel_volume_t"),
}

_NO_PLAN_NOTE = "经营报表中本行没有计划，不亮灯；定义与数值来自基础度量。"
_FUEL_SRC = ("fuel_sales.paid_amount", "fuel_sales.liters", "purchase_costs.cost_per_liter",
             "products.kind")


def _composed(ident: str, zh: str, en: str, theme: Theme, desc: str, desc_en: str, formula: str,
              value: str, sources: tuple[str, ...], direction: Direction) -> Indicator:
    return Indicator(
        id=ident, name_zh=zh, name_en=en, theme=theme, unit=Unit.YUAN, description=desc,
        description_en=desc_en, formula=formula, value=value, sources=sources,
        direction=direction, rag=RagRule(kind=RagKind.GROWTH, basis=Basis.YOY, green=0.0,
                                         yellow=-0.05),
        notes=_NO_PLAN_NOTE,
    )


_H, _L = Direction.HIGHER_BETTER, Direction.LOWER_BETTER
_KIND = {"gasoline": ("汽油", "Gasoline"), "diesel": ("柴油", "Diesel")}


def _by_kind() -> list[Indicator]:
    out = []
    for kind, (zh, en) in _KIND.items():
        out += [
            _composed(f"stmt_revenue_{kind}", f"{zh}收入", f"{en} revenue", Theme.PRICE_MARGIN,
                      f"{zh}销售的实收金额（顾客实付，含税）合计。",
                      f"Amount paid for {en.lower()} (tax-inclusive).",
                      f"Σ {zh}实收金额", f"fuel_paid_{kind}", _FUEL_SRC[:1] + ("products.kind",), _H),
            _composed(f"stmt_fuel_cost_{kind}", f"{zh}进货成本", f"{en} cost of goods",
                      Theme.PRICE_MARGIN, f"{zh}销售升数 × 当月该油品进价（元/升）合计。",
                      f"{en} liters sold × that month's cost per liter.",
                      f"Σ {zh}升数 × 进价", f"fuel_cost_{kind}", _FUEL_SRC[1:], _L),
            _composed(f"stmt_gp_{kind}", f"{zh}毛利", f"{en} gross profit", Theme.PRICE_MARGIN,
                      f"{zh}实收金额 − {zh}进货成本（升数 × 当月进价），含税口径。",
                      f"{en} amount paid − liters × that month's cost per liter.",
                      f"{zh}实收金额 − {zh}进货成本", f"fuel_paid_{kind} - fuel_cost_{kind}",
                      _FUEL_SRC, _H),
        ]
    return out


def _expense(cat: str, zh: str, en: str) -> Indicator:
    return _composed(f"stmt_expense_{cat}", f"{zh}费", f"{en} expense", Theme.EXPENSES,
                     f"费用明细中“{zh}”类（{cat}）金额合计；截止月按时间进度折算。",
                     f"Expenses of category {cat}; the as-of month counts pro rata.",
                     f"Σ 费用（类别 = {cat}）", f"expense_{cat}", ("expenses.amount",
                                                                  "expenses.category"), _L)


COMPOSED: tuple[Indicator, ...] = (
    _composed("stmt_revenue", "营业收入", "Revenue", Theme.PROFIT,
              "油品实收金额与非油销售收入之和（含税）。",
              "Fuel amount paid plus non-fuel revenue (tax-inclusive).",
              "油品收入 + 非油收入", "fuel_paid + nonfuel_revenue_sum",
              ("fuel_sales.paid_amount", "nonfuel_sales.revenue"), _H),
    _composed("stmt_cost_of_goods", "进货成本", "Cost of goods", Theme.PROFIT,
              "卖出的油品按当月进价计算的成本，加上非油商品的进货成本。收入 − 进货成本 = 毛利。",
              "Fuel sold at that month's cost price plus the cost of non-fuel goods sold. "
              "Revenue − cost of goods = gross profit.",
              "油品成本 + 非油成本", "fuel_cost + nonfuel_cost_sum",
              ("fuel_sales.liters", "purchase_costs.cost_per_liter", "nonfuel_sales.cost"), _L),
    _composed("stmt_fuel_cost", "油品进货成本", "Fuel cost of goods", Theme.PRICE_MARGIN,
              "每笔加油升数 × 当月该油品进价（元/升）的合计。",
              "Liters of each sale × that month's cost per liter of its product.",
              "Σ 升数 × 进价", "fuel_cost", ("fuel_sales.liters", "purchase_costs.cost_per_liter"),
              _L),
    _composed("stmt_nonfuel_cost", "非油进货成本", "Non-fuel cost of goods", Theme.NONFUEL,
              "非油商品销售行的进货成本合计。", "Purchase cost of the non-fuel goods sold.",
              "Σ 非油成本", "nonfuel_cost_sum", ("nonfuel_sales.cost",), _L),
    *_by_kind(),
    _expense("utilities", "水电", "Utilities"),
    _expense("depreciation", "折旧", "Depreciation"),
    _expense("other", "其他", "Other"),
)
