"""Calendar-month arithmetic for time limits and company ages.

"Founded no more than 24 months before entry" passes when the founding date
plus 24 calendar months is on or after the entry date: founded 2023-03-15,
entry 2025-03-15 passes (exactly 24 months); entry 2025-03-16 fails (24 months
and one day). Adding months clamps to the month's last day, so 2024-02-29 plus
12 months is 2025-02-28. Core computes enrollment and milestone due dates with
``add_months`` too.
"""

from __future__ import annotations

import calendar
from datetime import date


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole calendar months, clamped to the month's last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def within_months(start: date, end: date, months: int) -> bool:
    """Whether ``end`` is no more than ``months`` calendar months after ``start``."""
    return add_months(start, months) >= end


def age(start: date, end: date) -> tuple[int, int]:
    """Whole calendar months from ``start`` to ``end``, and the days left over.

    ``(24, 0)`` means exactly 24 months; ``(24, 1)`` one day more. An ``end``
    before ``start`` is ``(0, 0)``.
    """
    if end <= start:
        return 0, 0
    months = (end.year - start.year) * 12 + end.month - start.month
    while months > 0 and add_months(start, months) > end:
        months -= 1
    return months, (end - add_months(start, months)).days


def age_zh(months: int, days: int) -> str:
    """``24 个月`` or ``24 个月零 1 天``."""
    return f"{months} 个月零 {days} 天" if days else f"{months} 个月"


def age_en(months: int, days: int) -> str:
    """``24 months`` or ``24 months and 1 day``."""
    text = f"{months} month" if months == 1 else f"{months} months"
    if days:
        text += f" and {days} day" if days == 1 else f" and {days} days"
    return text
