"""Reading answers as numbers, and writing figures the way a manager checks them.

Money is ``Decimal`` in 万元 (10,000 CNY) throughout, and is shown in 万元 in
both languages ("1,230 万元"), as the registry shows it, so a manager can
match a detail against the figures typed in.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation


def to_decimal(value) -> Decimal | None:
    """An answer or figure as a finite ``Decimal``; ``None`` when blank or not a number."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    text = str(value).strip().replace(",", "")
    if not text:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def to_int(value) -> int | None:
    """An answer or figure as a whole number; ``None`` when blank or not whole."""
    number = to_decimal(value)
    if number is None or number != number.to_integral_value():
        return None
    return int(number)


def plain(value: Decimal | int) -> str:
    """``1,230``, ``20,000``, ``500.0001``: thousands separators, no trailing zeros."""
    number = Decimal(value)
    if number == number.to_integral_value():
        return f"{int(number):,}"
    return format(number.normalize(), ",f")


def wan(amount: Decimal | int) -> str:
    """``1,230 万元``, in both languages, as the registry shows amounts."""
    return f"{plain(amount)} 万元"


def percent(value: Decimal | int, against: Decimal | int | None = None) -> str:
    """``20%``, ``23.46%``: two decimals, more when rounding would hide a difference.

    Pass the threshold as ``against`` so that 20.004% is never shown as "20%"
    next to a 20% threshold it exceeds.
    """
    value = Decimal(value)
    shown = value.quantize(Decimal("0.01"))
    if against is not None and shown == Decimal(against) and value != shown:
        shown = value.quantize(Decimal("0.000001"))
    return f"{plain(shown)}%"
