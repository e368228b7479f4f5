"""What an import did: per-file counts, warnings, groups of bad rows, and the CLI's lines."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field


@dataclass
class FileResult:
    """One contract file of the import."""

    file: str
    table: str
    rows_read: int = 0
    rows_loaded: int = 0
    rows_quarantined: int = 0
    error: str | None = None  # the file was rejected as a whole (nothing of it loaded)
    warnings: list[str] = field(default_factory=list)


@dataclass
class ProblemGroup:
    """Bad rows of one file that share a column and a reason."""

    file: str
    column: str | None
    reason: str
    count: int
    rows: list[int]  # the first few row numbers


@dataclass
class ImportReport:
    """The outcome of `import_folder`, also stored as `import_runs.summary`."""

    import_id: str
    source: str
    status: str = "running"  # published | failed
    files: list[FileResult] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    problems: list[ProblemGroup] = field(default_factory=list)
    error: str | None = None
    seconds: float = 0.0

    @property
    def rows_read(self) -> int:
        """Rows read over all files (malformed lines included)."""
        return sum(f.rows_read for f in self.files)

    @property
    def rows_loaded(self) -> int:
        """Rows upserted into the store."""
        return sum(f.rows_loaded for f in self.files)

    @property
    def rows_quarantined(self) -> int:
        """Rows kept in quarantine (bad values, malformed lines, duplicate keys)."""
        return sum(f.rows_quarantined for f in self.files)

    @property
    def ok(self) -> bool:
        """False when the import failed or nothing at all could be imported."""
        if self.status != "published":
            return False
        troubled = self.rows_quarantined or any(f.error for f in self.files)
        return self.rows_loaded > 0 or not troubled

    def summary_json(self) -> str:
        """Per-file counts, warnings and problem groups as JSON (for `import_runs.summary`)."""
        data = {
            "files": [asdict(f) for f in self.files],
            "warnings": self.warnings,
            "problems": [asdict(p) for p in self.problems],
            "error": self.error,
        }
        return json.dumps(data, ensure_ascii=False)

    def lines(self) -> list[str]:
        """Human-readable summary: one line per file, per warning and per group of bad rows."""
        out = [f"import {self.import_id} from {self.source}: {self.status} in {self.seconds:.1f} s"]
        for f in self.files:
            state = f"REJECTED: {f.error}" if f.error else (
                f"{f.rows_read} read, {f.rows_loaded} loaded, {f.rows_quarantined} quarantined")
            out.append(f"  {f.file}: {state}")
            out.extend(f"    warning: {w}" for w in f.warnings)
        out.extend(f"  warning: {w}" for w in self.warnings)
        for p in self.problems:
            rows = ", ".join(str(r) for r in p.rows) + (", …" if p.count > len(p.rows) else "")
            column = f" [{p.column}]" if p.column else ""
            out.append(f"  bad rows: {p.file}{column}: {p.reason} × {p.count} (rows {rows})")
        out.append(
            f"total: {self.rows_read} read, {self.rows_loaded} loaded, "
            f"{self.rows_quarantined} quarantined"
        )
        if self.error:
            out.append(f"error: {self.error}")
        return out
