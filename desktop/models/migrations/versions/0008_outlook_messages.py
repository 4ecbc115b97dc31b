"""Calendar events kept for Outlook invitations, and the e-mails prepared for people

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01

Two new tables; no existing table changes, so existing data is untouched.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "calendar_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=200), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("session_id", sa.Integer(), nullable=True),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("cancelled", sa.Boolean(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("(meeting_id IS NULL) <> (session_id IS NULL)",
                           name="ck_calendar_event_meeting_or_session"),
        sa.CheckConstraint("sequence >= 0", name="ck_calendar_event_sequence_not_negative"),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"],
                                name="fk_calendar_event_meeting_id_meeting"),
        sa.ForeignKeyConstraint(["session_id"], ["training_session.id"],
                                name="fk_calendar_event_session_id_training_session"),
        sa.PrimaryKeyConstraint("id", name="pk_calendar_event"),
        sa.UniqueConstraint("uid", name="uq_calendar_event_uid"),
        sa.UniqueConstraint("meeting_id", name="uq_calendar_event_meeting_id"),
        sa.UniqueConstraint("session_id", name="uq_calendar_event_session_id"),
    )
    op.create_table(
        "prepared_message",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("prepared_at", sa.DateTime(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("booking_id", sa.Integer(), nullable=True),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"],
                                name="fk_prepared_message_person_id_person"),
        sa.ForeignKeyConstraint(["booking_id"], ["booking.id"],
                                name="fk_prepared_message_booking_id_booking"),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"],
                                name="fk_prepared_message_meeting_id_meeting"),
        sa.PrimaryKeyConstraint("id", name="pk_prepared_message"),
    )
    for column in ("kind", "person_id", "booking_id", "meeting_id"):
        op.create_index(f"ix_prepared_message_{column}", "prepared_message", [column])


def downgrade() -> None:
    op.drop_table("prepared_message")
    op.drop_table("calendar_event")
