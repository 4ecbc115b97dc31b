"""The minute-taking view of one meeting: the agenda, the minutes, who is here, the actions.

Every keystroke is saved within a second, in the background (see autosave.py); moving to
another item, adding an action or closing the view saves before it is done. The whole
meeting runs from the keyboard; Help → Keyboard shortcuts lists the keys.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.services import live_minutes as live
from desktop.services import meetings as svc
from desktop.services.action_lines import ActionProposal
from desktop.services.database import Database
from desktop.services.meetings import ItemRow, MeetingRecord
from desktop.views import appearance, colours
from desktop.views.meeting_shared import ApprovalDialog, previous_awaiting_approval
from desktop.views.minute_taking.autosave import SAVE_WITHIN_MS, MinutesSaver
from desktop.views.minute_taking.dialogs import Ask
from desktop.views.minute_taking.editor import MinutesEditor, new_document
from desktop.views.minute_taking.find_bar import FindBar
from desktop.views.minute_taking.panels import (
    LEGEND,
    ItemActions,
    MattersArising,
    ProposalBar,
)
from desktop.views.minute_taking.raising import RaisingActions
from desktop.views.minute_taking.room import (
    RoomEvents,
    agenda_outline,
)
from desktop.views.minute_taking.said import ItemSaid
from desktop.views.minute_taking.session import KEYS, note_save_failing, remember
from desktop.views.minute_taking.spelling import SpellCheck
from desktop.views.minute_taking.window_keys import (
    FullScreen,
    shortcut_hints,
    show_shortcuts,
    step_back,
)
from desktop.views.notices import ACTIONS, MEETINGS, Notices
from desktop.views.service_call import Problem, call_service
from desktop.views.stacking_splitter import FittedScrollArea, ProportionalSplitter
from desktop.views.text import escape, show_date


class _SaverSignals(QObject):
    """Brings the writer thread's news to the UI thread."""

    saved = Signal(int)
    failed = Signal(int, str)


def _scrolling(panel: QWidget) -> QScrollArea:
    """A panel that scrolls when the screen is too small for it (1366x768 at 125 %, 200 %
    zoom) instead of pushing the window past the screen's edge; never sideways."""
    scroll = FittedScrollArea()
    scroll.setObjectName(f"{panel.objectName() or 'panel'}Scroll")
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidgetResizable(True)
    scroll.setWidget(panel)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the fields inside
    appearance.follow_focus(scroll)
    return scroll


