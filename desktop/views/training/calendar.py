"""The sessions as a calendar, a month or a week at a time, beside the list.

Each day shows its sessions with how full they are ("Child sexual exploitation 14/20"). It
is a table of days, so a screen reader reads each day as a cell (the cell's accessible text
says the whole date and every session in words). Keys: the arrows move a day or a week
(on into the next month or week), Page Up and Page Down a month (a week in the week view),
Home goes to today, Enter opens the day's session in the list.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.services.training import SessionInfo
from desktop.views import colours
from desktop.views.text import show_time

AnyIndex = QModelIndex | QPersistentModelIndex
DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTH, WEEK = "month", "week"


def fullness(info: SessionInfo) -> str:
    """How full, short: "14/20", "14 booked" without a limit, "cancelled"."""
    if info.status == "cancelled":
        return "cancelled"
    if info.capacity is None:
        return f"{info.places_taken} booked"
    return f"{info.places_taken}/{info.capacity}"


def spoken(info: SessionInfo) -> str:
    """One session in words, for a screen reader."""
    if info.status == "cancelled":
        how = "cancelled"
    elif info.capacity is None:
        how = f"{info.places_taken} booked"
    else:
        how = f"{info.places_taken} of {info.capacity} places booked"
    waiting = f", {info.waiting} waiting" if info.waiting else ""
    return f"{show_time(info.start.time())} {info.course}, {how}{waiting}"


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


class CalendarModel(QAbstractTableModel):
    """Days as cells: six weeks of seven days around a month, or one week."""

    def __init__(self, today: dt.date) -> None:
        super().__init__()
        self.mode = MONTH
        self.day = today  # the day under the cursor; the period shown is around it
        self.today = today
        self.by_day: dict[dt.date, list[SessionInfo]] = {}

    def first_day(self) -> dt.date:
        start = self.day.replace(day=1) if self.mode == MONTH else self.day
        return start - dt.timedelta(days=start.weekday())

    def last_day(self) -> dt.date:
        return self.first_day() + dt.timedelta(days=self.rowCount() * 7 - 1)

    def day_at(self, index: AnyIndex) -> dt.date:
        return self.first_day() + dt.timedelta(days=index.row() * 7 + index.column())

    def index_of(self, day: dt.date) -> QModelIndex:
        offset = (day - self.first_day()).days
        return self.index(offset // 7, offset % 7)

    def show(self, day: dt.date, mode: str, sessions: Sequence[SessionInfo]) -> None:
        self.beginResetModel()
        self.day, self.mode = day, mode
        self.by_day = {}
        for info in sessions:
            self.by_day.setdefault(info.start.date(), []).append(info)
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else (6 if self.mode == MONTH else 1)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 7

    def sessions_on(self, day: dt.date) -> list[SessionInfo]:
        return self.by_day.get(day, [])

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        day = self.day_at(index)
        sessions = self.sessions_on(day)
        if role == Qt.ItemDataRole.DisplayRole:
            lines = [f"{fullness(info)} {info.course}" for info in sessions]
            head = f"{day.day}" if day.day > 1 or self.mode == WEEK else f"{day.day} {day:%b}"
            return "\n".join([head, *lines])
        if role == Qt.ItemDataRole.AccessibleTextRole:
            said = "; ".join(spoken(info) for info in sessions) or "no sessions"
            return f"{day:%A} {day.day} {day:%B %Y}: {said}"
        if role == Qt.ItemDataRole.ToolTipRole and sessions:
            return "\n".join(spoken(info) for info in sessions)
        if role == Qt.ItemDataRole.ForegroundRole:
            if day == self.today:  # its own background: its own text colour
                return QColor(colours.pair("today")[0])
            if self.mode == MONTH and day.month != self.day.month:
                return QColor(colours.text("muted"))
            return None
        if role == Qt.ItemDataRole.BackgroundRole and day == self.today:
            return QColor(colours.pair("today")[1])
        if role == Qt.ItemDataRole.FontRole and day == self.today:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < 7:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if self.mode == WEEK:
                day = self.first_day() + dt.timedelta(days=section)
                return f"{DAY_NAMES[section]} {day.day}"
            return DAY_NAMES[section]
        return None


class DayDelegate(QStyledItemDelegate):
    """A day: its number, then one line per session, cut to the cell's width ("…"), and
    "+2 more" when they do not all fit (the tooltip and the line below list them all)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Any) -> None:
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        # The model's text, not option.text: Qt turns its line breaks into U+2028.
        text, option.text = str(index.data() or ""), ""
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter,
                              option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        colour = index.data(Qt.ItemDataRole.ForegroundRole)
        painter.save()
        painter.setPen(option.palette.color(role) if selected or colour is None else colour)
        painter.setFont(option.font)
        metrics = painter.fontMetrics()
        box = option.rect.adjusted(3, 1, -3, -1)
        height, top = metrics.height(), box.top()
        wrap = int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft
                   | Qt.AlignmentFlag.AlignTop)
        lines = text.split("\n")
        for number, line in enumerate(lines):
            after = len(lines) - number - 1  # lines still to come
            space = box.bottom() - top + 1
            reserve = height if after else 0  # room for "+n more"
            needed = metrics.boundingRect(QRect(box.left(), top, box.width(), 10_000), wrap,
                                          line).height()
            if needed <= space - reserve:  # whole, wrapped over lines (the week view)
                painter.drawText(QRect(box.left(), top, box.width(), needed), wrap, line)
                top += needed
            elif space - reserve >= height:  # one line, cut short
                shown = metrics.elidedText(line, Qt.TextElideMode.ElideRight, box.width())
                painter.drawText(box.left(), top + metrics.ascent(), shown)
                top += height
            else:
                if space >= height:
                    painter.drawText(box.left(), top + metrics.ascent(),
                                     f"+{after + 1} more")
                break
        painter.restore()


