"""Ranks over all peers whatever the viewer's scope, and no peer's value or name in the report.

A team leader (scope team:T1) sees T1's place among ALL teams ("1/3" in the province, "1/2" in
city C1), the same positions as a province user; a station manager sees the station's place
among all stations. The peers' values are never shown: a canary copy of the fixture names every
other team and station 金丝雀…, and neither those names nor any value of a peer appears in the
report data, the HTML, the PDF text or the Excel cells of T1's report under team:T1."""

from __future__ import annotations

import dataclasses
import io
import shutil
import subprocess

import openpyxl
import pandas as pd
import pytest

from data.scope import Scope
from data.store import reader_engine
from metrics.evaluator import evaluate
from metrics.periods import Period
from metrics.request import BatchRequest
from reports.compose import ReportRequest, compose, headline_ids
from reports.render_html import render_html
from reports.render_pdf import render_pdf
from reports.render_xlsx import render_xlsx
from tests.metrics.fixture import DATA, build_store

PERIOD = Period.parse("2026-10")
CANARY = "金丝雀"
TEAM = Scope.parse("team:T1")


def _ranks(r) -> list[tuple]:
    k = r.rank
    return [(k.rank, k.prev_rank, k.of)] + [
        (h.figure_id, h.city_rank, h.city_prev, h.city_of, h.province_rank, h.province_prev,
         h.province_of) for h in k.by_headline]  # fmt: skip


def test_team_leader_sees_the_place_among_all_teams(report_engine):
    whole = compose(report_engine, ReportRequest("team", "T1", PERIOD, Scope.everything()))
    team = compose(report_engine, ReportRequest("team", "T1", PERIOD, TEAM))
    assert _ranks(team) == _ranks(whole)  # both against test_contributors' pandas ranks
    assert {(h.city_of, h.province_of) for h in team.rank.by_headline} == {(2, 3)}
    assert team.rank.of == 2  # the composite rank in C1: T1 and T2


def test_station_manager_sees_the_place_among_all_stations(report_engine):
    whole = compose(report_engine, ReportRequest("station", "S02", PERIOD, Scope.everything()))
    own = compose(report_engine, ReportRequest("station", "S02", PERIOD, Scope.parse("station:S02")))
    assert _ranks(own) == _ranks(whole)
    vol = next(h for h in own.rank.by_headline if h.figure_id == "fuel_volume_t")
    assert (vol.city_of, vol.province_of) == (5, 7)


@pytest.fixture(scope="module")
def canary_engine(tmp_path_factory):
    """The fixture with every team but T1 and its stations named 金丝雀…"""
    folder = tmp_path_factory.mktemp("canary") / "data"
    shutil.copytree(DATA, folder)
    st = pd.read_csv(folder / "stations.csv", dtype=str, keep_default_na=False)
    other = st["team_id"] != "T1"
    st.loc[other, "team_name"] = CANARY + "团队" + st.loc[other, "team_id"]
    st.loc[other, "station_name"] = CANARY + "站" + st.loc[other, "station_id"]
    st.to_csv(folder / "stations.csv", index=False)
    url = f"duckdb:///{folder.parent / 'canary.duckdb'}"
    build_store(url, folder)
    eng = reader_engine(url)
    yield eng
    eng.dispose()


def _floats(obj: object) -> set[float]:
    """Every float held anywhere in a report (dataclasses, tuples, dicts)."""
    if isinstance(obj, float):
        return {obj}
    if dataclasses.is_dataclass(obj):
        return set().union(*(_floats(getattr(obj, f.name)) for f in dataclasses.fields(obj)))
    if isinstance(obj, (tuple, list)):
        return set().union(set(), *(_floats(x) for x in obj))
    if isinstance(obj, dict):
        return set().union(set(), *(_floats(x) for x in obj.values()))
    return set()


def _peer_only_floats(engine, own) -> set[float]:
    """The headline values (now and a month before) of every other team and of the stations of
    other teams, less any float T1's own report holds anyway."""
    ents = (("team", "T2"), ("team", "T3"), *(("station", f"S0{i}") for i in range(4, 8)))
    res = evaluate(engine, BatchRequest(entities=ents, period=PERIOD, scope=Scope.everything(),
                                        indicators=headline_ids()))  # fmt: skip
    vals = {v for r in res.results.values() for v in (r.value, r.mom_value) if v}
    return vals - _floats(own)


def _outputs(report) -> tuple[str, str, list]:
    html = render_html(report, "zh") + render_html(report, "en")
    cells = [c for row in openpyxl.load_workbook(io.BytesIO(render_xlsx(report, "zh"))).active
             .iter_rows(values_only=True) for c in row if c is not None]  # fmt: skip
    pdf = ""
    if shutil.which("pdftotext"):
        pdf = subprocess.run(["pdftotext", "-", "-"], input=render_pdf(report, "zh"),
                             capture_output=True, check=True).stdout.decode()  # fmt: skip
    return html, pdf, cells


def test_canary_shows_where_peers_are_named(canary_engine):
    """The canary works: a city report (teams as contributors) names the other teams and holds
    their values."""
    city = compose(canary_engine, ReportRequest("city", "C1", PERIOD, Scope.everything()))
    html, _, cells = _outputs(city)
    assert CANARY in html and any(CANARY in str(c) for c in cells)
    whole = compose(canary_engine, ReportRequest("team", "T1", PERIOD, Scope.everything()))
    assert _floats(city) & _peer_only_floats(canary_engine, whole)


def test_no_peer_name_or_value_in_a_team_leaders_report(canary_engine):
    whole = compose(canary_engine, ReportRequest("team", "T1", PERIOD, Scope.everything()))
    team = compose(canary_engine, ReportRequest("team", "T1", PERIOD, TEAM))
    assert team.rank is not None and team.rank.by_headline[0].province_of == 3
    html, pdf, cells = _outputs(team)
    assert CANARY not in html and CANARY not in pdf
    assert not [c for c in cells if CANARY in str(c) or str(c) in ("T2", "T3")]
    peer = _peer_only_floats(canary_engine, whole)
    assert peer, "the canary needs peer values to look for"
    assert not _floats(team) & peer
    assert not {c for c in cells if isinstance(c, float)} & peer
