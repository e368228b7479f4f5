"""The customer level of the evaluator, against the pandas oracle, on DuckDB and PostgreSQL.

A customer's rows are the transactions carrying their id (the oracle's `frames.rows` for level
"customer", written from the contract, not the compiler). A caller sees a customer only when their
scope covers a station the customer bought at in the window, and then sees only the purchases at
their own stations: the oracle computes those on the fixture cut to the scope's stations
(`frames.at_stations`). K08 buys at S01 (team T1) and S04 (team T2) until 2026-05, then at S04
only: the two-team case.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date

import pytest

from data.scope import Scope
from data.store import reader_engine
from metrics.compile_customer import why_not_customer
from metrics.evaluator import _not_applicable, evaluate
from metrics.periods import Level, Period, comparison, window
from metrics.registry import get_registry
from metrics.request import BatchRequest, EntityError, ScopeError
from tests.metrics.fixture import build_store, postgres_database
from tests.metrics.oracle import ORACLES
from tests.metrics.oracle import frames as F

REG = get_registry()
AT_CUSTOMER = sorted(i for i, d in REG.indicators.items() if Level.CUSTOMER in d.levels)
NOT_AT_CUSTOMER = sorted(set(REG.indicators) - set(AT_CUSTOMER))

# (name, customer, period, as_of, scope grant) — the scope's stations are listed for the oracle.
CASES = (
    ("k08_two_teams_province", "K08", "2026-04", None, "province"),
    ("k08_seen_by_t1", "K08", "2026-04", None, "team:T1"),
    ("k08_seen_by_t2", "K08", "2026-04", None, "team:T2"),
    ("k08_quarter_s04", "K08", "2026-Q1", None, "station:S04"),
    ("k14_abnormal_mtd", "K14", "2026-10", date(2026, 10, 15), "province"),
    ("k07_fleet_quarter_city", "K07", "2026-Q3", None, "city:C1"),
    ("k10_ytd_recharges", "K10", "2026", date(2026, 10, 15), "province"),
    ("k18_new_member", "K18", "2026-10", None, "team:T1"),
)
SCOPE_STATIONS = {
    "province": {"S01", "S02", "S03", "S04", "S05", "S06", "S07"},
    "team:T1": {"S01", "S02", "S03"},
    "team:T2": {"S04", "S05"},
    "station:S04": {"S04"},
    "city:C1": {"S01", "S02", "S03", "S04", "S05"},
}
_CUT: dict[str, F.Frames] = {}  # kept alive: the oracle memos key on the frames' identity


def _frames(grant: str) -> F.Frames:
    if grant not in _CUT:
        _CUT[grant] = F.at_stations(F.shared(), SCOPE_STATIONS[grant])
    return _CUT[grant]


def _request(customer: str, period: str, as_of: date | None, grant: str,
             indicators: tuple[str, ...] | None = None) -> BatchRequest:
    return BatchRequest(entities=((Level.CUSTOMER, customer),), period=Period.parse(period),
                        scope=Scope.parse(grant), indicators=indicators, as_of=as_of)


def _evaluate_cases(url: str) -> dict:
    engine = reader_engine(url)
    return {name: evaluate(engine, _request(cust, period, as_of, grant))
            for name, cust, period, as_of, grant in CASES}


@pytest.fixture(scope="module")
def duck_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"duckdb:///{tmp_path_factory.mktemp('customer_level') / 'oracle.duckdb'}"
    build_store(url)
    return url


@pytest.fixture(scope="module")
def pg_store_url(pg_url: str) -> Iterator[str]:
    with postgres_database(pg_url, f"customer_level_{os.getpid()}") as url:
        build_store(url)
        yield url


@pytest.fixture(scope="module", params=["duckdb", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest) -> str:
    """The fixture store on each backend (PostgreSQL through the `pg_url` server)."""
    return request.getfixturevalue("duck_url" if request.param == "duckdb" else "pg_store_url")


@pytest.fixture(scope="module")
def results(store: str) -> dict:
    return _evaluate_cases(store)


def _close(got: float | None, want: float | None) -> bool:
    if want is None:
        return got is None
    return got is not None and got == pytest.approx(want, rel=1e-9, abs=1e-6)


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_values_and_comparisons_match_oracle(results: dict, case: tuple) -> None:
    """Every indicator allowed at customer level: value, MoM and YoY equal the oracle's on the
    customer's rows at the scope's stations."""
    name, cust, period, as_of, grant = case
    fr, win = _frames(grant), window(Period.parse(period), as_of)
    res = results[name]
    bad = []
    for ind in AT_CUSTOMER:
        got = res.get(ind, (Level.CUSTOMER, cust))
        for shown, w in ((got.value, win), (got.mom_value, comparison(win, "mom")),
                         (got.yoy_value, comparison(win, "yoy"))):
            want = ORACLES[ind](fr, "customer", cust, w)
            if not _close(shown, want):
                bad.append((ind, w.label(), shown, want))
    assert not bad, bad[:10]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_other_indicators_grey_with_reason(results: dict, case: tuple) -> None:
    """Indicators the catalogue does not declare at customer level: grey, no value, a reason."""
    name, cust = case[0], case[1]
    for ind in NOT_AT_CUSTOMER:
        got = results[name].get(ind, (Level.CUSTOMER, cust))
        assert (got.value, got.rag, got.null_reason) == (None, "grey", "not_applicable"), ind
        assert "customer" in got.rag_reason_en and "客户" not in got.rag_reason_en


def test_two_team_customer_by_hand(results: dict) -> None:
    """K08, April 2026: 2 × 40 L G95 at S01 (T1) and 2 × 30 L at S04 (T2), 8.50 listed, paid 330.00
    and 247.50 a fill; G95 is 0.737 kg/L and cost 7.64 yuan/L that month."""
    def val(case: str, ind: str) -> float | None:
        return results[case].get(ind, (Level.CUSTOMER, "K08")).value

    assert val("k08_two_teams_province", "fuel_volume_t") == pytest.approx(140 * 0.737 / 1000)
    assert val("k08_seen_by_t1", "fuel_volume_t") == pytest.approx(80 * 0.737 / 1000)
    assert val("k08_seen_by_t2", "fuel_volume_t") == pytest.approx(60 * 0.737 / 1000)
    assert val("k08_two_teams_province", "fuel_revenue") == pytest.approx(1155.0)
    assert val("k08_seen_by_t1", "fuel_txn_count") == 2
    assert val("k08_two_teams_province", "price_realization_rate") == pytest.approx(1155 / 1190)
    assert val("k08_two_teams_province", "fuel_gross_profit") == pytest.approx(1155 - 140 * 7.64)


REFUSED = (
    ("K08", "2026-10", "team:T1", ScopeError),  # bought only at S04 (T2) in October
    ("K08", "2026-04", "team:T3", ScopeError),  # never at T3
    ("K13", "2026-10", "province", ScopeError),  # registered, never bought
    ("K99", "2026-10", "province", EntityError),  # no such customer
)


@pytest.mark.parametrize(("cust", "period", "grant", "error"), REFUSED)
def test_scope_fails_closed(store: str, cust: str, period: str, grant: str, error: type) -> None:
    """Customers outside the scope's purchases in the window are refused, never shown as 0."""
    with pytest.raises(error):
        evaluate(reader_engine(store), _request(cust, period, None, grant, ("fuel_volume_t",)))


