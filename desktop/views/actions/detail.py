"""One action in full beside the log, and the dialogs that change it: update, edit, withdraw.

Each dialog saves through one service call when accepted; a refusal is shown inside the
dialog, next to what it is about, and the dialog stays open with nothing saved.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.services.actions import (
    RAG_NAMES,
    STATUS_NAMES,
    SUGGESTED,
    ActionDetail,
    ActionEdit,
    ActionError,
    NewUpdate,
    UnknownOwners,
)
from desktop.views import colours
from desktop.views.form_dialog import fields_before_buttons
from desktop.views.text import escape, show_date


def detail_html(detail: ActionDetail) -> str:
    row = detail.row
    facts = [
        ("Board", detail.board_name),
        ("Raised", " at ".join(filter(None, [show_date(row.raised), detail.meeting]))
         + (f", item {row.item}" if row.item else "")),
        ("Owners", ", ".join(detail.owner_names)),
        ("Due", show_date(row.due) + (" — overdue" if row.overdue else "") or "not set"),
        ("Status", row.status_name),
        ("RAG", (RAG_NAMES[row.rag] + (" (set by hand)" if row.rag_manual else
                                       " (suggested from the facts)")) if row.rag else "none"),
    ]
    table = "".join(f"<tr><td><b>{escape(k)}</b>&nbsp;</td><td>{escape(v)}</td></tr>"
                    for k, v in facts)
    history = "".join(_update_html(u.date, u.meeting, u.text, u.status, u.rag)
                      for u in detail.updates) or "<p><i>No updates yet.</i></p>"
    return (f"<h3>{escape(row.heading)}</h3><table>{table}</table>"
            f"<p>{escape(row.text)}</p><h4>Updates</h4>{history}")


def _update_html(day: dt.date, meeting: str | None, text: str, status: str | None,
                 rag: str | None) -> str:
    where = f" — {escape(meeting)}" if meeting else " — outside a meeting"
    changes = [f"status: {STATUS_NAMES[status].lower()}" if status else "",
               f"RAG: {RAG_NAMES[rag].lower()}" if rag else ""]
    changed = "; ".join(c for c in changes if c)
    return (f"<p><b>{show_date(day)}</b>{where}"
            f"{f' <i>({changed})</i>' if changed else ''}<br>{escape(text)}</p>")


NOTHING_CHOSEN = "Choose an action to see it in full."


class ActionDetailPanel(QTextBrowser):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("actionDetail")
        self.setAccessibleName("Action in full, with its updates")
        self.setOpenLinks(False)
        # While nothing is chosen the box is empty and says so by its placeholder, drawn
        # as a line of text: a document with that line in it was laid out at the page's
        # first paint, 7 % of opening the Actions area (benchmarks/FINDINGS.md, issue 19
        # session 9). A screen reader hears it as the box's description.
        self.setPlaceholderText(NOTHING_CHOSEN)
        self.setAccessibleDescription(NOTHING_CHOSEN)
        self.empty = True

    def show_detail(self, detail: ActionDetail | None) -> None:
        if detail is None:
            if not self.empty:  # asked again at each keystroke in Find: cleared once
                self.clear()
                self.setAccessibleDescription(NOTHING_CHOSEN)
        else:
            self.setHtml(detail_html(detail))
            self.setAccessibleDescription("")
        self.empty = detail is None


def _date_edit(name: str, day: dt.date) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setCalendarPopup(True)
    edit.setObjectName(name)
    return edit


def _to_date(edit: QDateEdit) -> dt.date:
    q = edit.date()
    return dt.date(q.year(), q.month(), q.day())


def _named(widget: QWidget, name: str, accessible: str) -> QWidget:
    widget.setObjectName(name)
    widget.setAccessibleName(accessible)
    return widget


class _SavingDialog(QDialog):
    """A form whose OK runs `save`; a refusal shows in `error` and keeps the dialog open."""

    def __init__(self, parent: QWidget | None, title: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.error = QLabel()
        self.error.setObjectName("dialogError")
        self.error.setStyleSheet(colours.text_style("error"))
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.setObjectName("dialogButtons")
        buttons.accepted.connect(self.try_save)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        self._keys_ordered = False
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.fields: dict[str, QWidget] = {}

    def add_field(self, label: str, field: str, widget: QWidget) -> None:
        buddy = QLabel(label)
        buddy.setBuddy(widget)
        self.form.addRow(buddy, widget)
        self.fields[field] = widget

    def showEvent(self, event: QShowEvent) -> None:
        if not self._keys_ordered:  # opened on OK, its fields after the buttons before
            self._keys_ordered = True
            fields_before_buttons(self, self.buttons)
        super().showEvent(event)

    def save(self) -> None:
        raise NotImplementedError

    def try_save(self) -> None:
        try:
            self.save()
        except ActionError as refused:
            self.error.setText(refused.message)
            self.error.show()
            field = self.fields.get(refused.field or "")
            if field is not None:
                field.setFocus()
            return
        self.accept()


class UpdateDialog(_SavingDialog):
    def __init__(self, parent: QWidget | None, heading: str,
                 save: Callable[[NewUpdate], None]) -> None:
        super().__init__(parent, f"Update on {heading}")
        self.setObjectName("actionUpdateDialog")
        self._save = save
        self.date = _named(_date_edit("updateDate", dt.date.today()), "updateDate", "Date")
        self.status = QComboBox()
        _named(self.status, "updateStatus", "New status")
        self.status.addItem("Unchanged", None)
        for value, name in STATUS_NAMES.items():
            if value != "withdrawn":
                self.status.addItem(name, value)
        self.rag = QComboBox()
        _named(self.rag, "updateRag", "New RAG rating")
        self.rag.addItem("Unchanged", None)
        self.rag.addItem("Suggested from the facts", SUGGESTED)
        for value, name in RAG_NAMES.items():
            self.rag.addItem(name + " (by hand)", value)
        self.text = QPlainTextEdit()
        _named(self.text, "updateText", "What was done or said")
        self.text.setTabChangesFocus(True)
        self.add_field("&Update:", "text", self.text)
        self.add_field("&Date:", "date", self.date)
        self.add_field("&Status:", "status", self.status)
        self.add_field("&RAG:", "rag", self.rag)
        self.resize(520, 320)

    def save(self) -> None:
        assert isinstance(self.date, QDateEdit)
        self._save(NewUpdate(self.text.toPlainText(), _to_date(self.date),
                             self.status.currentData(), self.rag.currentData()))

    @classmethod
    def ask(cls, parent: QWidget, heading: str, save: Callable[[NewUpdate], None]) -> bool:
        return cls(parent, heading, save).exec() == QDialog.DialogCode.Accepted


def parse_day(text: str) -> dt.date | None:
    """A date typed as 23/10/2018 (or 23.10.2018, as the papers write it); blank is none."""
    text = text.strip()
    if not text:
        return None
    try:
        return dt.datetime.strptime(text.replace(".", "/"), "%d/%m/%Y").date()
    except ValueError:
        raise ActionError(f"“{text}” is not a date like 23/10/2018.", "due") from None


def confirm_groups(parent: QWidget, names: tuple[str, ...]) -> bool:
    listed = ", ".join(f"“{n}”" for n in names)
    answer = QMessageBox.question(
        parent, "Owner not found",
        f"{listed} matches no person (no key, name, or initials at the raising meeting).\n\n"
        "Keep it as the name of a group, such as “CE Sub Group”?")
    return answer == QMessageBox.StandardButton.Yes


class EditDialog(_SavingDialog):
    def __init__(self, parent: QWidget | None, detail: ActionDetail,
                 save: Callable[[ActionEdit, frozenset[str]], None]) -> None:
        super().__init__(parent, f"Edit {detail.row.heading}")
        self.setObjectName("actionEditDialog")
        self._save = save
        row = detail.row
        self.title = QLineEdit(row.title or "")
        _named(self.title, "editTitle", "Title")
        self.text = QPlainTextEdit(row.text)
        _named(self.text, "editText", "What is to be done")
        self.text.setTabChangesFocus(True)
        self.owners = QLineEdit(", ".join(detail.owner_entries))
        _named(self.owners, "editOwners", "Owners, separated by commas")
        self.owners.setPlaceholderText("initials, names or groups, separated by commas")
        self.due = QLineEdit(show_date(row.due))
        _named(self.due, "editDue", "Due date")
        self.due.setPlaceholderText("dd/mm/yyyy, or blank")
        self.add_field("&Title:", "title", self.title)
        self.add_field("&Action:", "text", self.text)
        self.add_field("&Owners:", "owners", self.owners)
        self.add_field("D&ue:", "due", self.due)
        self.resize(560, 340)

    def edit(self) -> ActionEdit:
        owners = tuple(o.strip() for o in self.owners.text().split(",") if o.strip())
        return ActionEdit(self.title.text(), self.text.toPlainText(),
                          parse_day(self.due.text()), owners)

    def save(self) -> None:
        edit = self.edit()
        try:
            self._save(edit, frozenset())
        except UnknownOwners as unknown:
            if not confirm_groups(self, unknown.names):
                raise
            self._save(edit, frozenset(unknown.names))

    @classmethod
    def ask(cls, parent: QWidget, detail: ActionDetail,
            save: Callable[[ActionEdit, frozenset[str]], None]) -> bool:
        return cls(parent, detail, save).exec() == QDialog.DialogCode.Accepted


class WithdrawDialog(_SavingDialog):
    def __init__(self, parent: QWidget | None, heading: str,
                 save: Callable[[str, dt.date], None]) -> None:
        super().__init__(parent, f"Withdraw {heading}")
        self.setObjectName("actionWithdrawDialog")
        self._save = save
        note = QLabel("A withdrawn action keeps its number and its history; "
                      "say why it was raised in error.")
        note.setWordWrap(True)
        self.form.addRow(note)
        self.reason = QLineEdit()
        _named(self.reason, "withdrawReason", "Why it is withdrawn")
        self.date = _named(_date_edit("withdrawDate", dt.date.today()), "withdrawDate", "Date")
        self.add_field("&Why:", "reason", self.reason)
        self.add_field("&Date:", "date", self.date)
        self.resize(480, 160)

    def save(self) -> None:
        assert isinstance(self.date, QDateEdit)
        self._save(self.reason.text(), _to_date(self.date))

    @classmethod
    def ask(cls, parent: QWidget, heading: str, save: Callable[[str, dt.date], None]) -> bool:
        return cls(parent, heading, save).exec() == QDialog.DialogCode.Accepted
