"""Booking events: re-booking is a new row (a cancelled one keeps its charge), reasons for a
cancellation or a non-attendance, and the keys a session had before it moved

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01

The unique constraint on (session_id, person_id) becomes a unique index over the bookings
that are not cancelled: a person holds at most one live booking per session, and any number
of cancelled ones. Every existing row is kept as it is (each was one booking event).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

OLD = "uq_booking_session_id_person_id"
NEW = "uq_booking_active_place"


def upgrade() -> None:
    with op.batch_alter_table("booking", recreate="always") as batch_op:
        batch_op.drop_constraint(OLD, type_="unique")
        batch_op.add_column(sa.Column("reason", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("reason_note", sa.Text(), nullable=True))
    op.create_index(NEW, "booking", ["session_id", "person_id"], unique=True,
                    sqlite_where=sa.text("status <> 'cancelled'"))
    op.create_table(
        "training_session_former_key",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["session_id"], ["training_session.id"],
                                name=op.f("fk_training_session_former_key_session_id_training_session")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_session_former_key")),
        sa.UniqueConstraint("key", name=op.f("uq_training_session_former_key_key")),
    )
    op.create_index(op.f("ix_training_session_former_key_session_id"),
                    "training_session_former_key", ["session_id"], unique=False)


def downgrade() -> None:
    # Only possible while every person has one booking per session (the old rule).
    op.drop_index(op.f("ix_training_session_former_key_session_id"),
                  table_name="training_session_former_key")
    op.drop_table("training_session_former_key")
    op.drop_index(NEW, table_name="booking")
    with op.batch_alter_table("booking", recreate="always") as batch_op:
        batch_op.drop_column("reason_note")
        batch_op.drop_column("reason")
        batch_op.create_unique_constraint(OLD, ["session_id", "person_id"])
