"""SQLAlchemy's compiled-statement cache, switched on for a DuckDB engine.

    engine = enable_statement_cache(create_engine("duckdb:///…"))

duckdb-engine declares `supports_statement_cache = False` (it never certified the feature), so
SQLAlchemy compiles every statement from scratch on every call: 5–15 ms of Python for a
customer list or a statement batch, more for the board's large statements. DuckDB's dialect
compiles through SQLAlchemy's PostgreSQL compiler, whose output SQLAlchemy already caches on
PostgreSQL engines, and the project adds no DuckDB compile hooks (`@compiles` is used for
ClickHouse only).

Why this is safe: SQLAlchemy's cache key is the statement's whole structure — tables, columns,
operators, functions, literal SQL text, labels, limits and the dialect — and never a bound
value; on a hit it binds the new statement's own values into the cached compiled form (an IN
list's length is expanded at execution, after the cache). Two statements therefore share
compiled text only when they differ in bound values alone, and every user value still reaches
DuckDB as a parameter. A statement holding an element that cannot produce a cache key is
compiled afresh, as before. The cache is the engine's own (a new engine starts empty).
"""

from __future__ import annotations

from sqlalchemy import Engine


def enable_statement_cache(engine: Engine) -> Engine:
    """Let a DuckDB `engine` reuse compiled SQL across calls (see the module docstring); any
    other engine is returned unchanged (PostgreSQL caches already). Returns `engine`."""
    if engine.dialect.name == "duckdb":
        # SQLAlchemy reads this memoised flag from the dialect instance, so setting it on the
        # instance switches caching on for this engine only, not for every DuckDB engine.
        engine.dialect.__dict__["_supports_statement_cache"] = True
    return engine


def statement_cache_enabled(engine: Engine) -> bool:
    """Whether `engine` compiles through SQLAlchemy's statement cache."""
    return bool(engine.dialect._supports_statement_cache)  # noqa: SLF001 - SQLAlchemy's flag
