"""The board's floor computes the very numbers the board reads (so board/floor is an honest ratio).

On the seeded small demo store, every (measure, window, entity) the evaluator fetches for a full
team board — fuel, non-fuel, recharge, expense and plan sums at the team, its stations, its sibling
teams and city, and the team's special numbers (customer status and activation, RFM, daily checks,
campaign effects) — must equal the hand-written floor's value (bench/floor_board.py,
bench/floor_special.py). Missing on either side counts as 0, as the evaluator reads it.
"""

from __future__ import annotations

from datetime import date

import duckdb
import pytest
from sqlalchemy import create_engine

from bench.floor_board import board_values
from data.scope import Scope
from data.store import duckdb_path
from metrics.evalctx import CollectCtx
from metrics.evaluator import compute_row, planned, run_plan
from metrics.model import Fact
from metrics.periods import Level, Period
from metrics.registry import get_registry
from metrics.request import BatchRequest

PERIOD, AS_OF = Period.parse("2026-11"), date(2026, 11, 15)


def board_reads(url: str, team: str) -> tuple[list[tuple], dict[tuple, float]]:
    """The keys the evaluator needs for the team board and the values it fetched."""
    reg = get_registry()
    req = BatchRequest(entities=((Level.TEAM, team),), period=PERIOD, as_of=AS_OF,
                       scope=Scope.everything())
    eng = create_engine(url, connect_args={"read_only": True})
    with eng.connect() as conn:  # exactly what evaluate() plans and runs
        org, base, inds, plan = planned(conn, eng, req, reg)
        values = run_plan(conn, plan)
    eng.dispose()
    ctx = CollectCtx(reg, org, req.scope, base)
    for ind in inds:
        compute_row(ctx, ind, (Level.TEAM, team), req)
    keys = [k for k, (m, _, _) in ctx.needs.items() if m.fact != Fact.STATION]
    return keys, values


@pytest.fixture(scope="module")
def floor_and_board(demo_store_url):
    keys, board = board_reads(demo_store_url, "T01")
    con = duckdb.connect(str(duckdb_path(demo_store_url)), read_only=True)
    floor = board_values(con, "T01", PERIOD, AS_OF)
    con.close()
    return keys, board, floor


def test_floor_computes_every_number_the_board_reads(floor_and_board):
    keys, board, floor = floor_and_board
    assert len(keys) > 400
    wrong = [(k, board.get(k, 0.0), floor.get(k, 0.0)) for k in keys
             if floor.get(k, 0.0) != pytest.approx(board.get(k, 0.0), rel=1e-9, abs=1e-6)]
    assert wrong == []


def test_every_special_measure_is_compared_and_most_are_not_zero(floor_and_board):
    """The comparison covers all 39 special measures in the three windows, and the demo gives
    them something to count (a floor and a board both answering 0 would prove little)."""
    keys, board, _ = floor_and_board
    reg = get_registry()
    special = [k for k in keys if reg.measures.get(k[0]) and reg.measures[k[0]].fact == Fact.SPECIAL]
    measures = {k[0] for k in special}
    assert len(measures) == len([m for m in reg.measures.values() if m.fact == Fact.SPECIAL])
    nonzero = {k[0] for k in special if board.get(k, 0.0)}
    assert len(nonzero) >= 0.75 * len(measures), sorted(measures - nonzero)
