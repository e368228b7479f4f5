"""The drill's customer level (data/drill.py) and path handling (pages/org_data.py).

Store: tests/metrics/core_tiny_store.py plus its customer-month rollup. Customer K1 (fleet, gold)
bought at S1 (team T1): f7 2025-10-08 120 L at 7.5 paid 900; f5 2026-09-03 80 L at 7.9 paid 632;
f1 2026-10-02 100 L at 8.0 paid 780 (discount 20). G92 density 0.75.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import create_engine

from data.drill import customer_card, customer_months, customer_transactions
from data.org import Entity
from data.rollups import rebuild
from data.scope import Scope
from pages.org_data import canonical, children, href, parse_path, resolve_chain
from tests.metrics.core_tiny_store import build
from tests.metrics.test_rankings_store import throwaway_database

ALL = Scope.everything()


@pytest.fixture(scope="module",
                params=["duckdb", pytest.param("postgres", marks=pytest.mark.postgres)])
def engine(request, tmp_path_factory):
    if request.param == "postgres":
        with throwaway_database(request.getfixturevalue("pg_url")) as eng:
            yield _filled(eng)
        return
    eng = create_engine(f"duckdb:///{tmp_path_factory.mktemp('drill') / 'd.duckdb'}")
    yield _filled(eng)
    eng.dispose()


def _filled(eng):
    build(eng)
    with eng.begin() as conn:
        rebuild(conn)
    return eng


def test_transactions_newest_first_with_discount(engine) -> None:
    got = customer_transactions(engine, "S1", "K1", ALL, date(2026, 10, 31))
    assert [x.txn_id for x in got] == ["f1", "f5", "f7"]
    assert got[0].discount == pytest.approx(100 * 8.0 - 780)
    assert got[0].product_name == "92#汽油" and got[0].payment_method == "card"
    assert [x.txn_id for x in customer_transactions(engine, "S1", "K1", ALL, date(2026, 9, 30))] \
        == ["f5", "f7"]
    assert customer_transactions(engine, "S1", "K1", ALL, date(2026, 10, 31), limit=1)[0].txn_id == "f1"
    in_sep = customer_transactions(engine, "S1", "K1", ALL, date(2026, 9, 30), start=date(2026, 9, 1))
    assert [x.txn_id for x in in_sep] == ["f5"]


def test_months_with_zeros_closed_and_to_date(engine) -> None:
    got = customer_months(engine, "S1", "K1", ALL, date(2025, 10, 1), date(2026, 10, 31))
    assert len(got) == 13 and got[0].month == date(2025, 10, 1)
    liters = {m.month: m.liters for m in got}
    assert liters[date(2025, 10, 1)] == 120 and liters[date(2026, 9, 1)] == 80
    assert liters[date(2026, 10, 1)] == 100 and sum(liters.values()) == 300
    assert got[-1].tonnes == pytest.approx(100 * 0.75 / 1000) and got[-1].txn_count == 1
    to_date = customer_months(engine, "S1", "K1", ALL, date(2026, 9, 1), date(2026, 10, 1))
    assert [(m.liters, m.txn_count) for m in to_date] == [(80, 1), (0, 0)]  # f1 is on 10-02


def test_card_masked_scoped_and_refused(engine) -> None:
    card = customer_card(engine, "S1", "K1", Scope.everything(pii=False))
    assert card is not None and card.name == "甲**" and card.kind == "fleet"
    assert customer_card(engine, "S1", "K1", ALL).name == "甲"
    assert customer_card(engine, "S2", "K1", ALL) is None  # never bought at S2
    assert customer_card(engine, "S1", "K1", Scope.parse("team:T2")) is None  # S1 out of scope
    assert customer_transactions(engine, "S1", "K1", Scope.parse("team:T2"), date(2026, 10, 31)) == []
    assert customer_card(engine, "S1", "NOPE", ALL) is None
    with pytest.raises(PermissionError):
        customer_card(engine, "S1", "K1", Scope(all_stations=True, aggregates_only=True))


ENTS = [
    Entity("province", "P1", "省"), Entity("city", "C1", "市", province_id="P1"),
    Entity("team", "T1", "一队", province_id="P1", city_id="C1"),
    Entity("team", "T2", "二队", province_id="P1", city_id="C1"),
    Entity("station", "S1", "站1", province_id="P1", city_id="C1", team_id="T1"),
    Entity("station", "S3", "站3", province_id="P1", city_id="C1", team_id="T2"),
]


@pytest.mark.parametrize("rest", ["x", "team", "city/C1/team/T1", "station/S1", "team/T1/x/S1",
                                  "team/T1/station/S1/customer/K1/extra/1", "team/" + "T" * 70])
def test_bad_paths(rest: str) -> None:
    assert parse_path(rest) is None


def test_paths_chains_and_children() -> None:
    assert parse_path("") == [] and parse_path("/team/T1/") == [("team", "T1")]
    assert resolve_chain(ENTS, parse_path("team/T1/station/S1")) == [ENTS[2], ENTS[4]]
    assert resolve_chain(ENTS, parse_path("team/T1/station/S3")) is None  # S3 is T2's
    assert resolve_chain(ENTS, [("team", "T9")]) is None
    assert [e.id for e in children(ENTS, ENTS[1])] == ["T1", "T2"]
    # a station manager sees only S1: its canonical link resolves, nothing around it does
    own = [ENTS[4]]
    assert resolve_chain(own, parse_path("team/T1/station/S1")) == [ENTS[4]]
    assert resolve_chain(own, parse_path("team/T2/station/S1")) is None  # S1 is T1's
    assert resolve_chain(own, parse_path("team/T1")) is None
    assert resolve_chain(own, parse_path("team/T1/station/S3")) is None
    assert [e.id for e in children(ENTS, None)] == ["P1"]
    assert href(canonical(ENTS[5]), "2026-10") == "/org/team/T2/station/S3?period=2026-10"
    assert href(canonical(ENTS[0]), None) == "/org"
