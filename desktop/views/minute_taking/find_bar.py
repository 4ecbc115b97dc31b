"""Find and replace in the minutes (Ctrl+F, Ctrl+H): within the item, or across the meeting.

The bar sits under the text. Enter finds the next match (Shift+Enter the one before), Enter in
the replacement replaces the match and finds the next; Esc goes back to the minutes. Across
the meeting, a search moves to the next item holding the words, as the minute-taker would.
"""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextEdit,
    QWidget,
)

from desktop.services.meetings import ItemRow, MeetingRecord
from desktop.services.richtext import html_to_text


class Searchable(Protocol):
    """What the bar needs of the minute-taking view."""

    @property
    def editor(self) -> QTextEdit: ...

    @property
    def documents(self) -> dict[int, Any]: ...

    @property
    def current(self) -> ItemRow | None: ...

    @property
    def record(self) -> MeetingRecord: ...

    def go_to(self, item_id: int | None) -> None: ...


class _FindLine(QLineEdit):
    """Shift+Enter searches backwards (QLineEdit itself makes no difference)."""

    def __init__(self, bar: FindBar) -> None:
        super().__init__()
        self.bar = bar

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            backward = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            self.bar.find_match(backward=backward)
            return
        super().keyPressEvent(event)


class FindBar(QWidget):
    def __init__(self, view: Searchable) -> None:
        super().__init__()
        self.setObjectName("findBar")
        self.view = view
        self.find_text = _FindLine(self)
        self.replace_text = QLineEdit()
        self.whole_meeting = QCheckBox("Whole &meeting")
        for widget, name, accessible in (
            (self.find_text, "findText", "Find"),
            (self.replace_text, "replaceText", "Replace with"),
            (self.whole_meeting, "findWholeMeeting", "Search the whole meeting"),
        ):
            widget.setObjectName(name)
            widget.setAccessibleName(accessible)
        self.replace_text.returnPressed.connect(self.replace)
        self.message = QLabel()
        self.message.setObjectName("findMessage")
        self.message.setAccessibleDescription("Find result")
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.replace_parts: list[QWidget] = []
        for row, (caption, field, buttons) in enumerate((
            ("&Find:", self.find_text, (("&Next", "findNext", lambda: self.find_match()),
                                        ("Pre&vious", "findPrevious",
                                         lambda: self.find_match(backward=True)))),
            ("Replace &with:", self.replace_text, (("Re&place", "replaceOne", self.replace),
                                                   ("Replace &all", "replaceAll",
                                                    self.replace_all))),
        )):
            label = QLabel(caption)
            label.setBuddy(field)
            layout.addWidget(label, row, 0)
            layout.addWidget(field, row, 1)
            parts: list[QWidget] = [label, field]
            for column, (text, name, slot) in enumerate(buttons, start=2):
                button = QPushButton(text)
                button.setObjectName(name)
                button.setAccessibleName(text.replace("&", ""))
                button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # the keys stay in the fields
                button.clicked.connect(slot)
                layout.addWidget(button, row, column)
                parts.append(button)
            if row == 1:
                self.replace_parts = parts
        # Below the fields, not beside them: the bar fits a zoomed screen's narrow editor.
        layout.addWidget(self.whole_meeting, 2, 0, 1, 2)
        layout.addWidget(self.message, 2, 2, 1, 2)
        layout.setColumnStretch(1, 1)
        self.hide()

    # -- opening ------------------------------------------------------------------------
    def open(self, replace: bool = False) -> None:
        """Ctrl+F (find) or Ctrl+H (find and replace), starting from the selected words."""
        selected = self.view.editor.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.find_text.setText(selected)
        for part in self.replace_parts:
            part.setVisible(replace)
        self.message.clear()
        self.show()
        field = self.replace_text if replace and self.find_text.text() else self.find_text
        field.setFocus()
        field.selectAll()

    # -- finding ------------------------------------------------------------------------
    def _flags(self, backward: bool) -> QTextDocument.FindFlag:
        return QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)

    def find_match(self, backward: bool = False) -> bool:
        """The next (or previous) match, moving on to other items when searching the meeting."""
        text = self.find_text.text()
        self.message.clear()
        if not text:
            return False
        editor = self.view.editor
        found = editor.document().find(text, editor.textCursor(), self._flags(backward))
        if found.isNull():
            found = self._in_other_items(text, backward)
        if found.isNull():
            self.message.setText("Not found.")
            return False
        self.view.editor.setTextCursor(found)
        self.view.editor.ensureCursorVisible()
        return True

    def _in_other_items(self, text: str, backward: bool) -> QTextCursor:
        """The first match in the items after (or before) this one, wrapping round to the
        start of this item; a null cursor if there is none."""
        items = self.view.record.items
        current = self.view.current
        order = list(range(len(items)))
        if current is not None and self.whole_meeting.isChecked():
            at = next(i for i, item in enumerate(items) if item.id == current.id)
            order = order[at + 1:] + order[:at] if not backward else (
                order[:at][::-1] + order[at + 1:][::-1])
            for index in order:
                if text.lower() in self._text_of(items[index]).lower():
                    self.view.go_to(items[index].id)
                    self.find_text.setFocus()
                    break
        document = self.view.editor.document()
        start = QTextCursor(document)
        start.movePosition(QTextCursor.MoveOperation.End if backward
                           else QTextCursor.MoveOperation.Start)
        return document.find(text, start, self._flags(backward))

    def _text_of(self, item: ItemRow) -> str:
        document = self.view.documents.get(item.id)
        return document.toPlainText() if document is not None else html_to_text(
            item.minutes_html or "")

    # -- replacing ----------------------------------------------------------------------
    def _refused(self) -> bool:
        if self.view.editor.isReadOnly():
            self.message.setText("Approved minutes are amended in the meeting editor.")
            return True
        return False

    def replace(self) -> None:
        """Replace the match under the cursor, then find the next."""
        text = self.find_text.text()
        if not text or self._refused():
            return
        cursor = self.view.editor.textCursor()
        if cursor.selectedText().lower() == text.lower():
            cursor.insertText(self.replace_text.text())
        self.find_match()

    def replace_all(self) -> None:
        """Every match in this item, or in every item of the meeting; back where it began."""
        text = self.find_text.text()
        if not text or self._refused():
            return
        start = self.view.current
        items = self.view.record.items if self.whole_meeting.isChecked() else (
            [start] if start is not None else [])
        count, places = 0, 0
        for item in items:
            if text.lower() not in self._text_of(item).lower():
                continue
            self.view.go_to(item.id)
            replaced = self._replace_in(self.view.editor.document(), text)
            count, places = count + replaced, places + (replaced > 0)
        if start is not None:
            self.view.go_to(start.id)
        where = f" in {places} items" if places > 1 else ""
        self.message.setText(f"Replaced {count}{where}." if count else "Not found.")
        self.find_text.setFocus()

    def _replace_in(self, document: QTextDocument, text: str) -> int:
        """One undo step per item (the edit block is the document's, whichever cursor edits):
        Ctrl+Z in that item takes the whole replacement back."""
        replacement = self.replace_text.text()
        edit = QTextCursor(document)
        edit.beginEditBlock()
        count = 0
        found = document.find(text, 0)
        while not found.isNull():
            found.insertText(replacement)
            count += 1
            found = document.find(text, found.position())
        edit.endEditBlock()
        return count
