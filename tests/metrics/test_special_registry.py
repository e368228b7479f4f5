"""The special-provider registry: names and outputs the catalogue relies on, pure statements,
bound values, fail-closed scope, declared sources that exist in the schema."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml
from sqlalchemy.dialects import postgresql

from data.schema import metadata
from data.scope import Scope
from metrics.periods import Level, Period, window
from metrics.special.base import ProviderRequest
from metrics.special.registry import ALL_SPECS, PROVIDERS

MEASURES = Path(__file__).resolve().parents[2] / "metrics" / "catalogue" / "measures.yaml"
EVIL = "T1' OR '1'='1"
WIN = window(Period.parse("2026-10"), date(2026, 10, 15))


def _request(level: Level = Level.TEAM, scope: Scope | None = None) -> ProviderRequest:
    return ProviderRequest(level, (EVIL, "T2"), WIN, scope or Scope(teams=frozenset({EVIL})))


def test_registry_lists_every_provider_once() -> None:
    assert sorted(PROVIDERS) == [
        "campaigns.effect",
        "customers.activation",
        "customers.status",
        "daily.anomaly",
        "daily.nozzles",
        "daily.stockout",
        "rfm.high_value",
    ]
    assert len(ALL_SPECS) == len(PROVIDERS)


def test_package_registry_agrees() -> None:
    import metrics.special as package

    for name, spec in PROVIDERS.items():
        assert package.PROVIDERS[name].outputs == spec.outputs


def test_catalogue_special_measures_resolve() -> None:
    measures = yaml.safe_load(MEASURES.read_text(encoding="utf-8"))
    special = [m for m in measures if m.get("fact") == "special"]
    assert special, "the catalogue declares special measures"
    for m in special:
        assert m["provider"] in PROVIDERS, m["id"]
        assert m["output"] in PROVIDERS[m["provider"]].outputs, m["id"]


@pytest.mark.parametrize("name", sorted(PROVIDERS))
def test_statement_binds_values_and_labels_outputs(name: str) -> None:
    spec = PROVIDERS[name]
    stmt = spec.build(_request())
    assert [c.name for c in stmt.selected_columns] == ["entity_id", *spec.outputs]
    compiled = stmt.compile(dialect=postgresql.dialect())
    sql = str(compiled)
    assert EVIL not in sql and "2026-10" not in sql
    bound = [x for v in compiled.params.values() for x in (v if isinstance(v, list) else [v])]
    assert EVIL in bound


@pytest.mark.parametrize("name", sorted(PROVIDERS))
def test_empty_scope_reads_no_station(name: str) -> None:
    sql = str(PROVIDERS[name].build(_request(scope=Scope.nothing())).compile(
        dialect=postgresql.dialect()))  # fmt: skip
    assert "false" in sql.lower()


@pytest.mark.parametrize("name", sorted(PROVIDERS))
def test_sources_exist_in_schema(name: str) -> None:
    for source in PROVIDERS[name].sources:
        table, column = source.split(".")
        assert column in metadata.tables[table].c, source
    assert PROVIDERS[name].description


@pytest.mark.parametrize("name", sorted(PROVIDERS))
def test_customer_level_and_params_are_refused(name: str) -> None:
    with pytest.raises(ValueError):
        PROVIDERS[name].build(_request(level=Level.CUSTOMER))
    with pytest.raises(ValueError, match="no params"):
        PROVIDERS[name].build(
            ProviderRequest(Level.TEAM, ("T1",), WIN, Scope.everything(), {"ratio": 0.8})
        )


@pytest.mark.parametrize("name", sorted(PROVIDERS))
def test_windows_combine_into_one_statement(name: str) -> None:
    # the evaluator unions a provider's windows (metrics/provider_calls.py); a provider whose
    # CTEs cannot be nested would silently cost one statement per window
    from metrics.periods import comparison
    from metrics.provider_calls import provider_calls

    wins = [WIN, comparison(WIN, "mom"), comparison(WIN, "yoy")]
    calls = provider_calls(name, {}, Level.TEAM, ("T1", "T2"), wins, (), Scope.everything())
    assert len(calls) == 1
    calls[0].stmt.compile(dialect=postgresql.dialect())
