"""3. Search: Boardwork's full-text search over all minutes, against `grep -ri` over the same
minutes written out as one plain-text file per agenda item (benchmarks/data/*-text/)."""

from __future__ import annotations

import subprocess
import time

from benchmarks.common import Figure, Settings, median, repeat
from benchmarks.generate import open_bench_database
from desktop.services.database import Database
from desktop.services.search import PAGE, search_page
from desktop.services.search_terms import load_terms

# A very common word, a middling one, a rare one, two words together.
QUERIES = ("safeguarding", "neglect", "trafficking", "escalation timescales")
# A search takes well under a millisecond: the median of a handful of runs is mostly the
# machine's noise, so it is the median of more (grep, ~100 ms a run, keeps settings.runs).
SEARCH_RUNS = 25


def typed(words: str) -> list[str]:
    """What the search dialog searches on the way to `words`, typed a key at a time: every
    prefix that is not blank (desktop/views/search_dialog.py searches on each keystroke)."""
    return [words[:end] for end in range(1, len(words)) if words[:end].strip()]


def _grep(settings: Settings, words: str) -> None:
    # grep matches one pattern: the first word, which is what a user would try first.
    subprocess.run(["grep", "-ri", words.split()[0], str(settings.texts)],
                   stdout=subprocess.DEVNULL, check=False)


def _cold(settings: Settings, words: str) -> float:
    """The first search on a connection just opened: nothing of the index decrypted yet,
    and the index's word list not read (the dialog reads it while the user starts typing), so
    this search takes FTS5's prefix path."""
    fresh = open_bench_database(settings.database)
    try:
        began = time.perf_counter()
        search_page(fresh, words)
        return (time.perf_counter() - began) * 1000
    finally:
        fresh.close()


def run(settings: Settings, db: Database) -> list[Figure]:
    figures = []
    # What the search dialog does when it opens, off the UI thread: read the index's words,
    # with which a whole word typed is searched as that word rather than as a prefix
    # (desktop/services/search_terms.py). Timed here once, outside the searches.
    began = time.perf_counter()
    load_terms(db)
    word_list = (time.perf_counter() - began) * 1000
    for words in QUERIES:
        first = search_page(db, words)
        order = (f"{first.total} found, ranked" if first.ranked
                 else "more than 500 found, newest first")
        cold = median([_cold(settings, words) for _ in range(3)])
        # What the search dialog does on a keystroke once the word list is in: the first page.
        # Measured after the searches typing the words makes first, as a user's last key
        # always comes after them (benchmarks/FINDINGS.md, "Issue 19, session 6: Search").
        for prefix in typed(words):
            search_page(db, prefix)
        ours = repeat(lambda w=words: search_page(db, w), max(settings.runs, SEARCH_RUNS),  # type: ignore[misc]
                      settings.warmup)
        grep = repeat(lambda w=words: _grep(settings, w), settings.runs, settings.warmup)  # type: ignore[misc]
        ratio = median(grep) / median(ours)
        figures.append(Figure(
            f"3. Search: \"{words}\"", ours, grep, "at least 100× faster than grep", ratio >= 100,
            reference_name="grep -ri over the minutes as text files",
            ratio_text=f"{ratio:.0f}× faster than grep",
            notes=[f"the first page ({len(first.hits)} hits of {PAGE} a page; {order}), "
                   f"searched after typing it a key at a time as the dialog searches each "
                   f"prefix, median of {len(ours)} runs; "
                   f"cold (first search on a connection just opened): {cold:.1f} ms, "
                   f"{median(grep) / cold:.0f}× faster than grep; the word list read when the "
                   f"dialog opens, off the UI thread: {word_list:.0f} ms"]))
    return figures
