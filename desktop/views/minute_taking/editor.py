"""The text editor of the minutes: the reference minutes' formatting and nothing more."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QFont,
    QKeySequence,
    QTextCharFormat,
    QTextDocument,
    QTextListFormat,
)
from PySide6.QtWidgets import QTextEdit, QWidget

from desktop.services.richtext import sanitise_html

# Every formatting shortcut, and Ctrl+Tab, is held with Ctrl: keys without it are typing.
_FORMATTING_MODIFIERS = Qt.KeyboardModifier.ControlModifier

SHORTCUTS = {
    "Bold": "Ctrl+B",
    "Italic": "Ctrl+I",
    "Underline": "Ctrl+U",
    "Bulleted list": "Ctrl+Shift+L",
    "Numbered list": "Ctrl+Shift+7",
    "Spelling suggestions": "Shift+F10",  # also the menu key; bound in spelling.py
}


class MinutesEditor(QTextEdit):
    """Bold, italic, underline, bulleted and numbered lists, by the usual keys.

    Whatever is pasted keeps only those (fonts, colours, tables and images are dropped), so
    the document never holds more than the stored subset can say.
    """

    # The text of a line just ended with Enter: the view looks there for "Action: …".
    line_finished = Signal(str)
    # Shows the context menu instead of Qt's own (the spell check's, with suggestions).
    context_menu: Callable[[QContextMenuEvent], None] | None = None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("minutesEditor")
        self.setAccessibleName("Minutes of the current item")
        self.setAcceptRichText(True)
        self.setTabChangesFocus(False)
        font = self.font()
        font.setPointSize(max(font.pointSize(), 11))
        self.setFont(font)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        # The viewport's (a right click) come here too, at the viewport's coordinates.
        if self.context_menu is None:
            super().contextMenuEvent(event)
        else:
            self.context_menu(event)

    def keyPressEvent(self, event):  # type: ignore[no-untyped-def]
        if not event.modifiers() & _FORMATTING_MODIFIERS:  # a letter: no shortcut to look for
            self._key_press(event)
            return
        handlers = {
            QKeySequence(SHORTCUTS["Bold"]): self.toggle_bold,
            QKeySequence(SHORTCUTS["Italic"]): lambda: self.setFontItalic(not self.fontItalic()),
            QKeySequence(SHORTCUTS["Underline"]):
                lambda: self.setFontUnderline(not self.fontUnderline()),
            QKeySequence(SHORTCUTS["Bulleted list"]):
                lambda: self.toggle_list(QTextListFormat.Style.ListDisc),
            QKeySequence(SHORTCUTS["Numbered list"]):
                lambda: self.toggle_list(QTextListFormat.Style.ListDecimal),
        }
        if event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and \
                event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            # Tab indents the minutes; Ctrl+Tab (Ctrl+Shift+Tab) leaves them, so the
            # keyboard is never trapped here (WCAG 2.1.2).
            backwards = event.key() == Qt.Key.Key_Backtab or \
                bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            self.setTabChangesFocus(True)  # a text box refuses to pass the focus otherwise
            self.focusNextPrevChild(not backwards)
            self.setTabChangesFocus(False)
            return
        pressed = QKeySequence(event.keyCombination())
        for sequence, handler in handlers.items():
            if pressed.matches(sequence) == QKeySequence.SequenceMatch.ExactMatch:
                handler()
                return
        self._key_press(event)

    def _key_press(self, event):  # type: ignore[no-untyped-def]
        ends_line = (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                     and event.modifiers() == Qt.KeyboardModifier.NoModifier)
        line = self.textCursor().block().text() if ends_line else ""
        super().keyPressEvent(event)
        if line.strip():
            self.line_finished.emit(line)

    def toggle_bold(self) -> None:
        bold = self.fontWeight() > QFont.Weight.Normal
        self.setFontWeight(QFont.Weight.Normal if bold else QFont.Weight.Bold)

    def toggle_list(self, style: QTextListFormat.Style) -> None:
        cursor = self.textCursor()
        current = cursor.currentList()
        if current is not None and current.format().style() == style:
            block = cursor.blockFormat()
            current.remove(cursor.block())
            block.setIndent(0)
            cursor.setBlockFormat(block)
            return
        list_format = QTextListFormat()
        list_format.setStyle(style)
        cursor.createList(list_format)

    def insertFromMimeData(self, source: QMimeData) -> None:
        if source.hasHtml():
            self.textCursor().insertHtml(sanitise_html(source.html()))
        elif source.hasText():
            self.textCursor().insertText(source.text(), QTextCharFormat())
        else:
            super().insertFromMimeData(source)

    def minutes_html(self) -> str:
        return sanitise_html(self.toHtml())


def new_document(editor: MinutesEditor, html: str) -> QTextDocument:
    """A document per item, so each keeps its own undo history while the meeting runs."""
    document = QTextDocument(editor)
    document.setDefaultFont(editor.font())
    document.setHtml(html)
    document.setModified(False)
    document.clearUndoRedoStacks()
    return document
