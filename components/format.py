"""Finance formatting shared by every page: 万元, 吨, %, counts, signed changes, dates.

Conventions (so that every page reads the same):
- Missing values (None, NaN, ±inf) render as "—".
- Rounding is half away from zero on the number as written (2.675 → 2.68), as an accountant
  expects, not binary float rounding (which gives 2.67).
- Negative numbers use the true minus sign "−" (U+2212), aligned with "+" in tabular figures.
- Units come from the translation catalogue (`unit.*` in messages/common.py).
- Signed changes carry an arrow: ↑ for up, ↓ for down, → for no change; the colour (good or bad)
  depends on the indicator's direction and is the caller's business, not this module's.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import ROUND_HALF_UP, Decimal

from components.i18n import t

Number = float | int | Decimal | None

MISSING = "—"
MINUS = "\u2212"
ARROW_UP, ARROW_DOWN, ARROW_FLAT = "↑", "↓", "→"


def _finite(value: object) -> bool:
    """True for a real, finite number (numpy scalars and Decimals included)."""
    if value is None or isinstance(value, bool):
        return False
    try:
        return math.isfinite(float(value))
    except (TypeError, ValueError):
        return False


def _exact(value: Number) -> Decimal | None:
    """The number as written, or None when missing.

    repr() of a float is the shortest decimal that round-trips, so 2.675 is taken as written
    (and rounds to 2.68) rather than as its binary value 2.67499999…; scaling (× 100 for %,
    ÷ 10,000 for 万元) is then exact too.
    """
    if not _finite(value):
        return None
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    return Decimal(repr(float(value)))  # numpy scalars included


def _scaled(value: Number, factor: Decimal) -> Decimal | None:
    exact = _exact(value)
    return None if exact is None else exact * factor


def _rounded(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def number(value: Number, decimals: int = 0) -> str:
    """A number with thousands separators: 1234567.891 → "1,234,567.89" (decimals=2)."""
    exact = _exact(value)
    if exact is None:
        return MISSING
    rounded = _rounded(exact, decimals)
    if rounded == 0:
        rounded = abs(rounded)  # never show "−0.0"
    text = f"{abs(rounded):,.{decimals}f}"
    return f"{MINUS}{text}" if rounded < 0 else text


def _with_unit(text: str, unit_key: str, lang: str) -> str:
    return text if text == MISSING else f"{text} {t(unit_key, lang)}"


def wan_yuan(amount: Number, lang: str = "zh", decimals: int = 1) -> str:
    """Money in 万元 (10,000 yuan): 12,345,000 → "1,234.5 万元" / "1,234.5 × 10k yuan"."""
    value = _scaled(amount, Decimal("0.0001"))
    return _with_unit(number(value, decimals), "unit.wan_yuan", lang)


def yuan(value: Number, lang: str = "zh", decimals: int = 2) -> str:
    """Money in yuan, for small amounts such as a ticket: 205.3 → "205.30 元"."""
    return _with_unit(number(value, decimals), "unit.yuan", lang)


def tonnes(value: Number, lang: str = "zh", decimals: int = 1) -> str:
    """Volume in tonnes: 12345.67 → "12,345.7 吨" / "12,345.7 t"."""
    return _with_unit(number(value, decimals), "unit.tonne", lang)


def count(value: Number) -> str:
    """A count with separators: 1234567 → "1,234,567"."""
    return number(value, 0)


def percent(ratio: Number, decimals: int = 1) -> str:
    """A ratio as a percentage: 0.1234 → "12.3%"."""
    value = _scaled(ratio, Decimal(100))
    text = number(value, decimals)
    return text if text == MISSING else f"{text}%"


def _signed(value: Number, decimals: int) -> tuple[str, str] | None:
    """(arrow, signed text) of a change, or None when missing."""
    exact = _exact(value)
    if exact is None:
        return None
    rounded = _rounded(exact, decimals)
    body = number(abs(rounded), decimals)
    if rounded > 0:
        return ARROW_UP, f"+{body}"
    if rounded < 0:
        return ARROW_DOWN, f"{MINUS}{body}"
    return ARROW_FLAT, body


def change_pct(ratio: Number, decimals: int = 1) -> str:
    """A relative change (growth ratio): 0.032 → "↑ +3.2%", −0.015 → "↓ −1.5%"."""
    signed = _signed(_scaled(ratio, Decimal(100)), decimals)
    if signed is None:
        return MISSING
    return f"{signed[0]} {signed[1]}%"


def change_pp(delta: Number, lang: str = "zh", decimals: int = 1) -> str:
    """A change between two ratios in percentage points: −0.015 → "↓ −1.5 pp"."""
    signed = _signed(_scaled(delta, Decimal(100)), decimals)
    if signed is None:
        return MISSING
    return f"{signed[0]} {signed[1]} {t('unit.pp', lang)}"


def change_abs(value: Number, decimals: int = 1) -> str:
    """An absolute change in the value's own unit: 1234.5 → "↑ +1,234.5"."""
    signed = _signed(value, decimals)
    return MISSING if signed is None else f"{signed[0]} {signed[1]}"


def date(value: dt.date | dt.datetime | None) -> str:
    """An ISO date: 2026-10-05."""
    if value is None:
        return MISSING
    return value.date().isoformat() if isinstance(value, dt.datetime) else value.isoformat()


def datetime(value: dt.datetime | None, seconds: bool = False) -> str:
    """A local timestamp: 2026-10-05 08:13 (seconds on request)."""
    if value is None:
        return MISSING
    return value.strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")


def date_range(
    first: dt.date | dt.datetime | None, last: dt.date | dt.datetime | None, lang: str = "zh"
) -> str:
    """An inclusive date range: "2024-10-01 至 2026-11-24" / "2024-10-01 – 2026-11-24"."""
    if first is None and last is None:
        return MISSING
    return f"{date(first)}{t('format.range_sep', lang)}{date(last)}"
