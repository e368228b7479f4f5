"""Registry of special measure providers: `PROVIDERS[name] -> ProviderSpec`.

Each provider module in this package (any `metrics/special/<name>.py` except `base`) exposes a
`SPECS` tuple of `ProviderSpec`s; they are gathered here when the package is imported. Names are
dotted (`customers.status`) and unique: a duplicate is a programming error and fails loudly.
"""

from __future__ import annotations

import importlib
import pkgutil

from metrics.special.base import ProviderBuild, ProviderRequest, ProviderSpec

PROVIDERS: dict[str, ProviderSpec] = {}


def register(*specs: ProviderSpec) -> None:
    """Add provider specs to PROVIDERS (a duplicate name raises ValueError)."""
    for spec in specs:
        if spec.name in PROVIDERS:
            raise ValueError(f"provider {spec.name!r} registered twice")
        PROVIDERS[spec.name] = spec


def _load_modules() -> None:
    """Import every provider module of this package and register its SPECS."""
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if info.name == "base" or info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        register(*getattr(module, "SPECS", ()))


_load_modules()

__all__ = ["PROVIDERS", "ProviderBuild", "ProviderRequest", "ProviderSpec", "register"]
