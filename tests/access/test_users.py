"""The user store, roles→scopes, masking and the CLI, on a real SQLite state store."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from access import users
from access.masking import mask_name, mask_phone, personal
from access.roles import scope_for
from data.scope import Scope
from data.state import ensure_state_schema, state_engine

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def engine(tmp_path):
    eng = state_engine(f"sqlite:///{tmp_path / 'state.sqlite'}")
    ensure_state_schema(eng)
    return eng


def test_hash_is_salted_scrypt_with_parameters() -> None:
    a, b = users.hash_password("a-long-password"), users.hash_password("a-long-password")
    assert a != b and a.startswith("scrypt$16384$8$1$")
    assert users.verify_password("a-long-password", a) and not users.verify_password("other", a)
    _, n, r, p, salt, digest = a.split("$")
    import base64

    expected = hashlib.scrypt(b"a-long-password", salt=base64.b64decode(salt), n=int(n), r=int(r),
                              p=int(p), dklen=32)
    assert base64.b64decode(digest) == expected
    assert not users.verify_password("x", "md5$abc") and not users.verify_password("x", "garbage")


def test_create_authenticate_scope_disable(engine) -> None:
    users.create_user(engine, "tl1", "long-enough-pw", "team_leader", "team:T01", pii=True)
    assert users.authenticate(engine, "tl1", "wrong-password") is None
    user = users.authenticate(engine, "tl1", "long-enough-pw")
    assert user.scope() == Scope(teams=frozenset({"T01"}), pii=True)
    users.set_scope(engine, "tl1", "team:T02")
    assert users.get_user(engine, "tl1").scope().teams == frozenset({"T02"})
    epoch = users.get_user(engine, "tl1").session_epoch
    users.set_disabled(engine, "tl1")
    gone = users.get_user(engine, "tl1")
    assert gone.scope().is_empty and gone.session_epoch == epoch + 1
    assert users.authenticate(engine, "tl1", "long-enough-pw") is None


@pytest.mark.parametrize(("name", "pw", "role", "scope"), [
    ("x", "long-enough-pw", "team_leader", "team:T01"),
    ("ok_name", "short", "team_leader", "team:T01"),
    ("ok_name", "long-enough-pw", "king", "team:T01"),
    ("ok_name", "long-enough-pw", "team_leader", "province"),
    ("ok_name", "long-enough-pw", "team_leader", ""),
    ("ok_name", "long-enough-pw", "city_manager", "town:X"),
    ("bad name'; --", "long-enough-pw", "team_leader", "team:T01"),
])
def test_refused_users(engine, name, pw, role, scope) -> None:
    with pytest.raises(users.UserError):
        users.create_user(engine, name, pw, role, scope)


def test_scopes_fail_closed() -> None:
    assert scope_for("team_leader", "", True).is_empty
    assert scope_for("team_leader", "province", True).is_empty
    assert scope_for("no_such_role", "province", True).is_empty
    assert scope_for("team_leader", "garbage::", True).is_empty
    wall = scope_for("wall", "", True)
    assert wall.all_stations and wall.aggregates_only and not wall.pii
    assert scope_for("province_analyst", "province", False) == Scope(all_stations=True)


def test_masking() -> None:
    assert mask_name("张三丰") == "张**" and mask_name("张三") == "张**" and mask_name(None) is None
    assert mask_phone("13812341234") == "138****1234" and mask_phone("12345") == "****"
    assert personal(Scope(all_stations=True, pii=True), "张三", "13812341234") == ("张三", "13812341234")
    assert personal(Scope(all_stations=True), "张三", "13812341234") == ("张**", "138****1234")
    assert personal(Scope(all_stations=True, pii=True, aggregates_only=True), "张三", "1") == (None, None)


def test_cli(tmp_path) -> None:
    env = {"STATE_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite'}", "PATH": "/usr/bin:/bin"}

    def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "access", *args], input=stdin, text=True,
                              capture_output=True, cwd=ROOT, env=env, timeout=60)

    made = run("create-user", "tl1", "--role", "team_leader", "--scope", "team:T01", "--pii",
               "--password-stdin", stdin="long-enough-pw\n")
    assert made.returncode == 0 and made.stdout.split() == ["tl1", "team_leader", "team:T01", "pii"]
    assert run("create-user", "tl2", "--role", "team_leader", "--scope", "province",
               "--password-stdin", stdin="long-enough-pw\n").returncode == 2
    assert run("set-scope", "tl1", "--scope", "team:T02", "--no-pii").returncode == 0
    assert run("disable", "tl1").returncode == 0
    assert run("list").stdout.split() == ["tl1", "team_leader", "team:T02", "disabled"]
    assert run("set-scope", "nobody", "--scope", "team:T01").returncode == 2
    assert "long-enough-pw" not in (tmp_path / "cli.sqlite").read_bytes().decode("latin-1")


def test_logged_in_client_fixture(logged_in_client, canary_url, tmp_path) -> None:
    from app import create_app
    from settings import Settings

    app = create_app(Settings(database_url=canary_url,
                              state_database_url=f"sqlite:///{tmp_path / 'fx.sqlite'}"))
    client = logged_in_client(app, "team_leader", "team:T01")
    assert "test_team_leader_1" in client.get("/_dash-layout").get_data(as_text=True)
    assert client.get("/status").status_code == 403