class MinuteTakingView(RaisingActions, RoomEvents, QWidget):
    """The meeting laid out and its minutes kept saved; the actions raised at it are in
    raising.py, who came and went and the meeting's times in room.py (`RoomEvents`)."""

    def __init__(self, database: Database, notices: Notices, meeting_id: int,
                 item_id: int | None = None) -> None:
        super().__init__()
        self.setObjectName("minuteTakingView")
        self.setWindowTitle("Taking minutes — Boardwork")
        self.database, self.notices, self.meeting_id = database, notices, meeting_id
        self.record: MeetingRecord = svc.meeting_record(database, meeting_id)
        self.documents: dict[int, Any] = {}
        self.current: ItemRow | None = None
        self.proposal: ActionProposal | None = None
        self.last_raised: int | None = None
        self.signals = _SaverSignals()
        self.signals.saved.connect(self._saved)
        self.signals.failed.connect(self._save_failed)
        self.save_failing: bool | None = None  # as last told to the restart message
        self.saver = MinutesSaver(database, self.signals.failed.emit, self.signals.saved.emit)
        self.save_timer = QTimer(self)
        self.save_timer.setSingleShot(True)
        self.save_timer.setInterval(SAVE_WITHIN_MS)
        self.save_timer.timeout.connect(self.save_current)
        self._build()
        self.full_screen = FullScreen(self)
        self._bind_keys()
        self.refresh_attendance()
        self.go_to(item_id or (self.record.items[0].id if self.record.items else None))

    # -- layout -------------------------------------------------------------------------
    def _build(self) -> None:
        details = self.record.details
        self.heading = QLabel(f"<b>{escape(details.board)}</b> — "
                              f"{escape(details.title or 'Meeting')}, {show_date(details.date)}")
        self.heading.setObjectName("minuteTakingHeading")
        self.heading.setWordWrap(True)  # a long title wraps on a small or zoomed screen
        self.clock = QLabel()
        self.clock.setObjectName("clock")
        self.save_state = QLabel("All saved ✓")
        self.save_state.setObjectName("saveState")
        clock_timer = QTimer(self)
        clock_timer.timeout.connect(self._tick)
        clock_timer.start(15_000)
        self._tick()
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.save_state)
        top.addSpacing(16)
        top.addWidget(self.clock)
        self.attendance = QLabel()
        self.attendance.setObjectName("attendanceStrip")
        # No accessible name, which a screen reader would read instead of who is here.
        self.attendance.setAccessibleDescription("Attendance: " + LEGEND)
        self.attendance.setToolTip(LEGEND)
        self.attendance.setWordWrap(True)
        self.attendance.setTextFormat(Qt.TextFormat.RichText)
        self.outline = agenda_outline(self.record.items)
        self.outline.currentRowChanged.connect(
            lambda row: self.go_to(self.record.items[row].id) if row >= 0 else None)
        self.item_title = QLabel()
        self.item_title.setObjectName("currentItemTitle")
        self.item_title.setWordWrap(True)
        self.editor = MinutesEditor()
        self.editor.line_finished.connect(self._line_finished)
        self.spelling = SpellCheck.attach(self.editor)
        self.proposal_bar = ProposalBar()
        self.find_bar = FindBar(self)
        self.approve_previous = QPushButton()
        self.approve_previous.setObjectName("approvePreviousMinutes")
        self.approve_previous.setAccessibleName("Approve the minutes of the last meeting")
        self.approve_previous.clicked.connect(self.approve_previous_minutes)
        self.approve_previous.hide()
        centre = QWidget()
        centre_layout = QVBoxLayout(centre)
        for part in (self.item_title, self.approve_previous, self.editor, self.find_bar,
                     self.proposal_bar):
            centre_layout.addWidget(part)
        self.item_actions = ItemActions()
        self.matters = MattersArising()
        self.matters.update_requested.connect(self.record_update)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(QLabel("<b>Actions of this item</b>"))
        right_layout.addWidget(self.item_actions, 1)
        right_layout.addWidget(self.matters, 2)
        self.said = ItemSaid(self.database, self.meeting_id)
        right_layout.addWidget(self.said, 1)
        splitter = ProportionalSplitter([300, 740, 360])  # the minutes widest at any size
        for widget in (self.outline, _scrolling(centre), _scrolling(right)):
            splitter.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.attendance)
        layout.addWidget(splitter, 1)
        layout.addWidget(shortcut_hints())

    def _bind_keys(self) -> None:
        actions = {
            "Next item": lambda: self.step(+1), "Previous item": lambda: self.step(-1),
            "Go to item number": self.jump, "Arrived now": lambda: self.mark("arrived"),
            "Left now": lambda: self.mark("left"), "Late arrival, not expected": self.late_arrival,
            "New action": self.quick_action, "Add the proposed action": self.confirm_proposal,
            "Back to the minutes, ignore the proposed action, or close":
                lambda: step_back(self, self.find_bar),
            "Withdraw the action just added": self.undo_action, "Save now": self.save_current,
            "Full screen": self.full_screen.toggle, "Find in the minutes": self.find_bar.open,
            "Find and replace": lambda: self.find_bar.open(replace=True),
            "Keyboard shortcuts": lambda: show_shortcuts(self),
            "Meeting closed now": self.close_meeting,
            "This item started now (time it again)": lambda: self._time_item(again=True),
            "Minutes history (versions and steps)": self.show_history,
            "Decision at this item": self.said.add_decision,
            "Interest declared at this item": self.said.add_declaration,
        }
        for what, keys in KEYS.items():
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(actions[what])

    def _tick(self) -> None:
        self.clock.setText(f"<b>{dt.datetime.now():%H:%M}</b>")

    # -- moving through the meeting -----------------------------------------------------
    def go_to(self, item_id: int | None) -> None:
        if item_id is None or (self.current is not None and self.current.id == item_id):
            return
        self.save_current(wait=True)
        row = next(i for i, item in enumerate(self.record.items) if item.id == item_id)
        item = self.record.items[row]
        self.current = item
        if item_id not in self.documents:
            self.documents[item_id] = new_document(self.editor, item.minutes_html)
            # Only the first keystroke after a save calls into Python here (each call is a
            # wait for the interpreter while the writer thread saves), not every keystroke.
            self.documents[item_id].modificationChanged.connect(self._typed)
        self.editor.setDocument(self.documents[item_id])
        if self.spelling is not None:
            self.spelling.follow(self.documents[item_id])
        self.editor.moveCursor(self.editor.textCursor().MoveOperation.End)
        self.editor.setReadOnly(self.record.details.locked or self.database.read_only)
        self.outline.blockSignals(True)
        self.outline.setCurrentRow(row)
        self.outline.blockSignals(False)
        locked = " — approved minutes: amend them in the meeting editor" if (
            self.record.details.locked) else ""
        if self.database.read_only:
            locked = " — read-only database: nothing can be changed"
        self.item_title.setText(f"<h2>{escape(item.number)}  {escape(item.title)}</h2>"
                                f"{escape(locked)}")
        self.dismiss_proposal()
        self._show_side_panels(item)
        self._time_item()
        self._remember(item.id)
        self.editor.setFocus()

    def step(self, delta: int) -> None:
        if self.current is None:
            return
        row = self.outline.currentRow() + delta
        if 0 <= row < len(self.record.items):
            self.go_to(self.record.items[row].id)

    def jump(self) -> None:
        number = Ask.text(self, "Go to item", "Item number (e.g. 5.1):")
        if number is None:
            return
        wanted = number.strip().rstrip(".").lower()
        match = next((i for i in self.record.items if i.number.lower() == wanted), None)
        if match is None:
            Problem.show(self, f"There is no item {number} on this agenda.")
            return
        self.go_to(match.id)

    def _show_side_panels(self, item: ItemRow) -> None:
        self.item_actions.show_rows(live.item_actions(self.database, item.id))
        self.said.show_item(item.id, [(i.id, f"{i.number} {i.title}".strip())
                                      for i in self.record.items],
                            [a.name for a in self.record.attendance],
                            self.record.details.locked or self.database.read_only)
        at_action_log = item.standing == "action_log" or "action log" in item.title.lower() or (
            "matters arising" in item.title.lower())
        self.matters.setVisible(at_action_log)
        if at_action_log:
            self.matters.show_rows(live.matters_arising(self.database, self.meeting_id))
        previous = previous_awaiting_approval(self.database, self.meeting_id, item)
        self.approve_previous.setVisible(previous is not None)
        if previous is not None:
            self.approve_previous.setText(f"Approve the minutes of {show_date(previous.date)}…")

    # -- never losing a word ------------------------------------------------------------
    def _typed(self, modified: bool) -> None:
        """The first change since the text was last handed to the writer (the spelling's
        underlines change formats only, which never marks the document modified)."""
        if not modified:
            return
        self.save_state.setText("Saving…")
        if not self.save_timer.isActive():  # timed from the first unsaved keystroke, never
            self.save_timer.start()         # restarted: steady typing is saved as it goes

    def save_current(self, wait: bool = False) -> None:
        """Hand the current item's text to the writer thread (it never blocks typing);
        with `wait`, return only once it is written."""
        self.save_timer.stop()
        document = self.editor.document()
        if (self.current is None or not document.isModified() or self.record.details.locked
                or self.database.read_only):
            return
        document.setModified(False)
        # Only the serialising happens here; sanitising is done by the writer thread.
        (self.saver.write_now if wait else self.saver.queue)(self.current.id, document.toHtml())

    def _unsaved_html(self) -> str | None:
        document = self.editor.document()
        if self.current is None or not document.isModified() or self.record.details.locked:
            return None
        self.saver.hold(self.current.id)
        return document.toHtml()

    def _saved(self, _item_id: int) -> None:
        if not self.editor.document().isModified():  # else typed since: still "Saving…"
            self.save_state.setText("All saved ✓")
        if self.save_failing is not False:  # a settings write per change, not per save
            self.save_failing = False
            note_save_failing(False)

    def _save_failed(self, _item_id: int, message: str) -> None:
        self.save_failing = True
        note_save_failing(True)
        self.save_state.setText("NOT SAVED")
        self.save_state.setStyleSheet(colours.pair_style("not_saved", " padding: 2px 6px;"))
        Problem.show(self, "The minutes could not be saved: " + message + "\n\nKeep this window "
                           "open; the text is kept and saved with your next change.")

    def _remember(self, item_id: int | None) -> None:
        remember(self.meeting_id, item_id)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_current()
        if not self.saver.close() or self.saver.failed:
            Problem.show(self, "Some minutes could not be saved; the window stays open.")
            self.saver = MinutesSaver(self.database, self.signals.failed.emit,
                                      self.signals.saved.emit)
            event.ignore()
            return
        self._remember(None)
        self.notices.announce(MEETINGS, ACTIONS)
        super().closeEvent(event)

    # -- the minutes' history, and the last meeting's approved ---------------------------
    def show_history(self) -> None:
        """The versions and steps of these minutes, the text saved first."""
        from desktop.views.meetings.minutes_history import MinutesHistoryDialog

        self.save_current(wait=True)
        details = self.record.details
        MinutesHistoryDialog(self.database, self.meeting_id,
                             f"{details.board}, {show_date(details.date)}", self).exec()

    def approve_previous_minutes(self) -> None:
        previous = previous_awaiting_approval(self.database, self.meeting_id, self.current)
        if previous is None:
            return
        items = svc.meeting_record(self.database, previous.id).items
        agreed = ApprovalDialog.ask(self, show_date(previous.date), items)
        # Agreed at this meeting: dated by it, not by the computer's clock.
        if agreed is not None and call_service(
                self, lambda _r: svc.approve_previous(self.database, self.meeting_id, previous.id,
                                                      agreed.amendments, agreed.changes)):
            self.approve_previous.hide()
            self.notices.announce(MEETINGS)

