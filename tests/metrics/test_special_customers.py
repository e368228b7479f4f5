"""customers.status, customers.activation and rfm.high_value against hand-worked numbers.

The store: team T1 = stations S1 and S2 (S2 opened 2026-09-15), team T2 = S3, all in city C1.
Purchases are on the 5th of the month unless a day is given; price 7 yuan/L, no discounts.
Status is taken at M = 2026-10 (whole month, or to date as of 10-15: progress 15/31).

customer  purchases (station month liters)                 at T1, October whole / as of 10-15
c1        S1 Jul–Oct 100 each                               active, loyal
c2        S1 May 100                                        lost (k=5); lost at Sep (k=4)
c3        S1 Jan 100                                        dormant (k=9)
c4        S1 Jul–Sep 100, Oct 70                            exactly 70 %: not a warning
c5        S1 Jul–Sep 100, Oct 69                            warning (69 < 70); MTD: 69 ≥ 33.9 no
c6        S1 Jul 300, Aug 0, Sep 300, Oct 150               avg 200 (zero month counts): no warning
c7 gold   S1 Jun–Aug 100, Sep 50, Oct 20                    warning in Sep and Oct: serious, escalated
c8        S3 May 100, S1 Oct 100                            active at T1, lost at T2
c9 fleet  S1 Apr 100, Oct 20th 80                           recovered (lost at Sep); MTD: still lost
c10       S1 Jun 100                                        lost now (k=4): churned_now
c11       S2 Sep 20th 200, Oct 100 (registered Sep 16)      active; activated new member
c13       S1 Aug, Sep 100, S2 Oct 20th 100                  T1 loyal; S1 alone: warning (0 this month)
c14       S1 Jul–Sep 310, Oct 10th 104 + 25th 200           MTD: 104 < 0.7·310·15/31 = 105 warning
c15       S1 Jul–Sep 310, Oct 10th 105 + 25th 200           MTD: exactly 105: not a warning
c16       home S1, registered Sep 10, S3 Sep 12th 50        active at T2 with a warning; not at T1
c17       home S1, registered Sep 30, S1 Oct 30th 60        activated on day 30 (whole month only)
c18       home S1, registered Aug 20, manager m2, no fuel
c19, c20  diamond, at S4 (team T3) Feb–Apr 100, May 70 / 69, nothing in June: at M = 2026-06
          both warn in June; c20 also warned in May (69 < 70), so only c20 is serious
Managers: m1 keeps c1, c7, c11; m2 keeps c2, c9, c18.
"""

from __future__ import annotations

from datetime import date

import pytest

from data.scope import Scope
from metrics.periods import Level
from metrics.special.customers import ACTIVATION, STATUS
from metrics.special.rfm import HIGH_VALUE
from tests.metrics.special_fixture import customer, run, sale, station, store, win


def d(month: int, day: int = 5) -> date:
    """A day of 2026."""
    return date(2026, month, day)


def _monthly(cid: str, sid: str, liters_by_month: dict[int, float]) -> list[dict]:
    return [sale(sid, d(m), v, cust=cid) for m, v in liters_by_month.items()]


def _fuel() -> list[dict]:
    rows: list[dict] = []
    rows += _monthly("c1", "S1", {7: 100, 8: 100, 9: 100, 10: 100})
    rows += _monthly("c2", "S1", {5: 100})
    rows += _monthly("c3", "S1", {1: 100})
    rows += _monthly("c4", "S1", {7: 100, 8: 100, 9: 100, 10: 70})
    rows += _monthly("c5", "S1", {7: 100, 8: 100, 9: 100, 10: 69})
    rows += _monthly("c6", "S1", {7: 300, 9: 300, 10: 150})
    rows += _monthly("c7", "S1", {6: 100, 7: 100, 8: 100, 9: 50, 10: 20})
    rows += _monthly("c8", "S3", {5: 100}) + _monthly("c8", "S1", {10: 100})
    rows += [sale("S1", d(4), 100, cust="c9"), sale("S1", d(10, 20), 80, cust="c9")]
    rows += _monthly("c10", "S1", {6: 100})
    rows += [sale("S2", d(9, 20), 200, cust="c11"), sale("S2", d(10), 100, cust="c11")]
    rows += _monthly("c13", "S1", {8: 100, 9: 100}) + [sale("S2", d(10, 20), 100, cust="c13")]
    for cid, mtd in (("c14", 104), ("c15", 105)):
        rows += _monthly(cid, "S1", {7: 310, 8: 310, 9: 310})
        rows += [sale("S1", d(10, 10), mtd, cust=cid), sale("S1", d(10, 25), 200, cust=cid)]
    rows += [sale("S3", d(9, 12), 50, cust="c16"), sale("S1", d(10, 30), 60, cust="c17")]
    rows += _monthly("c19", "S4", {2: 100, 3: 100, 4: 100, 5: 70})
    rows += _monthly("c20", "S4", {2: 100, 3: 100, 4: 100, 5: 69})
    rows += [sale("S1", d(10, 6), 500), sale("S3", d(10, 6), 500)]  # anonymous: ignored
    return rows


