"""The table both writers take: named columns with a display kind, and rows of plain values."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

# Kinds of column and how Excel shows them (CSV writes the raw value either way).
NUMBER_FORMATS: dict[str, str] = {
    "text": "@",
    "int": "#,##0",
    "number": "#,##0.00",
    "number1": "#,##0.0",
    "percent": "0.0%",
    "date": "yyyy-mm-dd",
    "datetime": "yyyy-mm-dd hh:mm",
}

# The guard of data/export.py (CWE-1236), applied in Python: a text cell that starts with
# = + - @ (after any apostrophes) gets one more leading apostrophe, so a spreadsheet shows it
# as text instead of running it. Tab and carriage return start formulas in some programs too.
FORMULA_RE = re.compile(r"^'*[=+\-@\t\r]")


def guard_text(value: str) -> str:
    """The text with a leading apostrophe when a spreadsheet would read it as a formula."""
    return "'" + value if FORMULA_RE.match(value) else value


@dataclass(frozen=True)
class Column:
    """One column: its key in the row dicts, its header, and how its values read."""

    key: str
    header: str
    kind: str = "text"  # a key of NUMBER_FORMATS
    width: int | None = None  # Excel width in characters; None = from the header

    def __post_init__(self) -> None:
        if self.kind not in NUMBER_FORMATS:
            raise ValueError(f"unknown column kind {self.kind!r}")


@dataclass(frozen=True)
class Sheet:
    """A titled table: what one download holds. `notes` are lines printed above the header
    (what was ranked, which period, the scope in words)."""

    title: str
    columns: Sequence[Column]
    rows: Sequence[dict[str, Any]]
    notes: Sequence[str] = field(default_factory=tuple)

    def values(self, row: dict[str, Any]) -> list[Any]:
        """The row's values in column order (missing keys are empty)."""
        return [row.get(c.key) for c in self.columns]


def safe_filename(stem: str, ext: str) -> str:
    """A download name without path separators or control characters."""
    clean = re.sub(r"[\\/:*?\"<>|\x00-\x1f]+", "_", stem).strip(" ._") or "export"
    return f"{clean[:80]}.{ext}"
