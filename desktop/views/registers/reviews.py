"""When each board's membership and terms of reference were last reviewed and are next due:
the reviews due (or overdue) shaded and counted at the top."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.services import reviews
from desktop.services.database import Database
from desktop.views.date_field import DateField
from desktop.views.registers.common import chosen_id, fill, register_table
from desktop.views.text import show_date
from desktop.views.widgets import Feedback

HEADERS = ("Board or group", "Membership reviewed", "Next due", "Terms of reference reviewed",
           "Next due", "Due")


class ReviewsPanel(QWidget):
    changed = Signal()

    def __init__(self, database: Database) -> None:
        super().__init__()
        self.setObjectName("reviewsPanel")
        self.database = database
        self.lines: list[reviews.ReviewLine] = []
        self.due = QLabel()
        self.due.setObjectName("reviewsDue")
        self.due.setWordWrap(True)
        self.table = register_table("reviewsTable", "Review dates of boards and groups", HEADERS)
        self.table.currentCellChanged.connect(lambda *_: self._chosen())
        self.fields = {name: DateField() for name in ("membership_reviewed", "membership_due",
                                                      "terms_reviewed", "terms_due")}
        for name, field in self.fields.items():
            field.setObjectName(f"review_{name}")
            field.setAccessibleName(name.replace("_", " ").replace("terms", "terms of "
                                                                   "reference").capitalize())
        self.chosen = QLabel("Choose a board or group in the list.")
        self.chosen.setObjectName("reviewBoard")
        self.feedback = Feedback("reviewsFeedback")
        grid = QGridLayout()
        # One Alt key for the four dates: the People area's tabs use most letters already.
        labels = (("Membership last reviewe&d:", "membership_reviewed", 0, 0),
                  ("next due:", "membership_due", 0, 2),
                  ("Terms of reference last reviewed:", "terms_reviewed", 1, 0),
                  ("next due:", "terms_due", 1, 2))
        for text, name, row, column in labels:
            label = QLabel(text)
            label.setBuddy(self.fields[name])
            grid.addWidget(label, row, column)
            grid.addWidget(self.fields[name], row, column + 1)
        grid.setColumnStretch(4, 1)
        save = QPushButton("Save review da&tes")
        save.setObjectName("saveReview")
        save.setAccessibleName("Save review dates")
        save.clicked.connect(self.save)
        buttons = QHBoxLayout()
        buttons.addWidget(save)
        buttons.addWidget(QLabel("A review saved without its next date is due a year later."))
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.due)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.chosen)
        layout.addLayout(grid)
        layout.addLayout(buttons)
        layout.addWidget(self.feedback)

    def refresh(self) -> None:
        self.lines = reviews.board_reviews(self.database)
        fill(self.table, [(line.board_id, (
            line.board, show_date(line.membership_reviewed), show_date(line.membership_due),
            show_date(line.terms_reviewed), show_date(line.terms_due), "; ".join(line.due)),
            bool(line.due)) for line in self.lines])
        due = [line for line in self.lines if line.due]
        self.due.setText(f"<b>{sum(len(line.due) for line in due)} review"
                         f"{'s' if sum(len(line.due) for line in due) != 1 else ''} due</b> "
                         f"(overdue, or due within {reviews.DUE_WITHIN_DAYS} days)." if due
                         else "No review of membership or terms of reference is due.")

    def _line(self) -> reviews.ReviewLine | None:
        ident = chosen_id(self.table)
        return next((x for x in self.lines if x.board_id == ident), None)

    def _chosen(self) -> None:
        line = self._line()
        if line is None:
            return
        self.chosen.setText(f"<b>{line.board}</b>")
        for name, field in self.fields.items():
            field.set_date(getattr(line, name))

    def save(self) -> None:
        line = self._line()
        if line is None:
            self.feedback.problem("Choose a board or group in the list first.")
            return
        try:
            dates = reviews.ReviewDates(**{name: field.date_value(name.replace("_", " "))
                                           for name, field in self.fields.items()})
            reviews.save_review(self.database, line.board_id, dates)
        except ValueError as exc:
            self.feedback.problem(str(exc))
            return
        self.feedback.tell(f"Saved the review dates of {line.board}.")
        row = self.table.currentRow()
        self.refresh()
        self.table.selectRow(row)
        self.changed.emit()
