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

from desktop.models.database import Database

# FTS5 keeps the index's structure (its segments, and a cookie counting its writes) in
# the row with this id of its data table.
_STRUCTURE = "SELECT block FROM search_index_data WHERE id = 10"
_VOCABULARY = ("CREATE VIRTUAL TABLE IF NOT EXISTS temp.boardwork_search_terms "
               "USING fts5vocab(main, search_index, row)")
_TERMS = "SELECT term, doc FROM temp.boardwork_search_terms"



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
    """The DB-API connection, in one read transaction: every statement sees one state of
    the file. Plain SQL through the driver: a search's statements are prepared once per
    connection (the driver's statement cache) and skip SQLAlchemy's session and compiler.
    `prepare` is a statement run first, outside the transaction."""
    pooled = database.engine.raw_connection()
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


def load_terms(database: Database) -> None:
    """Read the index's words (a scan of the whole index: ~0.1 s of processor time on the
    ten-year database) for the searches that follow, unless the words already read are
    still the index's. Run it off the UI thread."""
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
