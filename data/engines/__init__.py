"""Adapters for facts stores other than DuckDB and PostgreSQL (bulk loading, engine options)."""
