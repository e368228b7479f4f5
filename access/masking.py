"""Masking of personal data for lists and exports: 张** and 138****1234.

The SQL in `data/customers.py` masks inside queries; these are the same rules for values that
reach Python unmasked (exports, reports) so every path shows the same form.
"""

from __future__ import annotations

from data.scope import Scope


def mask_name(name: str | None) -> str | None:
    """The first character and `**` (张三丰 → 张**); None and "" stay as they are."""
    if not name:
        return name
    return name[0] + "**"


def mask_phone(phone: str | None) -> str | None:
    """The first 3 and last 4 digits kept (13812341234 → 138****1234); short ones → ****."""
    if not phone:
        return phone
    if len(phone) >= 7:  # the same threshold as the SQL in data/customers.py
        return phone[:3] + "****" + phone[-4:]
    return "****"


def personal(scope: Scope, name: str | None, phone: str | None) -> tuple[str | None, str | None]:
    """Name and phone as this scope may see them: plain with `pii`, masked otherwise, and
    nothing at all for an aggregates-only scope."""
    if scope.aggregates_only:
        return None, None
    if scope.pii:
        return name, phone
    return mask_name(name), mask_phone(phone)
