"""One meeting: its details, attendance and agenda, its status, approval and amendments."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMenu,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.services import meetings as svc
from desktop.services import spelling
from desktop.services.database import Database
from desktop.services.meetings import STATUS_LABELS, STATUS_ORDER, MeetingFields, MeetingRecord
from desktop.services.richtext import html_to_text
from desktop.views.export_document import add_meeting_exports
from desktop.views.meeting_agenda_tab import MeetingAgendaTab
from desktop.views.meeting_attendance_tab import MeetingAttendanceTab
from desktop.views.meeting_details_tab import MeetingDetailsTab, fields_of
from desktop.views.meeting_shared import ApprovalDialog, EditorState
from desktop.views.meetings.item_registers import (
    DECISION_KEY,
    DECLARATION_KEY,
    ItemRegistersTab,
)
from desktop.views.meetings.minutes_history import SHORTCUT as HISTORY_KEY
from desktop.views.meetings.papers_export import add_pack_exports
from desktop.views.notices import MEETINGS, Notices
from desktop.views.service_call import call_service
from desktop.views.text import escape, show_date, show_time


def _item_label(number: str, title: str) -> str:
    return f"{number} {title}".strip()


def _button(text: str, name: str) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setAccessibleName(text.replace("&", "").rstrip("…"))
    return button


class MeetingEditor(QWidget):
    def __init__(self, database: Database, notices: Notices,
                 key_scope: QWidget | None = None) -> None:
        """`key_scope`: where F10 takes the minutes of this meeting (the Meetings page passes
        itself, so F10 works from its list too); the editor itself by default."""
        super().__init__()
        self.key_scope = key_scope or self
        self.setObjectName("meetingEditor")
        self.notices = notices
        self.undo = QUndoStack(self)
        self.state = EditorState(database, self.undo, self.changed)
        self.record: MeetingRecord | None = None
        self.heading = QLabel()
        self.heading.setObjectName("meetingHeading")
        self.heading.setWordWrap(True)
        self.details = MeetingDetailsTab()
        self.details.save_requested.connect(self.save_details)
        self.attendance = MeetingAttendanceTab(self.state)
        self.agenda = MeetingAgendaTab(self.state)
        self.registers = ItemRegistersTab(self.state.database)
        self.registers.changed.connect(self.changed)
        self.amendments = QListWidget()
        self.amendments.setObjectName("amendmentsList")
        self.amendments.setAccessibleName("Amendments")
        self.tabs = QTabWidget()
        self.tabs.setObjectName("meetingTabs")
        # The Alt letters of the Meetings area are all taken (the list, the menus, every
        # tab's fields): these are the ones left free by the fields of all three tabs.
        for widget, title in ((self.details, "Detai&ls"), (self.attendance, "Attendan&ce"),
                              (self.agenda, "Ag&enda and minutes"),
                              (self.registers, "Interests and decisions"),
                              (self.amendments, "Amend&ments")):
            self.tabs.addTab(widget, title)
        self._build_status_row()
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.status)
        layout.addLayout(self.status_row)
        layout.addWidget(self.tabs)
        self.setEnabled(False)

    def _build_status_row(self) -> None:
        self.status = QLabel()
        self.status.setObjectName("meetingStatus")
        self.status.setWordWrap(True)
        self.advance = _button("Mark as …", "advanceStatus")
        self.advance.clicked.connect(self.advance_status)
        self.approve_button = _button("A&pprove minutes…", "approveMinutes")
        self.approve_button.clicked.connect(self.approve)
        self.export_button = _button("E&xport", "exportMeeting")
        export_menu = QMenu(self.export_button)
        add_meeting_exports(export_menu, self, self.state.database,
                            lambda: self.state.meeting_id)
        export_menu.addSeparator()
        add_pack_exports(export_menu, self, self.state.database, lambda: self.state.meeting_id)
        export_menu.addSeparator()
        export_menu.addAction("Calendar &invitation…", self.export_invitation
                              ).setObjectName("exportInvitation")
        export_menu.addAction("Prepare &e-mails with the minutes…", self.prepare_emails
                              ).setObjectName("prepareMinutesEmails")
        self.export_button.setMenu(export_menu)
        self.take_minutes_button = _button("Take minutes (F10)", "takeMinutes")
        self.take_minutes_button.clicked.connect(self.take_minutes)
        take = QShortcut(QKeySequence("F10"), self.key_scope)
        take.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        take.activated.connect(self.take_minutes)
        self.minute_taking: QWidget | None = None
        # Short: the row holds up to seven buttons in the editor's half of a 1366 px screen.
        self.history_button = _button("History…", "minutesHistory")
        self.history_button.setAccessibleName("Minutes history")
        self.history_button.setToolTip("The minutes' versions and steps, and what changed "
                                       "between versions (Ctrl+Shift+H)")
        self.history_button.clicked.connect(self.show_history)
        history = QShortcut(QKeySequence(HISTORY_KEY), self.key_scope)
        history.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        history.activated.connect(self.show_history)
        for keys, slot in ((DECISION_KEY, self.add_decision),
                           (DECLARATION_KEY, self.add_declaration)):
            shortcut = QShortcut(QKeySequence(keys), self.key_scope)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.undo_button = _button("Undo", "undoEdit")  # Ctrl+Z and Ctrl+Y
        self.redo_button = _button("Redo", "redoEdit")
        undo_action = self.undo.createUndoAction(self)
        redo_action = self.undo.createRedoAction(self)
        undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self.addActions([undo_action, redo_action])
        self.undo_button.clicked.connect(self.undo.undo)
        self.redo_button.clicked.connect(self.redo)
        self.undo.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo.canRedoChanged.connect(self.redo_button.setEnabled)
        self.undo_button.setEnabled(False)
        self.redo_button.setEnabled(False)
        self.status_row = QHBoxLayout()
        # The status has a line of its own: beside the buttons it would squeeze the list.
        for widget in (self.advance, self.approve_button, self.take_minutes_button,
                       self.history_button, self.export_button):
            self.status_row.addWidget(widget)
        self.status_row.addStretch(1)
        self.status_row.addWidget(self.undo_button)
        self.status_row.addWidget(self.redo_button)

    def show_history(self) -> None:
        """Every version of the minutes and their steps (desktop/views/meetings/)."""
        from desktop.views.meetings.minutes_history import MinutesHistoryDialog

        record, meeting_id = self.record, self.state.meeting_id
        if record is None or meeting_id is None or not self.save_typed():
            return
        heading = f"{record.details.board}, {show_date(record.details.date)}"
        MinutesHistoryDialog(self.state.database, meeting_id, heading, self).exec()
        self.changed()

    def add_decision(self) -> None:
        """Ctrl+D: a decision at the agenda item chosen (Interests and decisions tab)."""
        self._at_selected_item(self.registers.add_decision)

    def add_declaration(self) -> None:
        """Ctrl+Shift+D: an interest declared at the agenda item chosen."""
        self._at_selected_item(self.registers.add_declaration)

    def _at_selected_item(self, add: Callable[[], None]) -> None:
        if self.record is None or not self.save_typed():
            return
        item = self.agenda.selected()
        self.registers.selected_item = item.id if item else None
        add()

    def export_invitation(self) -> None:
        """The meeting as an .ics for its members: desktop/views/outlook/."""
        from desktop.views.outlook.invitation_export import export_meeting_invitation

        if self.state.meeting_id is not None:
            export_meeting_invitation(self, self.state.database, self.state.meeting_id)

    def prepare_emails(self) -> None:
        """The minutes to the chair (draft) or members (approved): desktop/views/outlook/."""
        from desktop.services.outlook.preview import meeting_heading
        from desktop.views.outlook.prepare_dialog import About, PrepareEmailsDialog

        meeting_id = self.state.meeting_id
        if meeting_id is not None:
            heading = meeting_heading(self.state.database, meeting_id)
            PrepareEmailsDialog(self.state.database, About(heading, meeting=meeting_id),
                                "minutes", self).exec()

    def redo(self) -> None:
        self.undo.redo()

    def open_meeting(self, meeting_id: int | None) -> bool:
        """False if the meeting shown has typed changes that could not be saved: then it
        stays (the problem is shown) and the caller goes back to it."""
        if meeting_id != self.state.meeting_id:
            if not self.save_typed():
                return False
            self.state.clear_history()
        self.state.meeting_id = meeting_id
        self.setEnabled(meeting_id is not None)
        if meeting_id is None:
            self.heading.setText("<h3>No meeting chosen</h3>")
            return True
        self.details.set_people(svc.people_choices(self.state.database))
        self.attendance.set_people(svc.people_choices(self.state.database))
        self.reload()
        spelling.warm_up()  # minutes may be taken next (F10): have the dictionary ready
        return True

    def save_typed(self) -> bool:
        """Before another meeting is shown: details and minutes typed but not saved are
        saved, never dropped. False if refused (a bad time, no reason for an amendment)."""
        record = self.record
        if record is None or self.state.meeting_id != record.details.id:
            return True
        try:
            if not self.agenda.save_typed_minutes():
                return False
            if not self.details.typed_differs_from(record.details):
                return True
            try:
                fields = self.details.fields()
            except ValueError as exc:
                self.details.show_problem(str(exc))
                self.tabs.setCurrentWidget(self.details)
                return False
            return self.save_details(fields)
        except LookupError:
            return True  # the meeting was deleted: nothing of it is left to keep

    def reload(self) -> None:
        meeting_id = self.state.meeting_id
        if meeting_id is None:
            return
        try:
            record = svc.meeting_record(self.state.database, meeting_id)
        except LookupError:
            self.record = None
            self.open_meeting(None)
            return
        same = self.record is not None and self.record.details.id == meeting_id
        self.record = record
        details = record.details
        when = show_date(details.date) + (f", {show_time(details.start)}" if details.start else "")
        if details.end:
            when += f"–{show_time(details.end)}"
        self.heading.setText(
            f"<h3>{escape(details.board)} — {escape(details.title or 'Meeting')}</h3>"
            f"{escape(when)}{', ' + escape(details.venue) if details.venue else ''}")
        if not same or not self.details.typed_differs_from(details):
            self.details.show_details(details)  # else typed changes stay, unsaved, in the form
        self.attendance.show_rows(record.attendance, details.locked)
        self.agenda.show_items(record.items)
        self.registers.show_meeting(
            meeting_id, [(i.id, _item_label(i.number, i.title)) for i in record.items],
            [a.name for a in record.attendance])
        self.amendments.clear()
        self.amendments.addItems([f"{show_date(a.date)}: {a.text}" for a in record.amendments]
                                 or ["No amendments."])
        self._show_status(details.status)
        # Nothing written yet: nothing to approve.
        minuted = any(html_to_text(item.minutes_html or "") for item in record.items)
        self.approve_button.setVisible(not details.locked and minuted)

    def changed(self) -> None:
        """After an edit: show the meeting as saved, and tell the other screens."""
        self.reload()
        self.notices.announce(MEETINGS)

    def _show_status(self, status: str) -> None:
        locked = status == "approved"
        self.status.setText(f"Status: <b>{STATUS_LABELS[status]}</b>"
                            + (" — locked; changes are recorded as amendments" if locked else ""))
        index = STATUS_ORDER.index(status)
        following = STATUS_ORDER[index + 1] if index + 1 < len(STATUS_ORDER) - 1 else None
        self.advance.setVisible(following is not None)
        if following:
            self.advance.setText(f"Mark as {STATUS_LABELS[following].lower()}")
            self.advance.setAccessibleName(self.advance.text())  # in step with the words shown

    def save_details(self, fields: MeetingFields) -> bool:
        meeting_id, record = self.state.meeting_id, self.record
        if meeting_id is None or record is None:
            return True
        before = fields_of(record.details)
        if before == fields:
            return True
        database = self.state.database
        # Saved first, so a refusal shows next to the fields and never enters the undo stack;
        # the command's first redo (on push) is then the save that already happened.
        if not call_service(self, lambda reason: svc.save_details(database, meeting_id, fields,
                                                                   reason),
                            show=self.details.show_problem):
            self.tabs.setCurrentWidget(self.details)
            return False
        saved = [True]

        def redo(reason: str | None) -> None:
            if saved.pop() if saved else False:
                return
            svc.save_details(database, meeting_id, fields, reason)

        self.state.push(self, "Change meeting details", redo,
                        lambda reason: svc.save_details(database, meeting_id, before, reason))
        return True

    def advance_status(self) -> None:
        record, meeting_id = self.record, self.state.meeting_id
        if record is None or meeting_id is None:
            return
        following = STATUS_ORDER[STATUS_ORDER.index(record.details.status) + 1]
        if call_service(self, lambda _r: svc.set_status(self.state.database, meeting_id,
                                                        following)):
            self.changed()

    def take_minutes(self) -> None:
        """Open the minute-taking view at the chosen item; a planned meeting is now running."""
        from desktop.views.minute_taking.view import MinuteTakingView

        record, meeting_id = self.record, self.state.meeting_id
        if record is None or meeting_id is None or not self.save_typed():
            return
        if STATUS_ORDER.index(record.details.status) < STATUS_ORDER.index("in_progress"):
            svc.set_status(self.state.database, meeting_id, "in_progress")
        item = self.agenda.selected()
        view = MinuteTakingView(self.state.database, self.notices, meeting_id,
                                item.id if item else None)
        self.minute_taking = view
        view.showMaximized()
        # The keyboard goes to the minutes: Windows gives a new window of the app in front
        # the keyboard, X without a window manager (Xvfb) left it on the meetings list.
        view.activateWindow()
        self.changed()

    def approve(self) -> None:
        record, meeting_id = self.record, self.state.meeting_id
        if record is None or meeting_id is None:
            return
        agreed = ApprovalDialog.ask(self, show_date(record.details.date), record.items)
        if agreed is not None and call_service(
                self, lambda _r: svc.approve(self.state.database, meeting_id, agreed.amendments,
                                             changes=agreed.changes)):
            self.state.clear_history()  # approval is final: nothing before it can be undone
            self.changed()
