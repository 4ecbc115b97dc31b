"""A dialog of labelled fields, a line for a problem, and OK / Cancel: the shape of the
small forms (courses, sessions, trainers, venues, interests declared, decisions). A form that
checks what was typed overrides `accept`, says what is wrong on `problem` and returns, or
calls the base `accept`."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QVBoxLayout,
    QWidget,
)

from desktop.views import colours
from desktop.views.widgets import named


class Form(QDialog):
    """A dialog of labelled fields, a line for a problem, and OK / Cancel."""

    def __init__(self, parent: QWidget | None, title: str, name: str) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.problem = QLabel()
        self.problem.setObjectName("formProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(colours.text_style("error"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        named(buttons, "formButtons", "OK or cancel")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        self._keys_ordered = False
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def showEvent(self, event: QShowEvent) -> None:
        if not self._keys_ordered:
            self._keys_ordered = True
            fields_before_buttons(self, self.buttons)
        super().showEvent(event)

    def add(self, text: str, widget: QWidget) -> None:
        label = QLabel(text)
        label.setBuddy(widget)
        self.form.addRow(label, widget)

    def add_row(self, text: str, buddy: QWidget, row: QLayout) -> None:
        """A labelled row of several widgets; the label's mnemonic goes to `buddy`."""
        label = QLabel(text)
        label.setBuddy(buddy)
        self.form.addRow(label, row)


def fields_before_buttons(dialog: QDialog, box: QDialogButtonBox) -> None:
    """Tab goes through the fields, then the buttons, and the dialog opens in its first
    field; called as it is first shown. A dialog whose buttons are made before the fields a
    subclass adds had Tab go to OK and Cancel first and opened on OK: typing went nowhere,
    and Enter saved the form before anything was typed."""
    buttons = [b for b in box.buttons() if b.focusPolicy() & Qt.FocusPolicy.TabFocus]
    fields: list[QWidget] = []
    widget = dialog.nextInFocusChain()
    while widget is not None and widget is not dialog:
        if dialog.isAncestorOf(widget) and widget not in buttons and \
                widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isEnabled() \
                and not widget.isHidden():
            fields.append(widget)
        widget = widget.nextInFocusChain()
    if not fields or not buttons:
        return
    for before, after in zip([fields[-1], *buttons], buttons, strict=False):
        QWidget.setTabOrder(before, after)
    if dialog.focusWidget() is None or dialog.focusWidget() in buttons:
        fields[0].setFocus()
