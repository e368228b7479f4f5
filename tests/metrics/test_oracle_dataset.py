"""The fixture is good enough to prove something: every oracle is non-trivial somewhere and
null or zero on the empty station-month (S05 before it opened)."""

from __future__ import annotations

import pytest

from tests.metrics.oracle import ORACLES
from tests.metrics.oracle import frames as F
from tests.metrics.oracle.cases import CASE_BY_NAME, CASES


@pytest.fixture(scope="module")
def frames() -> F.Frames:
    return F.shared()


@pytest.mark.parametrize("indicator", sorted(ORACLES))
def test_some_case_is_non_trivial(frames: F.Frames, indicator: str) -> None:
    values = {c.name: ORACLES[indicator](frames, c.level, c.entity, c.window) for c in CASES}
    assert any(v not in (None, 0) for v in values.values()), values


# The green share of an empty station is a share of lights (a 0-yuan cost is within budget).
@pytest.mark.parametrize("indicator", sorted(set(ORACLES) - {"green_indicator_share"}))
def test_empty_station_month_is_null_or_zero(frames: F.Frames, indicator: str) -> None:
    case = CASE_BY_NAME["empty_station_month"]
    assert ORACLES[indicator](frames, case.level, case.entity, case.window) in (None, 0)


def test_csvs_are_what_generate_py_writes(tmp_path) -> None:  # noqa: ANN001
    """The committed CSVs and generate.py (and so README.md's story) have not drifted apart."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("fixture_generate", F.DATA / "generate.py")
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    gen.main(tmp_path)
    for made in sorted(tmp_path.glob("*.csv")):
        assert made.read_text(encoding="utf-8") == (F.DATA / made.name).read_text(
            encoding="utf-8"), made.name
