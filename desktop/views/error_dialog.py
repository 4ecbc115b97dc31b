"""The one dialog for what went wrong: a plain message, and technical details to copy.

Shown for an error nobody caught (`install_excepthook`: a slot or a timer that raised), for
any failure of a service call other than a refusal (service_call.py), and when a background
export or import fails. The message comes from desktop/services/failures.py: an exception's
own text is only shown when it was written for people, because a SQL error carries its
statement and values, a Unicode error the text: minutes and names, out of the encrypted file.
"Copy technical details" copies exception types and code locations only, for support.
"""

from __future__ import annotations

import sys
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services.failures import describe, log_failure, technical_details

UNEXPECTED = ("Something went wrong that Boardwork did not expect, and what you were doing "
              "may not have finished. Please try again; if it happens again, copy the "
              "technical details (they hold none of your records) for whoever supports "
              "Boardwork.")


class ErrorDialog(QDialog):
    def __init__(self, parent: QWidget | None, title: str, message: str, details: str) -> None:
        super().__init__(parent)
        self.setObjectName("errorDialog")
        self.setWindowTitle(title)
        self.details = details
        self.message = QLabel(message)
        self.message.setObjectName("errorMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton("&Copy technical details")
        self.copy_button.setObjectName("copyTechnicalDetails")
        self.copy_button.setAccessibleName("Copy technical details")
        self.copy_button.setToolTip("Exception types and code locations, without your records")
        # An action role: the box neither accepts nor rejects, so copying leaves it open.
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def copy_details(self) -> None:
        QApplication.clipboard().setText(self.details)
        self.copy_button.setText("Copied")

    @staticmethod
    def ask(parent: QWidget | None, title: str, message: str, details: str) -> None:
        """Shows the dialog until closed. Tests replace this to collect what it would show."""
        ErrorDialog(parent, title, message, details).exec()


def show_failure(parent: QWidget | None, title: str, exc: BaseException,
                 lead: str = "") -> None:
    """Say what went wrong in plain words; an unexpected error is also logged (no records)."""
    failure = describe(exc)
    message = failure.message
    if not failure.expected:
        logged = log_failure(exc, "window")
        message = UNEXPECTED + (f"\n\nThe details are also in {logged}." if logged else "")
    ErrorDialog.ask(parent, title, lead + message, technical_details(exc))


def install_excepthook() -> None:
    """An error nobody caught is shown in the dialog instead of a traceback on the console."""

    def hook(kind: type[BaseException], exc: BaseException,
             trace: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt) or QApplication.instance() is None:
            sys.__excepthook__(kind, exc, trace)
            return
        if exc.__traceback__ is None:
            exc.__traceback__ = trace
        show_failure(QApplication.activeWindow(), "Boardwork", exc)

    sys.excepthook = hook
