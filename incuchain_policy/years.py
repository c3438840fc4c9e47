"""Which year's figures a yearly condition reads, and shares between figures.

"上年度" and "最近一年" are the last completed calendar year before the day
judged: judged in 2026, the 2025 figures count, and a year not reported is
missing, never replaced by an older one.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from core.plugin_api import (
    Figures,
    to_decimal,
)


def last_year(as_of: date) -> int:
    return as_of.year - 1


def recent_years(as_of: date, count: int) -> tuple[int, ...]:
    """The ``count`` completed years before ``as_of``, oldest first."""
    last = last_year(as_of)
    return tuple(range(last - count + 1, last + 1))


def value(figures: Mapping[int, Figures], year: int, name: str) -> Decimal | None:
    row = figures.get(year)
    return to_decimal(getattr(row, name)) if row is not None else None


def share(part: Decimal | None, whole: Decimal | None) -> Decimal | None:
    """``part`` as a percentage of ``whole``; ``None`` when either is missing or ``whole`` is 0."""
    if part is None or not whole:
        return None
    return part * 100 / whole
