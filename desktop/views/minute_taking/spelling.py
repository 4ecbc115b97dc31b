"""Spell checking in the minutes editor: a red wavy underline under misspelt words, and their
suggestions from the context menu (the menu key, Shift+F10 or a right click).

The checking itself is desktop/services/spelling; this module only draws and asks. Each item's
document has its own highlighter, so a document is checked whole once, when it is first shown,
and after that only the paragraph being typed in (QSyntaxHighlighter re-runs for changed
blocks only). The word the caret is in is left alone until the caret leaves it, so a
half-typed word never flashes red.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from functools import partial

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QKeySequence,
    QShortcut,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QMenu, QTextEdit

from desktop.services.spelling import SpellChecker, open_checker
from desktop.services.spelling.words import words_to_check
from desktop.views import colours
from desktop.views.minute_taking.editor import SHORTCUTS, MinutesEditor
from desktop.views.service_call import Problem

SUGGESTIONS_KEY = SHORTCUTS["Spelling suggestions"]


def misspelt_format(editor: QTextEdit) -> QTextCharFormat:
    """Qt draws SpellCheckUnderline as the platform's own (a wave on Windows and Linux); red
    is what every word processor uses, and the wave, not the colour, is what says it."""
    underline = QTextCharFormat()
    underline.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
    underline.setUnderlineColor(QColor(colours.text("error")))
    return underline


class SpellingHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument, checker: SpellChecker,
                 caret: Callable[[QTextDocument], int], underline: QTextCharFormat) -> None:
        super().__init__(document)
        self.checker, self.caret, self.underline = checker, caret, underline
        # (position, end) of the word left alone because the caret was in it.
        self.held: tuple[int, int] | None = None

    def highlightBlock(self, text: str) -> None:
        block_start = self.currentBlock().position()
        caret = self.caret(self.document()) - block_start
        if 0 <= caret <= len(text):
            self.held = None  # set again below if the caret is still in a misspelt word
        for start, length in self.checker.misspelt(text):
            if start < caret <= start + length:
                self.held = (block_start + start, block_start + start + length)
                continue
            self.setFormat(start, length, self.underline)


class SpellCheck(QObject):
    """Spell checking for one editor, whichever item's document it is showing."""

    @classmethod
    def attach(cls, editor: QTextEdit) -> SpellCheck | None:
        """None when the dictionary cannot be read: the minutes are taken all the same."""
        try:
            return cls(editor, open_checker())
        except Exception as exc:  # a damaged install must not stop a meeting being minuted
            print(f"boardwork: spell checking is off: {exc}", file=sys.stderr)
            return None

    def __init__(self, editor: QTextEdit, checker: SpellChecker) -> None:
        super().__init__(editor)
        self.editor, self.checker = editor, checker
        self.underline = misspelt_format(editor)
        self.highlighters: dict[QTextDocument, SpellingHighlighter] = {}
        editor.cursorPositionChanged.connect(self._caret_moved)
        # The editor hands its context menus over (not an event filter, which would call
        # into Python for every key press, release and paint as well).
        if isinstance(editor, MinutesEditor):
            editor.context_menu = self.context_menu
        else:
            editor.installEventFilter(self)
            editor.viewport().installEventFilter(self)
        shortcut = QShortcut(QKeySequence(SUGGESTIONS_KEY), editor)
        shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        shortcut.activated.connect(self.menu_at_caret)

    def follow(self, document: QTextDocument) -> None:
        """Call when the editor shows `document` (a new item)."""
        if document not in self.highlighters:
            self.highlighters[document] = SpellingHighlighter(
                document, self.checker, self._caret_in, self.underline)

    def set_names(self, names: Iterable[str]) -> None:
        if self.checker.set_names(names):
            self._recheck()

    def _recheck(self) -> None:
        for highlighter in self.highlighters.values():
            highlighter.rehighlight()

    def _caret_in(self, document: QTextDocument) -> int:
        cursor = self.editor.textCursor()
        if self.editor.document() is not document or cursor.hasSelection():
            return -1
        return cursor.position()

    def _caret_moved(self) -> None:
        highlighter = self.highlighters.get(self.editor.document())
        if highlighter is None or highlighter.held is None:
            return
        start, end = highlighter.held
        caret = self.editor.textCursor().position()
        if not start < caret <= end:
            highlighter.held = None
            block = self.editor.document().findBlock(start)
            if block.isValid():
                highlighter.rehighlightBlock(block)

    # -- suggestions --------------------------------------------------------------------
    def context_menu(self, event: QContextMenuEvent) -> None:
        if event.reason() == QContextMenuEvent.Reason.Mouse:
            self.show_menu(self.editor.cursorForPosition(event.pos()), event.globalPos())
        else:
            self.menu_at_caret()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ContextMenu and isinstance(event, QContextMenuEvent):
            self.context_menu(event)
            return True
        return super().eventFilter(watched, event)

    def menu_at_caret(self) -> QMenu:
        at = self.editor.viewport().mapToGlobal(self.editor.cursorRect().bottomLeft())
        return self.show_menu(self.editor.textCursor(), at)

    def show_menu(self, cursor: QTextCursor, at: QPoint) -> QMenu:
        menu = QMenu(self.editor)
        menu.setObjectName("spellingMenu")
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        first = self._add_suggestions(menu, cursor)
        standard = self.editor.createStandardContextMenu()
        standard.setParent(menu, standard.windowFlags())
        menu.addActions(standard.actions())
        if first is not None:
            menu.setActiveAction(first)  # Enter takes the best suggestion
        menu.popup(at)
        return menu

    def _add_suggestions(self, menu: QMenu, cursor: QTextCursor):  # type: ignore[no-untyped-def]
        found = self.word_at(cursor)
        if found is None or self.editor.isReadOnly():  # approved minutes: nothing to change
            return None
        position, word = found
        first = None
        for suggestion in self.checker.suggestions(word):
            action = menu.addAction(suggestion)
            action.triggered.connect(partial(self.replace, position, word, suggestion))
            first = first or action
        if first is None:
            menu.addAction("No suggestions").setEnabled(False)
        menu.addSeparator()
        add = menu.addAction(f"Add “{word}” to my dictionary")
        add.setObjectName("addToDictionary")
        add.triggered.connect(partial(self.add_to_dictionary, word))
        menu.addSeparator()
        return first

    def word_at(self, cursor: QTextCursor) -> tuple[int, str] | None:
        """(position, word) of the misspelt word the cursor is in or at the end of."""
        block = cursor.block()
        offset = cursor.position() - block.position()
        for start, word in words_to_check(block.text()):
            if start <= offset <= start + len(word):
                if self.checker.is_correct(word):
                    return None
                return block.position() + start, word
        return None

    def replace(self, position: int, word: str, replacement: str) -> None:
        cursor = QTextCursor(self.editor.document())
        cursor.setPosition(position)
        cursor.setPosition(position + len(word), QTextCursor.MoveMode.KeepAnchor)
        if cursor.selectedText() != word:  # the text changed while the menu was open
            return
        cursor.insertText(replacement)  # one step for Ctrl+Z
        self.editor.setTextCursor(cursor)

    def add_to_dictionary(self, word: str) -> None:
        try:
            self.checker.add_to_dictionary(word)
        except OSError as exc:
            Problem.show(self.editor, f"The word could not be added to your dictionary "
                                      f"({exc.strerror or 'the file could not be written'}).")
            return
        self._recheck()
