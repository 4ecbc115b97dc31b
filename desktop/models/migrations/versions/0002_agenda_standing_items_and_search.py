"""Standing agenda items, fixed item labels, and the full-text search index

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# Kinds as in desktop/models/search_index.py; written out so this revision never changes.
ITEM, ACTION, UPDATE = 0, 1, 2
TEXT = "boardwork_index_text"


def _triggers(table: str, kind: int, columns: str) -> list[str]:
    insert = (
        f"INSERT INTO search_index (rowid, kind, ref_id, title, body) "
        f"VALUES (NEW.id * 4 + {kind}, {kind}, NEW.id, {columns})"
    )
    delete = f"DELETE FROM search_index WHERE rowid = OLD.id * 4 + {kind}"
    return [
        f"CREATE TRIGGER search_{table}_insert AFTER INSERT ON {table} BEGIN {insert}; END",
        f"CREATE TRIGGER search_{table}_update AFTER UPDATE ON {table} "
        f"BEGIN {delete}; {insert}; END",
        f"CREATE TRIGGER search_{table}_delete AFTER DELETE ON {table} BEGIN {delete}; END",
    ]


ITEM_COLUMNS = f"NEW.number || ' ' || NEW.title, {TEXT}(NEW.minutes_html)"
ACTION_COLUMNS = "coalesce(NEW.title, ''), NEW.text"
UPDATE_COLUMNS = "'', NEW.text"


def upgrade() -> None:
    with op.batch_alter_table("agenda_item", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("number_fixed", sa.Boolean(), server_default="0", nullable=False)
        )
        batch_op.add_column(
            sa.Column(
                "standing",
                sa.Enum(
                    "apologies", "previous_minutes", "action_log", "any_other_business",
                    name="standing", native_enum=False, create_constraint=True,
                ),
                nullable=True,
            )
        )
    op.execute(
        "CREATE VIRTUAL TABLE search_index USING fts5("
        "kind UNINDEXED, ref_id UNINDEXED, title, body, "
        "tokenize = 'unicode61 remove_diacritics 2')"
    )
    for statement in (
        _triggers("agenda_item", ITEM, ITEM_COLUMNS)
        + _triggers("action", ACTION, ACTION_COLUMNS)
        + _triggers("action_update", UPDATE, UPDATE_COLUMNS)
    ):
        op.execute(statement)
    op.execute(
        "INSERT INTO search_index (rowid, kind, ref_id, title, body) "
        f"SELECT id * 4 + {ITEM}, {ITEM}, id, number || ' ' || title, {TEXT}(minutes_html) "
        "FROM agenda_item"
    )
    op.execute(
        "INSERT INTO search_index (rowid, kind, ref_id, title, body) "
        f"SELECT id * 4 + {ACTION}, {ACTION}, id, coalesce(title, ''), text FROM action"
    )
    op.execute(
        "INSERT INTO search_index (rowid, kind, ref_id, title, body) "
        f"SELECT id * 4 + {UPDATE}, {UPDATE}, id, '', text FROM action_update"
    )


def downgrade() -> None:
    for table in ("agenda_item", "action", "action_update"):
        for event in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS search_{table}_{event}")
    op.execute("DROP TABLE IF EXISTS search_index")
    with op.batch_alter_table("agenda_item", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_agenda_item_standing"), type_="check")
        batch_op.drop_column("standing")
        batch_op.drop_column("number_fixed")
