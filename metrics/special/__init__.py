"""Registry of special measure providers: `PROVIDERS[name] -> ProviderSpec`.

Provider modules (metrics/special/*.py) each expose a `SPECS` tuple of `ProviderSpec`s; they are
listed here so the registry stays explicit (no import-time discovery magic).
"""

from __future__ import annotations

from metrics.special.base import ProviderBuild, ProviderRequest, ProviderSpec

PROVIDERS: dict[str, ProviderSpec] = {}


def register(*specs: ProviderSpec) -> None:
    """Add provider specs to PROVIDERS (a duplicate name is a programming error)."""
    for spec in specs:
        if spec.name in PROVIDERS:
            raise ValueError(f"provider {spec.name!r} registered twice")
        PROVIDERS[spec.name] = spec


def _load_builtin() -> None:
    """Import the provider modules that exist (each defines SPECS)."""
    import importlib

    for mod in ("customers", "anomalies", "campaigns", "rfm"):
        try:
            module = importlib.import_module(f"metrics.special.{mod}")
        except ModuleNotFoundError as exc:
            if exc.name != f"metrics.special.{mod}":
                raise
            continue
        register(*getattr(module, "SPECS", ()))


_load_builtin()

__all__ = ["PROVIDERS", "ProviderBuild", "ProviderRequest", "ProviderSpec", "register"]
