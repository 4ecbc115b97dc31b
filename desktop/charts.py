"""A bar chart as plain values: labels, numbers, the text printed at each bar's end and a
description for screen readers. The Word and PDF writers and the Reports screen each draw
the same chart from it, so the picture never says something the table beside it does not.
The figures services make them (desktop/services/figures/charts.py)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str  # printed at the bar's end: "75%", "12"


@dataclass(frozen=True)
class Chart:
    title: str
    bars: tuple[Bar, ...]
    maximum: float  # the value of a full-length bar
    description: str  # the alternative text: what the chart shows, in words

    @property
    def empty(self) -> bool:
        return not self.bars
