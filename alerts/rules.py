"""Alert rules as data: alerts/rules.yaml loaded into frozen, validated models.

A rule says what to look for (`kind` and its parameters), how serious it is (`severity`), who is
told (`audience`, an org level: the recipients whose scope covers the alert's entity at that
level) and how often one entity may raise it (`period`: once a day or once a month).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

RULES_FILE = Path(__file__).with_name("rules.yaml")
KINDS = ("indicator_red", "threshold", "rank_drop", "daily_drop", "customer_list")
SEVERITIES = ("red", "yellow")
AUDIENCES = ("station", "team", "city", "province")
LEVELS = ("station", "team", "city", "province")
PERIODS = ("day", "month")


class RuleError(ValueError):
    """A rules file that cannot be used (the message names the rule and the field)."""


@dataclass(frozen=True)
class Rule:
    """One alert rule (see rules.yaml for the kinds)."""

    id: str
    kind: str
    severity: str
    audience: str
    name_zh: str
    name_en: str
    level: str = "station"
    period: str = "month"
    indicator: str | None = None
    limit: float | None = None
    below: bool = False
    list: str | None = None
    places: int = 0  # rank_drop: at least this many places worse than the month before
    min_at_risk: float = 0.0  # customer_list: liters at risk this month at least this

    def name(self, lang: str) -> str:
        """The rule's display name in `lang` (zh or en)."""
        return self.name_en if lang == "en" else self.name_zh


def _check(rule: Rule) -> None:
    for field_name, allowed in (("kind", KINDS), ("severity", SEVERITIES),
                                ("audience", AUDIENCES), ("level", LEVELS),
                                ("period", PERIODS)):  # fmt: skip
        if getattr(rule, field_name) not in allowed:
            raise RuleError(f"rule {rule.id}: {field_name} must be one of {allowed}")
    if rule.kind in ("indicator_red", "threshold", "rank_drop") and not rule.indicator:
        raise RuleError(f"rule {rule.id}: kind {rule.kind} needs an indicator")
    if rule.kind == "threshold" and rule.limit is None:
        raise RuleError(f"rule {rule.id}: kind threshold needs a limit")
    if rule.kind == "rank_drop" and rule.places < 1:
        raise RuleError(f"rule {rule.id}: kind rank_drop needs places >= 1")
    if rule.kind == "customer_list" and not rule.list:
        raise RuleError(f"rule {rule.id}: kind customer_list needs a list")
    if rule.kind in ("daily_drop", "customer_list") and rule.level != "station":
        raise RuleError(f"rule {rule.id}: kind {rule.kind} works at station level only")


def parse_rules(data: object) -> tuple[Rule, ...]:
    """Validate the parsed YAML document and build the rules (ids must be unique)."""
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise RuleError("the rules file must hold a `rules:` list")
    out: list[Rule] = []
    for raw in data["rules"]:
        try:
            rule = Rule(**raw)
        except TypeError as err:
            raise RuleError(f"rule {raw.get('id', '?') if isinstance(raw, dict) else raw}: {err}") from err
        _check(rule)
        out.append(rule)
    ids = [r.id for r in out]
    if len(set(ids)) != len(ids):
        raise RuleError("rule ids must be unique")
    return tuple(out)


def load_rules(path: Path | None = None) -> tuple[Rule, ...]:
    """The rules of `path` (default alerts/rules.yaml)."""
    text = (path or RULES_FILE).read_text(encoding="utf-8")
    return parse_rules(yaml.safe_load(text))
