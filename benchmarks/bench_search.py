"""3. Search: Boardwork's full-text search over all minutes, against `grep -ri` over the same
minutes written out as one plain-text file per agenda item (benchmarks/data/*-text/)."""

from __future__ import annotations

import subprocess

from benchmarks.common import Figure, Settings, median, repeat
from desktop.services.database import Database
from desktop.services.search import search

# A very common word, a middling one, a rare one, two words together.
QUERIES = ("safeguarding", "neglect", "trafficking", "escalation timescales")


def _grep(settings: Settings, words: str) -> None:
    # grep matches one pattern: the first word, which is what a user would try first.
    subprocess.run(["grep", "-ri", words.split()[0], str(settings.texts)],
                   stdout=subprocess.DEVNULL, check=False)


def run(settings: Settings, db: Database) -> list[Figure]:
    figures = []
    for words in QUERIES:
        hits = len(search(db, words))
        ours = repeat(lambda w=words: search(db, w), settings.runs, settings.warmup)  # type: ignore[misc]
        grep = repeat(lambda w=words: _grep(settings, w), settings.runs, settings.warmup)  # type: ignore[misc]
        ratio = median(grep) / median(ours)
        figures.append(Figure(
            f"3. Search: \"{words}\"", ours, grep, "at least 100× faster than grep", ratio >= 100,
            reference_name="grep -ri over the minutes as text files",
            ratio_text=f"{ratio:.0f}× faster than grep",
            notes=[f"{hits} hits shown (the search returns the best 200)"]))
    return figures
