"""Shown once, when a database is created: the recovery key the user must keep."""

from __future__ import annotations

from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class RecoveryKeyDialog(QDialog):
    def __init__(self, recovery_key: str, database_path: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("recoveryKeyDialog")
        self.setWindowTitle("Your recovery key")
        self.setMinimumWidth(620)
        explanation = QLabel(
            "<p>Boardwork has created an encrypted database at<br><b>"
            + database_path.replace("&", "&amp;").replace("<", "&lt;")
            + "</b></p><p>Its key is kept in this computer's keyring. If the keyring is ever "
            "lost (a rebuilt laptop profile, a new computer), this <b>recovery key</b> is the "
            "only way to open the database again. Write it down or store it in your "
            "organisation's password safe, away from this laptop. It will not be shown again.</p>"
        )
        explanation.setWordWrap(True)
        self.key_field = QLineEdit(recovery_key)
        self.key_field.setObjectName("recoveryKey")
        self.key_field.setAccessibleName("Recovery key")
        self.key_field.setReadOnly(True)
        self.key_field.setFont(QFont("DejaVu Sans Mono", 11))
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
        for widget in (explanation, self.key_field, copy, self.confirm, buttons):
            layout.addWidget(widget)
