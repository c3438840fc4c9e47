"""Horizontal bar charts drawn as SVG on the server (``templates/reports/charts.html``).

A chart is data: bars with a label, a value, the text shown next to the bar
and the link to the list behind the number. The geometry is computed here so
the template only places elements.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

ROW_HEIGHT = 28
BAR_HEIGHT = 18
BAR_AREA = 260
VALUE_WIDTH = 90


@dataclass(frozen=True)
class Bar:
    label: str
    value: int | float | Decimal
    href: str
    #: What is written next to the bar; the value itself unless given.
    text: str = ""

    @property
    def shown(self) -> str:
        return self.text or format_number(self.value)


@dataclass(frozen=True)
class PlacedBar:
    bar: Bar
    y: int
    width: int


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    bars: list[Bar] = field(default_factory=list)
    label_width: int = 150

    @property
    def width(self) -> int:
        return self.label_width + BAR_AREA + VALUE_WIDTH

    @property
    def height(self) -> int:
        return max(len(self.bars), 1) * ROW_HEIGHT

    def placed(self) -> list[PlacedBar]:
        """Each bar with its row and its length, scaled to the largest value."""
        top = max((float(b.value) for b in self.bars), default=0) or 1
        return [
            PlacedBar(b, i * ROW_HEIGHT, round(BAR_AREA * float(b.value) / top))
            for i, b in enumerate(self.bars)
        ]


def format_number(value) -> str:
    """Counts as whole numbers, money (decimals) to two places, with thousands separators."""
    if isinstance(value, str):
        return value
    if isinstance(value, Decimal | float):
        return f"{value:,.2f}"
    return f"{int(value):,}"


def percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "—"
