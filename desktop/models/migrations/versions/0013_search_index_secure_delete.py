"""The search index forgets deleted text at once (FTS5 secure-delete), and forgets now what
earlier deletions left in it

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02

By default FTS5 deletes a row from its index by adding a "delete" marker beside the old
entries, which stay in the index's pages until a merge happens to reach them: every word of
erased, anonymised or retyped minutes could still be read in the file. With 'secure-delete'
on (SQLite 3.42 and later: sqlcipher3 ships 3.53) a delete takes the row's words out of the
index pages at once. 'optimize' merges the index into one segment, dropping every entry
that earlier deletions left behind; the pages it frees are overwritten with zeros
(PRAGMA secure_delete, desktop/models/database.py). On the ten-year benchmark database it
took 0.38 s. Only the index changes: no row is touched, and search finds the same rows.
An FTS5 older than 3.42 cannot write to the index afterwards; the app ships its own.
"""

from __future__ import annotations

from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("INSERT INTO search_index (search_index, rank) VALUES ('secure-delete', 1)")
    op.execute("INSERT INTO search_index (search_index) VALUES ('optimize')")


def downgrade() -> None:
    op.execute("INSERT INTO search_index (search_index, rank) VALUES ('secure-delete', 0)")
