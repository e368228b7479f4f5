"""Import while people browse: reader threads call the board's and the rankings' data functions
(pages.board_data.load_board, pages.rankings_data.load_ranking) in a loop while an import
publishes new numbers. Every read must be wholly the old or wholly the new data, never a mix
and never an error. The two datasets' tonnes are computed here from the fixture CSVs with csv +
plain Python (liters × density / 1000), not by the code under test."""

from __future__ import annotations

import datetime as dt
import threading
import time
from pathlib import Path

import pytest

from data import store
from data.importer import import_folder
from data.org import list_entities
from data.scope import Scope
from metrics.periods import Period
from tests.data.helpers import BASIC, copy_folder, read_csv_rows

PERIOD, AS_OF = Period.parse("2026-10"), dt.date(2026, 10, 31)
SCOPE = Scope.everything(pii=False)
# The new dataset: two more October sales (T01's S001 and T02's S003).
EXTRA = ("F013,2026-10-15T10:00:00,S001,1,G92,100,7.60,760.00,,cash\n"
         "F014,2026-10-16T10:00:00,S003,2,D0,200,7.30,1460.00,,cash\n")


def _tonnes(folder: Path) -> dict[str, float]:
    """October tonnes per station from the files: sum(liters × density) / 1000."""
    density = {r["product_code"]: float(r["density_kg_per_l"])
               for r in read_csv_rows(folder / "products.csv")}
    out: dict[str, float] = {}
    for r in read_csv_rows(folder / "fuel_sales.csv"):
        if r["ts"].startswith("2026-10"):
            out[r["station_id"]] = out.get(r["station_id"], 0.0) + (
                float(r["liters"]) * density[r["product_code"]] / 1000)
    return out


def _expected(folder: Path) -> tuple:
    per_station = _tonnes(folder)
    team = round(per_station["S001"] + per_station["S002"], 6)
    return team, team, tuple(sorted((s, round(v, 6)) for s, v in per_station.items()))


def _board(engine, entity) -> tuple[float, float]:
    """The board view's T01 tonnes: its cell and its trend's October point."""
    from pages.board_data import load_board

    board = load_board(engine, SCOPE, entity, PERIOD, AS_OF)
    cell = next(r["value"] for r in board["indicators"] if r["id"] == "fuel_volume_t")
    trend = dict((m[:7], v) for m, v in board["trends"]["fuel_volume_t"])["2026-10"]
    return round(cell, 6), round(trend, 6)


def _cells(engine, entity) -> float:
    """The board's batch (all 134 indicators of T01, one metrics.evaluate): T01 tonnes."""
    from pages.board_data import evaluate_batch

    cells = evaluate_batch(engine, SCOPE, None, [entity.key], PERIOD, AS_OF)
    return round(cells["fuel_volume_t|team|T01"]["value"], 6)


def _ranking(engine) -> tuple:
    """The stations' ranking by tonnes (pages.rankings_data.load_ranking)."""
    from pages.rankings_data import load_ranking

    ranking = load_ranking(engine, SCOPE, "fuel_volume_t", "station", PERIOD, AS_OF, None)
    return tuple(sorted((r["id"], round(r["value"], 6)) for r in ranking["rows"]))


@pytest.fixture
def two_datasets(tmp_path: Path, duck_url: str):
    """The store with the old data published, the new folder, and both expected checksums."""
    new_folder = copy_folder(BASIC, tmp_path / "new")
    with open(new_folder / "fuel_sales.csv", "a", encoding="utf-8") as handle:
        handle.write(EXTRA)
    old, new = _expected(BASIC), _expected(new_folder)
    assert old[0] != new[0] and old[2] != new[2]
    import_folder(duck_url, BASIC)
    engine = store.reader_engine(duck_url)
    entity = next(e for e in list_entities(engine, SCOPE) if e.level == "team" and e.id == "T01")
    return engine, entity, new_folder, old, new


@pytest.mark.slow
def test_readers_see_wholly_old_or_wholly_new_data_while_an_import_publishes(
        duck_url: str, two_datasets) -> None:
    """Three threads loop over the board's batch and the ranking while the import publishes."""
    engine, entity, new_folder, old, new = two_datasets
    assert (_cells(engine, entity), _ranking(engine)) == (old[0], old[2])  # agree with files
    seen: dict[str, list] = {"cells": [], "ranking": []}
    errors: list[BaseException] = []
    done = threading.Event()

    def reader(n: int) -> None:
        while not done.is_set():
            try:
                if n % 2:
                    seen["cells"].append(_cells(engine, entity))
                else:
                    seen["ranking"].append(_ranking(engine))
            except BaseException as err:  # noqa: BLE001 - any reader error fails the test
                errors.append(err)

    threads = [threading.Thread(target=reader, args=(n,)) for n in range(3)]
    for t in threads:
        t.start()
    time.sleep(0.3)  # readers are mid-flight when the publish lands
    import_folder(duck_url, new_folder)
    deadline = time.time() + 60
    while time.time() < deadline and not (seen["cells"][-1:] == [new[0]] and
                                          seen["ranking"][-1:] == [new[2]]):
        time.sleep(0.05)
    done.set()
    for t in threads:
        t.join()
    assert not errors, errors[:3]
    assert set(seen["cells"]) <= {old[0], new[0]}, seen["cells"]
    assert set(seen["ranking"]) <= {old[2], new[2]}, seen["ranking"]
    assert new[0] in seen["cells"] and new[2] in seen["ranking"]
    print(f"\n{len(seen['cells'])} batch and {len(seen['ranking'])} ranking reads, none mixed")


def test_a_board_view_is_never_half_old_half_new(duck_url: str, two_datasets,
                                                 monkeypatch) -> None:
    """The race made certain: the import publishes right after the view's first batch."""
    import pages.board_data as board_data

    engine, entity, new_folder, old, new = two_datasets
    real, calls = board_data.evaluate_batch, []

    def first_batch_then_publish(*args, **kwargs):  # noqa: ANN002, ANN003
        result = real(*args, **kwargs)
        calls.append(1)
        if len(calls) == 1:
            import_folder(duck_url, new_folder)
        return result

    monkeypatch.setattr(board_data, "evaluate_batch", first_batch_then_publish)
    got = _board(engine, entity)
    assert len(calls) >= 2
    assert got in ((old[0], old[1]), (new[0], new[1])), f"cell and trend disagree: {got}"
