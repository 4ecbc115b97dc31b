"""Booking several people onto a session in one go: find them (by name, e-mail or agency),
tick them, and book; who got a place and who went to the waiting list is told after."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services.database import USER_FACING_ERRORS, Database
from desktop.services.training import (
    BulkBooking,
    Candidate,
    TrainingError,
    book_many,
    list_agencies,
    people_to_book,
)
from desktop.views import colours
from desktop.views.widgets import named

PROBLEMS = (TrainingError, *USER_FACING_ERRORS)
ON_SESSION = {"booked": "booked", "waiting": "on the waiting list", "attended": "attended",
              "did_not_attend": "did not attend"}


def _text(candidate: Candidate) -> str:
    extra = ", ".join(x for x in (candidate.agency, candidate.email) if x)
    text = f"{candidate.name} — {extra}" if extra else candidate.name
    if candidate.on_session:
        text += f"  (already {ON_SESSION.get(candidate.on_session, candidate.on_session)})"
    return text


class BulkBookingDialog(QDialog):
    def __init__(self, parent: QWidget | None, database: Database, session_id: int,
                 heading: str) -> None:
        super().__init__(parent)
        self.setObjectName("bulkBookingDialog")
        self.setWindowTitle("Book several people")
        self.database, self.session_id = database, session_id
        self.result_: BulkBooking | None = None
        # Ticked people by id, in the order ticked (kept while the filter changes).
        self.chosen: dict[int, str] = {}
        self.filter = named(QLineEdit(), "bulkFilter", "Find people by name, e-mail or agency")
        self.filter.setPlaceholderText("Type part of a name, e-mail or agency")
        self.filter.textChanged.connect(lambda _text: self.refresh())
        self.agency = named(QComboBox(), "bulkAgency", "Only people of this agency")
        self.agency.addItem("Any agency", None)
        for agency in list_agencies(database):
            self.agency.addItem(agency.name, agency.id)
        self.agency.currentIndexChanged.connect(lambda _i: self.refresh())
        self.people = named(QListWidget(), "bulkPeople", "People to tick for booking")
        self.people.itemChanged.connect(self._ticked)
        self.summary = QLabel()  # read as what it says, not as a name instead
        self.summary.setObjectName("bulkChosen")
        self.summary.setAccessibleDescription("People chosen")
        self.summary.setWordWrap(True)
        self.problem = named(QLabel(), "bulkProblem", "Problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(colours.text_style("error"))
        form = QFormLayout()
        for text, widget in (("&Find:", self.filter), ("A&gency:", self.agency)):
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)
        tick_all = named(QPushButton("&Tick all shown"), "bulkTickAll", "Tick all shown")
        tick_all.clicked.connect(self.tick_all_shown)
        clear = named(QPushButton("C&lear ticks"), "bulkClear", "Clear ticks")
        clear.clicked.connect(self.clear_ticks)
        row = QHBoxLayout()
        row.addWidget(tick_all)
        row.addWidget(clear)
        row.addStretch(1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        named(self.buttons, "bulkButtons", "Book or cancel")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Book")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        title = QLabel(heading)
        title.setWordWrap(True)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(self.people, 1)
        layout.addLayout(row)
        layout.addWidget(self.summary)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.resize(620, 560)
        self.refresh()
        self.filter.setFocus()

    def refresh(self) -> None:
        found = people_to_book(self.database, self.session_id, self.filter.text(),
                               self.agency.currentData())
        self.people.blockSignals(True)
        self.people.clear()
        for candidate in found:
            item = QListWidgetItem(_text(candidate))
            item.setData(Qt.ItemDataRole.UserRole, candidate.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, candidate.name)
            if candidate.on_session:
                # Already on the session: shown, so nobody wonders where they went, not tickable.
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsUserCheckable
                              & ~Qt.ItemFlag.ItemIsEnabled)
            else:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if candidate.id in self.chosen
                                   else Qt.CheckState.Unchecked)
            self.people.addItem(item)
        self.people.blockSignals(False)
        if self.people.count():
            self.people.setCurrentRow(0)
        self._show_chosen()

    def _ticked(self, item: QListWidgetItem) -> None:
        person_id = item.data(Qt.ItemDataRole.UserRole)
        if item.checkState() == Qt.CheckState.Checked:
            self.chosen[person_id] = item.data(Qt.ItemDataRole.UserRole + 1)
        else:
            self.chosen.pop(person_id, None)
        self._show_chosen()

    def _items(self) -> list[QListWidgetItem]:
        return [self.people.item(row) for row in range(self.people.count())]

    def tick_all_shown(self) -> None:
        for item in self._items():
            if item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
                item.setCheckState(Qt.CheckState.Checked)

    def clear_ticks(self) -> None:
        self.chosen.clear()
        self.refresh()

    def _show_chosen(self) -> None:
        if not self.chosen:
            self.summary.setText("Nobody ticked yet: Space ticks the person under the cursor.")
        else:
            self.summary.setText(f"{len(self.chosen)} to book, in this order: "
                                 + ", ".join(self.chosen.values()))

    def accept(self) -> None:
        try:
            self.result_ = book_many(self.database, self.session_id, list(self.chosen))
        except PROBLEMS as exc:
            self.problem.setText(str(exc))
            return
        super().accept()

    @classmethod
    def ask(cls, parent: QWidget | None, database: Database, session_id: int,
            heading: str) -> BulkBooking | None:
        dialog = cls(parent, database, session_id, heading)
        return dialog.result_ if dialog.exec() == QDialog.DialogCode.Accepted else None
