"""Loading the catalogue: problems with file and line, named checks, docs and schema current."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from metrics import checks
from metrics.docs import DOC_PATH, render
from metrics.model import json_schema
from metrics.registry import CatalogueError, errors, get_registry, load, parse

EXAMPLES = Path(__file__).resolve().parent / "examples" / "basic"


def test_example_catalogue_loads_clean() -> None:
    reg, problems = load(EXAMPLES)
    assert problems == []
    assert len(reg.indicators) == 22 and "fuel_volume_t" in reg.indicators
    assert not reg.is_real


def test_shipped_catalogue_has_no_errors() -> None:
    reg, problems = load()
    assert errors(problems) == [], "\n".join(map(str, problems))
    assert len(reg.indicators) == 134
    assert sum(i.headline for i in reg.indicators.values()) == 8


def _broken(tmp_path: Path, text: str, name: str = "volume.yaml") -> Path:
    root = tmp_path / "cat"
    shutil.copytree(EXAMPLES, root)
    (root / "indicators" / name).write_text(text, encoding="utf-8")
    return root


BROKEN = """\
- id: bad_one
  name_zh: 坏指标
  name_en: Bad
  theme: volume
  unit: t
  description: 一个有问题的指标，用于测试。
  formula: x
  value: fuel_tonnes / missing_measure
  sources: [fuel_sales.nope]
  direction: higher_better
  rag: {kind: threshold, green: 1, yellow: 2}
  colour: red
- id: loop_a
  name_zh: 环A
  name_en: Loop A
  theme: volume
  unit: t
  description: 循环引用测试指标 A。
  formula: x
  value: loop_b + 1
  direction: higher_better
  rag: {kind: growth, green: 0, yellow: -1}
- id: loop_b
  name_zh: 环B
  name_en: Loop B
  theme: volume
  unit: t
  description: 短
  formula: x
  value: loop_a * 2
  direction: higher_better
  rag: {kind: plan_progress, plan: no_such_plan}
"""


def test_problems_are_collected_with_file_and_line(tmp_path: Path) -> None:
    reg, problems = load(_broken(tmp_path, BROKEN))
    by_rule = {(p.rule, p.indicator): p for p in problems}
    unknown_key = by_rule[("schema_valid", "bad_one")]
    assert unknown_key.file.endswith("indicators/volume.yaml") and unknown_key.line == 12
    assert "colour" in unknown_key.message
    assert by_rule[("rag_params_complete", "loop_a")].line == 22  # growth needs a basis
    assert {p.rule for p in problems if p.indicator.startswith("loop")} >= {
        "no_cycles", "every_indicator_documented", "plan_measures_exist", "rag_params_complete"}
    # the valid ones still load; the invalid one is reported, not fatal to the others
    assert "loop_a" in reg.indicators and "bad_one" not in reg.indicators
    with pytest.raises(CatalogueError):
        get_registry(str(_broken(tmp_path / "again", BROKEN)))


def test_each_rule_alone(tmp_path: Path) -> None:
    text = BROKEN.replace("  colour: red\n", "")
    reg, _ = parse(_broken(tmp_path, text))
    msgs = {r.__name__: [p.message for p in r(reg)] for r in checks.RULES}
    assert any("missing_measure" in m for m in msgs["expressions_resolve"])
    assert msgs["sources_exist"] == ["source 'fuel_sales.nope' is not in data/schema.py"]
    assert any("green 1.0 must be ≥ yellow 2.0" in m for m in msgs["thresholds_ordered"])
    assert any("loop_a" in m and "loop_b" in m for m in msgs["no_cycles"])
    assert msgs["headline_count"] and msgs["unique_ids"] == []


def test_duplicates_and_key_order(tmp_path: Path) -> None:
    dup = (EXAMPLES / "indicators" / "cards.yaml").read_text(encoding="utf-8")
    swapped = dup.replace("  name_zh: 充值金额\n  name_en: Recharge amount\n",
                          "  name_en: Recharge amount\n  name_zh: 充值金额\n")
    reg, problems = load(_broken(tmp_path, dup + swapped, "cards.yaml"))
    rules = [(p.rule, p.severity) for p in problems]
    assert ("unique_ids", "error") in rules and ("keys_in_order", "warning") in rules


def test_yaml_syntax_error_has_a_line(tmp_path: Path) -> None:
    _, problems = load(_broken(tmp_path, "- id: x\n  name_zh: [unclosed\n"))
    syntax = [p for p in problems if p.rule == "yaml_parses"]
    assert syntax and syntax[0].line >= 2


def test_indicator_dictionary_is_current() -> None:
    """docs/indicators.md is generated; run `python -m metrics docs` after editing the YAML."""
    assert DOC_PATH.read_text(encoding="utf-8") == render(get_registry())


def test_schema_exports_and_matches_the_committed_file() -> None:
    schema = json_schema()
    assert {"Indicator", "Measure", "ThemeDef", "RagRule"} <= set(schema["$defs"])
    assert schema["$defs"]["Indicator"]["additionalProperties"] is False
    committed = Path(DOC_PATH.parent / "catalogue.schema.json")
    assert json.loads(committed.read_text(encoding="utf-8")) == schema
