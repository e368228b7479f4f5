"""Where failed DuckDB imports are remembered until the next publish can record them.

A failed or killed DuckDB import cannot write `import_runs` into the build it discards, and it
must not open the served file for writing (web workers hold it read-only, and a writer would
need an exclusive lock). So each attempt appends a line to `<store>.runs.jsonl` beside the file
when it starts and when it fails; the next successful import copies every attempt that never
published into `import_runs` (status `failed`, with the error or "interrupted"), then empties
the log. Until then the log itself is the record, readable with any text tool.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path


def log_path(store: Path) -> Path:
    """The attempt log beside a DuckDB store file."""
    return store.with_name(store.name + ".runs.jsonl")


def note(store: Path, **fields: object) -> None:
    """Append one event (`import_id`, `status`, …) to the attempt log."""
    with open(log_path(store), "a", encoding="utf-8") as handle:
        handle.write(json.dumps(fields, default=str, ensure_ascii=False) + "\n")


def unpublished(store: Path, exclude: str) -> list[dict]:
    """Attempts in the log that never published (other than `exclude`, the running one)."""
    path = log_path(store)
    if not path.exists():
        return []
    runs: dict[str, dict] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            event = json.loads(line)
        except json.JSONDecodeError:
            continue  # a line torn by a kill mid-write
        runs.setdefault(event["import_id"], {}).update(event)
    out = []
    for import_id, run in sorted(runs.items()):
        if import_id == exclude or run.get("status") == "published":
            continue
        if run.get("status") != "failed":
            run["error"] = "interrupted: the importer stopped before publishing"
        out.append(run)
    return out


def clear(store: Path) -> None:
    """Forget the logged attempts once a publish has recorded them."""
    log_path(store).unlink(missing_ok=True)


def parse_time(value: object) -> datetime | None:
    """A logged timestamp back to a datetime."""
    return datetime.fromisoformat(str(value)) if value else None
