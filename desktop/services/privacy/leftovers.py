"""After an erase, an anonymisation or a retention review's deletions: what SQLite still
holds of the old text outside the tables, cleared.

Three places could keep it. Freed pages and the unused space inside pages are overwritten
with zeros as rows are deleted (PRAGMA secure_delete on every connection,
desktop/models/database.py). The search index drops a deleted row's words from its pages at
once (FTS5 secure-delete, migration 0013). That leaves the write-ahead log: the old versions
of every page changed since the last checkpoint stay in it, readable with the key, until the
log is next reset. A TRUNCATE checkpoint copies the log into the database and empties it.

Copies made before the step are another matter: `BACKUPS_BEFORE` says so in the words the
erase and anonymise screens show.
"""

from __future__ import annotations

from typing import Any

from desktop.models.database import Database

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
