"""Validate a staged contract file in DuckDB SQL: cast, check every rule, find duplicate keys.

One pass over the staged rows produces `<name>_chk`: the typed columns, `reason` (every broken
rule of the row in words, NULL when the row is good), `column_name` (the first bad column) and
`raw` (the row as read, JSON, only for bad rows). Duplicate keys among the good rows keep the
last row and quarantine the earlier ones. Bad rows of all files collect in the temp table
`qrows`, which the loader copies to the store's `quarantine` table.

Interpolated SQL text is made only of quoted identifiers (`ident`), literals of our own rule
constants (`literal`) and temp-table names chosen by the importer.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
from sqlalchemy import Table

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


def check(duck: duckdb.DuckDBPyConnection, table: Table, staged: Staged, file: str) -> Checked:
    """Validate a staged file; quarantine its bad and duplicate rows; return the good rows."""
    duck.execute(QROWS_DDL)
    rules = rules_for(table)
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
    duck.execute(
        f"CREATE TEMP TABLE {name}_chk AS SELECT row_no, {out}, reason, "  # noqa: S608
        f"CASE WHEN reason IS NOT NULL THEN {first} END AS column_name, "
        f"CASE WHEN reason IS NOT NULL THEN {raw} END AS raw FROM ("
        f"SELECT *, nullif(concat_ws('; ', {', '.join(f'r{i}' for i in range(len(rules)))}), '')"
        f" AS reason FROM (SELECT *, {', '.join(f'{x} AS r{i}' for i, x in enumerate(reasons))}"
        f" FROM (SELECT *, {', '.join(vals)} FROM (SELECT {', '.join(inner)} FROM {name}))))"
    )
    if staged.malformed:
        duck.execute(
            f"INSERT INTO qrows SELECT ?, row_no, NULL, reason, raw FROM {staged.malformed}",  # noqa: S608
            [file],
        )
    duck.execute(
        f"INSERT INTO qrows SELECT ?, row_no, column_name, reason, raw FROM {name}_chk "  # noqa: S608
        "WHERE reason IS NOT NULL",
        [file],
    )
    good = _dedupe(duck, table, name, file, [r.name for r in rules])
    loaded = duck.execute(f"SELECT count(*) FROM {good}").fetchall()[0][0]  # noqa: S608
    quarantined = duck.execute(
        "SELECT count(*) FROM qrows WHERE file = ?", [file]
    ).fetchall()[0][0]
    return Checked(good=good, columns=[r.name for r in rules], rows_loaded=loaded,
                   rows_quarantined=quarantined)


def _dedupe(
    duck: duckdb.DuckDBPyConnection, table: Table, name: str, file: str, columns: list[str]
) -> str:
    """Keep the last good row of each key; quarantine the earlier ones. Returns the good view."""
    keys = ", ".join(ident(k) for k in table.info["key"])
    cols = ", ".join(ident(c) for c in columns)
    # Grouping 50M text keys is slow; grouping their 64-bit hashes is cheap and finds every
    # candidate (a hash collision only adds a candidate, which the exact GROUP BY then drops).
    duck.execute(
        f"CREATE TEMP TABLE {name}_dupkeys AS SELECT {keys}, max(row_no) AS kept "  # noqa: S608
        f"FROM {name}_chk WHERE reason IS NULL AND hash({keys}) IN ("
        f"SELECT hash({keys}) FROM {name}_chk WHERE reason IS NULL "
        f"GROUP BY 1 HAVING count(*) > 1) GROUP BY ALL HAVING count(*) > 1"
    )
    if not duck.execute(f"SELECT count(*) FROM {name}_dupkeys").fetchall()[0][0]:  # noqa: S608
        duck.execute(
            f"CREATE TEMP VIEW {name}_good AS SELECT {cols} FROM {name}_chk "  # noqa: S608
            "WHERE reason IS NULL"
        )
        return f"{name}_good"
    key_text = " || ', ' || ".join(
        f"{literal(k + '=')} || CAST(c.{ident(k)} AS VARCHAR)" for k in table.info["key"]
    )
    struct = ", ".join(f"{ident(c)} := c.{ident(c)}" for c in columns)
    duck.execute(
        f"CREATE TEMP TABLE {name}_dups AS SELECT c.row_no, "  # noqa: S608
        f"'duplicate key ' || {key_text} || ': row ' || d.kept || ' has the same key and is kept'"
        f" AS reason, to_json(struct_pack({struct})) AS raw "
        f"FROM {name}_chk c JOIN {name}_dupkeys d USING ({keys}) "
        f"WHERE c.reason IS NULL AND c.row_no < d.kept"
    )
    first_key = literal(table.info["key"][0])
    duck.execute(
        f"INSERT INTO qrows SELECT ?, row_no, {first_key}, reason, raw FROM {name}_dups",  # noqa: S608
        [file],
    )
    duck.execute(
        f"CREATE TEMP VIEW {name}_good AS SELECT {cols} FROM {name}_chk "  # noqa: S608
        f"WHERE reason IS NULL AND row_no NOT IN (SELECT row_no FROM {name}_dups)"
    )
    return f"{name}_good"
