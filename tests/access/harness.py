"""Build Dash callback requests from /_dash-dependencies with chosen input values, and scan the
answers for planted canaries (the T1/T2 harness of the security checklist)."""

from __future__ import annotations

import json
import re
from typing import Any

CANARY = re.compile(r"CANARY_T2|\+00-T2-")
FOREIGN = re.compile(r"T02|\bLY\b|S0(0[89]|1[012])")
FOREIGN_IDS = ["team:T02", "city:LY", "station:S008", "T02", "S008", "LY"]
HOSTILE = [None, [], "*", "%", "ALL", "' OR 1=1 --", "'); DROP TABLE stations;--",
           ["team:T02"] * 2000, 12345, {"level": "team", "id": "T02"}, True]
CLICKS = ("n_clicks", "n_intervals")


def slot_key(dep_slot: dict[str, Any]) -> tuple[str, str]:
    return dep_slot["id"], dep_slot["property"]


def _concrete(id_text: str, index: Any) -> Any:
    """A wildcard id ({"index":["ALL"],...}) made concrete with `index` in every wildcard key."""
    if not id_text.startswith("{"):
        return id_text
    spec = json.loads(id_text)
    return {k: (index if isinstance(v, list) else v) for k, v in spec.items()}


def _is_all(id_text: str) -> bool:
    return id_text.startswith("{") and '["ALL"]' in id_text


def _outputs(out: str) -> tuple[list[dict[str, Any]] | dict[str, Any], bool]:
    multi = out.startswith("..")
    specs = out[2:-2].split("...") if multi else [out]
    items = []
    for spec in specs:
        ident, prop = spec.rsplit(".", 1)
        items.append({"id": _concrete(ident, "x1"), "property": prop})
    return (items if multi else items[0]), multi


def payload(dep: dict[str, Any], values: dict[tuple[str, str], Any]) -> dict[str, Any]:
    """The JSON body Dash's renderer would send for `dep` with these slot values."""
    outputs, _ = _outputs(dep["output"])

    def entries(slots: list[dict[str, Any]]) -> list[Any]:
        got = []
        for s in slots:
            value = values.get(slot_key(s))
            item = {"id": _concrete(s["id"], "x1"), "property": s["property"], "value": value}
            got.append([item] if _is_all(s["id"]) else item)
        return got

    inputs = entries(dep["inputs"])
    return {"output": dep["output"], "outputs": outputs, "inputs": inputs,
            "state": entries(dep["state"]),
            "changedPropIds": [f"{json.dumps(_concrete(s['id'], 'x1')) if s['id'].startswith('{') else s['id']}.{s['property']}"
                               for s in dep["inputs"][:1]]}


def server_deps(client) -> list[dict[str, Any]]:
    """The callbacks that run on the server (clientside ones never reach it)."""
    deps = client.get("/_dash-dependencies").get_json()
    return [d for d in deps if not d.get("clientside_function")]


def base_values(dep: dict[str, Any], harvested: dict[str, dict[str, Any]]) -> dict[tuple[str, str], Any]:
    """Plausible values: language zh, one click, the province user's defaults for pickers."""
    vals: dict[tuple[str, str], Any] = {}
    for s in dep["inputs"] + dep["state"]:
        key = slot_key(s)
        if s["id"] == "app-lang":
            vals[key] = "zh"
        elif s["property"] in CLICKS:
            vals[key] = 1
        elif s["property"] == "value" and s["id"] in harvested:
            vals[key] = harvested[s["id"]].get("value")
        else:
            vals[key] = None
    return vals


def harvest(client, deps: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """{component id: {"options": [values], "value": v}} from each callback that fills pickers,
    called once with language zh (as the caller of `client`)."""
    found: dict[str, dict[str, Any]] = {}
    for dep in deps:
        if ".options" not in dep["output"]:
            continue
        res = client.post("/_dash-update-component", json=payload(dep, base_values(dep, {})))
        if res.status_code != 200:
            continue
        for ident, props in res.get_json().get("response", {}).items():
            entry = found.setdefault(ident, {})
            if isinstance(props.get("options"), list):
                entry["options"] = [o.get("value") if isinstance(o, dict) else o for o in props["options"]]
            if "value" in props:
                entry["value"] = props["value"]
    return found


def foreign_values(ident: str, harvested: dict[str, dict[str, Any]], query: list[dict]) -> list[Any]:
    """Out-of-scope values for one component: foreign picker options, crafted URL queries."""
    if ident.endswith("-query") or ident.endswith("-target"):
        return query
    options = harvested.get(ident, {}).get("options") or []
    picked = [o for o in options if isinstance(o, str) and FOREIGN.search(o)][:3]
    return picked or FOREIGN_IDS[:3]


def scan(res) -> list[str]:
    """Problems in one answer: a canary, a traceback, an unexpected status."""
    text = res.get_data(as_text=True)
    problems = []
    if CANARY.search(text):
        problems.append("canary:" + CANARY.search(text).group(0))
    if "Traceback" in text or 'File "/' in text:
        problems.append("traceback")
    if res.status_code not in (200, 204, 400, 403, 500):
        problems.append(f"status {res.status_code}")
    return problems
