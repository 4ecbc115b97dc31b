"""The forward plan: business planned per board for the months ahead

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01

One new table; no existing table changes, so existing data is untouched.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

PURPOSES = ("decision", "discussion", "assurance", "information")


def upgrade() -> None:
    op.create_table(
        "forward_plan_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("board_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("lead", sa.String(length=200), nullable=True),
        sa.Column("purpose", sa.Enum(*PURPOSES, name="purpose", native_enum=False,
                                     create_constraint=True), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("agenda_item_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["board_id"], ["board.id"],
                                name="fk_forward_plan_entry_board_id_board"),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], ondelete="SET NULL",
                                name="fk_forward_plan_entry_meeting_id_meeting"),
        sa.ForeignKeyConstraint(["agenda_item_id"], ["agenda_item.id"], ondelete="SET NULL",
                                name="fk_forward_plan_entry_agenda_item_id_agenda_item"),
        sa.PrimaryKeyConstraint("id", name="pk_forward_plan_entry"),
        sa.UniqueConstraint("key", name="uq_forward_plan_entry_key"),
    )
    for column in ("board_id", "month", "meeting_id", "agenda_item_id"):
        op.create_index(f"ix_forward_plan_entry_{column}", "forward_plan_entry", [column])


def downgrade() -> None:
    op.drop_table("forward_plan_entry")
