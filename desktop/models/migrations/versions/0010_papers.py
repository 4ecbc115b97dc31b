"""Papers for agenda items (their PDFs inside the encrypted file), a paper deadline per
meeting, and agenda items marked "paper expected"

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01

One new table and two new columns with defaults: existing rows are untouched (no meeting has
a deadline, no item expects a paper).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("meeting", sa.Column("paper_deadline", sa.Date(), nullable=True))
    op.add_column("agenda_item", sa.Column("paper_expected", sa.Boolean(), nullable=False,
                                           server_default="0"))
    op.create_table(
        "paper",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("author", sa.String(length=300), nullable=True),
        sa.Column("received", sa.Date(), nullable=False),
        sa.Column("filename", sa.String(length=300), nullable=False),
        sa.Column("pages", sa.Integer(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=False),
        sa.CheckConstraint("pages > 0", name="ck_paper_pages_positive"),
        sa.CheckConstraint("length(title) > 0", name="ck_paper_title_not_empty"),
        sa.ForeignKeyConstraint(["item_id"], ["agenda_item.id"],
                                name="fk_paper_item_id_agenda_item"),
        sa.PrimaryKeyConstraint("id", name="pk_paper"),
    )
    op.create_index("ix_paper_item_id", "paper", ["item_id"])


def downgrade() -> None:
    op.drop_table("paper")
    with op.batch_alter_table("agenda_item") as batch_op:
        batch_op.drop_column("paper_expected")
    with op.batch_alter_table("meeting") as batch_op:
        batch_op.drop_column("paper_deadline")
