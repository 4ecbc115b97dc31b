"""Choosing the duplicate record to fold into the person being kept, and merging it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop.services.database import Database
from desktop.services.merge import MergeRefused, MergeResult, merge_people
from desktop.services.people import list_people
from desktop.views.text import escape
from desktop.views.widgets import Feedback


class MergeDialog(QDialog):
    def __init__(self, database: Database, keep_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mergeDialog")
        self.setWindowTitle("Merge a duplicate")
        self.database = database
        self.keep_id = keep_id
        self.result_of_merge: MergeResult | None = None
        people = list_people(database)
        kept = next(p for p in people if p.id == keep_id)
        self.duplicate = QComboBox()
        self.duplicate.setObjectName("mergeDuplicate")
        self.duplicate.setAccessibleName("Duplicate to merge")
        self.duplicate.setEditable(True)
        # As wide as a name, not as the longest name: the dialog fits a zoomed screen.
        self.duplicate.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.duplicate.setMinimumContentsLength(30)
        self.duplicate.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for person in people:
            if person.id != keep_id:
                agency = f" ({person.agency})" if person.agency else ""
                self.duplicate.addItem(f"{person.display_name}{agency}", person.id)
        completer = self.duplicate.completer()
        if completer is not None:
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.duplicate.setCurrentIndex(-1)
        self.feedback = Feedback("mergeMessage")
        explain = QLabel(
            f"Keep <b>{escape(kept.display_name)}</b>. Every attendance, seat, deputising, "
            "action and booking of the duplicate moves to them, blank details are filled from "
            "the duplicate, and the duplicate is deleted. The audit trail records it all.")
        explain.setWordWrap(True)
        buttons = QDialogButtonBox()
        merge = buttons.addButton("&Merge", QDialogButtonBox.ButtonRole.AcceptRole)
        merge.setObjectName("mergeConfirm")
        merge.setAccessibleName("Merge")
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("mergeCancel")
        cancel.setAccessibleName("Cancel")
        buttons.accepted.connect(self.merge)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("&Duplicate:", self.duplicate)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addWidget(self.feedback)
        layout.addWidget(buttons)
        self.resize(560, 220)

    def merge(self) -> None:
        index = self.duplicate.findText(self.duplicate.currentText())
        duplicate_id = self.duplicate.itemData(index) if index >= 0 else None
        if duplicate_id is None:
            self.feedback.problem("Choose the duplicate from the list.")
            return
        try:
            self.result_of_merge = merge_people(self.database, self.keep_id, duplicate_id)
        except MergeRefused as exc:
            self.feedback.problem(exc.message)
            return
        self.accept()
