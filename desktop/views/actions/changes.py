"""What the Actions page changes and sends out: an update, an edit or a withdrawal of the
action chosen, the action log exported (all or public), and e-mails to the owners.

Separate from page.py, which reads and filters the log: these are the page's commands,
each one dialog or one file away, and none of them is on the path of a keystroke in Find.
`ActionsPage` takes them in as a mixin, so its buttons, shortcuts and tests call them on
the page as before.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.services.actions import (
    ActionEdit,
    ActionFilter,
    ActionRow,
    action_detail,
    action_log,
    add_update,
    edit_action,
    withdraw_action,
)
from desktop.views.actions.detail import EditDialog, UpdateDialog, WithdrawDialog
from desktop.views.background import run_in_background
from desktop.views.error_dialog import show_failure
from desktop.views.export_document import choose_target
from desktop.views.notices import ACTIONS
from desktop.views.widget_mixin import WidgetMixin

if TYPE_CHECKING:

    from desktop.services.database import Database
    from desktop.views.actions.filters import ActionFilters
    from desktop.views.notices import Notices
    from desktop.views.page_layout import PageLayout


# The export's formats, in the order offered; their writers are imported on first export
# (desktop/exports/action_log_xlsx.py WRITERS, kept in step by tests/gui).
LOG_FORMATS = ("xlsx", "docx", "pdf")


class ActionChanges(WidgetMixin):
    """The commands of `ActionsPage` (page.py), which sets what is declared here."""

    database: Database
    notices: Notices
    board_id: int | None
    sort: str
    descending: bool
    today: dt.date | None
    filters: ActionFilters
    page: PageLayout

    if TYPE_CHECKING:
        def current_id(self) -> int | None: ...

    def _chosen(self) -> ActionRow | None:
        action_id = self.current_id()
        if action_id is None:
            self.page.message_bar.problem("Choose an action in the list first.")
            return None
        return action_detail(self.database, action_id).row

    def _changed(self) -> None:
        self.notices.announce(ACTIONS)

    def add_update(self) -> None:
        row = self._chosen()
        if row is not None and UpdateDialog.ask(
                self, row.heading, lambda update: add_update(self.database, row.id, update)):
            self._changed()

    def edit_action(self) -> None:
        row = self._chosen()
        if row is None:
            return

        def save(edit: ActionEdit, groups: frozenset[str]) -> None:
            edit_action(self.database, row.id, edit, groups)

        if EditDialog.ask(self, action_detail(self.database, row.id), save):
            self._changed()

    def withdraw_action(self) -> None:
        row = self._chosen()
        if row is not None and WithdrawDialog.ask(
                self, row.heading,
                lambda reason, on: withdraw_action(self.database, row.id, reason, on)):
            self._changed()

    def prepare_emails(self) -> None:
        """To each owner shown (the board's, or the one chosen) their open actions across
        boards: desktop/views/outlook/."""
        from desktop.views.outlook.prepare_dialog import About, PrepareEmailsDialog

        criteria = self.filters.criteria(self.board_id, self.sort, self.descending, self.today)
        if criteria.board_id is None and criteria.owner is None:
            self.page.message_bar.problem("To prepare e-mails, choose a board (Ctrl+B) or "
                                          "an owner to write to.")
            return
        title = ("Open actions, to their owner" if criteria.owner is not None
                 else "Open actions of this board, to each owner")
        PrepareEmailsDialog(self.database, About(title, board=criteria.board_id,
                                                 owner=criteria.owner), "actions",
                            self).exec()

    def export_log(self, public: bool = False) -> None:
        """What the table shows, as Excel, Word or PDF: a board's log, or everything one owner
        owes; the public version without the actions raised at confidential items."""
        title = "Export public action log" if public else "Export actions"
        criteria = self.filters.criteria(self.board_id, self.sort, self.descending, self.today)
        if criteria.board_id is None and criteria.owner is None:
            self.page.message_bar.problem(f"{title}: choose a board (Ctrl+B), or an owner, "
                                          "to export their actions.")
            return
        suggested = "action-log-public" if public else "action-log"
        target = choose_target(self, title, suggested, LOG_FORMATS)
        if target is not None:
            self.write_log(criteria, target[1], target[0], public)

    def export_public_log(self) -> None:
        self.export_log(public=True)

    def write_log(self, criteria: ActionFilter, path: Path, fmt: str = "xlsx",
                  public: bool = False) -> None:
        database = self.database

        def work() -> Path:
            # The writers (openpyxl, reportlab, python-docx: ~18 MB) load on first export.
            from desktop.exports.action_log_xlsx import WRITERS

            log = action_log(database, criteria.board_id, criteria.statuses == "open",
                             criteria.owner, criteria.today, public)
            WRITERS[fmt](log, path)  # whole or not at all: desktop/services/files.py
            return path

        def failed(exc: Exception) -> None:
            show_failure(self, "Export actions", exc, lead="Nothing was written. ")

        def done(written: Path) -> None:
            self.page.message_bar.success(f"Wrote {written}")

        run_in_background(self, "Writing the action log…", work, done, failed)
