"""The board cycle: minutes versions and states, declarations of interest, the register of
interests, decisions, and boards' review dates

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01

New tables only; no existing table changes, so existing data is untouched.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

STATES = ("drafted", "sent_to_chair", "chair_changes", "circulated", "approved", "published")


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.id"],
                                   name=f"fk_{table}_{column}_{target}")


def upgrade() -> None:
    op.create_table(
        "minutes_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("made_at", sa.DateTime(), nullable=False),
        sa.Column("made_by", sa.String(length=200), nullable=False),
        sa.Column("label", sa.String(length=300), nullable=False),
        sa.Column("snapshot", sa.Text(), nullable=False),
        _fk("minutes_version", "meeting_id", "meeting"),
        sa.PrimaryKeyConstraint("id", name="pk_minutes_version"),
        sa.UniqueConstraint("meeting_id", "number", name="uq_minutes_version_meeting_id_number"),
    )
    op.create_index("ix_minutes_version_meeting_id", "minutes_version", ["meeting_id"])
    states = ", ".join(f"'{s}'" for s in STATES)
    op.create_table(
        "minutes_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=13), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("by", sa.String(length=200), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=True),
        sa.Column("approved_at_id", sa.Integer(), nullable=True),
        sa.Column("public", sa.Boolean(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.CheckConstraint(f"state IN ({states})", name="ck_minutes_event_minutes_state"),
        _fk("minutes_event", "meeting_id", "meeting"),
        _fk("minutes_event", "version_id", "minutes_version"),
        _fk("minutes_event", "approved_at_id", "meeting"),
        sa.PrimaryKeyConstraint("id", name="pk_minutes_event"),
    )
    op.create_index("ix_minutes_event_meeting_id", "minutes_event", ["meeting_id"])
    op.create_table(
        "declaration",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("who", sa.String(length=300), nullable=False),
        sa.Column("interest", sa.Text(), nullable=False),
        sa.Column("withdrew", sa.Boolean(), nullable=False),
        _fk("declaration", "item_id", "agenda_item"),
        _fk("declaration", "person_id", "person"),
        sa.PrimaryKeyConstraint("id", name="pk_declaration"),
    )
    op.create_index("ix_declaration_item_id", "declaration", ["item_id"])
    op.create_index("ix_declaration_person_id", "declaration", ["person_id"])
    op.create_table(
        "interest",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("declared_on", sa.Date(), nullable=True),
        sa.Column("review_on", sa.Date(), nullable=True),
        sa.Column("ended_on", sa.Date(), nullable=True),
        _fk("interest", "person_id", "person"),
        sa.PrimaryKeyConstraint("id", name="pk_interest"),
    )
    op.create_index("ix_interest_person_id", "interest", ["person_id"])
    op.create_table(
        "decision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        _fk("decision", "meeting_id", "meeting"),
        _fk("decision", "item_id", "agenda_item"),
        sa.PrimaryKeyConstraint("id", name="pk_decision"),
    )
    op.create_index("ix_decision_meeting_id", "decision", ["meeting_id"])
    op.create_index("ix_decision_item_id", "decision", ["item_id"])
    op.create_table(
        "board_review",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("board_id", sa.Integer(), nullable=False),
        sa.Column("membership_reviewed", sa.Date(), nullable=True),
        sa.Column("membership_due", sa.Date(), nullable=True),
        sa.Column("terms_reviewed", sa.Date(), nullable=True),
        sa.Column("terms_due", sa.Date(), nullable=True),
        _fk("board_review", "board_id", "board"),
        sa.PrimaryKeyConstraint("id", name="pk_board_review"),
        sa.UniqueConstraint("board_id", name="uq_board_review_board_id"),
    )


def downgrade() -> None:
    for table in ("board_review", "decision", "interest", "declaration", "minutes_event",
                  "minutes_version"):
        op.drop_table(table)
