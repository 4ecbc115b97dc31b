"""The index's words, so that the word being typed can be searched as the words it begins.

The last word typed is a prefix ("safeguard" finds "safeguarding"). FTS5 answers a prefix
query by reading and merging the whole list of matches of every word with that prefix before
it returns the first: for a word in most minutes that is most of a search's time, even for
fifty newest hits (benchmarks/FINDINGS.md). Asked instead for the words themselves
("safeguarding" OR "safeguards"), it reads only the end of each list that a page needs.

Which words the index holds is read once (off the UI thread: `load_terms`, which the search
dialog starts when it opens) and kept with the database, stamped with the index's structure
record. FTS5 rewrites that record on every change to the index, so a search uses the words
only while the record it reads, in the same read transaction, is still the stamped one;
otherwise it falls back to the prefix query. Either way it finds the same set of matches.
"""

from __future__ import annotations

import bisect
import contextlib
import threading
import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import OperationalError

from desktop.models.database import Database

# FTS5 keeps the index's structure (its segments, and a cookie counting its writes) in
# the row with this id of its data table.
_STRUCTURE = "SELECT block FROM search_index_data WHERE id = 10"
_VOCABULARY = ("CREATE VIRTUAL TABLE IF NOT EXISTS temp.boardwork_search_terms "
               "USING fts5vocab(main, search_index, row)")
_TERMS = "SELECT term, doc FROM temp.boardwork_search_terms"
# FTS5 adds a segment to the index at every write and merges them only a little at a
# time (automerge), so an index that has had many writes holds each word's list in pieces
# across many segments (12 in the ten-year database, 14 after importing the samples),
# every one of which a search walks and merges. One segment halved the walks on the
# ten-year database (the 50 newest ids of "escalation timescales" 0.12 -> 0.066 ms,
# counting the older matches 0.17 -> 0.09; benchmarks/FINDINGS.md). Merging them all
# rewrites the index (0.35 s of processor time there), so it is done only once they are
# this many, not after each edit.
MERGE_ABOVE = 8
_OPTIMIZE = "INSERT INTO search_index(search_index) VALUES('optimize')"


@dataclass(frozen=True)
class Terms:
    structure: bytes  # the index's structure record when the words were read
    words: tuple[str, ...]  # sorted as the index sorts them (by code point, as UTF-8)
    rows: tuple[int, ...]  # for each word, how many rows of the index hold it

    def beginning(self, prefix: str, at_most: int) -> list[tuple[str, int]] | None:
        """The words that begin with `prefix`, each with its number of rows; None if there
        are more than `at_most`."""
        found: list[tuple[str, int]] = []
        start = bisect.bisect_left(self.words, prefix)
        for word, rows in zip(self.words[start:], self.rows[start:], strict=True):
            if not word.startswith(prefix):
                break
            if len(found) == at_most:
                return None
            found.append((word, rows))
        return found

    def rows_of(self, word: str) -> int:
        """How many rows of the index hold `word` (0: none)."""
        at = bisect.bisect_left(self.words, word)
        return self.rows[at] if at < len(self.words) and self.words[at] == word else 0


_LOCK = threading.Lock()
_LOADED: weakref.WeakKeyDictionary[Database, Terms] = weakref.WeakKeyDictionary()


@contextlib.contextmanager
def reading(database: Database, prepare: str | None = None) -> Iterator[Any]:
    """A DB-API connection of the search's own (`Database.search_engine`: its larger page
    cache keeps the index's pages), in one read transaction: every statement sees one state of
    the file. Plain SQL through the driver: a search's statements are prepared once per
    connection (the driver's statement cache) and skip SQLAlchemy's session and compiler.
    `prepare` is a statement run first, outside the transaction."""
    pooled = database.search_engine.raw_connection()
    try:
        connection: Any = pooled.driver_connection
        if prepare is not None:
            connection.execute(prepare)
        connection.execute("BEGIN")
        try:
            yield connection
        finally:
            connection.execute("COMMIT")
    finally:
        pooled.close()


def segments(structure: bytes) -> int:
    """How many segments FTS5's structure record lists: after its 4-byte cookie, varints
    for the number of levels, then of segments."""
    at = 4
    values = []
    for _ in range(2):
        value = 0
        for _ in range(9):
            byte = structure[at]
            at += 1
            value = (value << 7) | (byte & 0x7F)
            if not byte & 0x80:
                break
        values.append(value)
    return values[1]


def merge_segments(database: Database) -> bool:
    """Merge the index's segments into one if there are more than MERGE_ABOVE (a write
    transaction: never on a read-only database; skipped if another writer holds the file
    past the busy timeout). True if it merged them. The matches and their order are the
    same either way; the searches that follow walk one list per word."""
    if database.read_only:
        return False
    with reading(database) as connection:
        structure = connection.execute(_STRUCTURE).fetchone()
    if structure is None or segments(bytes(structure[0])) <= MERGE_ABOVE:
        return False
    try:
        with database.transaction() as session:
            session.connection().exec_driver_sql(_OPTIMIZE)
    except OperationalError:  # the file stayed locked: search as it is
        return False
    return True


def load_terms(database: Database) -> None:
    """Read the index's words (a scan of the whole index: ~0.1 s of processor time on the
    ten-year database) for the searches that follow, unless the words already read are
    still the index's; first merge its segments if there are many (`merge_segments`).
    Run it off the UI thread."""
    merge_segments(database)
    # The vocabulary table is the connection's own (temp): nothing is written to the file.
    with reading(database, prepare=_VOCABULARY) as connection:
        if current_terms(database, connection) is not None:
            return  # read before (the dialog opened again), and the index is as it was
        structure = connection.execute(_STRUCTURE).fetchone()
        found = sorted(connection.execute(_TERMS).fetchall())
    if structure is not None:
        with _LOCK:
            _LOADED[database] = Terms(bytes(structure[0]), tuple(word for word, _ in found),
                                      tuple(rows for _, rows in found))


def current_terms(database: Database, connection: Any) -> Terms | None:
    """The words loaded for `database`, if the index has not changed since (as `connection`,
    inside its read transaction, sees it)."""
    with _LOCK:
        terms = _LOADED.get(database)
    if terms is None:
        return None
    structure = connection.execute(_STRUCTURE).fetchone()
    if structure is None or bytes(structure[0]) != terms.structure:
        return None
    return terms
