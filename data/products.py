"""The products table (reference data of the contract: code, name, kind), for labels and splits.

Products are not scoped: every caller may see the product list (it holds no figures).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, select

from data.schema import products


@dataclass(frozen=True)
class Product:
    """One product: its code (G92, D0, …), display name (92#汽油) and kind (gasoline | diesel)."""

    code: str
    name: str
    kind: str


def list_products(engine: Engine) -> tuple[Product, ...]:
    """Every product, ordered by kind then code (a stable order for splits and ids)."""
    p = products.c
    stmt = select(p.product_code, p.product_name, p.kind).order_by(p.kind, p.product_code)
    with engine.connect() as conn:
        return tuple(Product(str(c), str(n), str(k)) for c, n, k in conn.execute(stmt))
