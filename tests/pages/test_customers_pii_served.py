"""Names and phones never reach a user without pii: the real app served by `python app.py` (its
log captured to a file), a signed-in province analyst without pii, every customer view of this
area (客户圈 tabs in both languages, 客户画像 list and exports, 营销活动 list, detail and exports,
金额段), and a refused foreign entity that writes a traceback to the log. Responses, decoded
downloads and the app log are searched for each planted name and phone.

Two hand-built stores: the customer lists' (10 named customers with phones) and the campaigns'
(4 named responders, phones added here).
"""

from __future__ import annotations

import base64
import io
import os
import re
import socket
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
import requests
from sqlalchemy import create_engine

from access.users import create_user
from data.state import state_engine
from tests.metrics.special_fixture import load
from tests.metrics.test_campaign_views import _extra
from tests.metrics.test_customer_lists_data import NAMES, TABLES
from tests.pages import test_campaigns_export as camp
from tests.pages import test_customers_page as cust
from tests.pages import test_customers_segments as seg
from tests.pages.test_rankings_page import post

ROOT = Path(__file__).resolve().parents[2]
CAMP_PEOPLE = {"U1": ("张三丰", "13811112222"), "U2": ("李四", "13933334444"),
               "U3": ("王五", "13755556666"), "U4": ("赵六", "13677778888")}  # fmt: skip


class Served:
    """requests.Session dressed as a Flask test client (what the helpers of the page tests take)."""

    def __init__(self, base: str) -> None:
        self.base, self.session = base, requests.Session()

    def get(self, path: str) -> _Resp:
        return _Resp(self.session.get(self.base + path, timeout=120))

    def post(self, path: str, json: dict | None = None, data: dict | None = None) -> _Resp:
        return _Resp(self.session.post(self.base + path, json=json, data=data, timeout=300,
                                       allow_redirects=False))  # fmt: skip


class _Resp:
    def __init__(self, r: requests.Response) -> None:
        self.r, self.status_code, self.data = r, r.status_code, r.content

    def get_json(self) -> dict:
        return self.r.json()

    def get_data(self, as_text: bool = False) -> str | bytes:
        return self.r.text if as_text else self.r.content


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _campaign_tables() -> dict:
    tables = _extra()
    tables["customers"] = [{**c, "phone": CAMP_PEOPLE[c["customer_id"]][1]} for c in tables["customers"]]
    return tables


def _serve(tmp: Path, tables: dict, pii: bool = False) -> tuple[subprocess.Popen, Path, Served]:
    facts, state = f"duckdb:///{tmp / 'facts.duckdb'}", f"sqlite:///{tmp / 'state.sqlite'}"
    engine = create_engine(facts)
    load(engine, tables)
    engine.dispose()
    create_user(state_engine(state), "analyst", "analyst-password-1", "province_analyst", "province", pii)
    port, log = _free_port(), tmp / "app.log"
    env = {**os.environ, "DATABASE_URL": facts, "STATE_DATABASE_URL": state, "PORT": str(port),
           "PYTHONPATH": str(ROOT)}  # fmt: skip
    proc = subprocess.Popen([sys.executable, str(ROOT / "app.py")], cwd=ROOT, env=env,
                            stdout=log.open("wb"), stderr=subprocess.STDOUT)  # fmt: skip
    client = Served(f"http://127.0.0.1:{port}")
    deadline = time.time() + 90
    while True:
        try:
            page = client.get("/login")
            break
        except requests.ConnectionError:
            if time.time() > deadline or proc.poll() is not None:
                proc.kill()
                raise AssertionError(log.read_text(errors="replace")[-2000:]) from None
            time.sleep(0.3)
    token = re.search(r'name="csrf" value="([^"]+)"', page.get_data(as_text=True)).group(1)
    signed = client.post("/login", data={"csrf": token, "user": "analyst", "password": "analyst-password-1"})
    assert signed.status_code == 302
    return proc, log, client


def _decoded(download: dict | None) -> str:
    """A download's text: CSV as is, an .xlsx's XML parts (shared strings hold the cells)."""
    if not download:
        return ""
    raw = base64.b64decode(download["content"])
    if download["filename"].endswith(".xlsx"):
        with zipfile.ZipFile(io.BytesIO(raw)) as z:
            return "\n".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
    return raw.decode("utf-8-sig")


def _customer_views(client: Served) -> list[str]:
    texts = [client.get(p).get_data(as_text=True)
             for p in ("/customers?team=T1&tab=serious", "/segments?team=T1", "/campaigns", "/bands")]
    for entity in ("team:T1", "province:P1", "station:S2"):
        for tab in cust.TABS:
            for lang in ("zh", "en"):
                texts.append(cust.render(client, tab, lang, entity)[1])
    texts.append(seg.render(client)[1])
    for kind in ("csv", "xlsx"):
        got, raw = cust.call(client, ["segments-download.data"],
                             [("segments-csv", "n_clicks", 1 if kind == "csv" else None),
                              ("segments-xlsx", "n_clicks", 1 if kind == "xlsx" else None)],
                             [("segments-entity", "value", "team:T1"), ("segments-period", "value", "2026-10"),
                              ("app-lang", "data", "zh"), *seg._values(), ("segments-query", "data", {})],
                             changed=[f"segments-{kind}.n_clicks"])  # fmt: skip
        texts += [raw, _decoded(got.get("segments-download.data"))]
    return texts


def _campaign_views(client: Served) -> list[str]:
    texts = [client.get("/campaigns?province=P1&period=2026-03").get_data(as_text=True)]
    data, _ = post(
        client, ["camp-data.data", "camp-url.data"],
        [("camp-entity", "value", "province:P1"), ("camp-period", "value", "2026-03")])  # fmt: skip
    texts.append(str(data))
    _, raw = post(
        client, ["camp-detail.children"],
        [("camp-pick", "value", "K1"), ("camp-data", "data", data["camp-data.data"]),
         ("app-lang", "data", "zh")])  # fmt: skip
    texts.append(raw)
    for button in camp.BUTTONS:
        texts.append(_decoded(camp.download(client, button, "province:P1")))
    texts.append(str(camp.download(client, "camp-xlsx", "team:NOPE")))  # refused: logged
    return texts


@pytest.mark.parametrize("kind", ["customers", "campaigns"])
def test_no_name_or_phone_in_pages_exports_or_app_log(tmp_path, kind) -> None:
    tables, planted = ((TABLES, NAMES) if kind == "customers" else (_campaign_tables(), CAMP_PEOPLE))
    proc, log, client = _serve(tmp_path, tables)
    try:
        texts = _customer_views(client) if kind == "customers" else _campaign_views(client)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    app_log = log.read_text(errors="replace")
    assert "serving on" in app_log and "export failed" in app_log or kind == "customers"
    everything = "\n".join(texts)
    assert "**" in everything  # the scan does look at masked rows
    for name, phone in planted.values():
        for where, text in (("responses and downloads", everything), ("app log", app_log)):
            assert name not in text and phone not in text, f"{name}/{phone} in the {where}"


def test_the_scan_finds_names_for_a_user_with_pii(tmp_path) -> None:
    """Self-check: the same views for a user allowed personal data do show the names."""
    proc, _, client = _serve(tmp_path, _campaign_tables(), pii=True)
    try:
        everything = "\n".join(_campaign_views(client))
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert all(name in everything for name in ("张三丰", "赵六"))
