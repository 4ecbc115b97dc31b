"""The minute-taking view's panel of what was said for the record at the current item:
interests declared (Ctrl+Shift+D) and decisions taken (Ctrl+D), entered like actions."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QListWidget, QPushButton, QVBoxLayout, QWidget

from desktop.services.database import Database
from desktop.services.meetings import decisions
from desktop.services.meetings import declarations as declared
from desktop.views.flow_layout import flow_row
from desktop.views.meetings.item_registers import (
    DECISION_KEY,
    DECLARATION_KEY,
    record_decision,
    record_declaration,
)


class ItemSaid(QWidget):
    def __init__(self, database: Database, meeting_id: int) -> None:
        super().__init__()
        self.setObjectName("itemSaid")
        self.database, self.meeting_id = database, meeting_id
        self.item_id: int | None = None
        self.items: list[tuple[int, str]] = []
        self.people: list[str] = []
        self.lines = QListWidget()
        self.lines.setObjectName("itemDeclarationsAndDecisions")
        self.lines.setAccessibleName("Interests declared and decisions at this item")
        self.lines.setWordWrap(True)
        self.decision = QPushButton(f"Decision ({DECISION_KEY})")
        self.decision.setObjectName("liveDecision")
        self.decision.clicked.connect(self.add_decision)
        self.declaration = QPushButton(f"Interest declared ({DECLARATION_KEY})")
        self.declaration.setObjectName("liveDeclaration")
        self.declaration.clicked.connect(self.add_declaration)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("<b>Interests declared and decisions</b>"))
        layout.addWidget(self.lines, 1)
        layout.addWidget(flow_row(self.decision, self.declaration))  # wraps when narrow

    def show_item(self, item_id: int, items: list[tuple[int, str]], people: list[str],
                  locked: bool) -> None:
        self.item_id, self.items, self.people = item_id, items, people
        self.decision.setEnabled(not locked)
        self.declaration.setEnabled(not locked)
        self.lines.clear()
        for line in declared.item_declarations(self.database, item_id):
            self.lines.addItem(f"Interest: {line.sentence}")
        for decision in decisions.decision_log(self.database, meeting_id=self.meeting_id):
            if decision.item_id == item_id:
                resolved = decision.text.upper().startswith("RESOLVED")
                self.lines.addItem(decision.text if resolved else f"RESOLVED: {decision.text}")
        if not self.lines.count():
            self.lines.addItem("None yet.")

    def add_decision(self) -> None:
        if self.item_id is not None and self.decision.isEnabled() and record_decision(
                self, self.database, self.meeting_id, self.items, self.item_id):
            self.show_item(self.item_id, self.items, self.people, False)

    def add_declaration(self) -> None:
        if self.item_id is not None and self.declaration.isEnabled() and record_declaration(
                self, self.database, self.items, self.item_id, self.people):
            self.show_item(self.item_id, self.items, self.people, False)
