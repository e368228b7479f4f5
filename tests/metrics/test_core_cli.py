"""`python -m metrics …`: the command-line contract (list, compute), check, explain, docs."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from metrics.cli import main
from tests.metrics.core_tiny_store import build

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = str(Path(__file__).resolve().parent / "examples" / "basic")


@dataclass
class Out:
    returncode: int
    stdout: str
    stderr: str


def cli(*args: str) -> Out:
    """Run the CLI in-process (same parser and code as `python -m metrics`, no interpreter start)."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(args))
    return Out(code, out.getvalue(), err.getvalue())


def test_module_entry_point_runs() -> None:
    out = subprocess.run([sys.executable, "-m", "metrics", "schema"], cwd=REPO,
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0 and json.loads(out.stdout)["$defs"]["Indicator"]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"duckdb:///{tmp_path_factory.mktemp('cli') / 'tiny.duckdb'}"
    eng = create_engine(url)
    build(eng)
    eng.dispose()
    return url


def test_list_json_has_the_contract_fields() -> None:
    out = cli("list", "--format", "json")
    assert out.returncode == 0, out.stderr
    items = json.loads(out.stdout)
    assert len(items) == 134
    need = {"id", "name_zh", "name_en", "theme", "unit", "description", "formula", "sources",
            "direction", "rag", "headline"}
    assert all(need <= set(i) for i in items)
    assert sum(i["headline"] for i in items) == 8


def test_compute_json_exactly_as_the_contract(db: str) -> None:
    out = cli("compute", "--db", db, "--level", "team", "--id", "T1", "--period", "2026-10",
              "--as-of", "2026-10-15", "--indicators", "fuel_volume_t,fuel_revenue",
              "--format", "json", "--dir", EXAMPLES)
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    assert [r["indicator"] for r in rows] == ["fuel_volume_t", "fuel_revenue"]
    first = rows[0]
    assert {k: first[k] for k in ("level", "entity", "period", "unit", "rag")} == {
        "level": "team", "entity": "T1", "period": "2026-10", "unit": "t", "rag": "red"}
    assert first["value"] == pytest.approx((100 * 0.75 + 200 * 0.85 + 40.001 * 0.75) / 1000)
    assert rows[1]["value"] == pytest.approx(2500)
    assert set(first) == {"indicator", "level", "entity", "period", "value", "unit", "rag"}
    more = cli("compute", "--db", db, "--level", "team", "--id", "T1", "--period", "2026-10",
               "--as-of", "2026-10-15", "--indicators", "fuel_volume_t", "--details",
               "--dir", EXAMPLES)
    detail = json.loads(more.stdout)[0]
    assert detail["plan_value"] == pytest.approx(0.6) and detail["mom_value"] == pytest.approx(0.06)


def test_compute_bad_input_is_a_friendly_error(db: str) -> None:
    out = cli("compute", "--db", db, "--level", "team", "--id", "T404", "--period", "2026-10",
              "--format", "json", "--dir", EXAMPLES)
    assert out.returncode == 2 and "unknown team 'T404'" in out.stderr
    out = cli("compute", "--db", db, "--level", "team", "--id", "T1", "--period", "2026-13",
              "--dir", EXAMPLES)
    assert out.returncode == 2 and "error:" in out.stderr and "Traceback" not in out.stderr


def test_check_and_explain(db: str, tmp_path: Path) -> None:
    ok = cli("check")
    assert ok.returncode == 0 and "0 error(s)" in ok.stdout
    bad = tmp_path / "cat"
    (bad / "indicators").mkdir(parents=True)
    for f in ("themes.yaml", "measures.yaml"):
        (bad / f).write_text((Path(EXAMPLES) / f).read_text(encoding="utf-8"), encoding="utf-8")
    (bad / "indicators" / "x.yaml").write_text("- id: x\n  name_zh: x\n", encoding="utf-8")
    failed = cli("check", "--dir", str(bad))
    assert failed.returncode == 1 and "indicators/x.yaml:1" in failed.stdout
    exp = cli("explain", "--db", db, "--level", "team", "--id", "T1", "--period", "2026-10",
              "--as-of", "2026-10-15", "fuel_revenue", "--dir", EXAMPLES)
    assert exp.returncode == 0, exp.stderr
    data = json.loads(exp.stdout)
    assert data["value"] == pytest.approx(2500) and data["filters_zh"].startswith("团队 = T1")
    assert data["measures"][0]["rows_sql"].count("SELECT") == 1
