"""Read one contract file (CSV or Parquet) into a DuckDB staging relation with row numbers.

Everything stays inside DuckDB: a 50M-row file is scanned by SQL and never becomes Python
objects. CSV is read as text (`all_varchar`-like: every column VARCHAR) so that the validator,
not the reader, decides what a bad value is; malformed lines (unterminated quote, wrong field
count, invalid UTF-8) are caught by DuckDB's `store_rejects` and quarantined with their line.

SQL here interpolates only identifiers that are quoted by `ident()` and temp-table names made by
the importer; values (file paths) are bound parameters where DuckDB accepts them.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import duckdb


def ident(name: str) -> str:
    """Quote an identifier for DuckDB SQL (column names come from the user's file header)."""
    return '"' + name.replace('"', '""') + '"'


def literal(value: str) -> str:
    """Quote a string literal for the few places DuckDB takes no parameter (struct keys)."""
    return "'" + value.replace("'", "''") + "'"


@dataclass
class Staged:
    """A file staged in DuckDB: `relation` has `row_no` (1-based data row) and the file's columns."""

    relation: str
    columns: list[str]
    types: dict[str, str]
    rows_read: int
    malformed: str | None = None  # relation of malformed lines (row_no, reason, raw), if any


class UnusableFile(Exception):
    """The file cannot be read at all (no header, duplicate column names, not Parquet…)."""


def csv_header(path: Path) -> list[str]:
    """The header row of a CSV file (a UTF-8 BOM is tolerated)."""
    # Only the first line is decoded here: a bad byte further down is DuckDB's to reject.
    with open(path, "rb") as handle:
        first = handle.readline(1_000_000)
    if first.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnusableFile("the file is UTF-16 (it starts with a UTF-16 byte-order mark): "
                           "save it as UTF-8")
    try:
        line = first.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise UnusableFile(f"the header is not UTF-8 ({err.reason}){_guess(first)}: "
                           "save the file as UTF-8") from err
    header = next(csv.reader([line]), None)
    if not header or not any(h.strip() for h in header):
        raise UnusableFile("the file is empty or has no header row")
    names = [h.strip() for h in header]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise UnusableFile(f"the header repeats column(s) {', '.join(dupes)}")
    if any(not n for n in names):
        raise UnusableFile("the header has an empty column name")
    return names


def stage_csv(duck: duckdb.DuckDBPyConnection, path: Path, name: str) -> Staged:
    """Stage a CSV file as text columns; malformed lines go to a `<name>_bad` relation."""
    names = csv_header(path)
    columns = "{" + ", ".join(f"{literal(n)}: 'VARCHAR'" for n in names) + "}"
    errors, scans = f"{name}_rej", f"{name}_scan"
    cols = ", ".join(ident(n) for n in names)
    duck.execute(
        f"CREATE TEMP TABLE {name}_raw AS SELECT row_number() OVER () AS ord, {cols} "  # noqa: S608
        f"FROM read_csv(?, columns={columns}, auto_detect=false, header=true, delim=',', "
        f"quote='\"', escape='\"', strict_mode=true, null_padding=false, "
        f"store_rejects=true, rejects_table='{errors}', rejects_scan='{scans}', "
        f"max_line_size=10000000)",
        [str(path)],
    )
    _refuse_wrong_encoding(duck, path, errors, f"{name}_raw", names)
    bad = _malformed(duck, name, errors)
    good_count = duck.execute(f"SELECT count(*) FROM {name}_raw").fetchall()[0][0]  # noqa: S608
    bad_count = duck.execute(f"SELECT count(*) FROM {bad}").fetchall()[0][0] if bad else 0  # noqa: S608
    _number_rows(duck, name, names, bad)
    return Staged(
        relation=name,
        columns=names,
        types=dict.fromkeys(names, "VARCHAR"),
        rows_read=good_count + bad_count,
        malformed=bad,
    )


def _guess(raw: bytes) -> str:
    """", it reads as GB18030 (GBK)" when the bytes make sense in China's legacy encoding."""
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        return ""
    return f", it reads as GB18030/GBK: {text.strip()[:40]!r}" if text.strip() else ""


def _refuse_wrong_encoding(duck: duckdb.DuckDBPyConnection, path: Path, errors: str,
                           raw_rows: str, names: list[str]) -> None:
    """A file in another encoding is refused whole, naming the first bad row and column.

    When no row that was read holds any non-ASCII text while some rows are not UTF-8, the file
    was saved in a legacy encoding (GBK from Excel, typically): loading only its ASCII rows would
    half-load it. A UTF-8 file with a stray corrupt line keeps the per-line quarantine.
    """
    first = duck.execute(
        f"SELECT line, line_byte_position, column_name FROM {errors} "  # noqa: S608
        "WHERE error_type = 'INVALID ENCODING' ORDER BY line LIMIT 1").fetchall()
    if not first:
        return
    all_text = "concat_ws('', " + ", ".join(ident(n) for n in names) + ")"
    utf8_seen = duck.execute(
        f"SELECT count(*) FROM (SELECT 1 FROM {raw_rows} "  # noqa: S608
        f"WHERE regexp_matches({all_text}, '[^\\x00-\\x7f]') LIMIT 1)").fetchall()[0][0]
    if utf8_seen:
        return
    line, offset, column = first[0]
    with open(path, "rb") as handle:
        handle.seek(max((offset or 1) - 1, 0))  # DuckDB counts the line's bytes from 1
        raw = handle.readline(400)
    raise UnusableFile(f"row {line - 1}, column {column}: not UTF-8{_guess(raw)}; "
                       "save the file as UTF-8 (nothing of it was loaded)")


def _malformed(duck: duckdb.DuckDBPyConnection, name: str, errors: str) -> str | None:
    """Collect DuckDB's rejected lines, one row per line with every error on it."""
    count = duck.execute(f"SELECT count(*) FROM {errors}").fetchall()[0][0]  # noqa: S608
    if not count:
        return None
    # `line` counts the header as line 1; a data row's number is its line minus one (rows
    # with quoted line breaks before them make the two differ; the contract files have none).
    duck.execute(
        f"CREATE TEMP TABLE {name}_bad AS SELECT line - 1 AS row_no, "  # noqa: S608
        f"'malformed line: ' || string_agg(DISTINCT error_message, '; ') AS reason, "
        f"to_json(first(csv_line)) AS raw FROM {errors} GROUP BY line"
    )
    return f"{name}_bad"


def _number_rows(
    duck: duckdb.DuckDBPyConnection, name: str, names: list[str], bad: str | None
) -> None:
    """Give good rows their file row number: their ordinal shifted past the rejected rows.

    With rejected rows r_1 < r_2 < … , the g-th good row is row g + #{i : r_i − i < g}.
    """
    cols = ", ".join(ident(n) for n in names)
    if bad is None:
        duck.execute(
            f"CREATE TEMP VIEW {name} AS SELECT ord AS row_no, {cols} FROM {name}_raw"  # noqa: S608
        )
        return
    duck.execute(
        f"CREATE TEMP TABLE {name}_shift AS SELECT row_no - i AS t, max(i) AS n FROM ("  # noqa: S608
        f"SELECT row_no, row_number() OVER (ORDER BY row_no) AS i FROM {bad}) GROUP BY 1"
    )
    duck.execute(
        f"CREATE TEMP VIEW {name} AS SELECT r.ord + coalesce(s.n, 0) AS row_no, "  # noqa: S608
        f"{', '.join('r.' + ident(n) for n in names)} "
        f"FROM {name}_raw r ASOF LEFT JOIN {name}_shift s ON r.ord > s.t"
    )


def stage_parquet(duck: duckdb.DuckDBPyConnection, path: Path, name: str) -> Staged:
    """Stage a Parquet file as a view over the file itself (typed columns, streamed)."""
    try:
        described = duck.execute("DESCRIBE SELECT * FROM read_parquet(?)", [str(path)]).fetchall()
        rows = duck.execute(
            "SELECT sum(num_rows) FROM parquet_file_metadata(?)", [str(path)]
        ).fetchall()[0][0]
    except duckdb.Error as err:
        raise UnusableFile(f"not a readable Parquet file ({err})") from err
    types = {row[0]: row[1] for row in described}
    cols = ", ".join(ident(n) for n in types)
    # The path is quoted into the view text: a view cannot keep a bound parameter.
    duck.execute(
        f"CREATE TEMP VIEW {name} AS SELECT file_row_number + 1 AS row_no, {cols} "  # noqa: S608
        f"FROM read_parquet({literal(str(path))}, file_row_number=true)"
    )
    return Staged(relation=name, columns=list(types), types=types, rows_read=int(rows or 0))


def _without_nul(duck: duckdb.DuckDBPyConnection, staged: Staged) -> Staged:
    """Rows with a NUL byte in a text value become malformed rows (reason names the column).

    PostgreSQL cannot store NUL in text: one such byte failed the whole import there, so the
    row is quarantined on every store alike.
    """
    texts = [c for c, t in staged.types.items() if t == "VARCHAR"]
    if not texts:
        return staged
    has = {c: f"coalesce(contains({ident(c)}, chr(0)), false)" for c in texts}
    name, any_nul = staged.relation, " OR ".join(has.values())
    found = duck.execute(f"SELECT count(*) FROM {name} WHERE {any_nul}").fetchall()[0][0]  # noqa: S608
    if not found:
        return staged
    which = "concat_ws(', ', " + ", ".join(
        f"CASE WHEN {x} THEN {literal(c)} END" for c, x in has.items()) + ")"
    raw = "to_json(struct_pack(" + ", ".join(f"{ident(c)} := {ident(c)}" for c in staged.columns) + "))"
    duck.execute(
        f"CREATE TEMP TABLE {name}_nul AS SELECT row_no, 'NUL byte in column ' || {which} "  # noqa: S608
        f"AS reason, {raw} AS raw FROM {name} WHERE {any_nul}")
    duck.execute(f"CREATE TEMP VIEW {name}_ok AS SELECT * FROM {name} WHERE NOT ({any_nul})")  # noqa: S608
    bad = f"{name}_nul"
    if staged.malformed:
        duck.execute(f"CREATE TEMP VIEW {name}_badall AS SELECT * FROM {staged.malformed} "  # noqa: S608
                     f"UNION ALL SELECT * FROM {bad}")
        bad = f"{name}_badall"
    return Staged(relation=f"{name}_ok", columns=staged.columns, types=staged.types,
                  rows_read=staged.rows_read, malformed=bad)


def stage_file(duck: duckdb.DuckDBPyConnection, path: Path, name: str,
               nul_check: bool = False) -> Staged:
    """Stage a `.csv` or `.parquet` file. Rows with NUL bytes in text are set aside as malformed
    in CSV files always, in Parquet files when `nul_check` (a server store; DuckDB stores NUL,
    and the check costs ~1 s CPU per 10M Parquet rows)."""
    if path.suffix == ".parquet":
        staged = stage_parquet(duck, path, name)
        return _without_nul(duck, staged) if nul_check else staged
    return _without_nul(duck, stage_csv(duck, path, name))
