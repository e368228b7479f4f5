"""Fixtures of the attack tests: a canary store, users of every role, signed-in test clients.

The store is the seeded demo company (12 stations: team T01 in city RJ = S001-S007, team T02 in
city LY = S008-S012; 3 months to 2026-11-20) with planted strings: T02's stations are named
`CANARY_T2_ST_<id>`, customers homed at T02 stations `CANARY_T2_CUST_<id>` with phones
`+00-T2-<n>`, T01's customers `OWN_T1_CUST_<id>` with phones `1380000<nnnn>`; S001's name is an XSS probe (XSS_NAME). Purchases and
recharges of a customer outside their home team are made anonymous, so a T02 name can reach a T01
user only through a scope leak.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import insert

from access.users import create_user
from app import create_app
from data.state import ensure_state_schema, state_engine
from data.state_users import users
from settings import Settings

T2_STATIONS = ("S008", "S009", "S010", "S011", "S012")
PASSWORD = "correct-horse-battery"
USERS = {  # name: (role, scope, pii)
    "tl_t1": ("team_leader", "team:T01", True),
    "tl_t2": ("team_leader", "team:T02", True),
    "cm_rj": ("city_manager", "city:RJ", False),
    "sm_s001": ("station_manager", "station:S001", True),
    "prov": ("province_admin", "province", True),
    "analyst": ("province_analyst", "province", False),
    "wall": ("wall", "province", False),
}
CANARY = "CANARY_T2"
XSS_NAME = '<img src=x onerror="window.__xss=1">XSS_S001'  # must render as text (T16)
T2_PHONE = re.compile(r"\+00-T2-")


def plant_canaries(folder: Path) -> dict[str, str]:
    """Rename T02's stations and everyone's customers in the generated files; returns
    {customer_id: home team} for the tests."""
    st = pd.read_parquet(folder / "stations.parquet")
    t2 = st["station_id"].isin(T2_STATIONS)
    assert set(st.loc[t2, "team_id"]) == {"T02"} and set(st.loc[~t2, "team_id"]) == {"T01"}
    st.loc[t2, "station_name"] = "CANARY_T2_ST_" + st.loc[t2, "station_id"]
    st.loc[st["station_id"] == "S001", "station_name"] = XSS_NAME
    st.to_parquet(folder / "stations.parquet", index=False)
    cu = pd.read_parquet(folder / "customers.parquet")
    home_t2 = cu["home_station_id"].isin(T2_STATIONS)
    n = pd.Series(range(len(cu)), index=cu.index).astype(str).str.zfill(4)
    cu["name"] = ("OWN_T1_CUST_" + cu["customer_id"]).where(~home_t2,
                                                             "CANARY_T2_CUST_" + cu["customer_id"])
    cu["phone"] = ("1380000" + n).where(~home_t2, "+00-T2-" + n)
    cu.to_parquet(folder / "customers.parquet", index=False)
    home = dict(zip(cu["customer_id"], home_t2.map({True: "T02", False: "T01"}), strict=True))
    for name in ("fuel_sales", "nonfuel_sales", "card_recharges"):
        df = pd.read_parquet(folder / f"{name}.parquet")
        if "customer_id" not in df:
            continue
        team = df["station_id"].isin(T2_STATIONS).map({True: "T02", False: "T01"})
        cross = df["customer_id"].notna() & (df["customer_id"].map(home) != team)
        if name == "card_recharges":
            df = df[~cross]  # a recharge needs its customer
        else:
            df.loc[cross, "customer_id"] = None
        df.to_parquet(folder / f"{name}.parquet", index=False)
    return home


@pytest.fixture(scope="session")
def canary_files(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """The generated, canary-planted contract files and each customer's home team."""
    from data.demo import generate

    root = tmp_path_factory.mktemp("canary") / "files"
    generate(root, stations=12, months=3, seed=7, end_date=dt.date(2026, 11, 20), progress=False)
    return root, plant_canaries(root)


@pytest.fixture(scope="session")
def canary_url(canary_files, tmp_path_factory) -> str:
    """A DuckDB facts store holding the canary company."""
    from data.importer import import_folder

    url = f"duckdb:///{tmp_path_factory.mktemp('canary_db') / 'facts.duckdb'}"
    import_folder(url, canary_files[0])
    return url


def add_users(state_url: str) -> None:
    """The fixture users (password PASSWORD) and `tl_noteam`, a team leader whose stored
    assignment is empty (written directly: the user store refuses to create one)."""
    engine = state_engine(state_url)
    ensure_state_schema(engine)
    for name, (role, scope, pii) in USERS.items():
        create_user(engine, name, PASSWORD, role, scope, pii)
    now = dt.datetime(2026, 1, 1)
    with engine.begin() as conn:
        conn.execute(insert(users), dict(
            user_id="tl_noteam", password_hash=_hash_of(engine, "tl_t1"), role="team_leader",
            scope="", pii=False, disabled=False, session_epoch=0, created_at=now, updated_at=now))


def _hash_of(engine, user_id: str) -> str:
    from sqlalchemy import select

    with engine.connect() as conn:
        return conn.execute(select(users.c.password_hash).where(users.c.user_id == user_id)).scalar()


def build_app(facts_url: str, state_url: str, **extra):
    """The real app over the facts store, with the fixture users in the state store."""
    add_users(state_url)
    return create_app(Settings(database_url=facts_url, state_database_url=state_url, **extra))


def login(client, name: str, password: str = PASSWORD) -> None:
    """Sign in through the real form (token from the GET, then the POST)."""
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    res = client.post("/login", data={"csrf": token, "user": name, "password": password,
                                      "next": "/board"})
    assert res.status_code == 302, (name, res.status_code)


@pytest.fixture(scope="module")
def canary_app(canary_url, tmp_path_factory):
    """One app over the canary store with every fixture user."""
    state = f"sqlite:///{tmp_path_factory.mktemp('canary_state') / 'state.sqlite'}"
    return build_app(canary_url, state)


@pytest.fixture
def client_for(canary_app) -> Callable[[str | None], object]:
    """A factory of test clients signed in as a fixture user (None: anonymous)."""

    def make(name: str | None):
        client = canary_app.server.test_client()
        if name:
            login(client, name)
        return client

    return make
