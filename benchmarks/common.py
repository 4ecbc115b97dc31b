"""What every benchmark shares: repeated timing, medians and spreads, and the figure each
benchmark hands to run.py for RESULTS.md."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Settings:
    database: Path  # the generated database
    texts: Path  # the same minutes as plain-text files
    runs: int  # measured runs after the warm-up
    warmup: int = 1


@dataclass(frozen=True)
class Figure:
    """One line of RESULTS.md: our samples, the reference's, and the goal."""

    name: str
    ours: list[float]  # milliseconds (or MB for memory)
    reference: list[float] | None
    goal: str
    met: bool | None  # None: no goal for this line (shown for information)
    unit: str = "ms"
    reference_name: str = ""
    ratio_text: str = ""  # how the ratio reads, e.g. "0.9x the reference"
    notes: list[str] = field(default_factory=list)


def repeat(work: Callable[[], Any], runs: int, warmup: int = 1) -> list[float]:
    """Milliseconds of `runs` calls of work, after `warmup` calls that are not counted."""
    for _ in range(warmup):
        work()
    samples = []
    for _ in range(runs):
        began = time.perf_counter()
        work()
        samples.append((time.perf_counter() - began) * 1000)
    return samples


def median(samples: list[float]) -> float:
    return statistics.median(samples)


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def spread(samples: list[float]) -> str:
    """Quartiles where there are enough samples, otherwise the range."""
    if len(samples) >= 8:
        q = statistics.quantiles(samples, n=4)
        return f"{q[0]:.3g}–{q[2]:.3g}"
    return f"{min(samples):.3g}–{max(samples):.3g}"
