"""The shipped catalogue's content: counts, headlines, the contract's fixed ids, no channels.

Reads the YAML files directly (not through metrics.registry), so these facts are checked
independently of the loader; the last test asks the loader for a clean `check`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

CATALOGUE = Path(__file__).resolve().parents[2] / "metrics" / "catalogue"

HEADLINES = {
    "fuel_volume_t",
    "price_realization_rate",
    "fuel_gross_profit",
    "nonfuel_revenue",
    "nonfuel_gross_profit",
    "member_volume_share",
    "expense_per_tonne",
    "operating_profit",
}

# data-contract.md "Fixed indicator ids": id -> unit (ratios are fractions).
CONTRACT_UNITS = {
    "fuel_volume_t": "t",
    "gasoline_volume_t": "t",
    "diesel_volume_t": "t",
    "fuel_revenue": "yuan",
    "fuel_gross_profit": "yuan",
    "nonfuel_revenue": "yuan",
    "nonfuel_gross_profit": "yuan",
    "expenses": "yuan",
    "operating_profit": "yuan",
    "price_realization_rate": "ratio",
    "fuel_txn_count": "txn",
    "avg_fuel_ticket": "yuan_per_txn",
    "member_volume_share": "ratio",
    "recharge_amount": "yuan",
    "active_customers": "count",
    "lost_customers": "count",
    "churn_warning_customers": "count",
    "fuel_volume_plan_completion": "ratio",
    "fuel_volume_mom": "ratio",
    "fuel_volume_yoy": "ratio",
}

# The contract's meaning of each fixed id, written out by hand as (value, measures it needs).
CONTRACT_VALUES = {
    "fuel_volume_t": "fuel_tonnes",
    "gasoline_volume_t": "fuel_tonnes_gasoline",
    "diesel_volume_t": "fuel_tonnes_diesel",
    "fuel_revenue": "fuel_paid",
    "fuel_gross_profit": "fuel_paid - fuel_cost",
    "nonfuel_revenue": "nonfuel_revenue_sum",
    "nonfuel_gross_profit": "nonfuel_revenue_sum - nonfuel_cost_sum",
    "expenses": "expense_sum",
    "operating_profit": "fuel_gross_profit + nonfuel_gross_profit - expenses",
    "price_realization_rate": "fuel_paid / fuel_list_amount",
    "fuel_txn_count": "fuel_txn",
    "avg_fuel_ticket": "fuel_revenue / fuel_txn_count",
    "member_volume_share": "fuel_tonnes_member / fuel_tonnes",
    "recharge_amount": "recharge_sum",
    "active_customers": "customers_active_n",
    "lost_customers": "customers_lost_n",
    "churn_warning_customers": "customers_warning_n",
    "fuel_volume_plan_completion": 'fuel_volume_t / plan("fuel_volume_t")',
    "fuel_volume_mom": "growth(fuel_volume_t, prev(fuel_volume_t))",
    "fuel_volume_yoy": "growth(fuel_volume_t, ly(fuel_volume_t))",
}

# Base measures behind those values: (fact, agg, expr, filter).
CONTRACT_MEASURES = {
    "fuel_tonnes": ("fuel", "sum", "tonnes", {}),
    "fuel_tonnes_gasoline": ("fuel", "sum", "tonnes", {"product_kind": "gasoline"}),
    "fuel_tonnes_diesel": ("fuel", "sum", "tonnes", {"product_kind": "diesel"}),
    "fuel_tonnes_member": ("fuel", "sum", "tonnes", {"is_member": True}),
    "fuel_paid": ("fuel", "sum", "paid_amount", {}),
    "fuel_cost": ("fuel", "sum", "fuel_cost", {}),
    "fuel_list_amount": ("fuel", "sum", "list_amount", {}),
    "fuel_txn": ("fuel", "count", None, {}),
    "nonfuel_revenue_sum": ("nonfuel", "sum", "revenue", {}),
    "nonfuel_cost_sum": ("nonfuel", "sum", "cost", {}),
    "expense_sum": ("expense", "sum", "amount", {}),
    "recharge_sum": ("recharge", "sum", "amount", {}),
}

CHANNEL_WORDS = ("channel", "self_service", "app_channel", "non_retail", "retail_volume_share")


def _indicators() -> list[dict]:
    out: list[dict] = []
    for path in sorted((CATALOGUE / "indicators").glob("*.yaml")):
        out += yaml.safe_load(path.read_text(encoding="utf-8"))
    return out


@pytest.fixture(scope="module")
def indicators() -> dict[str, dict]:
    return {i["id"]: i for i in _indicators()}


@pytest.fixture(scope="module")
def measures() -> dict[str, dict]:
    items = yaml.safe_load((CATALOGUE / "measures.yaml").read_text(encoding="utf-8"))
    return {m["id"]: m for m in items}


def test_cat001_exactly_134_unique_ids() -> None:
    ids = [i["id"] for i in _indicators()]
    assert len(ids) == 134
    assert len(set(ids)) == 134


def test_cat002_eight_headlines(indicators: dict[str, dict]) -> None:
    assert {i for i, d in indicators.items() if d["headline"]} == HEADLINES


def test_cat003_contract_ids_with_units(indicators: dict[str, dict]) -> None:
    for ident, unit in CONTRACT_UNITS.items():
        assert ident in indicators, ident
        assert indicators[ident]["unit"] == unit, ident


def test_cat004_contract_ids_mean_what_the_contract_says(
    indicators: dict[str, dict], measures: dict[str, dict]
) -> None:
    for ident, value in CONTRACT_VALUES.items():
        assert " ".join(indicators[ident]["value"].split()) == value, ident
    for ident, (fact, agg, expr, filt) in CONTRACT_MEASURES.items():
        m = measures[ident]
        assert (m["fact"], m.get("agg", "sum"), m.get("expr"), m.get("filter", {})) == (
            fact,
            agg,
            expr,
            filt,
        ), ident


def test_cat005_plan_completion_rag_is_the_contracts(indicators: dict[str, dict]) -> None:
    # green ≥ time progress, yellow ≥ 0.95 × progress: plan_progress on a value that is
    # already actual ÷ plan.
    rag = indicators["fuel_volume_plan_completion"]["rag"]
    assert rag == {"kind": "plan_progress", "plan_expr": "1"}


def test_cat006_no_channel_based_indicator(indicators: dict[str, dict]) -> None:
    for ident, d in indicators.items():
        text = " ".join(
            [ident, d["value"], d["formula"], " ".join(d.get("sources", []))]
        ).lower()
        assert not any(w in text for w in CHANNEL_WORDS), ident


def test_cat007_growth_suffixes_keep_the_contract_meaning(indicators: dict[str, dict]) -> None:
    for ident, d in indicators.items():
        if ident.endswith("_mom"):
            assert d["value"].startswith("growth(") and "prev(" in d["value"], ident
        if ident.endswith("_yoy"):
            assert d["value"].startswith("growth(") and "ly(" in d["value"], ident


def test_cat008_every_indicator_is_documented_both_languages(indicators: dict[str, dict]) -> None:
    for ident, d in indicators.items():
        assert len(d["description"]) >= 20, ident
        assert len(d.get("description_en", "")) >= 20, ident
        assert d["formula"].strip(), ident


def test_cat009_rank_only_at_team(indicators: dict[str, dict]) -> None:
    rank = [i for i, d in indicators.items() if "city_rank(" in d["value"]]
    assert rank == ["team_city_rank"]
    assert indicators["team_city_rank"]["levels"] == ["team"]


def test_cat010_loader_reports_no_problem() -> None:
    from metrics.registry import load

    _, problems = load()
    assert [str(p) for p in problems] == []
