"""The rules file loads into frozen rules; malformed rules are refused with the rule named."""

from __future__ import annotations

import dataclasses

import pytest

from alerts.rules import RuleError, load_rules, parse_rules


def test_shipped_rules_load_frozen():
    rules = load_rules()
    assert {r.kind for r in rules} == {"daily_drop", "customer_list", "indicator_red", "threshold",
                                        "rank_drop"}
    with pytest.raises(dataclasses.FrozenInstanceError):
        rules[0].severity = "yellow"  # type: ignore[misc]


@pytest.mark.parametrize("raw, words", [
    ({"id": "x", "kind": "nope", "severity": "red", "audience": "team", "name_zh": "a", "name_en": "a"}, "kind"),
    ({"id": "x", "kind": "threshold", "indicator": "i", "severity": "red", "audience": "team",
      "name_zh": "a", "name_en": "a"}, "limit"),
    ({"id": "x", "kind": "indicator_red", "severity": "red", "audience": "mars", "name_zh": "a",
      "name_en": "a", "indicator": "i"}, "audience"),
    ({"id": "x", "kind": "daily_drop", "severity": "red", "audience": "team", "name_zh": "a",
      "name_en": "a", "colour": "blue"}, "colour"),
])  # fmt: skip
def test_bad_rules_are_refused(raw, words):
    with pytest.raises(RuleError, match=words):
        parse_rules({"rules": [raw]})


def test_duplicate_ids_are_refused():
    one = {"id": "x", "kind": "daily_drop", "severity": "red", "audience": "team", "name_zh": "a",
           "name_en": "a"}  # fmt: skip
    with pytest.raises(RuleError, match="unique"):
        parse_rules({"rules": [one, one]})


def test_recipients_are_validated():
    from alerts.recipients import parse_recipients

    ok = parse_recipients({"recipients": [{"name": "a", "role": "team", "scope": "team:T01"}]})
    assert ok[0].data_scope.teams == frozenset({"T01"}) and not ok[0].data_scope.pii
    assert ok[0].hears("station") and ok[0].hears("team") and not ok[0].hears("city")
    for bad, words in (({"role": "boss", "scope": "team:T01"}, "role"),
                       ({"role": "team", "scope": ""}, "empty scope"),
                       ({"role": "team", "scope": "team:T01", "webhook_kind": "slack"}, "webhook_kind")):
        with pytest.raises(RuleError, match=words):
            parse_recipients({"recipients": [{"name": "a", **bad}]})


def test_rank_drop_counts_places_worse():
    from alerts.evaluate import rank_dropped

    assert rank_dropped(4, 2, 2) and rank_dropped(5, 1, 2)
    assert not rank_dropped(3, 2, 2) and not rank_dropped(1, 3, 2)  # better is no alert
    assert not rank_dropped(None, 2, 2) and not rank_dropped(4, None, 2)
    with pytest.raises(RuleError, match="places"):
        parse_rules({"rules": [{"id": "r", "kind": "rank_drop", "indicator": "team_city_rank",
                                "severity": "red", "audience": "city", "name_zh": "a",
                                "name_en": "a"}]})  # fmt: skip
