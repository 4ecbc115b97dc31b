"""The retention schedule and its review: how long each kind of record is kept, what has
passed its period, and the one audited step that deals with it (minutes only listed)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.services.database import Database
from desktop.services.errors import InvalidInput
from desktop.services.privacy.compact import may_hold_deleted_text
from desktop.services.privacy.leftovers import BACKUPS_BEFORE
from desktop.services.privacy.review import (
    ReviewDone,
    ReviewLine,
    apply_retention,
    retention_review,
)
from desktop.services.privacy.schedule import KINDS, MAX_YEARS, load_schedule, save_schedule
from desktop.views.background import run_in_background
from desktop.views.error_dialog import show_failure
from desktop.views.privacy.compact_offer import CompactOffer
from desktop.views.privacy.table_models import ReviewModel
from desktop.views.widgets import Feedback, RowsTable, button


class Confirm:
    """Asks before the step is taken. Tests replace `ask`."""

    @staticmethod
    def ask(parent: QWidget, text: str) -> bool:
        answer = QMessageBox.question(parent, "Retention review", text)
        return answer == QMessageBox.StandardButton.Yes


class RetentionDialog(QDialog):
    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("retentionDialog")
        self.setWindowTitle("Retention schedule and review")
        self.resize(1200, 700)
        self.database = database
        self.years: dict[str, QSpinBox] = {}
        self.model = ReviewModel()
        self.table = RowsTable(self.model, "retentionReview", "Records past their period")
        self.summary = QLabel()
        self.summary.setObjectName("retentionSummary")
        self.summary.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setObjectName("retentionReason")
        self.reason.setAccessibleName("Reason for the step")
        self.reason.setPlaceholderText("e.g. Annual retention review, December 2026")
        self.feedback = Feedback("retentionFeedback")
        self.apply_button = button("&Take the step for every line not held", "applyRetention",
                                   self.apply)
        # Offered after a step that deleted or anonymised, on a file from before deletes
        # were secure (as the erase dialog does).
        self.compact_button = CompactOffer(database, self.feedback, "retentionCompact")
        self._lay_out()
        self.refresh()

    def _lay_out(self) -> None:
        schedule = load_schedule(self.database)
        group = QGroupBox("Retention schedule (0 years: kept permanently)")
        form = QFormLayout(group)
        for kind in KINDS:
            spin = QSpinBox()
            spin.setObjectName(f"years_{kind.name}")
            spin.setAccessibleName(f"{kind.label}: years")
            spin.setRange(0, MAX_YEARS)
            spin.setSuffix(" years")
            spin.setSpecialValueText("Permanent")
            spin.setValue(schedule.of(kind.name))
            spin.setToolTip(f"Counted from {kind.counted_from}. Then: {kind.what_happens}.")
            self.years[kind.name] = spin
            row = QHBoxLayout()
            row.addWidget(spin)
            note = QLabel(f"counted from {kind.counted_from}; once passed, "
                          f"{kind.what_happens}")
            note.setWordWrap(True)
            row.addWidget(note, 1)
            form.addRow(kind.label + ":", row)
        save_row = QHBoxLayout()
        save_row.addWidget(button("&Save the schedule", "saveSchedule", self.save_schedule))
        save_row.addStretch(1)
        form.addRow("", save_row)
        reason_row = QHBoxLayout()
        label = QLabel("&Reason:")
        label.setBuddy(self.reason)
        reason_row.addWidget(label)
        reason_row.addWidget(self.reason, 1)
        reason_row.addWidget(self.apply_button)
        reason_row.addWidget(self.compact_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(group)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(reason_row)
        layout.addWidget(self.feedback)
        layout.addWidget(buttons)

    def refresh(self) -> None:
        self.summary.setText("Reviewing…")
        run_in_background(self, "Reviewing the records…",
                          lambda: retention_review(self.database), self._show,
                          lambda exc: show_failure(self, "Boardwork", exc))

    def _show(self, lines: list[ReviewLine]) -> None:
        self.model.set_rows(lines)
        ready = sum(1 for line in lines if not line.held and line.step != "review")
        held = sum(1 for line in lines if line.held)
        by_hand = sum(1 for line in lines if line.step == "review")
        self.summary.setText(
            f"{len(lines)} record(s) have passed their retention period: {ready} can be dealt "
            f"with now, {held} are held (see why), {by_hand} are for review by hand (minutes "
            "are never changed automatically)." if lines else
            "Nothing has passed its retention period.")
        self.apply_button.setEnabled(ready > 0)

    def save_schedule(self) -> None:
        try:
            save_schedule(self.database, {k: s.value() for k, s in self.years.items()})
        except InvalidInput as exc:
            self.feedback.problem(exc.message)
            return
        self.feedback.tell("The retention schedule is saved.")
        self.refresh()

    def apply(self) -> None:
        reason = self.reason.text().strip()
        if not reason:
            self.feedback.problem("Give the reason for the step: it is kept in the audit "
                                  "trail.")
            self.reason.setFocus()
            return
        if not Confirm.ask(self, "Anonymise and delete what the lines say, now? This cannot "
                           "be undone. Lines held or for review by hand are left as they are."
                           f"\n\n{BACKUPS_BEFORE}"):
            return

        def done(outcome: tuple[ReviewDone, bool]) -> None:
            result, old_file = outcome
            removed = result.anonymised or result.actions_deleted or result.audit_deleted
            self.compact_button.say(
                f"Anonymised {result.anonymised} delegate(s); deleted {result.actions_deleted} "
                f"action(s) and {result.audit_deleted} audit entries. {result.left_for_review}"
                " line(s) are left for review by hand.", old_file and bool(removed))
            self.refresh()

        def failed(exc: Exception) -> None:
            if isinstance(exc, InvalidInput):
                self.feedback.problem(exc.message)
            else:
                show_failure(self, "Boardwork", exc)

        run_in_background(self, "Taking the retention step…",
                          lambda: (apply_retention(self.database, reason),
                                   may_hold_deleted_text(self.database)), done, failed)


def retention_button(parent: QWidget, database: Database) -> QPushButton:
    """For the Settings dialog: the retention schedule is a setting, edited on its screen."""
    def open_schedule() -> None:
        RetentionDialog(database, parent).exec()

    found = button("Re&tention schedule and review…", "openRetention", open_schedule)
    found.setToolTip("How long each kind of record is kept, and what has passed its period")
    return found
