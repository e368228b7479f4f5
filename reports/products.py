"""Per product code parts of the figures that split by product (92#汽油, 95#汽油, 0#柴油, …).

The catalogue splits fuel figures by kind only (汽油 / 柴油). The report also names the products
inside each kind, so this module extends the statement's registry with, per product of the
products table, base measures filtered on `product_code` and composed indicators over them:

| figure              | per product                             |
|---------------------|-----------------------------------------|
| fuel_volume_t       | Σ tonnes of the product                 |
| fuel_gross_profit   | Σ paid − Σ liters × cost, of the product |

They are evaluated in the report's one batch (the fuel rollup is keyed by product, so they cost a
few columns), and the products of a kind add up to the kind, the kinds to the figure (every row
has exactly one product). Ids are positional (`rpt_vol_p0`, …) because product codes such as
`D-10` are not valid ids; `split_ids` maps them back.
"""

from __future__ import annotations

from dataclasses import replace
from types import MappingProxyType

from data.products import Product
from metrics.model import Basis, Direction, Fact, Indicator, Measure, RagKind, RagRule, Theme, Unit
from metrics.registry import Registry

# figure → (id stem, unit, theme, measures (stem, expr) of the value, value formula, formula zh)
_FIGURES: dict[str, tuple[str, Unit, Theme, tuple[tuple[str, str], ...], str, str]] = {
    "fuel_volume_t": ("vol", Unit.T, Theme.VOLUME, (("tonnes", "tonnes"),), "{tonnes}",
                      "Σ 升数 × 密度 ÷ 1000（该油品）"),
    "fuel_gross_profit": ("gp", Unit.YUAN, Theme.PRICE_MARGIN,
                          (("paid", "paid_amount"), ("cost", "fuel_cost")), "{paid} - {cost}",
                          "Σ 实收金额 − Σ 升数 × 当月进价（该油品）"),
}  # fmt: skip
FIGURES = tuple(_FIGURES)
_CACHE: dict[tuple[int, tuple[Product, ...]], tuple[Registry, Registry]] = {}


def split_ids(figure: str, prods: tuple[Product, ...]) -> dict[str, Product]:
    """{indicator id: product} of one figure's per-product parts (empty for other figures)."""
    if figure not in _FIGURES:
        return {}
    stem = _FIGURES[figure][0]
    return {f"rpt_{stem}_p{i}": p for i, p in enumerate(prods)}


def indicator_ids(prods: tuple[Product, ...]) -> tuple[str, ...]:
    """Every per-product indicator the report's batch evaluates."""
    return tuple(i for f in FIGURES for i in split_ids(f, prods))


def _measure(ident: str, expr: str, unit: Unit, p: Product) -> Measure:
    return Measure(id=ident, description=f"{p.name}（{p.code}）: {expr}", fact=Fact.FUEL,
                   expr=expr, filter={"product_code": p.code}, unit=unit)  # fmt: skip


def _parts(figure: str, i: int, p: Product) -> tuple[list[Measure], Indicator]:
    stem, unit, theme, measures, value, formula = _FIGURES[figure]
    ids = {m: f"rpt_{stem}_{m}_p{i}" for m, _ in measures}
    ms = [_measure(ids[m], expr, unit, p) for m, expr in measures]
    ind = Indicator(
        id=f"rpt_{stem}_p{i}", name_zh=p.name, name_en=p.name, theme=theme, unit=unit,
        description=f"报告按油品拆分：{p.name}（{p.code}）的部分。", formula=formula,
        value=value.format(**ids), sources=("fuel_sales.product_code", "products.product_name"),
        direction=Direction.HIGHER_BETTER,
        rag=RagRule(kind=RagKind.GROWTH, basis=Basis.YOY, green=0.0, yellow=-0.05),
        notes="报告专用的拆分，不在指标目录中；不亮灯。",
    )  # fmt: skip
    return ms, ind


def registry(base: Registry, prods: tuple[Product, ...]) -> Registry:
    """`base` plus the per-product measures and indicators (same object for the same inputs,
    so the evaluator's plan cache hits)."""
    key = (id(base), prods)
    hit = _CACHE.get(key)
    if hit is not None and hit[0] is base:
        return hit[1]
    measures, inds = dict(base.measures), dict(base.indicators)
    for figure in FIGURES:
        for i, p in enumerate(prods):
            ms, ind = _parts(figure, i, p)
            measures |= {m.id: m for m in ms}
            inds[ind.id] = ind
    out = replace(base, measures=MappingProxyType(measures), indicators=MappingProxyType(inds))
    _CACHE[key] = (base, out)
    return out
