"""Data coverage and the comparisons it supports: hand-worked windows on the real catalogue."""

from __future__ import annotations

from datetime import date

import pytest

from metrics.coverage import Coverage, Gap, covers, gaps, read_coverage, store_coverage
from metrics.periods import Period, window
from metrics.registry import get_registry

IND = get_registry().indicators
NOV = window(Period.parse("2026-11"), date(2026, 11, 20))  # 2026-11-01 .. 2026-11-20
FROM_OCT = Coverage(date(2025, 10, 1), date(2026, 11, 20))  # a 14-month store


def _gaps(ind_id: str, cov: Coverage | None, win=NOV) -> dict[str, tuple[str, date, date]]:
    return {k: (g.basis, g.start, g.end) for k, g in gaps(IND[ind_id], win, cov, IND).items()}


def test_covers_is_inclusive_and_an_empty_store_covers_nothing() -> None:
    cov = Coverage(date(2025, 10, 1), date(2026, 11, 20))
    assert covers(cov, date(2025, 10, 1), date(2026, 11, 20))
    assert not covers(cov, date(2025, 9, 30), date(2025, 10, 31))
    assert not covers(cov, date(2026, 11, 1), date(2026, 11, 21))
    assert not covers(Coverage(None, None), date(2026, 1, 1), date(2026, 1, 1))
    assert Coverage.from_json(cov.to_json()) == cov and Coverage.from_json(None) is None


def test_ytd_growth_on_a_14_month_store_leans_on_last_years_ytd() -> None:
    # value = ytd / ly_ytd − 1: last year's YTD is 2025-01-01..2025-11-20, data from 2025-10-01
    got = _gaps("fuel_volume_ytd_growth", FROM_OCT)
    assert got["value"] == ("yoy", date(2025, 1, 1), date(2025, 11, 20))
    assert got["rag"] == got["value"]  # its threshold light is judged on that growth
    # the YoY column is the growth a year earlier: its first read, YTD 2025, is not all there
    assert got["yoy"] == ("yoy", date(2025, 1, 1), date(2025, 11, 20))
    # the MoM column is the same growth a month earlier: 2025-01-01..2025-10-20 is missing too
    assert got["mom"] == ("mom", date(2025, 1, 1), date(2025, 10, 20))


def test_yoy_growth_value_is_covered_but_its_own_yoy_column_is_not() -> None:
    # fuel_volume_yoy at Nov 2026 reads Nov 2025 (covered); its YoY column reads Nov 2024
    assert _gaps("fuel_volume_yoy", FROM_OCT) == {
        "yoy": ("yoy", date(2024, 11, 1), date(2024, 11, 20))}


def test_plain_volume_on_the_14_month_store_has_nothing_to_flag() -> None:
    assert _gaps("fuel_volume_t", FROM_OCT) == {}
    assert _gaps("fuel_volume_t", Coverage(date(2024, 1, 1), date(2026, 11, 20))) == {}


def test_data_from_the_fifth_of_november_last_year_breaks_the_yoy_column_and_yoy_lights() -> None:
    cov = Coverage(date(2025, 11, 5), date(2026, 11, 20))
    assert _gaps("fuel_volume_t", cov) == {"yoy": ("yoy", date(2025, 11, 1), date(2025, 11, 20))}
    # a light judged on growth against last year goes with it (growth rule, basis yoy)
    assert _gaps("recharge_count", cov)["rag"] == ("yoy", date(2025, 11, 1), date(2025, 11, 20))
    # the plan expression of fuel gross profit reads last year's profit per tonne
    assert _gaps("fuel_gross_profit", cov)["rag"] == ("yoy", date(2025, 11, 1), date(2025, 11, 20))


def test_mom_light_and_data_starting_inside_the_month() -> None:
    cov = Coverage(date(2026, 10, 10), date(2026, 11, 20))
    got = _gaps("lost_customers", cov)  # growth rule, basis mom: Oct 1–20 is not all there
    assert got["mom"] == ("mom", date(2026, 10, 1), date(2026, 10, 20))
    assert got["rag"] == got["mom"]
    # data from 3 Nov: the month's plan is judged on 18 of 20 days
    late = Coverage(date(2026, 11, 3), date(2026, 11, 20))
    vol = _gaps("fuel_volume_t", late)
    assert vol["plan"] == vol["rag"] == ("plan", date(2026, 11, 1), date(2026, 11, 20))
    # the YTD completion reads Jan 1 to date: its value is incomplete, its light follows
    ytd = _gaps("fuel_volume_ytd_completion", Coverage(date(2026, 3, 1), date(2026, 11, 20)))
    assert ytd["value"] == ("ytd", date(2026, 1, 1), date(2026, 11, 20)) == ytd["rag"]


def test_growth_vs_and_relative_follow_their_reference() -> None:
    cov = Coverage(date(2025, 11, 5), date(2026, 11, 20))
    # growth_vs compares this year's growth with fuel volume's: both need Nov 2025
    assert _gaps("fuel_discount_total", cov)["rag"][0] == "yoy"
    assert "rag" not in _gaps("dormant_customers", cov)  # relative to a same-window indicator


def test_full_coverage_and_unknown_coverage_flag_nothing() -> None:
    full = Coverage(date(2020, 1, 1), date(2026, 11, 20))
    for ind in IND.values():
        assert gaps(ind, NOV, full, IND) == {}, ind.id
        assert gaps(ind, NOV, None, IND) == {}, ind.id


def test_quarter_to_date_window() -> None:
    q = window(Period.parse("2026-Q4"), date(2026, 11, 20))  # 2026-10-01..2026-11-20
    got = _gaps("fuel_volume_t", Coverage(date(2025, 10, 15), date(2026, 11, 20)), q)
    assert got == {"yoy": ("yoy", date(2025, 10, 1), date(2025, 11, 20))}
    assert isinstance(gaps(IND["fuel_volume_t"], q, Coverage(None, None), IND)["mom"], Gap)


@pytest.fixture(scope="module")
def tiny_store(tmp_path_factory) -> str:
    import duckdb

    path = tmp_path_factory.mktemp("cov") / "c.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE fuel_sales (ts TIMESTAMP)")
    con.execute("INSERT INTO fuel_sales VALUES ('2025-03-04 06:00'), ('2026-02-01 23:59:59')")
    con.close()
    return f"duckdb:///{path}"


def test_store_coverage_reads_first_and_last_day(tiny_store) -> None:
    from sqlalchemy import create_engine

    engine = create_engine(tiny_store)
    want = Coverage(date(2025, 3, 4), date(2026, 2, 1))
    assert read_coverage(engine) == want
    assert store_coverage(engine) == want  # no import_runs: read, not remembered
