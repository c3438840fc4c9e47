"""Horizontal bar charts drawn as SVG on the server (``templates/reports/charts.html``).

A chart is data: bars with a label, a value, the text shown next to the bar
and the link to the list behind the number. The geometry is computed here so
the template only places elements. Labels are measured, never clipped: the
label column is as wide as the longest label needs (a full-width character,
such as Chinese, counted at the font size, a half-width one at a little over
half of it), up to ``MAX_LABEL_WIDTH``; a longer label wraps onto more lines
and its row grows.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

ROW_HEIGHT = 28
LINE_HEIGHT = 16
BAR_HEIGHT = 18
BAR_AREA = 260
VALUE_WIDTH = 90
#: The labels' font size and the widths of their characters, in pixels.
FONT_SIZE = 13
FULL_WIDTH, HALF_WIDTH = 13.0, 7.5
LABEL_GAP = 12
MIN_LABEL_WIDTH, MAX_LABEL_WIDTH = 60, 320


def text_width(text: str) -> float:
    """The width ``text`` takes at ``FONT_SIZE``, generously (no font metrics on the server)."""
    return sum(
        FULL_WIDTH if unicodedata.east_asian_width(ch) in "WF" else HALF_WIDTH for ch in text
    )


def wrapped(text: str, width: float) -> list[str]:
    """``text`` in lines no wider than ``width``: broken at spaces, else between characters."""
    lines, line = [], ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        if text_width(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        for ch in word:  # a word too long for a line (Chinese has no spaces) breaks anywhere
            if text_width(line + ch) > width and line:
                lines.append(line)
                line = ""
            line += ch
    return [*lines, line] if line or not lines else lines


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
    #: The label's lines (one unless it wraps) and the row's height.
    lines: list[str]
    height: int

    @property
    def bar_y(self) -> int:
        return self.y + (self.height - BAR_HEIGHT) // 2

    @property
    def text_y(self) -> int:
        """The baseline of the first label line, so that the lines centre on the bar."""
        return self.y + (self.height - LINE_HEIGHT * len(self.lines)) // 2 + FONT_SIZE


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    bars: list[Bar] = field(default_factory=list)

    @property
    def label_width(self) -> int:
        """Where the bars start: the longest label's width and a gap, within the bounds."""
        widest = max((text_width(b.label) for b in self.bars), default=0)
        return round(min(max(widest, MIN_LABEL_WIDTH), MAX_LABEL_WIDTH)) + LABEL_GAP

    @property
    def width(self) -> int:
        return self.label_width + BAR_AREA + VALUE_WIDTH

    @property
    def height(self) -> int:
        placed = self.placed()
        return placed[-1].y + placed[-1].height if placed else ROW_HEIGHT

    def placed(self) -> list[PlacedBar]:
        """Each bar with its row, its label's lines and its length, scaled to the largest value."""
        top = max((float(b.value) for b in self.bars), default=0) or 1
        room = self.label_width - LABEL_GAP
        rows, y = [], 0
        for bar in self.bars:
            lines = wrapped(bar.label, room)
            height = max(ROW_HEIGHT, LINE_HEIGHT * len(lines) + 8)
            rows.append(PlacedBar(bar, y, round(BAR_AREA * float(bar.value) / top), lines, height))
            y += height
        return rows


def format_number(value) -> str:
    """Counts as whole numbers, money (decimals) to two places, with thousands separators."""
    if isinstance(value, str):
        return value
    if isinstance(value, Decimal | float):
        return f"{value:,.2f}"
    return f"{int(value):,}"


def percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "—"
