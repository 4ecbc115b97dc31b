"""The Meetings area: a board's meetings, filtered by year and status, and the editor."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QSortFilterProxyModel, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QWidget,
)

from desktop.services import meetings as svc
from desktop.services.meetings import STATUS_LABELS, MeetingFields
from desktop.services.meetings.planning import usual_next_date
from desktop.views import colours
from desktop.views.areas import AppContext
from desktop.views.combo import select_data
from desktop.views.date_field import DateField
from desktop.views.flow_layout import FlowLayout, field_pair
from desktop.views.meeting_editor import MeetingEditor
from desktop.views.notices import BOARDS, MEETINGS, PEOPLE
from desktop.views.page_layout import PageLayout, panes
from desktop.views.service_call import Problem, call_service
from desktop.views.table_models.meetings import MeetingsTableModel
from desktop.views.table_models.rows import ID_ROLE, SORT_ROLE


class MeetingDateDialog(QDialog):
    """The date of a new meeting, typed whole; for a copy, whether the attendance list comes
    too. Tests replace `ask` and `ask_copy`."""

    def __init__(self, parent: QWidget | None, title: str, proposed: dt.date,
                 offer_attendance: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.chosen: dt.date | None = None
        self.date = DateField(proposed)
        self.date.setObjectName("newMeetingDate")
        self.date.setAccessibleName("Date of the meeting")
        self.attendance = QCheckBox("Copy the &attendance list too")
        self.attendance.setObjectName("copyAttendance")
        self.attendance.setAccessibleName("Copy the attendance list too")
        self.attendance.setVisible(offer_attendance)
        self.problem = QLabel()
        self.problem.setObjectName("newMeetingProblem")
        self.problem.setStyleSheet(colours.text_style("error"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept_date)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("&Date:", self.date)
        form.addRow(self.attendance)
        form.addRow(self.problem)
        form.addRow(buttons)

    def accept_date(self) -> None:
        try:
            day = self.date.date_value("Date")
        except ValueError as exc:
            self.problem.setText(str(exc))
            return
        if day is None:
            self.problem.setText("Date: type the date of the meeting (as 23/10/2018).")
            return
        self.chosen = day
        self.accept()

    @staticmethod
    def ask(parent: QWidget, title: str) -> dt.date | None:
        dialog = MeetingDateDialog(parent, title, dt.date.today())
        dialog.exec()
        return dialog.chosen

    @staticmethod
    def ask_copy(parent: QWidget, proposed: dt.date) -> tuple[dt.date, bool] | None:
        dialog = MeetingDateDialog(parent, "New meeting like this one", proposed, True)
        dialog.exec()
        return (dialog.chosen, dialog.attendance.isChecked()) if dialog.chosen else None


class MeetingsPage(QWidget):
    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.setObjectName("meetingsPage")
        self.context = context
        self.database = context.database
        self.board_id: int | None = None
        # While the list reloads, its selection passes through "nothing": not a new choice.
        self.reloading = False
        self.model = MeetingsTableModel()
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setObjectName("meetingsTable")
        self.table.setAccessibleName("Meetings")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(MeetingsTableModel.COL_DATE, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        # Every column inside the pane: long board names and titles are elided, so the
        # date never scrolls out of sight on a laptop screen.
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for column in (MeetingsTableModel.COL_DATE, MeetingsTableModel.COL_STATUS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.editor = MeetingEditor(self.database, context.notices, key_scope=self)
        self._build()
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._open_selected())
        context.notices.changed.connect(self._on_changed)
        self.refresh()

    def _build(self) -> None:
        self.year = QComboBox()
        self.status = QComboBox()
        for combo, name, label in ((self.year, "meetingYearFilter", "Year"),
                                   (self.status, "meetingStatusFilter", "Status")):
            combo.setObjectName(name)
            combo.setAccessibleName(label)
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.status.addItem("Any status", None)
        for value, label in STATUS_LABELS.items():
            self.status.addItem(label, value)
        filters = QWidget()
        filters.setObjectName("meetingFilters")
        flow = FlowLayout(filters)
        for text, combo in (("&Year:", self.year), ("&Status:", self.status)):
            flow.addWidget(field_pair(text, combo))
        # The shared page layout: the buttons sit in the toolbar at the top (below the list
        # they fell off a 1366x768 laptop at 125 %), and go into More when narrow.
        self.page = PageLayout(self, "Meetings")
        self.page.add_filters(filters)
        # No Alt letters here: the editor beside the list needs them all, and these have
        # their own keys (a slip of Alt+letter never deletes a meeting).
        for text, name, keys, slot in (
            ("New meeting…", "newMeeting", "Ctrl+N", self.new_meeting),
            ("Copy meeting…", "copyMeeting", "Ctrl+Shift+N", self.copy_meeting),
            ("Delete", "deleteMeeting", None, self.delete_meeting),
            ("Forward plan…", "forwardPlan", "Ctrl+Shift+F", lambda: self.open_forward_plan()),
        ):
            button = QPushButton(text)
            button.setObjectName(name)
            button.setAccessibleName(text.replace("&", "").rstrip("…"))
            button.clicked.connect(slot)
            if keys:
                button.setToolTip(keys)
                QShortcut(QKeySequence(keys), self).activated.connect(slot)
            self.page.add_button(button)
        splitter = panes(self.table, self.editor, (1, 2), "meetingsSplitter")
        splitter.setSizes([540, 780])
        editor_scroll = splitter.widget(1)
        if editor_scroll is not None:
            editor_scroll.setAccessibleName("Meeting details")
        self.page.set_body(splitter)

    def open_forward_plan(self, board_id: int | None = None) -> None:
        """The plan of `board_id`, else of the board chosen in the selector."""
        from desktop.views.meetings.forward_plan import ForwardPlanDialog

        ForwardPlanDialog(self, self.database, self.context.notices,
                          board_id if board_id is not None else self.board_id).exec()

    def set_board(self, board_id: int | None) -> None:
        self.board_id = board_id
        # With one board chosen, its name in every row says nothing.
        self.table.setColumnHidden(MeetingsTableModel.COL_BOARD, board_id is not None)
        self.refresh()

    def _on_changed(self, areas: frozenset[str]) -> None:
        if areas & {MEETINGS, BOARDS}:
            self.refresh()
        if PEOPLE in areas:
            self.editor.open_meeting(self.editor.state.meeting_id)

    def _fill_years(self) -> None:
        chosen = self.year.currentData()
        self.year.blockSignals(True)
        self.year.clear()
        self.year.addItem("Any year", None)
        for year in svc.meeting_years(self.database, self.board_id):
            self.year.addItem(str(year), year)
        select_data(self.year, chosen)
        self.year.blockSignals(False)

    def refresh(self) -> None:
        self._fill_years()
        current = self.selected_id() or self.editor.state.meeting_id
        rows = svc.list_meetings(self.database, self.board_id, self.year.currentData(),
                                 self.status.currentData())
        self.reloading = True
        try:
            self.model.set_rows(rows)
        finally:
            self.reloading = False
        ids = {row.id for row in rows}
        self.select(current if current in ids else (rows[0].id if rows else None))

    def select(self, meeting_id: int | None) -> None:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(ID_ROLE) == meeting_id:
                self.table.selectRow(row)
                self._open_selected()
                return
        self.editor.open_meeting(None)

    def save_typed(self) -> bool:
        """Before the window closes: what was typed in the meeting shown is saved (False,
        the problem shown, if it could not be)."""
        return self.editor.save_typed()

    def selected_id(self) -> int | None:
        # The current row, not the selection: Qt moves the current row first, and the
        # selection only after the currentRowChanged signal has been handled.
        index = self.table.currentIndex()
        return int(index.siblingAtColumn(0).data(ID_ROLE)) if index.isValid() else None

    def _open_selected(self) -> None:
        if self.reloading:
            return
        meeting_id, shown = self.selected_id(), self.editor.state.meeting_id
        if meeting_id != shown and not self.editor.open_meeting(meeting_id):
            # Its typed changes could not be saved: back to it, not inside this signal.
            QTimer.singleShot(0, self, lambda: self.select(shown))

    def go_to(self, meeting_id: int, item_id: int | None) -> None:
        """Show a meeting, and the item of it that was asked for (from search)."""
        select_data(self.year, None)
        select_data(self.status, None)
        self.refresh()
        self.select(meeting_id)
        if item_id is not None:
            self.editor.tabs.setCurrentWidget(self.editor.agenda)
            self.editor.agenda.select(item_id)

    def new_meeting(self) -> None:
        if self.board_id is None:
            Problem.show(self, "Choose the board or group the meeting is of first "
                               "(the selector at the top, Ctrl+B).")
            return
        day = MeetingDateDialog.ask(self, "New meeting")
        board_id, created = self.board_id, []
        if day is not None and call_service(self, lambda _r: created.append(
                svc.create_meeting(self.database, board_id, MeetingFields(day),
                                   from_plan=True))):
            self.context.notices.announce(MEETINGS)
            self.select(created[0])

    def copy_meeting(self) -> None:
        source = self.selected_id()
        if source is None:
            return
        answer = MeetingDateDialog.ask_copy(self, usual_next_date(self.database, source))
        if answer is None:
            return
        day, with_attendance = answer
        created: list[int] = []
        if call_service(self, lambda _r: created.append(
                svc.copy_meeting(self.database, source, day, with_attendance,
                                 from_plan=True))):
            self.context.notices.announce(MEETINGS)
            self.select(created[0])

    def delete_meeting(self) -> None:
        meeting_id = self.selected_id()
        if meeting_id is not None and call_service(
                self, lambda _r: svc.delete_meeting(self.database, meeting_id)):
            self.context.notices.announce(MEETINGS)
