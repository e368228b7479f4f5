"""T6/T7: two users with identical inputs never share cached rows; a new scope or a disabled
account takes effect on the next request. T10 / issue item 8: the same scope checks on
PostgreSQL (the canary company imported into a fresh database)."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from access import session_user, users
from tests.access.conftest import build_app, login
from tests.access.harness import CANARY, base_values, harvest, payload, server_deps

RANK = "..rank-data.data...rank-url.data.."


def _rank_by_station(client) -> str:
    """The rankings data callback at station level with the page's own defaults."""
    deps = server_deps(client)
    dep = next(d for d in deps if d["output"] == RANK)
    values = base_values(dep, harvest(client, deps))
    values[("rank-level", "value")] = "station"
    res = client.post("/_dash-update-component", json=payload(dep, values))
    assert res.status_code == 200, res.status_code
    return res.get_data(as_text=True)


def _stations(body: str) -> set[str]:
    import re

    return set(re.findall(r'"(S0\d\d)"', body))


def test_same_inputs_different_scopes_never_share_the_cache(client_for, canary_app) -> None:
    t1, t2 = client_for("tl_t1"), client_for("tl_t2")
    first = _rank_by_station(t1)
    other = _rank_by_station(t2)
    again = _rank_by_station(t1)  # served from the cache now
    assert not CANARY.search(first) and not CANARY.search(again)
    assert "CANARY_T2_ST_S008" in other
    assert _stations(first) == _stations(again) == {f"S00{i}" for i in range(1, 8)}
    assert _stations(other) == {"S008", "S009", "S010", "S011", "S012"}


def test_scope_change_and_disable_take_effect_on_the_next_request(client_for, canary_app) -> None:
    client = client_for("sm_s001")
    assert _stations(_rank_by_station(client)) == {"S001"}
    with canary_app.server.app_context():
        state = session_user.state()
    users.set_scope(state, "sm_s001", "station:S009")
    try:
        assert _stations(_rank_by_station(client)) == {"S009"}  # same cookie, new scope
        users.set_disabled(state, "sm_s001")
        assert client.get("/_dash-dependencies").status_code == 401
    finally:
        users.set_disabled(state, "sm_s001", False)
        users.set_scope(state, "sm_s001", "station:S001")


@pytest.fixture(scope="module")
def pg_canary_url(pg_url, canary_files):
    from data import store
    from data.importer import import_folder

    name = f"amoeba_access_{uuid.uuid4().hex[:8]}"
    admin = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(pg_url).set(database=name).render_as_string(hide_password=False)
    try:
        import_folder(url, canary_files[0])
        yield url
    finally:
        reader = store._readers.pop(url, None)
        if reader is not None:
            reader.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_scopes_on_postgresql(pg_canary_url, tmp_path) -> None:
    app = build_app(pg_canary_url, f"sqlite:///{tmp_path / 'state.sqlite'}")
    t1, t2 = app.server.test_client(), app.server.test_client()
    login(t1, "tl_t1")
    login(t2, "tl_t2")
    mine, theirs = _rank_by_station(t1), _rank_by_station(t2)
    assert _stations(mine) == {f"S00{i}" for i in range(1, 8)} and not CANARY.search(mine)
    assert _stations(theirs) == {"S008", "S009", "S010", "S011", "S012"}
    from tests.access.test_callbacks_attack import _attack, _queries

    deps = server_deps(t2)
    problems, sent = _attack(t1, deps, harvest(t2, deps), _queries("C0000001"), hostile=False)
    assert not problems and sent > 50
