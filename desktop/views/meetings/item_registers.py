"""Interests declared and decisions taken at a meeting's items: the two small forms (used by
the meeting editor and the minute-taking view) and the editor's tab that lists them."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services.database import Database
from desktop.services.meetings import decisions
from desktop.services.meetings import declarations as declared
from desktop.views.flow_layout import flow_row, wrapped
from desktop.views.form_dialog import Form
from desktop.views.service_call import call_service

# Keys of the minute-taking view (and shown on the editor's buttons).
DECISION_KEY = "Ctrl+D"
DECLARATION_KEY = "Ctrl+Shift+D"


@dataclass(frozen=True)
class DeclarationEntry:
    item_id: int
    who: str
    interest: str
    withdrew: bool


def _item_combo(items: list[tuple[int, str]], chosen: int | None,
                none_label: str | None = None) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName("registerItem")
    combo.setAccessibleName("Agenda item")
    if none_label:
        combo.addItem(none_label, None)
    for item_id, label in items:
        combo.addItem(label, item_id)
    index = combo.findData(chosen)
    combo.setCurrentIndex(max(0, index))
    return combo


class DeclarationDialog(Form):
    """Who declared (a name, or initials of someone at the meeting), the interest, and
    whether they withdrew for the item."""

    def __init__(self, parent: QWidget | None, items: list[tuple[int, str]],
                 item_id: int | None, people: list[str]) -> None:
        super().__init__(parent, "Interest declared", "declarationDialog")
        self.setMinimumWidth(520)
        self.entry: DeclarationEntry | None = None
        self.item = _item_combo(items, item_id)
        self.who = QComboBox()
        self.who.setObjectName("declarationWho")
        self.who.setAccessibleName("Who declared")
        self.who.setEditable(True)
        self.who.addItems(people)
        self.who.setCurrentIndex(-1)
        self.interest = QLineEdit()
        self.interest.setObjectName("declarationInterest")
        self.interest.setAccessibleName("The interest")
        self.interest.setPlaceholderText("e.g. Trustee of Youth Trust, which the report funds")
        self.withdrew = QCheckBox("They &withdrew from the meeting for this item")
        self.withdrew.setObjectName("declarationWithdrew")
        self.add("&Item:", self.item)
        self.add("W&ho:", self.who)
        self.add("I&nterest:", self.interest)
        self.form.addRow("", self.withdrew)
        self.who.setFocus()

    def accept(self) -> None:
        who, interest = self.who.currentText().strip(), self.interest.text().strip()
        if not who or not interest:
            self.problem.setText("Say who declared an interest, and what it is.")
            return
        self.entry = DeclarationEntry(self.item.currentData(), who, interest,
                                      self.withdrew.isChecked())
        super().accept()

    @staticmethod
    def ask(parent: QWidget | None, items: list[tuple[int, str]], item_id: int | None,
            people: list[str]) -> DeclarationEntry | None:
        """Tests replace this."""
        dialog = DeclarationDialog(parent, items, item_id, people)
        dialog.exec()
        return dialog.entry


class DecisionDialog(Form):
    """What was decided, at which item."""

    def __init__(self, parent: QWidget | None, items: list[tuple[int, str]],
                 item_id: int | None) -> None:
        super().__init__(parent, "Decision", "decisionDialog")
        self.setMinimumWidth(560)
        self.entry: tuple[int | None, str] | None = None
        self.item = _item_combo(items, item_id, "(no item: the meeting as a whole)")
        self.text = QPlainTextEdit()
        self.text.setObjectName("decisionText")
        self.text.setAccessibleName("What was decided")
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText("e.g. The Board agreed the Section 11 audit plan.")
        self.text.setFixedHeight(90)
        self.add("&Item:", self.item)
        self.add("&Decided:", self.text)
        self.text.setFocus()

    def accept(self) -> None:
        text = self.text.toPlainText().strip()
        if not text:
            self.problem.setText("Say what was decided.")
            return
        self.entry = (self.item.currentData(), text)
        super().accept()

    @staticmethod
    def ask(parent: QWidget | None, items: list[tuple[int, str]],
            item_id: int | None) -> tuple[int | None, str] | None:
        """Tests replace this."""
        dialog = DecisionDialog(parent, items, item_id)
        dialog.exec()
        return dialog.entry


def record_declaration(parent: QWidget, database: Database, items: list[tuple[int, str]],
                       item_id: int | None, people: list[str]) -> bool:
    """Ask, then record (with a reason when the minutes are approved). True if recorded."""
    entry = DeclarationDialog.ask(parent, items, item_id, people)
    return entry is not None and call_service(parent, lambda reason: declared.add_declaration(
        database, entry.item_id, entry.who, entry.interest, entry.withdrew, reason=reason))


def record_decision(parent: QWidget, database: Database, meeting_id: int,
                    items: list[tuple[int, str]], item_id: int | None) -> bool:
    entry = DecisionDialog.ask(parent, items, item_id)
    return entry is not None and call_service(parent, lambda reason: decisions.add_decision(
        database, meeting_id, entry[0], entry[1], reason=reason))


class ItemRegistersTab(QWidget):
    """The meeting editor's tab: every interest declared and decision taken, by item."""

    changed = Signal()

    def __init__(self, database: Database) -> None:
        super().__init__()
        self.setObjectName("itemRegistersTab")
        self.database = database
        self.meeting_id: int | None = None
        self.items: list[tuple[int, str]] = []
        self.people: list[str] = []
        self.declarations = QListWidget()
        self.declarations.setObjectName("meetingDeclarations")
        self.declarations.setAccessibleName("Interests declared")
        self.decisions = QListWidget()
        self.decisions.setObjectName("meetingDecisions")
        self.decisions.setAccessibleName("Decisions")
        for listing in (self.declarations, self.decisions):
            listing.setWordWrap(True)  # a declaration is a sentence: read whole, not scrolled
        add_declaration = QPushButton(f"Interest declared… ({DECLARATION_KEY})")
        add_declaration.setObjectName("addDeclaration")
        add_declaration.clicked.connect(self.add_declaration)
        remove_declaration = QPushButton("Remove the declaration")
        remove_declaration.setObjectName("removeDeclaration")
        remove_declaration.clicked.connect(self.remove_declaration)
        add_decision = QPushButton(f"Decision… ({DECISION_KEY})")
        add_decision.setObjectName("addDecision")
        add_decision.clicked.connect(self.add_decision)
        remove_decision = QPushButton("Remove the decision")
        remove_decision.setObjectName("removeDecision")
        remove_decision.clicked.connect(self.remove_decision)
        layout = QVBoxLayout(self)
        for title, listing, buttons in (
                ("Interests declared at items", self.declarations,
                 (add_declaration, remove_declaration)),
                ("Decisions (printed under their item; every meeting's in People and groups "
                 "→ Interests, decisions, reviews)", self.decisions,
                 (add_decision, remove_decision))):
            layout.addWidget(wrapped(f"<b>{title}</b>"))
            layout.addWidget(listing, 1)
            layout.addWidget(flow_row(*buttons))  # wraps at 200 % rather than scrolling
        self.selected_item: int | None = None  # the agenda tab's, offered first

    def show_meeting(self, meeting_id: int, items: list[tuple[int, str]],
                     people: list[str]) -> None:
        self.meeting_id, self.items, self.people = meeting_id, items, people
        labels = dict(items)
        self.declarations.clear()
        for item_id, label in items:
            for line in declared.item_declarations(self.database, item_id):
                row = QListWidgetItem(f"{label}: {line.sentence}")
                row.setData(256, line.id)
                self.declarations.addItem(row)
        self.decisions.clear()
        for decision in decisions.decision_log(self.database, meeting_id=meeting_id):
            where = labels.get(decision.item_id, "") if decision.item_id else "No item"
            row = QListWidgetItem(f"{where}: {decision.text}")
            row.setData(256, decision.id)
            self.decisions.addItem(row)

    def add_declaration(self) -> None:
        if self.meeting_id is not None and self.items and record_declaration(
                self, self.database, self.items, self.selected_item, self.people):
            self.changed.emit()

    def add_decision(self) -> None:
        if self.meeting_id is not None and record_decision(
                self, self.database, self.meeting_id, self.items, self.selected_item):
            self.changed.emit()

    def remove_declaration(self) -> None:
        row = self.declarations.currentItem()
        if row is not None and call_service(self, lambda reason: declared.remove_declaration(
                self.database, row.data(256), reason)):
            self.changed.emit()

    def remove_decision(self) -> None:
        row = self.decisions.currentItem()
        if row is not None and call_service(self, lambda reason: decisions.remove_decision(
                self.database, row.data(256), reason)):
            self.changed.emit()
