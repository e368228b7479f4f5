"""The app over HTTP (Flask test client): pages load, nothing comes from other hosts, the
status callback renders real numbers, bad links get friendly answers."""

from __future__ import annotations

import json
import re

import pytest

from app import create_app
from settings import Settings

# XML namespaces inside inline SVG data URIs are identifiers, never fetched.
NAMESPACES = {"http://www.w3.org/2000/svg"}
URL_RE = re.compile(r"https?://[^\s\"')<>]+")


@pytest.fixture
def client(status_store_url, tmp_path):
    app = create_app(Settings(database_url=status_store_url,
                              state_database_url=f"sqlite:///{tmp_path / 'state.sqlite'}"))
    with app.server.test_client() as c:
        assert c.get("/").status_code in (200, 302)  # first request wires the pages router
        yield c


def _foreign_urls(text: str) -> set[str]:
    found = {u.rstrip(".,;") for u in URL_RE.findall(text)}
    return {u for u in found if u not in NAMESPACES and not u.startswith("http://localhost")}


def _text(tree: object) -> str:
    """The visible text of a rendered component tree, in document order."""
    if isinstance(tree, str):
        return tree
    if isinstance(tree, list):
        return "".join(_text(x) for x in tree)
    if isinstance(tree, dict):
        return _text(tree.get("props", {}).get("children"))
    return "" if tree is None else str(tree)


def _update(client, output: str, inputs: list[tuple[str, str, object]]) -> dict:
    oid, prop = output.split(".")
    payload = {
        "output": output,
        "outputs": {"id": oid, "property": prop},
        "inputs": [{"id": i, "property": p, "value": v} for i, p, v in inputs],
        "changedPropIds": [],
        "state": [],
    }
    resp = client.post("/_dash-update-component", json=payload)
    assert resp.status_code == 200, resp.data[:500]
    return resp.get_json()["response"][oid][prop]


def test_pages_load_without_foreign_urls(client) -> None:
    for path in ("/", "/status", "/no-such-page", "/status?run=%27%3Bdrop"):
        resp = client.get(path, follow_redirects=True)
        assert resp.status_code == 200, path
        html = resp.data.decode()
        assert "<title>阿米巴经营看板</title>" in html
        assert _foreign_urls(html) == set(), path
    html = client.get("/status").data.decode()
    sheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    assert sheets[0] == "/assets/vendor/bootstrap-5.3.9/bootstrap.min.css"
    assert any(s.startswith("/assets/amoeba.css") for s in sheets)
    for sheet in sheets:
        css = client.get(sheet)
        assert css.status_code == 200, sheet
        # comments (the licence header) are not fetched; url(...) and @import are
        rules = re.sub(r"/\*.*?\*/", "", css.data.decode(), flags=re.S)
        assert _foreign_urls(rules) == set(), sheet
    assert client.get("/assets/amoeba.js").status_code == 200


def test_status_renders_real_numbers_in_both_languages(client) -> None:
    inputs = [("app-lang", "data", "en"), ("status-query", "data", {"run": None})]
    text = _text(_update(client, "status-body.children", inputs))
    for expected in ("Data status", "20261021T063000-bbbb", "1,232", "of 1,234 rows read",
                     "sales data through 2026-10-20",
                     "Fuel sales", "2026-09-03 – 2026-10-20", "2026-08 – 2026-10",
                     "unknown station 'S999'", "must be > 0: '-5'", "2 in total"):
        assert expected in text, expected
    assert "not a date" not in text  # the older import's row stays with the older import
    inputs[0] = ("app-lang", "data", "zh")
    text = _text(_update(client, "status-body.children", inputs))
    for expected in ("数据状态", "油品销售（纯枪）", "共读取 1,234 行", "2026-09-03 至 2026-10-20", "共 2 行"):
        assert expected in text, expected


def test_bad_run_parameter_is_friendly(client) -> None:
    inputs = [("app-lang", "data", "zh"), ("status-query", "data", {"run": "x' OR 1=1 --"})]
    text = _text(_update(client, "status-body.children", inputs))
    assert "链接参数有误" in text and "x' OR 1=1 --" in text
    assert "20261021T063000-bbbb" in text  # the default view follows the notice
    inputs[1] = ("status-query", "data", {"run": "20261001T080000-aaaa"})
    text = _text(_update(client, "status-body.children", inputs))
    assert "not a date: '2020-13-01'" in text and "链接参数有误" not in text


def test_not_found_names_the_address(client) -> None:
    inputs = [("app-lang", "data", "en"), ("shell-url", "pathname", "/nowhere")]
    text = _text(_update(client, "notfound-body.children", inputs))
    assert "There is no page at /nowhere" in text


def test_unreadable_store_is_a_notice_not_a_traceback(tmp_path) -> None:
    broken = create_app(Settings(database_url="postgresql+psycopg://u:pw@127.0.0.1:1/none",
                                 state_database_url=f"sqlite:///{tmp_path / 's.sqlite'}"))
    with broken.server.test_client() as c:
        c.get("/")
        inputs = [("app-lang", "data", "en"), ("status-query", "data", {"run": None})]
        text = _text(_update(c, "status-body.children", inputs))
    assert "Cannot read the database" in text and "***" in text and "pw" not in text


