"""Data layer: schema, store (engines, atomic publish), contract import/export, demo data."""
