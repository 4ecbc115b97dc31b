"""Shown once, when a database is created: the recovery key the user must keep."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.views.text import escape


def key_in_two_lines(recovery_key: str) -> str:
    """Sixteen groups of four as two lines of eight: easy to copy by hand without slips."""
    groups = recovery_key.split("-")
    half = len(groups) // 2
    return "-".join(groups[:half]) + "-\n" + "-".join(groups[half:])


class RecoveryKeyDialog(QDialog):
    def __init__(self, recovery_key: str, database_path: str, in_keyring: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryKeyDialog")
        self.setWindowTitle("Your recovery key")
        self.setMinimumWidth(640)
        kept = ("Its key is kept in this computer's keyring. If the keyring is ever lost "
                "(a rebuilt laptop profile, a new computer), this <b>recovery key</b> is the "
                "only way to open the database again." if in_keyring else
                "Its key was given in BOARDWORK_DATABASE_KEY and is not kept anywhere else: "
                "this <b>recovery key</b> (the same key) is the only way to open it again.")
        explanation = QLabel(
            f"<p>Boardwork has created an encrypted database at<br><b>{escape(database_path)}"
            f"</b></p><p>{kept} Write it down or store it in your organisation's password "
            "safe, away from this laptop. It will not be shown again.</p>"
        )
        explanation.setWordWrap(True)
        self.key_label = QLabel(key_in_two_lines(recovery_key))
        self.key_label.setObjectName("recoveryKey")
        # Read as the key itself (an accessible name would be read instead of it).
        self.key_label.setAccessibleDescription("Recovery key")
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                               | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.key_label.setFont(QFont("DejaVu Sans Mono", 13))
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # The key in the theme's own field colours: readable on every theme, dark or high contrast.
        self.key_label.setStyleSheet("background: palette(base); color: palette(text); "
                                     "border: 1px solid palette(text); padding: 8px;")
        copy = QPushButton("&Copy to clipboard")
        copy.setObjectName("copyRecoveryKey")
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(recovery_key))
        self.confirm = QCheckBox("I have kept the recovery key somewhere safe")
        self.confirm.setObjectName("confirmKept")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setEnabled(False)
        self.confirm.toggled.connect(self.ok_button.setEnabled)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        for widget in (explanation, self.key_label, copy, self.confirm, buttons):
            layout.addWidget(widget)
