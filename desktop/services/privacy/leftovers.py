"""After an erase, an anonymisation or a retention review's deletions: what SQLite still
holds of the old text outside the tables, cleared.

Three places could keep it. Freed pages and the unused space inside pages are overwritten
with zeros as rows are deleted (PRAGMA secure_delete on every connection,
desktop/models/database.py). The search index (FTS5) deletes a row by adding a "delete"
marker beside its old entries, which stay in the index's pages until a merge reaches them:
`forget_deleted_words` merges the index into one segment ('optimize'), dropping them. FTS5's
own 'secure-delete' option would drop them at every delete instead, but it cost every
minutes autosave 1.3 ms (a 500-word item) to 3.5 ms (20,000 words) of processor time on the
ten-year database, where 'optimize' costs an erase about 0.3 s off the UI thread
(benchmarks/FINDINGS.md, issue 19 session 7). That leaves the write-ahead log: the old
versions of every page changed since the last checkpoint stay in it, readable with the key,
until the log is next reset. A TRUNCATE checkpoint copies the log into the database and
empties it.

Copies made before the step are another matter: `BACKUPS_BEFORE` says so in the words the
erase and anonymise screens show.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from desktop.models.database import Database
from desktop.models.search_index import TABLE

BACKUPS_BEFORE = ("Backups made before now still hold these details until the backup rota "
                  "deletes them (File, Automatic backups: the daily and weekly copies kept), "
                  "and so does any copy taken off this computer.")


def clear_log(database: Database) -> bool:
    """Empty the write-ahead log once what is in it is in the database; False if a reader
    elsewhere (another copy of the app) still needs it, in which case it is emptied when
    that reader is done and the log next resets, at the latest when the database closes."""
    raw: Any = database.engine.raw_connection()
    try:
        # The connections run without the driver's own transactions (isolation_level None),
        # so this runs outside any transaction, as a checkpoint must.
        busy, _frames, _copied = raw.driver_connection.execute(
            "PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    finally:
        raw.close()
    return not busy


# Merges the search index into one segment: the entries of deleted rows are dropped.
MERGE_SEARCH_INDEX = f"INSERT INTO {TABLE} ({TABLE}) VALUES ('optimize')"


def forget_deleted_words(session: Session) -> None:
    """Within the unit of work that deleted indexed text (minutes, agenda titles, actions):
    the search index rewritten without the entries of deleted rows. Finds the same rows as
    before; nothing to do, and next to no time, when nothing was deleted since the last."""
    session.execute(text(MERGE_SEARCH_INDEX))