def _customers() -> list[dict]:
    managers = {"c1": "m1", "c7": "m1", "c11": "m1", "c2": "m2", "c9": "m2", "c18": "m2"}
    special = {
        "c7": {"grade": "gold"},
        "c8": {"home": "S3"},
        "c9": {"kind": "fleet"},
        "c11": {"home": "S2", "registered": d(9, 16)},
        "c16": {"registered": d(9, 10)},
        "c17": {"registered": d(9, 30)},
        "c18": {"registered": d(8, 20)},
        "c19": {"home": "S4", "grade": "diamond"},
        "c20": {"home": "S4", "grade": "diamond"},
    }
    out = []
    for n in (*range(1, 12), *range(13, 21)):
        cid = f"c{n}"
        kw = {"home": "S1", **special.get(cid, {})}
        out.append(customer(cid, kw.pop("home"), manager=managers.get(cid), **kw))
    return out


TABLES = {
    "products": [
        {"product_code": "G92", "product_name": "92#", "kind": "gasoline", "density_kg_per_l": 0.75}
    ],
    "stations": [
        station("S1", "T1", "C1"),
        station("S2", "T1", "C1", opened=d(9, 15)),
        station("S3", "T2", "C1"),
        station("S4", "T3", "C1"),
    ],
    "customers": _customers(),
    "fuel_sales": _fuel(),
}

OCT = win("2026-10")
OCT_15 = win("2026-10", date(2026, 10, 15))


