"""The special measure providers of this package, by name: `PROVIDERS[name] -> ProviderSpec`.

Explicit rather than discovered: each provider module exposes `SPECS`, and this dict is what the
catalogue's `provider:` names must resolve against. `metrics/special/__init__.py` (the core's)
builds its own `PROVIDERS` from the same `SPECS` tuples; a test keeps the two in step.
"""

from __future__ import annotations

from metrics.special import campaigns, customers, daily, rfm
from metrics.special.base import ProviderSpec

ALL_SPECS: tuple[ProviderSpec, ...] = (
    *customers.SPECS,
    *rfm.SPECS,
    *daily.SPECS,
    *campaigns.SPECS,
)

PROVIDERS: dict[str, ProviderSpec] = {spec.name: spec for spec in ALL_SPECS}

if len(PROVIDERS) != len(ALL_SPECS):  # two modules claiming one name is a programming error
    raise ImportError("duplicate special provider names")

__all__ = ["ALL_SPECS", "PROVIDERS"]