class CalendarView(QTableView):
    """The grid of days, driven by the keyboard as a diary is."""

    moved = Signal(object)  # the day the cursor went to: the period may need loading
    opened = Signal(object)  # the day Enter (or a double click) was given on

    def __init__(self, model: CalendarModel) -> None:
        super().__init__()
        self.setObjectName("sessionsCalendar")
        self.setAccessibleName("Sessions calendar")
        self.calendar = model
        self.setModel(model)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)
        self.setItemDelegate(DayDelegate(self))
        self.setToolTip("Arrows: a day or a week; Page Up / Page Down: a month (a week in the "
                        "week view); Home: today; Enter: the day's session in the list")
        self.verticalHeader().hide()
        for header in (self.horizontalHeader(), self.verticalHeader()):
            header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
            header.setMinimumSectionSize(20)
        self.doubleClicked.connect(lambda index: self.opened.emit(model.day_at(index)))

    def current_day(self) -> dt.date:
        index = self.currentIndex()
        return self.calendar.day_at(index) if index.isValid() else self.calendar.day

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if event.modifiers() not in (Qt.KeyboardModifier.NoModifier,
                                     Qt.KeyboardModifier.KeypadModifier):
            super().keyPressEvent(event)
            return
        day = self.current_day()
        steps = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Up: -7,
                 Qt.Key.Key_Down: 7}
        week = self.calendar.mode == WEEK
        if key in steps:
            self.moved.emit(day + dt.timedelta(days=steps[Qt.Key(key)]))
        elif key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            sign = -1 if key == Qt.Key.Key_PageUp else 1
            self.moved.emit(day + dt.timedelta(weeks=sign) if week else add_months(day, sign))
        elif key == Qt.Key.Key_Home:
            self.moved.emit(self.calendar.today)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.opened.emit(day)
        else:
            super().keyPressEvent(event)


