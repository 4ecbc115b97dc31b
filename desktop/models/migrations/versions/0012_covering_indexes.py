"""Two indexes that answer the first screens from index pages: actions by (status, due,
number, board_id), and each action's latest update by (action_id, date)

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02

Each replaces the one-column index it begins with (ix_action_status, ix_action_update_action_id),
which every query using those still finds as the new index's first column. Only indexes
change: no row is touched. Why (benchmarks/FINDINGS.md, issue 19 session 6): on the ten-year
database the Overview's overdue lines read every open action's row for its due date (10 ms,
1.9 MB of pages kept in SQLCipher's cache), the Actions list's ids (open ones, by number) every
open action's row for its number and board (13-16 ms, 2 MB), and its first screen all 1,681
updates of its first 100 actions to keep the latest of each (15 ms, 3 MB); now 0.3 ms, 4-6 ms
and 3 ms, from index pages.
"""

from __future__ import annotations

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_action_status_due_number_board", "action",
                    ["status", "due", "number", "board_id"])
    op.drop_index("ix_action_status", table_name="action")
    op.create_index("ix_action_update_action_id_date", "action_update", ["action_id", "date"])
    op.drop_index("ix_action_update_action_id", table_name="action_update")


def downgrade() -> None:
    op.create_index("ix_action_update_action_id", "action_update", ["action_id"])
    op.drop_index("ix_action_update_action_id_date", table_name="action_update")
    op.create_index("ix_action_status", "action", ["status"])
    op.drop_index("ix_action_status_due_number_board", table_name="action")
