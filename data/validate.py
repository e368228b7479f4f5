"""Validate a staged contract file in DuckDB SQL: cast, check every rule, find duplicate keys.

The view `<name>_v` gives each staged row its typed columns, `reason` (every broken rule of the
row in words, NULL when the row is good), `column_name` (the first bad column) and `raw` (the
row as read, JSON, only for bad rows). One pass over it writes the bad rows; duplicate keys among
the good rows keep the last row and quarantine the earlier ones. Bad rows of all files collect
in the temp table `qrows`, which the loader copies to the store's `quarantine` table. The good
rows stay a view (`<name>_good`) that the loader reads once.

Interpolated SQL text is made only of quoted identifiers (`ident`), literals of our own rule
constants (`literal`) and temp-table names chosen by the importer.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
from sqlalchemy import Table

from data.dedupe import quarantine_duplicates
from data.readers import Staged, ident, literal
from data.rules import ColumnRule, rules_for

_TIMESTAMP_RE = r"\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?)?"
_DATE_RE = r"\d{4}-\d{2}-\d{2}"
_MONTH_RE = r"\d{4}-\d{2}"
# A text cell our CSV export protected from spreadsheet formulas: apostrophe(s) then = + - @.
FORMULA_STRIP_RE = r"^'+[=+\-@]"
_KIND_WORDS = {
    "int": "a whole number",
    "float": "a number",
    "date": "a date (YYYY-MM-DD)",
    "timestamp": "a timestamp (YYYY-MM-DDTHH:MM:SS)",
    "month": "a month (YYYY-MM)",
}

QROWS_DDL = (
    "CREATE TEMP TABLE IF NOT EXISTS qrows (file VARCHAR, row_no BIGINT, "
    "column_name VARCHAR, reason VARCHAR, raw VARCHAR)"
)


@dataclass
class Checked:
    """The outcome of validating one staged file."""

    good: str  # relation of the good, de-duplicated rows (schema column names and types)
    columns: list[str]  # the table's columns, in schema order
    rows_loaded: int
    rows_quarantined: int


def missing_required(table: Table, staged: Staged) -> list[str]:
    """Required contract columns absent from the file (the file is then rejected)."""
    return [r.name for r in rules_for(table) if not r.optional and r.name not in staged.columns]


def _value(rule: ColumnRule, src: str, src_type: str | None) -> str:
    """The typed value of a column, NULL when the text does not parse."""
    if src_type is None:
        return f"CAST(NULL AS {rule.sql_type})"
    text = src_type == "VARCHAR"
    if rule.kind == "text":
        if not text:
            return f"CAST({src} AS VARCHAR)"
        if rule.free_text:
            # Undo the apostrophe our CSV export puts before a formula-like text cell.
            return (
                f"CASE WHEN regexp_matches({src}, {literal(FORMULA_STRIP_RE)}) "
                f"THEN substr({src}, 2) ELSE {src} END"
            )
        return src
    if rule.kind == "month":
        if text:
            return (
                f"CASE WHEN regexp_full_match(trim({src}), '{_MONTH_RE}') "
                f"THEN CAST(try_strptime(trim({src}) || '-01', '%Y-%m-%d') AS DATE) END"
            )
        return f"CAST(date_trunc('month', TRY_CAST({src} AS DATE)) AS DATE)"
    cast = f"TRY_CAST(trim({src}) AS {rule.sql_type})" if text else f"TRY_CAST({src} AS {rule.sql_type})"
    pattern = {"date": _DATE_RE, "timestamp": _TIMESTAMP_RE}.get(rule.kind)
    if text and pattern:
        return f"CASE WHEN regexp_full_match(trim({src}), '{pattern}') THEN {cast} END"
    return cast


def _reason(rule: ColumnRule, src: str, val: str, present: bool) -> str:
    """A CASE giving the first rule this column breaks, in words, or NULL."""
    name = rule.name
    whens: list[tuple[str, str]] = []
    empty = f"{src} IS NULL" if rule.kind != "text" else f"({src} IS NULL OR {val} = '')"
    if not rule.optional:
        whens.append((empty, f"{name} is empty but required"))
    if present:
        if rule.kind != "text":
            whens.append((f"{src} IS NOT NULL AND {val} IS NULL",
                          f"{name} is not {_KIND_WORDS[rule.kind]}"))
        if rule.kind == "float":
            whens.append((f"NOT isfinite({val})", f"{name} is not a finite number"))
        if rule.enum:
            allowed = ", ".join(literal(v) for v in rule.enum)
            whens.append((f"{val} NOT IN ({allowed})",
                          f"{name} must be one of {', '.join(rule.enum)}"))
        if rule.positive:
            whens.append((f"{val} <= 0", f"{name} must be greater than 0"))
        if rule.non_negative:
            whens.append((f"{val} < 0", f"{name} must not be negative"))
        if rule.references:
            whens.append((f"{val} NOT IN (SELECT key FROM ref_{rule.references})",  # noqa: S608
                          f"{name} names an unknown {rule.references[:-1]}"))
    if not whens:
        return "CAST(NULL AS VARCHAR)"
    cases = " ".join(f"WHEN {cond} THEN {literal(text)}" for cond, text in whens)
    return f"CASE {cases} END"


def _views(duck: duckdb.DuckDBPyConnection, rules: list[ColumnRule], staged: Staged) -> None:
    """`<name>_vals`: row_no and the typed columns; `<name>_v`: the same plus `reason`,
    `column_name` and `raw`. Views, not tables: the staged file is read where it is used."""
    name = staged.relation
    srcs = {c: f"s{i}" for i, c in enumerate(staged.columns)}
    inner = ["row_no"] + [f"{ident(c)} AS {s}" for c, s in srcs.items()]
    vals = [f"{_value(r, srcs.get(r.name, ''), staged.types.get(r.name))} AS v{i}"
            for i, r in enumerate(rules)]
    reasons = [_reason(r, srcs.get(r.name, "NULL"), f"v{i}", r.name in srcs)
               for i, r in enumerate(rules)]
    raw = "to_json(struct_pack(" + ", ".join(
        f"{ident(c)} := {s}" for c, s in srcs.items()) + "))"
    first = "coalesce(" + ", ".join(
        f"CASE WHEN r{i} IS NOT NULL THEN {literal(r.name)} END" for i, r in enumerate(rules)
    ) + ")"
    out = ", ".join(f"v{i} AS {ident(r.name)}" for i, r in enumerate(rules))
    typed = f"SELECT *, {', '.join(vals)} FROM (SELECT {', '.join(inner)} FROM {name})"  # noqa: S608
    duck.execute(f"CREATE TEMP VIEW {name}_vals AS SELECT row_no, {out} FROM ({typed})")  # noqa: S608
    duck.execute(
        f"CREATE TEMP VIEW {name}_v AS SELECT row_no, {out}, reason, "  # noqa: S608
        f"CASE WHEN reason IS NOT NULL THEN {first} END AS column_name, "
        f"CASE WHEN reason IS NOT NULL THEN {raw} END AS raw FROM ("
        f"SELECT *, nullif(concat_ws('; ', {', '.join(f'r{i}' for i in range(len(rules)))}), '')"
        f" AS reason FROM (SELECT *, {', '.join(f'{x} AS r{i}' for i, x in enumerate(reasons))}"
        f" FROM ({typed})))"
    )


def check(duck: duckdb.DuckDBPyConnection, table: Table, staged: Staged, file: str) -> Checked:
    """Validate a staged file; quarantine its bad and duplicate rows; return the good rows.

    One pass evaluates every rule and writes only the bad rows; duplicate keys are found from
    the keys' hashes alone (`data.dedupe`). The good rows are a view over the staged file that
    the loader reads once, sorted, straight into the store: no validated copy is made.
    """
    duck.execute(QROWS_DDL)
    rules = rules_for(table)
    name, columns = staged.relation, [r.name for r in rules]
    _views(duck, rules, staged)
    if staged.malformed:
        duck.execute(
            f"INSERT INTO qrows SELECT ?, row_no, NULL, reason, raw FROM {staged.malformed}",  # noqa: S608
            [file],
        )
    duck.execute(
        f"INSERT INTO qrows SELECT ?, row_no, column_name, reason, raw FROM {name}_v "  # noqa: S608
        "WHERE reason IS NOT NULL",
        [file],
    )
    quarantine_duplicates(duck, table, name, file, columns)
    quarantined = duck.execute(
        "SELECT count(*) FROM qrows WHERE file = ?", [file]
    ).fetchall()[0][0]
    cols = ", ".join(ident(c) for c in columns)
    if not quarantined:
        duck.execute(f"CREATE TEMP VIEW {name}_good AS SELECT {cols} FROM {name}_vals")  # noqa: S608
    else:
        # Every quarantined row of the file is left out by its number (malformed lines never
        # reached the staged relation, so their numbers match nothing there).
        duck.execute(f"CREATE TEMP TABLE {name}_drop AS SELECT row_no FROM qrows WHERE file = ?",  # noqa: S608
                     [file])
        duck.execute(
            f"CREATE TEMP VIEW {name}_good AS SELECT {cols} FROM {name}_vals "  # noqa: S608
            f"ANTI JOIN {name}_drop USING (row_no)"
        )
    # Each staged row is either quarantined once or loaded (malformed lines count as read).
    return Checked(good=f"{name}_good", columns=columns,
                   rows_loaded=staged.rows_read - quarantined, rows_quarantined=quarantined)
