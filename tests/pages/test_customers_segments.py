"""/segments over HTTP: the target list for tag filters, CSV/Excel exports, and no names or phones
in any response or export for a scope without pii. Numbers: tests/metrics/test_segments.py."""

from __future__ import annotations

import base64
import csv
import io
import json

import openpyxl
from flask import g  # noqa: F401 - make_client sets the scope through flask.g

from data.scope import Scope
from tests.metrics.test_customer_lists_data import NAMES
from tests.pages.test_customers_page import call, make_client, store_url  # noqa: F401 - fixture

FILTERS = ["segment", "kind", "grade", "product", "station", "sensitive", "recharger", "cycle",
           "min_r", "min_f", "min_m"]  # fmt: skip
DEFAULTS = {"segment": [], "kind": [], "grade": [], "product": [], "station": [],
            "sensitive": "any", "recharger": "any", "cycle": None, "min_r": 1, "min_f": 1,
            "min_m": 1}  # fmt: skip


def _values(**kw) -> list[tuple[str, str, object]]:
    vals = {**DEFAULTS, **kw}
    return [(f"segments-{k}", "value", vals[k]) for k in FILTERS]


def render(client, lang: str = "zh", entity: str = "team:T1", **kw) -> tuple[str, str]:
    got, raw = call(
        client, ["segments-header.children", "segments-body.children",
                 "segments-product.options", "segments-station.options"],
        [("segments-entity", "value", entity), ("segments-period", "value", "2026-10"),
         ("app-lang", "data", lang), *_values(**kw)],
        [("segments-query", "data", {"as_of": None})],
    )  # fmt: skip
    return json.dumps(got["segments-body.children"], ensure_ascii=False), raw


def export(client, kind: str, **kw) -> tuple[bytes, str]:
    states = [("segments-entity", "value", "team:T1"), ("segments-period", "value", "2026-10"),
              ("app-lang", "data", "zh"), *_values(**kw), ("segments-query", "data", {})]
    got, raw = call(client, ["segments-download.data"],
                    [("segments-csv", "n_clicks", 1 if kind == "csv" else None),
                     ("segments-xlsx", "n_clicks", 1 if kind == "xlsx" else None)],
                    states, changed=[f"segments-{kind}.n_clicks"])  # fmt: skip
    data = got["segments-download.data"]
    return base64.b64decode(data["content"]), data["filename"]


def rows_of(body: str) -> list[str]:
    import re

    return re.findall(r'"data-customer": "(a\d+)"', body)


def test_target_list_follows_the_filters(store_url, tmp_path) -> None:  # noqa: F811
    client = make_client(store_url, tmp_path, Scope.parse("team:T1"))
    body, _ = render(client)
    assert rows_of(body) == ["a10", "a8", "a2", "a3", "a7", "a4", "a1"]  # Mon ↓
    # the medians read only what a T1 user may see (rfm.py): Mon of a1…a10 at S1/S2 → 24,300
    assert "目标客户 7 位" in body and "F 3.0" in body and "M 24,300 元" in body
    body, _ = render(client, segment=["important_value"], grade=["diamond"])
    assert rows_of(body) == ["a8"]
    body, _ = render(client, recharger="yes")
    assert rows_of(body) == ["a8"]
    body, _ = render(client, "en", station=["S2"])
    assert rows_of(body) == ["a7"] and "General value" in body


def test_exports_hold_the_target_list_masked(store_url, tmp_path) -> None:  # noqa: F811
    client = make_client(store_url, tmp_path, Scope(all_stations=True, pii=False))
    content, name = export(client, "csv", segment=["important_value"])
    assert name.endswith(".csv")
    lines = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    header = lines[1]
    ids = [r[header.index("客户编号")] for r in lines[2:]]
    assert ids == ["a10", "a8", "a2", "a3"]
    assert lines[2][header.index("客户名称")] == "冯**"
    content, name = export(client, "xlsx", segment=["important_value"])
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    text = " ".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None)
    assert "a10" in text and "冯**" in text
    everything = text + content.decode("latin-1")
    for body in (render(client, entity=e)[1] for e in ("team:T1", "province:P1", "station:S2")):
        everything += body
    for cname, phone in NAMES.values():
        assert cname not in everything and phone not in everything


def test_aggregates_only_sees_no_rows(store_url, tmp_path) -> None:  # noqa: F811
    client = make_client(store_url, tmp_path, Scope(all_stations=True, aggregates_only=True))
    body, _ = render(client)
    assert rows_of(body) == [] and "无权查看客户明细" in body
