"""Score bands: a figure's points by the policy's own band edges.

A band table lists bands from the top down. Each band has a lower edge and
says whether the edge belongs to it, as the policy words it: 含, 不低于 and
以上 put the edge in the band (``≥``); 超过 and 不含 leave it out (``>``). The
last band has no edge and catches the rest. Where the policy gives a range
of points for a band (the 高企 innovation score's 7–8, say), ``low`` and
``high`` differ and the data fixes only the band.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from core.plugin_api import (
    FAIL,
    PASS,
    UNKNOWN,
    AssessmentCheck,
    percent,
)


@dataclass(frozen=True)
class Band:
    #: The lower edge; ``None`` for the bottom band, which takes every other value.
    floor: Decimal | None
    low: int
    high: int | None = None
    #: Whether the edge belongs to this band (``≥``) or to the one below (``>``).
    inclusive: bool = True

    @property
    def top(self) -> int:
        return self.low if self.high is None else self.high

    def admits(self, value: Decimal) -> bool:
        if self.floor is None:
            return True
        return value >= self.floor if self.inclusive else value > self.floor

    def points_text(self) -> str:
        """``20`` or ``7–8``."""
        return str(self.low) if self.high in (None, self.low) else f"{self.low}–{self.high}"

    def edge(self, above: Band | None = None) -> str:
        """``≥ 30%``, ``> 5%``; for the bottom band, below the band ``above`` it (``< 10%``)."""
        if self.floor is not None:
            return f"{'≥' if self.inclusive else '>'} {percent(self.floor)}"
        if above is None or above.floor is None:
            return ""
        return f"{'<' if above.inclusive else '≤'} {percent(above.floor)}"


def table(*rows: tuple, inclusive: bool = True) -> tuple[Band, ...]:
    """Bands from ``(floor, points)`` or ``(floor, low, high)`` rows, top first.

    The last row's floor is ``None``: the bottom band.
    """
    bands = []
    for floor, *points in rows:
        edge = None if floor is None else Decimal(str(floor))
        bands.append(Band(edge, points[0], points[1] if len(points) > 1 else None, inclusive))
    return tuple(bands)


def band_of(value: Decimal, bands: tuple[Band, ...]) -> Band:
    """The first band, from the top, whose edge admits ``value``."""
    return next(band for band in bands if band.admits(value))


def edge_of(band: Band, bands: tuple[Band, ...]) -> str:
    """``band``'s edge as a manager reads it: ``≥ 30%``, ``> 5%``, or ``< 10%`` at the bottom."""
    return band.edge(band_above(band, bands))


def band_above(band: Band, bands: tuple[Band, ...]) -> Band | None:
    """The band just above ``band``, or ``None`` at the top."""
    index = bands.index(band)
    return bands[index - 1] if index else None


def scored(
    key: str,
    label: tuple[str, str],
    band: Band,
    max_points: int,
    detail: tuple[str, str],
    citation: str = "",
) -> AssessmentCheck:
    """A score part whose figure is known: its band's points, explained."""
    shown = band.points_text()
    return replace(
        condition(key, label, PASS, (f"{detail[0]}:{shown} 分", f"{detail[1]}: {shown} points")),
        citation=citation,
        points_low=band.low,
        points_high=band.top,
        max_points=max_points,
    )


def unscored(
    key: str,
    label: tuple[str, str],
    max_points: int,
    detail: tuple[str, str],
    citation: str = "",
    *,
    low: int = 0,
    high: int | None = None,
) -> AssessmentCheck:
    """A score part the data cannot fix: anywhere from ``low`` to ``high`` (the maximum)."""
    high = max_points if high is None else high
    text = (f"{detail[0]}:按 {low}–{high} 分计", f"{detail[1]}: counted as {low}–{high} points")
    return replace(
        condition(key, label, UNKNOWN, text),
        citation=citation,
        points_low=low,
        points_high=high,
        max_points=max_points,
    )


def total(parts) -> tuple[int, int]:
    """The lowest and highest total the parts allow."""
    return sum(p.points_low for p in parts), sum(p.points_high for p in parts)


def condition(
    key: str, label: tuple[str, str], status: str, detail: tuple[str, str], citation: str = ""
) -> AssessmentCheck:
    """A plain condition (no points) with its verdict and the figure behind it."""
    return AssessmentCheck(
        key=key,
        label_zh=label[0],
        label_en=label[1],
        status=status,
        detail_zh=detail[0],
        detail_en=detail[1],
        citation=citation,
    )


def judged(
    key: str, label: tuple[str, str], ok: bool | None, detail: tuple[str, str], citation: str = ""
) -> AssessmentCheck:
    """A condition that passes or fails on ``ok``, or is unknown when ``ok`` is ``None``."""
    status = UNKNOWN if ok is None else PASS if ok else FAIL
    return condition(key, label, status, detail, citation)


def from_result(key: str, label: tuple[str, str], result, citation: str = "") -> AssessmentCheck:
    """A ``RuleResult`` from the shared checks as a condition that passes or fails."""
    status = PASS if result.passed else FAIL
    return condition(key, label, status, (result.detail_zh, result.detail_en), citation)


def score_condition(
    key: str,
    label: tuple[str, str],
    low: int,
    high: int,
    mark: int,
    citation: str,
    *,
    strictly_above: bool = False,
) -> AssessmentCheck:
    """Whether a total of ``low``–``high`` points reaches ``mark`` (``> mark`` when strict).

    Passes when even ``low`` reaches it, fails when even ``high`` does not,
    and is unknown in between: the parts the data cannot fix decide.
    """
    sign = ">" if strictly_above else "≥"

    def reaches(points: int) -> bool:
        return points > mark if strictly_above else points >= mark

    shown = str(low) if low == high else f"{low}–{high}"
    if reaches(low):
        status, verdict_zh, verdict_en = PASS, f"{sign} {mark}", f"{sign} {mark}"
    elif not reaches(high):
        status = FAIL
        verdict_zh = verdict_en = f"{'≤' if strictly_above else '<'} {mark}"
    else:
        status = UNKNOWN
        verdict_zh = f"能否 {sign} {mark} 取决于尚未确定的部分"
        verdict_en = f"whether it is {sign} {mark} depends on the parts not yet known"
    return condition(
        key,
        label,
        status,
        (f"得分 {shown} 分,{verdict_zh}", f"Score {shown} points, {verdict_en}"),
        citation,
    )