def test_shell_translates_navigation(client) -> None:
    inputs = [("app-lang", "data", "en"), ("shell-url", "pathname", "/status")]
    payload = {
        "output": "..shell-nav.children...shell-brand-name.children...shell-footer.children..."
                  "shell-toggler.title...shell-lang.title...lang-zh.className...lang-en.className..",
        "outputs": [{"id": i, "property": p} for i, p in (
            ("shell-nav", "children"), ("shell-brand-name", "children"), ("shell-footer", "children"),
            ("shell-toggler", "title"), ("shell-lang", "title"), ("lang-zh", "className"),
            ("lang-en", "className"))],
        "inputs": [{"id": i, "property": p, "value": v} for i, p, v in inputs],
        "changedPropIds": [], "state": [],
    }
    resp = client.post("/_dash-update-component", json=payload).get_json()["response"]
    assert resp["shell-brand-name"]["children"] == "Amoeba Board"
    assert "Data status" in json.dumps(resp["shell-nav"]["children"])
    assert "active" in resp["lang-en"]["className"] and "active" not in resp["lang-zh"]["className"]


def test_home_goes_to_the_board_once_it_exists(client) -> None:
    import dash

    paths = {p["relative_path"] for p in dash.page_registry.values()}
    resp = client.get("/?lang=en")
    if "/board" in paths:
        assert resp.status_code == 302
        assert resp.headers["Location"] == "/board?lang=en"
    else:
        assert resp.status_code == 200


def test_landing_lists_the_registered_pages(client) -> None:
    import dash

    listed = [p for p in dash.page_registry.values() if p.get("nav_key")]
    tree = _update(client, "home-body.children", [("app-lang", "data", "en")])
    text = _text(tree)
    assert "Welcome to Amoeba Board" in text
    assert "Data status" in text and "Row counts, date ranges, imports and quarantined rows" in text
    links = json.dumps(tree)
    for page in listed:
        assert f'"href": "{page["relative_path"]}"' in links, page["relative_path"]


@pytest.mark.postgres
def test_status_page_on_postgresql(pg_url, tmp_path) -> None:
    """The same page through the app's read-only PostgreSQL reader, in a database of its own."""
    import uuid

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from data import schema
    from tests.conftest import fill_status_store

    name = f"status_http_{uuid.uuid4().hex[:8]}"
    admin = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(pg_url).set(database=name).render_as_string(hide_password=False)
    writer = create_engine(url)
    try:
        schema.metadata.create_all(writer)
        fill_status_store(writer)
        app = create_app(Settings(database_url=url, state_database_url=f"sqlite:///{tmp_path / 's.sqlite'}"))
        with app.server.test_client() as c:
            c.get("/status")
            inputs = [("app-lang", "data", "en"), ("status-query", "data", {"run": None})]
            text_ = _text(_update(c, "status-body.children", inputs))
        for expected in ("20261021T063000-bbbb", "of 1,234 rows read", "2026-09-03 – 2026-10-20",
                         "unknown station 'S999'", "2 in total"):
            assert expected in text_, expected
    finally:
        writer.dispose()  # the app's cached reader may still hold a connection: FORCE ends it
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


SUMMARY = (
    '{"files": [{"file": "fuel_sales.csv", "table": "fuel_sales", "rows_read": 1233,'
    ' "rows_loaded": 1231, "rows_quarantined": 2, "error": null, "warnings": []},'
    ' {"file": "plans.csv", "table": "plans", "rows_read": 1, "rows_loaded": 1,'
    ' "rows_quarantined": 0, "error": "missing required column(s): target",'
    ' "warnings": ["ignored unknown column(s): owner"]}],'
    ' "warnings": ["ignored README.md: not a contract table file"]}'
)


def test_files_of_the_import_show_rejected_files_and_warnings(status_store_url, tmp_path) -> None:
    from sqlalchemy import update

    from data import schema, store

    with store.building(status_store_url) as engine, engine.begin() as conn:
        runs = schema.import_runs
        conn.execute(update(runs).where(runs.c.import_id == "20261021T063000-bbbb")
                     .values(summary=SUMMARY))
    app = create_app(Settings(database_url=status_store_url,
                              state_database_url=f"sqlite:///{tmp_path / 's.sqlite'}"))
    with app.server.test_client() as c:
        c.get("/status")
        inputs = [("app-lang", "data", "zh"), ("status-query", "data", {"run": None})]
        text = _text(_update(c, "status-body.children", inputs))
    for expected in ("导入文件", "fuel_sales.csv", "1,233", "1,231",
                     "整个文件未导入：missing required column(s): target",
                     "ignored unknown column(s): owner",
                     "ignored README.md: not a contract table file"):
        assert expected in text, expected
