"""Duplicate keys within one imported file: the last row of a key is kept, earlier ones are
quarantined with the row that is kept named in the reason.

Candidates come from the keys' 64-bit hashes, sorted in NumPy: a GROUP BY over 10M hashes cost
~3 s CPU, fetching and sorting them ~0.8 s. A collision only adds a candidate, which the exact
GROUP BY over the candidates' rows then drops, so no duplicate is missed and none is invented.

SQL text interpolates only quoted schema identifiers and temp names chosen by the importer.
"""

from __future__ import annotations

import duckdb
import numpy as np
import pyarrow as pa
from sqlalchemy import Table

from data.readers import ident, literal


def candidate_hashes(duck: duckdb.DuckDBPyConnection, keys: str, relation: str) -> np.ndarray:
    """Hashes of `keys` that occur more than once in `relation` (every row, good or bad)."""
    hashes = duck.execute(f"SELECT hash({keys}) AS h FROM {relation}").fetchnumpy()["h"]  # noqa: S608
    hashes = np.asarray(hashes, dtype=np.uint64)
    hashes.sort()  # in place: no second copy of a 50M-row file's hashes
    repeated = hashes[1:][hashes[1:] == hashes[:-1]]
    return np.unique(repeated)


def quarantine_duplicates(
    duck: duckdb.DuckDBPyConnection, table: Table, name: str, file: str, columns: list[str]
) -> int:
    """Quarantine the earlier good rows of each duplicated key of `<name>_v`; returns how many."""
    keys = ", ".join(ident(k) for k in table.info["key"])
    found = candidate_hashes(duck, keys, f"{name}_vals")
    if not len(found):
        return 0
    duck.register("dup_hashes_arrow", pa.table({"h": pa.array(found, type=pa.uint64())}))
    try:
        duck.execute(f"CREATE TEMP TABLE {name}_cand AS SELECT h FROM dup_hashes_arrow")  # noqa: S608
    finally:
        duck.unregister("dup_hashes_arrow")
    duck.execute(
        f"CREATE TEMP TABLE {name}_dupkeys AS SELECT {keys}, max(row_no) AS kept "  # noqa: S608
        f"FROM {name}_v WHERE reason IS NULL AND hash({keys}) IN (SELECT h FROM {name}_cand) "
        "GROUP BY ALL HAVING count(*) > 1"
    )
    key_text = " || ', ' || ".join(
        f"{literal(k + '=')} || CAST(c.{ident(k)} AS VARCHAR)" for k in table.info["key"]
    )
    struct = ", ".join(f"{ident(c)} := c.{ident(c)}" for c in columns)
    first_key = literal(table.info["key"][0])
    return duck.execute(
        f"INSERT INTO qrows SELECT ?, c.row_no, {first_key}, "  # noqa: S608
        f"'duplicate key ' || {key_text} || ': row ' || d.kept || ' has the same key and is kept', "
        f"to_json(struct_pack({struct})) "
        f"FROM {name}_v c JOIN {name}_dupkeys d USING ({keys}) "
        f"WHERE c.reason IS NULL AND c.row_no < d.kept",
        [file],
    ).fetchall()[0][0]
