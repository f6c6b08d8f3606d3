"""Geometry of the timeline's inline SVG (the template draws it): bars run right to left, oldest on the right,
as a Persian reader reads. Pure; the bars come from search/timeline.py."""

from __future__ import annotations

from dataclasses import dataclass

from search.dates import persian_digits
from search.timeline import Bar, Timeline

WIDTH, HEIGHT = 720, 190
PLOT_TOP, PLOT_BOTTOM = 24, 150  # bars between these; labels below
MAX_LABELS = 12


@dataclass(frozen=True)
class DrawnBar:
    bar: Bar
    x: float
    y: float
    width: float
    height: float
    label_x: float
    show_label: bool
    count_text: str


def layout(timeline: Timeline) -> list[DrawnBar]:
    bars = timeline.bars
    if not bars or not timeline.peak:
        return []
    slot = WIDTH / len(bars)
    gap = min(slot * 0.2, 6)
    every = -(-len(bars) // MAX_LABELS)  # a label on every n-th bar so labels never overlap
    drawn = []
    for index, bar in enumerate(bars):
        height = (PLOT_BOTTOM - PLOT_TOP) * bar.count / timeline.peak
        x = WIDTH - (index + 1) * slot + gap / 2
        drawn.append(DrawnBar(
            bar=bar, x=round(x, 1), y=round(PLOT_BOTTOM - height, 1), width=round(slot - gap, 1),
            height=round(height, 1), label_x=round(x + (slot - gap) / 2, 1),
            show_label=(len(bars) - 1 - index) % every == 0, count_text=persian_digits(bar.count),
        ))
    return drawn
