"""The time the meeting reached each agenda item

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN: the table is not rebuilt, so its search triggers stay as they are.
    op.add_column("agenda_item", sa.Column("started_at", sa.Time(), nullable=True))


def downgrade() -> None:
    # Not batch mode: rebuilding the table would drop its search triggers.
    op.execute("ALTER TABLE agenda_item DROP COLUMN started_at")