class SessionCalendar(QWidget):
    """The calendar with its heading and buttons. `load(first, last)` gives the sessions of
    the days shown; `day_opened` is emitted with the sessions of the day Enter was pressed
    on (when it has any)."""

    day_opened = Signal(object)  # list[SessionInfo]

    def __init__(self, load: Callable[[dt.date, dt.date], Sequence[SessionInfo]],
                 today: dt.date | None = None) -> None:
        super().__init__()
        self.setObjectName("sessionCalendar")
        self.load = load
        self.test: Callable[[SessionInfo], bool] | None = None
        # The sessions of the days shown, read once per period (a filter typed in the list
        # is applied to them in memory, keystroke by keystroke).
        self.loaded: tuple[tuple[dt.date, dt.date], Sequence[SessionInfo]] | None = None
        self.model = CalendarModel(today or dt.date.today())
        self.view = CalendarView(self.model)
        self.view.moved.connect(self.go_to)
        self.view.opened.connect(self._open)
        self.title = QLabel()
        self.title.setObjectName("calendarTitle")
        self.title.setAccessibleDescription("Period shown")  # read as the month itself
        self.day_said = QLabel()  # the day under the cursor, in words (read on change)
        self.day_said.setObjectName("calendarDay")
        self.day_said.setWordWrap(True)
        top = QHBoxLayout()
        for text, name, accessible, slot in (
            ("◀", "calendarBack", "Back (Page Up)", lambda: self.step(-1)),
            ("▶", "calendarOn", "On (Page Down)", lambda: self.step(1)),
        ):
            top.addWidget(self._button(text, name, accessible, slot))
        top.addWidget(self.title, 1)
        top.addWidget(self._button("Toda&y", "calendarToday", "Today (Home)",
                                   lambda: self.go_to(self.model.today)))
        self.month_button = self._button("Month", "calendarMonth", "Show a month",
                                         lambda: self.set_mode(MONTH))
        self.week_button = self._button("Week", "calendarWeek", "Show a week",
                                        lambda: self.set_mode(WEEK))
        for mode_button in (self.month_button, self.week_button):
            mode_button.setCheckable(True)
            top.addWidget(mode_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.day_said)
        self.view.setCurrentIndex(self.model.index(0, 0))
        self.view.selectionModel().currentChanged.connect(lambda *_: self._said())
        self.reload()

    @staticmethod
    def _button(text: str, name: str, accessible: str, slot: Callable[[], Any]) -> QPushButton:
        widget = QPushButton(text)
        widget.setObjectName(name)
        widget.setAccessibleName(accessible.split(" (")[0])
        widget.setToolTip(accessible)
        widget.clicked.connect(slot)
        if len(text) == 1:
            widget.setMaximumWidth(36)
        return widget

    def reload(self) -> None:
        """Read the period around the cursor's day again (after a change to sessions)."""
        self.loaded = None
        self.go_to(self.view.current_day() if self.view.currentIndex().isValid()
                   else self.model.day, self.model.mode)

    def go_to(self, day: dt.date, mode: str | None = None) -> None:
        mode = mode or self.model.mode
        focused = self.view.hasFocus()
        probe = CalendarModel(self.model.today)
        probe.day, probe.mode = day, mode
        period = (probe.first_day(), probe.last_day())
        if self.loaded is None or self.loaded[0] != period:
            self.loaded = (period, self.load(*period))
        test = self.test
        self.model.show(day, mode, [s for s in self.loaded[1] if test is None or test(s)])
        self.view.setCurrentIndex(self.model.index_of(day))
        if focused:
            self.view.setFocus()
        self.month_button.setChecked(mode == MONTH)
        self.week_button.setChecked(mode == WEEK)
        if mode == MONTH:
            self.title.setText(f"<b>{day:%B %Y}</b>")
        else:
            first, last = self.model.first_day(), self.model.last_day()
            self.title.setText(f"<b>Week of {first.day} {first:%B %Y}</b> (to {last.day} "
                               f"{last:%B})")
        self._said()

    def _said(self) -> None:
        text = self.model.data(self.view.currentIndex(), Qt.ItemDataRole.AccessibleTextRole)
        self.day_said.setText(text or "")
        self.view.setAccessibleDescription(text or "")

    def set_test(self, test: Callable[[SessionInfo], bool] | None) -> None:
        """Show only the sessions passing `test` (the list's filter), None for all."""
        if test != self.test:
            self.test = test
            self.go_to(self.view.current_day())

    def step(self, sign: int) -> None:
        day = self.view.current_day()
        week = self.model.mode == WEEK
        self.go_to(day + dt.timedelta(weeks=sign) if week else add_months(day, sign))

    def set_mode(self, mode: str) -> None:
        self.go_to(self.view.current_day(), mode)

    def _open(self, day: dt.date) -> None:
        sessions = self.model.sessions_on(day)
        if sessions:
            self.day_opened.emit(list(sessions))

    def show_session(self, info: SessionInfo | None) -> None:
        """Follow the list: its chosen session's day is put under the cursor."""
        if info is not None and info.start.date() != self.view.current_day():
            self.go_to(info.start.date())
