"""Agenda items printed without a number: the label "" may be given to several items

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01

The unique constraint on (meeting_id, number) becomes a unique index that leaves out the
label "". Rebuilding the table drops its triggers, so the search index triggers of 0002 are
made again (the index's rows are kept: the rebuild keeps every id).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

NAME = "uq_agenda_item_meeting_id_number"
# As in 0002, written out so this revision never changes.
ITEM = 0
COLUMNS = "NEW.number || ' ' || NEW.title, boardwork_index_text(NEW.minutes_html)"


def _triggers() -> list[str]:
    insert = (
        "INSERT INTO search_index (rowid, kind, ref_id, title, body) "
        f"VALUES (NEW.id * 4 + {ITEM}, {ITEM}, NEW.id, {COLUMNS})"
    )
    delete = f"DELETE FROM search_index WHERE rowid = OLD.id * 4 + {ITEM}"
    return [
        f"CREATE TRIGGER search_agenda_item_insert AFTER INSERT ON agenda_item "
        f"BEGIN {insert}; END",
        f"CREATE TRIGGER search_agenda_item_update AFTER UPDATE ON agenda_item "
        f"BEGIN {delete}; {insert}; END",
        f"CREATE TRIGGER search_agenda_item_delete AFTER DELETE ON agenda_item "
        f"BEGIN {delete}; END",
    ]


def _remake_triggers() -> None:
    for event in ("insert", "update", "delete"):
        op.execute(f"DROP TRIGGER IF EXISTS search_agenda_item_{event}")
    for statement in _triggers():
        op.execute(statement)


def upgrade() -> None:
    with op.batch_alter_table("agenda_item", recreate="always") as batch_op:
        batch_op.drop_constraint(NAME, type_="unique")
    op.create_index(NAME, "agenda_item", ["meeting_id", "number"], unique=True,
                    sqlite_where=sa.text("number <> ''"))
    _remake_triggers()


def downgrade() -> None:
    # Unnumbered items take labels no printed one has, so the old constraint holds again.
    op.execute("UPDATE agenda_item SET number = '~' || id WHERE number = ''")
    op.drop_index(NAME, table_name="agenda_item")
    with op.batch_alter_table("agenda_item", recreate="always") as batch_op:
        batch_op.create_unique_constraint(NAME, ["meeting_id", "number"])
    _remake_triggers()
