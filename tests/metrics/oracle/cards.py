"""Oracles of the cards theme (卡与充值), from indicators/cards.yaml."""

from __future__ import annotations

from metrics.periods import Window, comparison
from tests.metrics.oracle import frames as F
from tests.metrics.oracle.fixed import oracle_recharge_amount

Fr = F.Frames


def oracle_recharge_amount_yoy(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Recharge amount ÷ |the same a year earlier| − 1."""
    return F.growth(oracle_recharge_amount(fr, level, eid, win),
                    oracle_recharge_amount(fr, level, eid, comparison(win, "yoy")))


def oracle_recharge_count(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Number of recharges."""
    return float(len(F.recharges(fr, level, eid, win)))


def oracle_avg_recharge_amount(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Recharge amount ÷ number of recharges."""
    r = F.recharges(fr, level, eid, win)
    return F.ratio(r["amount"].sum(), len(r))


def oracle_large_recharge_share(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Recharges of 1000 yuan and more ÷ all recharges."""
    r = F.recharges(fr, level, eid, win)
    return F.ratio((r["amount"] >= 1000).sum(), len(r))


def oracle_recharge_bonus_rate(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Σ bonus ÷ Σ amount."""
    r = F.recharges(fr, level, eid, win)
    return F.ratio(r["bonus"].sum(), r["amount"].sum())


def oracle_recharging_customers(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Distinct recharging customers."""
    return float(F.recharges(fr, level, eid, win)["customer_id"].nunique())


def _card(fr: Fr, level: str, eid: str, win: Window):  # noqa: ANN202
    f = F.fuel(fr, level, eid, win)
    return f, f[f["payment_method"] == "card"]


def oracle_card_volume_share(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Tonnes paid with the company card ÷ all tonnes."""
    f, card = _card(fr, level, eid, win)
    return F.ratio(card["tonnes"].sum(), f["tonnes"].sum())


def oracle_recharge_to_spend_ratio(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Recharge amount ÷ fuel paid with the card."""
    _f, card = _card(fr, level, eid, win)
    return F.ratio(oracle_recharge_amount(fr, level, eid, win), card["paid_amount"].sum())


def oracle_card_fund_retention_rate(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """(Recharge + bonus − card-paid fuel) ÷ recharge."""
    r = F.recharges(fr, level, eid, win)
    _f, card = _card(fr, level, eid, win)
    net = r["amount"].sum() + r["bonus"].sum() - card["paid_amount"].sum()
    return F.ratio(net, r["amount"].sum())
