"""Actions raised at the meeting: the action proposed from a line typed into the minutes
(Ctrl+Enter adds it, Esc ignores it), the quick New action form, the action just added
withdrawn (Ctrl+Alt+Z), and the updates recorded at Matters arising.

Separate from view.py, which lays out the meeting and keeps its minutes saved: these are
the view's commands on the action log. `MinuteTakingView` takes them in as a mixin, so its
keys and tests call them on the view as before.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from desktop.services import live_minutes as live
from desktop.services.action_lines import ActionProposal
from desktop.services.actions.common import UnknownOwners
from desktop.views.minute_taking.dialogs import Ask, QuickAction
from desktop.views.notices import ACTIONS
from desktop.views.service_call import Problem, call_service
from desktop.views.text import escape, show_date
from desktop.views.widget_mixin import WidgetMixin

if TYPE_CHECKING:

    from desktop.services.database import Database
    from desktop.services.meetings import ItemRow, MeetingRecord
    from desktop.views.minute_taking.autosave import MinutesSaver
    from desktop.views.minute_taking.editor import MinutesEditor
    from desktop.views.minute_taking.panels import MattersArising, ProposalBar
    from desktop.views.notices import Notices



class RaisingActions(WidgetMixin):
    """The action commands of `MinuteTakingView` (view.py), which sets what is declared
    here."""

    database: Database
    notices: Notices
    meeting_id: int
    record: MeetingRecord
    current: ItemRow | None
    proposal: ActionProposal | None
    last_raised: int | None
    editor: MinutesEditor
    saver: MinutesSaver
    proposal_bar: ProposalBar
    matters: MattersArising

    if TYPE_CHECKING:
        def _unsaved_html(self) -> str | None: ...
        def _show_side_panels(self, item: ItemRow) -> None: ...

    def _line_finished(self, line: str) -> None:
        proposal = live.propose_action(self.database, self.meeting_id, line)
        if proposal is None:
            return
        self.proposal = proposal
        owners = ", ".join(proposal.owners) or "nobody yet"
        due = f", due {show_date(proposal.due)}" if proposal.due else ""
        self.proposal_bar.setText(
            f"Action for <b>{escape(owners)}</b>{escape(due)}: {escape(proposal.text)}<br>"
            "<b>Ctrl+Enter</b> adds it to the action log, <b>Esc</b> ignores it.")
        self.proposal_bar.show()

    def dismiss_proposal(self) -> None:
        self.proposal = None
        self.proposal_bar.hide()

    def confirm_proposal(self) -> None:
        proposal = self.proposal
        if proposal is not None:
            self._raise(proposal.text, proposal.owners, proposal.due)

    def quick_action(self) -> None:
        initials = [row.initials for row in self.record.attendance]
        details, entered = self.record.details, None
        while True:  # a "no" to a question goes back to the form, nothing typed lost
            entered = QuickAction.ask(self, initials, details.date, details.next_meeting,
                                      entered)
            if entered is None or self._raise(*entered):
                return

    def _raise(self, text: str, owners: tuple[str, ...], due: dt.date | None) -> bool:
        item_id = self.current.id if self.current else None
        confirmed: frozenset[str] = frozenset()
        while True:
            minutes = self._unsaved_html()  # saved with the action: one transaction
            try:
                raised = live.raise_action(self.database, self.meeting_id, item_id, text,
                                           owners, due, confirmed, minutes)
                break
            except UnknownOwners as exc:
                names = ", ".join(exc.names)
                if not Ask.yes(self, "Owner not known", f"{names} matches nobody at this "
                               "meeting. Keep it as the name of a group?"):
                    return False
                confirmed = confirmed | frozenset(exc.names)
            except ValueError as exc:
                Problem.show(self, str(exc))
                return False
        if minutes is not None and item_id is not None:
            self.editor.document().setModified(False)
            self.saver.written_elsewhere(item_id)
        self.last_raised = raised.id
        self.dismiss_proposal()
        self.proposal_bar.setText(f"Action <b>{raised.number}</b> added. Ctrl+Alt+Z withdraws "
                                  "it if that was a mistake.")
        self.proposal_bar.show()
        if self.current is not None:
            self._show_side_panels(self.current)
        self.notices.announce(ACTIONS)
        self.editor.setFocus()
        return True

    def undo_action(self) -> None:
        action_id = self.last_raised
        if action_id is None:
            return
        if call_service(self, lambda _r: live.withdraw_raised(
                self.database, action_id, self.record.details.date)):
            self.last_raised = None
            self.proposal_bar.setText("The action was withdrawn (it keeps its number).")
            if self.current is not None:
                self._show_side_panels(self.current)

    def record_update(self, action_id: int, text: str, status: str | None,
                      rag: str | None) -> None:
        if call_service(self, lambda _r: live.record_update(
                self.database, self.meeting_id, action_id, text, status, rag)):
            self.matters.clear_entry()
            self.matters.show_rows(live.matters_arising(self.database, self.meeting_id))
            self.notices.announce(ACTIONS)
