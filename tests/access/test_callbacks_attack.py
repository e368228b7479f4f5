"""T1/T2/T8/T19: every server callback POSTed by signed-in users with other teams' ids and
hostile values; no T02 canary (station names, customer names, phones) may appear in any answer.

The harness is checked against itself: the province user, sending the same requests, must see
T02 canaries in several callbacks, so the scan would catch a leak.
"""

from __future__ import annotations

import pytest

from tests.access.harness import (
    CANARY,
    HOSTILE,
    base_values,
    foreign_values,
    harvest,
    payload,
    scan,
    server_deps,
    slot_key,
)

CAP_HOSTILE, CAP = 20, 12  # cases per callback for the hostile run and for the other roles


def _queries(customer: str) -> list[dict]:
    rest = f"team/T02/station/S008/customer/{customer}"
    return [{"team": "T02", "city": "LY", "station": "S008", "entity": "team:T02", "rest": rest,
             "period": None, "level": "station", "customer": customer, "run": "' OR 1=1 --"},
            {"rest": "city/LY/team/T02/station/S009", "team": ["T01", "T02"], "city": "*"},
            customer]


@pytest.fixture(scope="module")
def t2_customer(canary_files) -> str:
    return next(c for c, team in canary_files[1].items() if team == "T02")


@pytest.fixture(scope="module")
def prov_view(canary_app, t2_customer):
    client = canary_app.server.test_client()
    from tests.access.conftest import login

    login(client, "prov")
    deps = server_deps(client)
    return deps, harvest(client, deps)


def _cases(dep, harvested, queries, hostile: bool):
    """(label, values) pairs: each non-language slot set to each foreign (and hostile) value."""
    base = base_values(dep, harvested)
    slots = [s for s in dep["inputs"] + dep["state"] if s["id"] != "app-lang"]
    everything_foreign = dict(base)
    for s in slots:
        values = foreign_values(s["id"], harvested, queries)
        if s["property"] not in ("n_clicks", "n_intervals"):
            everything_foreign[slot_key(s)] = values[0]
        for v in values + (HOSTILE if hostile else []):
            yield f"{s['id']}.{s['property']}={str(v)[:40]}", {**base, slot_key(s): v}
    yield "all-foreign", everything_foreign


def _sampled(cases: list, cap: int) -> list:
    """At most `cap` cases, spread over every slot (a stride), always with the all-foreign one:
    some callbacks (segments) take a second each and have 15 inputs."""
    if len(cases) <= cap:
        return cases
    step = len(cases) / (cap - 1)
    return [cases[int(i * step)] for i in range(cap - 1)] + [cases[-1]]


def _attack(client, deps, harvested, queries, hostile: bool) -> tuple[dict, int]:
    problems: dict[str, list[str]] = {}
    sent = 0
    for dep in deps:
        cases = list(_cases(dep, harvested, queries, hostile))
        for label, values in _sampled(cases, CAP_HOSTILE if hostile else CAP):
            res = client.post("/_dash-update-component", json=payload(dep, values))
            sent += 1
            found = scan(res)
            if found:
                problems.setdefault(dep["output"][:60], []).append(f"{label}: {found}")
    return problems, sent


@pytest.mark.parametrize("user", ["tl_t1", "cm_rj", "sm_s001", "tl_noteam", "wall"])
def test_no_foreign_canary_in_any_callback(client_for, prov_view, t2_customer, user) -> None:
    deps, harvested = prov_view
    client = client_for(user)
    problems, sent = _attack(client, deps, harvested, _queries(t2_customer),
                             hostile=user == "tl_t1")
    leaks = {k: v for k, v in problems.items() if any("canary" in p for p in v)}
    assert not leaks, leaks
    assert not problems, problems
    assert sent > 100


def test_the_harness_sees_canaries_when_the_scope_allows(client_for, prov_view, t2_customer) -> None:
    deps, harvested = prov_view
    client = client_for("prov")
    seen = set()
    for dep in deps:
        for _label, values in _sampled(list(_cases(dep, harvested, _queries(t2_customer), False)), 6):
            res = client.post("/_dash-update-component", json=payload(dep, values))
            if CANARY.search(res.get_data(as_text=True)):
                seen.add(dep["output"][:40])
                break  # one hit per callback is enough
        if len(seen) >= 3:
            break
    assert len(seen) >= 3, seen