def test_aggregates_only_sees_no_customer(store: str) -> None:
    """The wall display's scope sees no customer at all, even one it covers."""
    scope = Scope(all_stations=True, aggregates_only=True)
    req = BatchRequest(entities=((Level.CUSTOMER, "K08"),), period=Period.parse("2026-04"),
                       scope=scope, indicators=("fuel_volume_t",))
    with pytest.raises(ScopeError):
        evaluate(reader_engine(store), req)


def test_customer_and_team_in_one_batch(store: str) -> None:
    """A team and a customer asked together (GROUPING SETS over both) give what each gives alone."""
    engine = reader_engine(store)
    ids = ("fuel_volume_t", "fuel_revenue", "avg_fuel_ticket", "nonfuel_revenue", "recharge_amount")
    both = BatchRequest(entities=((Level.TEAM, "T1"), (Level.CUSTOMER, "K08")),
                        period=Period.parse("2026-04"), scope=Scope.everything(), indicators=ids)
    got = evaluate(engine, both)
    for ent in both.entities:
        alone = evaluate(engine, BatchRequest(entities=(ent,), period=both.period,
                                              scope=both.scope, indicators=ids))
        for ind in ids:
            assert got.get(ind, ent).value == pytest.approx(alone.get(ind, ent).value), (ind, ent)
    fr, win = F.shared(), window(both.period, None)
    assert got.get("fuel_volume_t", (Level.TEAM, "T1")).value == pytest.approx(
        ORACLES["fuel_volume_t"](fr, "team", "T1", win))


def test_catalogue_customer_levels_are_attributable() -> None:
    """Every indicator declared at customer level reads only customer-attributable measures."""
    assert len(AT_CUSTOMER) >= 40
    assert {i: why_not_customer(REG, REG.indicators[i]) for i in AT_CUSTOMER} == dict.fromkeys(
        AT_CUSTOMER)


def test_undeclared_split_is_refused_with_reason() -> None:
    """Were operating profit (expenses are per station) declared at customer level, the evaluator
    would still refuse it, naming the measure that has no customer."""
    ind = REG.indicators["operating_profit"]
    forced = ind.model_copy(update={"levels": (*ind.levels, Level.CUSTOMER)})
    zh, en = _not_applicable(REG, forced, Level.CUSTOMER)
    assert "expense" in en and "customer" in en and "客户" in zh
