"""The interface between the evaluator and "special" measure providers (`fact: special`).

A provider computes what plain sums over a fact cannot (customer status from
`agg_customer_month`, station-days with anomalies, campaign effects, RFM). The evaluator calls
each needed provider once per (window, level) batch with a `ProviderRequest` and joins the
returned rows to its other results by `entity_id`.

Missing values (agreed with the provider modules): a provider returns one row per requested
entity that has at least one station inside the scope, with every output a number (counts and
sums over nothing are 0, never NULL). An entity with no visible station gets no row, and the
evaluator reads an absent or NULL value as 0; ratios are formed in the catalogue from those
numerators and denominators, so a zero denominator still gives a null (grey) indicator.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select

from data.scope import Scope
from metrics.periods import Level, Window
from metrics.rollup_state import CUSTOMER_ROLLUPS, rollup_current

# AMOEBA_ROLLUPS=0 makes the providers read raw rows wherever they can read a rollup (the
# evaluator's switch for agg_fuel_day); tests build both paths and require identical outputs.
ROLLUPS = os.environ.get("AMOEBA_ROLLUPS", "1") != "0"



def default_rollup() -> bool:
    """`ProviderRequest.rollup` when not given: the switch above, and inside a plan (see
    metrics/rollup_state.py) the store's customer rollups being current."""
    return ROLLUPS and rollup_current(*CUSTOMER_ROLLUPS)


@dataclass(frozen=True)
class ProviderRequest:
    """What a provider is asked for: entities of one level, one window, the caller's scope.

    `entity_ids` are ids of `level` (e.g. team ids); the provider must restrict the stations it
    reads to those entities AND to `scope.station_predicate(stations.c)` (fail closed).
    `params` are the measure's YAML `params` (read-only). `rollup`: read the rollups the importer
    stores (agg_customer_month's next_month, first_day_registered; whole months of F and Mon;
    agg_fuel_day, agg_nonfuel_day) instead of recomputing them from raw transactions; a provider
    reading a day rollup also asks `rollup_current` for that table.
    """

    level: Level
    entity_ids: tuple[str, ...]
    window: Window
    scope: Scope
    params: Mapping[str, Any] = field(default_factory=dict)
    rollup: bool = field(default_factory=default_rollup)  # read when built: tests may flip it


# A provider builds (never runs) one statement: columns `entity_id` plus one per output name.
ProviderBuild = Callable[[ProviderRequest], Select]


@dataclass(frozen=True)
class ProviderSpec:
    """A registered provider: its name, the outputs it returns, how to build its statement.

    `sources` lists the `table.column`s read (checked against data/schema.py, shown in docs).
    """

    name: str
    outputs: tuple[str, ...]
    build: ProviderBuild
    sources: tuple[str, ...] = ()
    description: str = ""
