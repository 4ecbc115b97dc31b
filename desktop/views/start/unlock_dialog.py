"""At start, when this computer's keyring has no key for the database (a rebuilt laptop, a
new Windows profile): the recovery key is asked for, instead of a message and an exit."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.services import maintenance
from desktop.services.database import CannotOpen, KeyProblem, KeyStore
from desktop.views import colours
from desktop.views.text import escape

WRONG_KEY = ("That recovery key does not open this database. Check each group of four "
             "against the copy you kept (0 and O, 8 and B are easily mixed up) and try again.")


class UnlockDialog(QDialog):
    """Accepted only once the key given opens the database and is back in the keyring."""

    def __init__(self, path: Path, keys: KeyStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unlockDialog")
        self.setWindowTitle("Unlock the database")
        self.setMinimumWidth(740)  # the whole key in sight: 79 characters
        self.path = path
        self.keys = keys
        intro = QLabel(
            f"<p>The database <b>{escape(str(path))}</b> is encrypted, and this computer's "
            "keyring does not hold its key (this happens on a new or rebuilt computer, or a "
            "new Windows profile).</p><p>Type the <b>recovery key</b> that was shown when the "
            "database was made: 64 letters and digits in groups of four. It is put back in "
            "the keyring, so you will not be asked again on this computer.</p>")
        intro.setWordWrap(True)
        label = QLabel("&Recovery key:")
        self.key_field = QLineEdit()
        self.key_field.setObjectName("recoveryKeyField")
        self.key_field.setAccessibleName("Recovery key")
        self.key_field.setPlaceholderText("XXXX-XXXX-XXXX-…")
        self.key_field.setFont(QFont("DejaVu Sans Mono", 10))
        label.setBuddy(self.key_field)
        self.message = QLabel()
        self.message.setObjectName("unlockMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(colours.text_style("error"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.unlock_button = buttons.addButton("&Unlock", QDialogButtonBox.ButtonRole.AcceptRole)
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.setDefault(True)
        buttons.accepted.connect(self.unlock)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (intro, label, self.key_field, self.message):
            layout.addWidget(widget)
        layout.addStretch(1)  # extra height below the message, not between label and field
        layout.addWidget(buttons)

    def unlock(self) -> None:
        text = self.key_field.text().strip()
        if not text:
            self._say("Type the recovery key first.")
            return
        try:
            # Opening with a raw key is quick (no key derivation): no need for a thread.
            maintenance.unlock_database(self.path, self.keys, text)
        except CannotOpen:
            self._say(WRONG_KEY)
            return
        except KeyProblem as exc:  # not 64 hex digits, or a keyring that refuses to store
            self._say(str(exc))
            return
        self.accept()

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.key_field.setFocus()
        self.key_field.selectAll()
