"""/campaigns downloads over HTTP (Flask test client, real callbacks) on the hand-built campaign
store of tests/metrics/test_campaign_views.py: per-station CSV, responders CSV, the two-sheet
workbook; numbers by hand; masked names for a scope without pii; foreign entities refused.
"""

from __future__ import annotations

import base64
import csv
import io

import pytest
from openpyxl import load_workbook

from data.scope import Scope
from tests.pages.test_campaigns_page import client_for, store_url  # noqa: F401 - fixture
from tests.pages.test_rankings_page import post

BUTTONS = ("camp-csv-stations", "camp-csv-people", "camp-xlsx")


def download(client, button: str, entity: str, lang: str = "zh") -> dict | None:
    got, _ = post(client, ["camp-download.data"],
                  [(b, "n_clicks", 1 if b == button else None) for b in BUTTONS],
                  [("camp-entity", "value", entity), ("camp-period", "value", "2026-03"),
                   ("app-lang", "data", lang)], trigger=f"{button}.n_clicks")  # fmt: skip
    return got.get("camp-download.data")


def csv_rows(sent: dict) -> list[list[str]]:
    text = base64.b64decode(sent["content"]).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_station_csv_by_hand(store_url, tmp_path) -> None:  # noqa: F811
    client = client_for(store_url, tmp_path, Scope.everything(pii=True))
    sent = download(client, "camp-csv-stations", "province:P1")
    assert sent["filename"].endswith(".csv") and "P1" in sent["filename"]
    rows = csv_rows(sent)
    assert rows[0] == ["P1 · 2026-03"]
    head, body = rows[1], rows[2:]
    assert head[:5] == ["活动编号", "活动名称", "开始", "结束", "站"]
    by = {r[4]: dict(zip(head, r, strict=True)) for r in body}
    assert set(by) == {"B1", "B4"} and {r[0] for r in body} == {"K1"}
    # B4: +1 t on a 4 t baseline, +5 L of U4 at 0.5 kg/L; cost 1000 split over 2 stations
    assert float(by["B4"]["增量销量（吨）"]) == pytest.approx(1.0025)
    assert float(by["B4"]["活动成本（元）"]) == pytest.approx(500)
    assert float(by["B4"]["日均笔数变化"]) == pytest.approx(0.1)
    assert by["B4"]["有对照"].startswith("否") and by["B1"]["有对照"] == "是"


def test_responders_csv_and_workbook_with_names(store_url, tmp_path) -> None:  # noqa: F811
    client = client_for(store_url, tmp_path, Scope.everything(pii=True))
    rows = csv_rows(download(client, "camp-csv-people", "province:P1"))
    assert rows[1] == ["活动编号", "活动名称", "客户编号", "客户", "活动前升数", "活动期升数"]
    # U1 rose 20 → 40 L, U4 is new (0 → 5 L); U2 fell, U3 bought at a control station only
    assert [r[2:] for r in rows[2:]] == [["U1", "张三丰", "20.0", "40.0"], ["U4", "赵六", "0.0", "5.0"]]
    sent = download(client, "camp-xlsx", "province:P1", "en")
    wb = load_workbook(io.BytesIO(base64.b64decode(sent["content"])))
    assert wb.sheetnames == ["Per station", "Responders"]
    people = [[c.value for c in r] for r in wb.worksheets[1].iter_rows(min_row=3)]
    assert people[0] == ["Campaign id", "Campaign", "Customer id", "Customer", "Liters before",
                         "Liters during"]
    assert [p[2:4] for p in people[1:]] == [["U1", "张三丰"], ["U4", "赵六"]]


def test_team_scope_masked_ids_kept_and_foreign_refused(store_url, tmp_path) -> None:  # noqa: F811
    client = client_for(store_url, tmp_path, Scope(teams=frozenset({"TC"})))
    rows = csv_rows(download(client, "camp-csv-people", "team:TC"))
    assert [r[2:4] for r in rows[2:]] == [["U1", "张**"]]
    raw = base64.b64decode(download(client, "camp-xlsx", "team:TC")["content"])
    wb = load_workbook(io.BytesIO(raw))
    cells = {str(c.value) for ws in wb.worksheets for r in ws.iter_rows() for c in r}
    assert "张三丰" not in cells and "张**" in cells
    assert [r[4] for r in csv_rows(download(client, "camp-csv-stations", "team:TC"))[2:]] == ["B1"]
    assert download(client, "camp-xlsx", "team:TE") is None  # outside the scope: no file


@pytest.fixture(scope="module")
def two_team_url(tmp_path_factory) -> str:
    """The campaign store plus U5, who buys at B1 (team TC) and B4 (team TE, another city)."""
    from datetime import date

    from sqlalchemy import create_engine

    from tests.metrics.special_fixture import customer, sale
    from tests.metrics.special_fixture import load as load_tables
    from tests.metrics.test_campaign_views import _extra

    tables = _extra()
    tables["fuel_sales"] = [*tables["fuel_sales"],
                            sale("B1", date(2026, 3, 3), 10, cust="U5", price=8),
                            sale("B1", date(2026, 3, 12), 30, cust="U5", price=8),
                            sale("B4", date(2026, 3, 16), 20, cust="U5", price=8)]  # fmt: skip
    tables["customers"] = [*tables["customers"], {**customer("U5", "B1"), "name": "钱七"}]
    path = tmp_path_factory.mktemp("camp_two_teams") / "facts.duckdb"
    engine = create_engine(f"duckdb:///{path}")
    load_tables(engine, tables)
    engine.dispose()
    return f"duckdb:///{path}"


def test_customer_buying_in_two_teams(two_team_url, tmp_path) -> None:
    """Province: one row for U5 with both stations' liters; each team: its own stations only."""
    client = client_for(two_team_url, tmp_path, Scope.everything(pii=True))
    rows = [r[2:] for r in csv_rows(download(client, "camp-csv-people", "province:P1"))[2:]]
    # per day over 10 days: U5 30 + 20 L during vs 10 pre → +4 L/day; U1 +2; U4 +0.5
    assert rows == [["U5", "钱七", "10.0", "50.0"], ["U1", "张三丰", "20.0", "40.0"],
                    ["U4", "赵六", "0.0", "5.0"]]  # fmt: skip
    tc = [r[2:] for r in csv_rows(download(client, "camp-csv-people", "team:TC"))[2:]]
    assert tc == [["U1", "张三丰", "20.0", "40.0"], ["U5", "钱七", "10.0", "30.0"]]  # +2 each: by id
    te = [r[2:] for r in csv_rows(download(client, "camp-csv-people", "team:TE"))[2:]]
    assert te == [["U5", "钱七", "0.0", "20.0"], ["U4", "赵六", "0.0", "5.0"]]