@pytest.fixture(
    scope="module", params=["duckdb", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def engine(request, tmp_path_factory):
    """The hand-built customer store on each backend."""
    pg = request.getfixturevalue("pg_url") if request.param == "postgres" else None
    with store(request.param, tmp_path_factory.mktemp("customers"), pg, TABLES) as eng:
        yield eng


def test_status_team_whole_month(engine) -> None:
    got = run(engine, STATUS, "team", ["T1", "T2"], OCT)
    assert got["T1"] == {
        "active": 12, "lost": 2, "dormant": 1, "warning": 2, "serious_warning": 1,
        "escalated": 1, "key_active": 1, "fleet_key_active": 2, "fleet_key_warning": 1,
        "recovered": 1, "lost_prev": 2, "churned_now": 1, "active_prev": 10,
        "loyal_liters": pytest.approx(968), "members_buying": 12,
    }  # fmt: skip
    # c8 is lost at T2 while active at T1; c16 bought only at T2 and warns there
    assert got["T2"] == {
        "active": 1, "lost": 1, "dormant": 0, "warning": 1, "serious_warning": 0,
        "escalated": 0, "key_active": 0, "fleet_key_active": 0, "fleet_key_warning": 0,
        "recovered": 0, "lost_prev": 1, "churned_now": 0, "active_prev": 1,
        "loyal_liters": 0, "members_buying": 0,
    }  # fmt: skip


def test_status_month_to_date(engine) -> None:
    got = run(engine, STATUS, "team", ["T1"], OCT_15)["T1"]
    assert got == {
        "active": 10, "lost": 3, "dormant": 1, "warning": 3, "serious_warning": 1,
        "escalated": 1, "key_active": 1, "fleet_key_active": 1, "fleet_key_warning": 1,
        "recovered": 0, "lost_prev": 2, "churned_now": 1, "active_prev": 10,
        "loyal_liters": pytest.approx(468), "members_buying": 9,
    }  # fmt: skip


def test_status_per_station_and_province(engine) -> None:
    got = run(engine, STATUS, "station", ["S1", "S2", "S3"], OCT)
    # c13 bought at S1 in Aug and Sep only: a warning at S1, but not at T1 (S2 in October)
    assert (got["S1"]["active"], got["S1"]["warning"], got["S1"]["loyal_liters"]) == (11, 3, 868)
    assert (got["S1"]["members_buying"], got["S2"]["members_buying"]) == (10, 2)
    assert (got["S2"]["active"], got["S2"]["warning"], got["S2"]["active_prev"]) == (2, 0, 1)
    prov = run(engine, STATUS, "province", ["P1"], OCT)["P1"]
    # the province is not the sum of its teams: c8 is active there (lost only at T2)
    assert (prov["active"], prov["lost"], prov["dormant"], prov["warning"]) == (13, 4, 1, 3)


def test_serious_warning_needs_a_strict_warning_last_month(engine) -> None:
    got = run(engine, STATUS, "team", ["T3"], win("2026-06"))["T3"]
    assert (got["active"], got["warning"], got["serious_warning"], got["escalated"]) == (2, 2, 1, 1)
    assert (got["key_active"], got["fleet_key_warning"], got["members_buying"]) == (2, 2, 0)


def test_status_scope_fails_closed(engine) -> None:
    only_s2 = Scope(stations=frozenset({"S2"}))
    got = run(engine, STATUS, "team", ["T1"], OCT, only_s2)
    assert (got["T1"]["active"], got["T1"]["lost"], got["T1"]["members_buying"]) == (2, 0, 2)
    assert run(engine, STATUS, "team", ["T1"], OCT, Scope.nothing()) == {}
    assert run(engine, STATUS, "team", ["T1"], OCT, Scope(teams=frozenset({"T2"}))) == {}


def test_activation_and_managers(engine) -> None:
    got = run(engine, ACTIVATION, "team", ["T1", "T2"], OCT)
    assert got["T1"] == {
        "registered_prev_month": 3, "activated": 2, "managed_total": 6,
        "managed_buyers": 4, "active_managed": 4, "managers": 2,
    }  # fmt: skip
    assert set(got["T2"].values()) == {0}
    mtd = run(engine, ACTIVATION, "team", ["T1"], OCT_15)["T1"]
    assert mtd == {
        "registered_prev_month": 3, "activated": 1, "managed_total": 6,
        "managed_buyers": 3, "active_managed": 3, "managers": 2,
    }  # fmt: skip
    s2 = run(engine, ACTIVATION, "station", ["S2"], OCT)["S2"]
    assert s2 == {
        "registered_prev_month": 1, "activated": 1, "managed_total": 1,
        "managed_buyers": 1, "active_managed": 1, "managers": 1,
    }  # fmt: skip


def test_rfm_high_value(engine) -> None:
    # 13 customers active in the province; over Aug 3..Oct 31 their F sorted is
    # 1,1,1,1,2,2,3,3,3,3,3,4,4 (median 3) and their liters 50,60,80,100,170,269,270,300,300,
    # 300,450,924,925 (median 270 L = 1890 yuan). At T1 with a purchase since Oct 1, F ≥ 3 and
    # paid ≥ 1890: c1, c4 (exactly 1890), c13, c14, c15.
    got = run(engine, HIGH_VALUE, "team", ["T1", "T2"], OCT)
    assert got["T1"] == {"rfm_high": 5, "rfm_base": 12}
    assert got["T2"] == {"rfm_high": 0, "rfm_base": 1}
    s1 = run(engine, HIGH_VALUE, "station", ["S1"], OCT)["S1"]
    assert s1 == {"rfm_high": 4, "rfm_base": 11}  # c13's October purchase was at S2


def test_combined_windows_match_separate_runs(engine) -> None:
    from metrics.provider_calls import WINDOW_COL, provider_calls

    for spec in (STATUS, ACTIVATION, HIGH_VALUE):
        (call,) = provider_calls(spec.name, {}, Level.TEAM, ("T1", "T2"), [OCT, OCT_15], (), Scope.everything())  # fmt: skip
        with engine.connect() as conn:
            rows = conn.execute(call.stmt).mappings().all()
        for i, w in enumerate((OCT, OCT_15)):
            alone = run(engine, spec, "team", ["T1", "T2"], w)
            combined = {r["entity_id"]: {o: r[o] for o in spec.outputs} for r in rows if int(r[WINDOW_COL]) == i}  # fmt: skip
            assert combined == alone, spec.name


def test_status_for_a_quarter(engine) -> None:
    # 2026-Q3 whole: status at September, members_buying over July–September. c10 (June 100)
    # warns in September (0 < 0.7 × 100/3) and already in August (0 < 0.7 × 100/3): serious,
    # not escalated (normal grade); c3 (January) was lost at August (k=7); c2 churns now (May).
    got = run(engine, STATUS, "team", ["T1"], win("2026-Q3"))["T1"]
    assert got == {
        "active": 10, "lost": 2, "dormant": 1, "warning": 2, "serious_warning": 1,
        "escalated": 0, "key_active": 1, "fleet_key_active": 1, "fleet_key_warning": 1,
        "recovered": 0, "lost_prev": 2, "churned_now": 1, "active_prev": 10,
        "loyal_liters": pytest.approx(970), "members_buying": 9,
    }  # fmt: skip
