"""Attendance may be "expected": members listed before the meeting, not yet marked

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01

The status column's CHECK constraint lists the values it allows, so the table is rebuilt
with the new list (SQLite cannot change a constraint in place). No triggers hang from the
attendance table; its indexes are made again by the rebuild.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

OLD = ("present", "in_attendance", "apologies", "absent")
NEW = (*OLD, "expected")


def _status(values: tuple[str, ...]) -> sa.Enum:
    return sa.Enum(*values, name="attendance_status", native_enum=False, create_constraint=True)


def _table(values: tuple[str, ...]) -> sa.Table:
    """The attendance table as 0001 made it, with `values` allowed as its status."""
    return sa.Table(
        "attendance", sa.MetaData(),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("status", _status(values), nullable=False),
        sa.Column("initials", sa.String(length=12), nullable=False),
        sa.Column("role", sa.String(length=400), nullable=True),
        sa.Column("representing_id", sa.Integer(), nullable=True),
        sa.Column("arrived", sa.Time(), nullable=True),
        sa.Column("left", sa.Time(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.CheckConstraint("length(initials) > 0", name="ck_attendance_initials_not_empty"),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"],
                                name="fk_attendance_meeting_id_meeting"),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"],
                                name="fk_attendance_person_id_person"),
        sa.ForeignKeyConstraint(["representing_id"], ["person.id"],
                                name="fk_attendance_representing_id_person"),
        sa.PrimaryKeyConstraint("id", name="pk_attendance"),
        sa.UniqueConstraint("meeting_id", "initials", name="uq_attendance_meeting_id_initials"),
        sa.UniqueConstraint("meeting_id", "person_id",
                            name="uq_attendance_meeting_id_person_id"),
        sa.Index("ix_attendance_meeting_id", "meeting_id"),
        sa.Index("ix_attendance_person_id", "person_id"),
    )


def _rebuild(old: tuple[str, ...], new: tuple[str, ...]) -> None:
    with op.batch_alter_table("attendance", copy_from=_table(old),
                              recreate="always") as batch_op:
        batch_op.alter_column("status", existing_type=_status(old), type_=_status(new),
                              existing_nullable=False)


def upgrade() -> None:
    _rebuild(OLD, NEW)


def downgrade() -> None:
    # Nobody expected any more: a member still only "expected" was not marked present.
    op.execute("UPDATE attendance SET status = 'absent' WHERE status = 'expected'")
    _rebuild(NEW, OLD)
