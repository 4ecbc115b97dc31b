"""Approving minutes: the amendments the board agreed, made to the text itself.

The board approves the last meeting's minutes "subject to" corrections. Each correction to
an item is made here in its text and recorded, in words, as an amendment dated by the
approving meeting; other amendments (to the attendance, say) are listed one a line.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.services.meetings import ItemRow, TextChange
from desktop.views.text import escape


@dataclass(frozen=True)
class Approval:
    amendments: list[str]  # agreed, not made to an item's text
    changes: tuple[TextChange, ...] = ()  # made to the text of items


class ApprovalForm(QDialog):
    def __init__(self, parent: QWidget | None, meeting: str, items: list[ItemRow]) -> None:
        super().__init__(parent)
        self.setWindowTitle("Approve minutes")
        self.items = items
        self.edited: dict[int, tuple[str, str]] = {}  # item id -> (minutes html, what changed)
        self.shown: int | None = None
        self.loaded = ""  # the shown item's text as loaded, to tell whether it was changed
        self.item = QComboBox()
        self.item.setObjectName("approvalItem")
        self.item.setAccessibleName("Item to amend")
        self.item.addItem("(no change to an item's text)", None)
        for row in items:
            self.item.addItem(f"{row.number} {row.title}".strip(), row.id)
        self.text = QTextEdit()
        self.text.setObjectName("approvalText")
        self.text.setAccessibleName("Minutes of the item")
        self.text.setTabChangesFocus(True)
        self.what = QLineEdit()
        self.what.setObjectName("approvalWhat")
        self.what.setAccessibleName("What was changed")
        self.what.setPlaceholderText("e.g. 'Smith' corrected to 'Smyth'")
        self.others = QPlainTextEdit()
        self.others.setObjectName("approvalOthers")
        self.others.setAccessibleName("Other amendments agreed, one a line")
        self.others.setTabChangesFocus(True)
        self.others.setMaximumHeight(90)
        self.message = QLabel()
        self.message.setObjectName("approvalMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        self._lay_out(meeting)
        self.item.currentIndexChanged.connect(self._show_item)
        self._show_item()

    def _lay_out(self, meeting: str) -> None:
        form = QFormLayout()
        form.addRow("&Item to amend:", self.item)
        form.addRow("Its &minutes:", self.text)
        form.addRow("&What was changed:", self.what)
        form.addRow("&Other amendments:", self.others)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("&Approve")
        ok.setObjectName("approvalOk")
        buttons.accepted.connect(self._approve)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        intro = QLabel(f"Approve the minutes of {escape(meeting)} as an accurate record. "
                       "Where the board agreed a correction, choose the item, correct its "
                       "text and say what was changed.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(form, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(720, 520)

    def _keep_shown(self) -> None:
        """What was typed for the item on show is kept when another is chosen."""
        if self.shown is None:
            return
        # Compared with the text as loaded: a programmatic edit (paste, undo) counts too.
        if self.text.toHtml() != self.loaded or self.shown in self.edited:
            self.edited[self.shown] = (self.text.toHtml(), self.what.text())

    def _show_item(self) -> None:
        self._keep_shown()
        item_id = self.item.currentData()
        self.shown = item_id
        row = next((r for r in self.items if r.id == item_id), None)
        html, what = self.edited.get(item_id, (row.minutes_html if row else "", ""))
        self.text.setHtml(html)
        self.loaded = self.text.toHtml()
        self.text.setEnabled(row is not None)
        self.what.setText(what)
        self.what.setEnabled(row is not None)

    def _approve(self) -> None:
        self._keep_shown()
        for item_id, (_html, what) in self.edited.items():
            if not what.strip():
                index = self.item.findData(item_id)
                self.item.setCurrentIndex(index)
                self.message.setText(f"Say what was changed in {self.item.itemText(index)}.")
                self.message.show()
                self.what.setFocus()
                return
        self.accept()

    def approval(self) -> Approval:
        others = [line for line in self.others.toPlainText().splitlines() if line.strip()]
        changes = tuple(TextChange(item_id, html, what)
                        for item_id, (html, what) in self.edited.items())
        return Approval(others, changes)


class ApprovalDialog:
    """Asks for the amendments agreed when approving. Tests replace `ask`."""

    @staticmethod
    def ask(parent: QWidget, meeting: str, items: list[ItemRow]) -> Approval | None:
        form = ApprovalForm(parent, meeting, items)
        return form.approval() if form.exec() == QDialog.DialogCode.Accepted else None
