"""Every catalogue indicator against the pandas oracle, on DuckDB and on PostgreSQL.

The store is the fixture folder imported by the real importer, once per session and backend; each
case is one evaluator batch. Values must agree to rel 1e-9 / abs 1e-6, and null must be null.
"""

from __future__ import annotations

import os

import pytest

from metrics.periods import Level
from tests.metrics.fixture import build_store, postgres_database
from tests.metrics.oracle import ORACLES
from tests.metrics.oracle import frames as F
from tests.metrics.oracle.cases import CASE_BY_NAME, CASES, evaluate_case
from tests.metrics.oracle.rag import expected_rag


def _registry() -> dict:
    """indicator id → its registry definition ({} while the catalogue cannot load)."""
    try:
        from metrics.registry import load

        reg, _problems = load()
        return dict(reg.indicators)
    except Exception:  # noqa: BLE001 - the catalogue is written in parallel
        return {}


DEFS = _registry()
CATALOGUE = {i: tuple(str(lv) for lv in d.levels) for i, d in DEFS.items()} or {
    i: tuple(str(lv) for lv in Level) for i in ORACLES}
IDS = tuple(sorted(set(CATALOGUE) | set(ORACLES)))


@pytest.fixture(scope="session")
def frames() -> F.Frames:
    return F.load()


@pytest.fixture(scope="session")
def duck_results(tmp_path_factory: pytest.TempPathFactory) -> dict:
    url = f"duckdb:///{tmp_path_factory.mktemp('oracle') / 'oracle.duckdb'}"
    build_store(url)
    return _evaluate_all(url)


@pytest.fixture(scope="session")
def pg_results(pg_url: str) -> dict:
    with postgres_database(pg_url, f"oracle_{os.getpid()}") as url:
        build_store(url)
        return _evaluate_all(url)


def _evaluate_all(url: str) -> dict:
    from data.store import reader_engine

    try:
        from metrics.evaluator import evaluate  # noqa: F401 - lands in parallel with these tests
    except ImportError:
        pytest.skip("metrics.evaluator.evaluate does not exist yet")
    engine = reader_engine(url)
    ids = tuple(i for i in IDS if i in CATALOGUE)
    try:
        return {c.name: evaluate_case(engine, c, ids) for c in CASES}
    finally:
        engine.dispose()


_EXPECTED: dict[tuple[str, str], float | None] = {}


def expected(frames: F.Frames, indicator: str, case_name: str) -> float | None:
    """The oracle's value, computed once per session (both backends compare with it)."""
    key = (indicator, case_name)
    if key not in _EXPECTED:
        case = CASE_BY_NAME[case_name]
        _EXPECTED[key] = ORACLES[indicator](frames, case.level, case.entity, case.window)
    return _EXPECTED[key]


def _check(results: dict, frames: F.Frames, indicator: str, case_name: str) -> None:
    case = CASE_BY_NAME[case_name]
    if indicator not in CATALOGUE:
        pytest.fail(f"{indicator} has an oracle but is not in the catalogue")
    if case.level not in CATALOGUE[indicator]:
        pytest.skip(f"{indicator} is not defined at level {case.level}")
    if indicator not in ORACLES:
        pytest.skip(f"no oracle written for {indicator} yet")
    got = results[case_name][indicator]
    if isinstance(got, Exception):
        raise got
    want = expected(frames, indicator, case_name)
    if want is None:
        assert got.value is None, f"expected null, evaluator gave {got.value}"
        assert got.rag == "grey"
    else:
        assert got.value == pytest.approx(want, rel=1e-9, abs=1e-6)


def _check_rag(results: dict, frames: F.Frames, indicator: str, case_name: str) -> None:
    case = CASE_BY_NAME[case_name]
    if indicator not in DEFS or case.level not in CATALOGUE[indicator]:
        pytest.skip(f"{indicator} is not in the catalogue at level {case.level}")
    if indicator not in ORACLES or str(DEFS[indicator].rag.kind) == "rank":
        pytest.skip(f"no RAG oracle for {indicator}")
    got = results[case_name][indicator]
    if isinstance(got, Exception):
        raise got
    want = expected_rag(frames, DEFS[indicator], case.level, case.entity, case.window)
    assert got.rag == want, f"value {got.value}: {got.rag_reason_en}"


@pytest.mark.parametrize("case_name", [c.name for c in CASES])
@pytest.mark.parametrize("indicator", IDS)
def test_duckdb_rag_matches_oracle(duck_results: dict, frames: F.Frames, indicator: str,
                                   case_name: str) -> None:
    """The evaluator's light on DuckDB is the one the rule table gives for the oracle's values."""
    _check_rag(duck_results, frames, indicator, case_name)


@pytest.mark.postgres
@pytest.mark.parametrize("case_name", [c.name for c in CASES])
@pytest.mark.parametrize("indicator", IDS)
def test_postgres_rag_matches_oracle(pg_results: dict, frames: F.Frames, indicator: str,
                                     case_name: str) -> None:
    """The evaluator's light on PostgreSQL is the one the rule table gives."""
    _check_rag(pg_results, frames, indicator, case_name)


@pytest.mark.parametrize("case_name", [c.name for c in CASES])
@pytest.mark.parametrize("indicator", IDS)
def test_duckdb_matches_oracle(duck_results: dict, frames: F.Frames, indicator: str,
                               case_name: str) -> None:
    """The evaluator on a DuckDB file gives the oracle's value."""
    _check(duck_results, frames, indicator, case_name)


@pytest.mark.postgres
@pytest.mark.parametrize("case_name", [c.name for c in CASES])
@pytest.mark.parametrize("indicator", IDS)
def test_postgres_matches_oracle(pg_results: dict, frames: F.Frames, indicator: str,
                                 case_name: str) -> None:
    """The evaluator on PostgreSQL gives the oracle's value."""
    _check(pg_results, frames, indicator, case_name)
