"""The offer to compact ("Compact now…") in a data protection dialog, after a step that
deleted or anonymised records in a database from before deletes were secure: the erase
dialog and the retention review use this one button. (The People area's anonymise, which
has no dialog, offers it in the page's message bar: compact.offer_on_page.)"""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton

from desktop.services.database import Database
from desktop.views import message_bar
from desktop.views.privacy.compact import compact, offer_text
from desktop.views.widgets import Feedback


class CompactOffer(QPushButton):
    """Hidden until `say` is told the file is from before secure deletes; a click compacts
    (asked already: the message line said what it does and how long it takes), the result
    goes to the dialog's message line and the button hides again."""

    def __init__(self, database: Database, feedback: Feedback, name: str) -> None:
        super().__init__("Compact &now…")
        self.setObjectName(name)
        self.setAccessibleName("Compact now")
        self.database = database
        self.feedback = feedback
        self.clicked.connect(self.run)
        self.hide()

    def say(self, said: str, old_file: bool) -> None:
        """The step's result in the dialog's message line; with the offer when `old_file`."""
        self.feedback.tell(said + offer_text(self.database) if old_file else said)
        self.setVisible(old_file)

    def run(self) -> None:
        def tell(kind: str, text: str) -> None:
            (self.feedback.problem if kind == message_bar.PROBLEM else self.feedback.tell)(text)

        compact(self.window(), self.database, tell, lambda _result: self.hide())
