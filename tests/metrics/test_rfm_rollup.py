"""rfm.high_value: the rollup path's one grouped pass (metrics/special/rfm_rollup.py) against
pandas on the oracle fixture, under scopes that see all or part of the province (the medians
then cover only the visible stations), and against the raw path. DuckDB, and PostgreSQL when a
server is given."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from data.scope import Scope
from metrics.periods import Level, Period, Window, window
from metrics.provider_calls import WINDOW_COL, provider_calls
from metrics.special import PROVIDERS, ProviderRequest
from tests.metrics.fixture import fixture_engines
from tests.metrics.oracle import frames as F
from tests.metrics.oracle.customer_status import customers_with_status, member_purchases
from tests.metrics.oracle.customers import _f_and_m

SPEC = PROVIDERS["rfm.high_value"]
# (scope, the level and id whose stations are what that scope sees of the province)
SCOPES = [
    (Scope.everything(), ("province", "P1")),
    (Scope.parse("city:C1"), ("city", "C1")),
    (Scope.parse("team:T1"), ("team", "T1")),
]
# to date mid-month (head month cut, as-of month raw), month ends (head cut in M−2, whole M),
# the 1st (one raw day), February's end, a quarter
WINDOWS = [
    window(Period.parse("2026-10"), date(2026, 10, 15)),
    window(Period.parse("2026-10"), None),
    window(Period.parse("2026-09"), None),
    window(Period.parse("2026-11"), date(2026, 11, 1)),
    window(Period.parse("2026-02"), None),
    window(Period.parse("2026-Q3"), None),
]


@pytest.fixture(scope="module", params=["duckdb", pytest.param("postgres", marks=pytest.mark.postgres)])
def engine(request, tmp_path_factory):  # noqa: ANN001, ANN201
    """The fixture folder imported into DuckDB and PostgreSQL."""
    yield from fixture_engines(request, tmp_path_factory, "rfm_rollup")


@pytest.fixture(scope="module")
def fr() -> F.Frames:
    return F.load()


def expected(fr: F.Frames, entity: tuple[str, str], win: Window, seen: tuple[str, str]) -> tuple[int, int]:
    """(rfm_high, rfm_base) from the definitions in pandas; medians over `seen`'s stations."""
    lo = win.end - timedelta(days=89)
    p_active = customers_with_status(fr, *seen, win, "active")
    p_fm = _f_and_m(member_purchases(fr, *seen, win.end), lo, win.end)
    p_fm = p_fm.reindex(sorted(p_active)).fillna({"f": 0, "m": 0})
    f_med, m_med = p_fm["f"].median(), p_fm["m"].median()
    fm = _f_and_m(member_purchases(fr, *entity, win.end), lo, win.end)
    active = customers_with_status(fr, *entity, win, "active")
    high = {c for c, r in fm.iterrows() if c in active and (win.end - r["last"].date()).days <= 30
            and r["f"] >= f_med and r["m"] >= m_med}
    return len(high), len(active)


def provider(engine, entity: tuple[str, str], win: Window, scope: Scope, rollup: bool) -> tuple:  # noqa: ANN001
    req = ProviderRequest(Level(entity[0]), (entity[1],), win, scope, rollup=rollup)
    with engine.connect() as conn:
        rows = conn.execute(SPEC.build(req)).mappings().all()
    assert len(rows) == 1
    return int(rows[0]["rfm_high"]), int(rows[0]["rfm_base"])


@pytest.mark.parametrize(("scope", "seen"), SCOPES, ids=["province", "city", "team"])
@pytest.mark.parametrize("entity", [("team", "T1"), ("station", "S02")])
def test_rollup_path_against_pandas(engine, fr, scope, seen, entity) -> None:  # noqa: ANN001
    nonzero = 0
    for win in WINDOWS:
        want = expected(fr, entity, win, seen)
        assert provider(engine, entity, win, scope, rollup=True) == want, (win, scope)
        assert provider(engine, entity, win, scope, rollup=False) == want, (win, scope)
        nonzero += want[0] > 0
    assert nonzero >= 2  # the cases say something about the threshold, not only 0 = 0


def test_partial_scope_medians_differ_from_the_province(fr) -> None:  # noqa: ANN001
    # guards the test above: on some window the visible part's medians change the count
    diffs = [w for w in WINDOWS
             if expected(fr, ("team", "T1"), w, ("province", "P1"))
             != expected(fr, ("team", "T1"), w, ("team", "T1"))]  # fmt: skip
    assert diffs


def test_province_and_city_entities(engine, fr) -> None:  # noqa: ANN001
    for win in WINDOWS:
        assert provider(engine, ("province", "P1"), win, Scope.everything(), True) == expected(
            fr, ("province", "P1"), win, ("province", "P1"))
        assert provider(engine, ("city", "C2"), win, Scope.everything(), True) == expected(
            fr, ("city", "C2"), win, ("province", "P1"))


def test_entity_outside_scope_gets_no_row(engine) -> None:  # noqa: ANN001
    req = ProviderRequest(Level.TEAM, ("T3",), WINDOWS[0], Scope.parse("team:T1"), rollup=True)
    with engine.connect() as conn:
        assert conn.execute(SPEC.build(req)).all() == []


def test_board_windows_in_one_statement(engine, fr) -> None:  # noqa: ANN001
    # the board's current, MoM and YoY windows through provider_calls (one statement, the
    # windows' CTEs side by side in the top-level WITH) give each window's own counts
    wins = [window(Period.parse("2025-10"), date(2025, 10, 15)),
            window(Period.parse("2026-09"), date(2026, 9, 15)), WINDOWS[0]]  # fmt: skip
    (call,) = provider_calls(SPEC.name, {}, Level.TEAM, ("T1", "T3"), wins, (), Scope.everything())
    with engine.connect() as conn:
        rows = conn.execute(call.stmt).mappings().all()
    got = {(int(r[WINDOW_COL]), r["entity_id"]): (int(r["rfm_high"]), int(r["rfm_base"])) for r in rows}
    want = {(i, t): expected(fr, ("team", t), w, ("province", "P1"))
            for i, w in enumerate(wins) for t in ("T1", "T3")}  # fmt: skip
    assert got == want
