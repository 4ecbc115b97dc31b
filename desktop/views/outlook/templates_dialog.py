"""E-mail templates: the wording of every message, the sender and signature, and each
agency's training contact. Every template is checked when saved: a field the message cannot
fill in is refused in plain words and nothing is saved."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.services.errors import InvalidInput
from desktop.services.outlook.contacts import contact_texts, save_contacts
from desktop.services.outlook.templates import (
    BY_NAME,
    COMMON,
    KINDS,
    Template,
    check_template,
    load_mail_settings,
)
from desktop.views.areas import AppContext
from desktop.views.service_call import call_service


class TemplatesDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emailTemplatesDialog")
        self.setWindowTitle("E-mail templates")
        self.resize(820, 600)
        self.context = context
        self.mail = load_mail_settings(context.database)
        self.edited = {t.kind: t for t in self.mail.templates}
        self.current: str | None = None
        tabs = QTabWidget()
        tabs.setObjectName("emailTemplateTabs")
        tabs.addTab(self._messages_tab(), "&Messages")
        tabs.addTab(self._sender_tab(), "&Sender and signature")
        tabs.addTab(self._contacts_tab(), "Agency &contacts")
        self.problem = QLabel()
        self.problem.setObjectName("templateProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: palette(link);")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.setObjectName("templateButtons")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs, 1)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.kinds.setCurrentRow(0)

    # -- tabs ------------------------------------------------------------------------
    def _messages_tab(self) -> QWidget:
        self.kinds = QListWidget()
        self.kinds.setObjectName("templateKinds")
        self.kinds.setAccessibleName("Messages")
        self.kinds.addItems([kind.label for kind in KINDS])
        self.kinds.setMaximumWidth(240)
        self.kinds.currentRowChanged.connect(self._show_kind)
        self.subject = QLineEdit()
        self.subject.setObjectName("templateSubject")
        self.subject.setAccessibleName("Subject")
        self.body = QPlainTextEdit()
        self.body.setObjectName("templateBody")
        self.body.setAccessibleName("Message")
        self.body.setTabChangesFocus(True)
        self.fields = QLabel()
        self.fields.setObjectName("templateFields")
        self.fields.setWordWrap(True)
        form = QFormLayout()
        subject_label = QLabel("S&ubject:")
        subject_label.setBuddy(self.subject)
        body_label = QLabel("Messa&ge:")
        body_label.setBuddy(self.body)
        form.addRow(subject_label, self.subject)
        form.addRow(body_label, self.body)
        form.addRow("Fields:", self.fields)
        restore = QPushButton("&Restore the wording shipped")
        restore.setObjectName("restoreTemplate")
        restore.clicked.connect(self.restore_default)
        form.addRow("", restore)
        tab = QWidget()
        row = QHBoxLayout(tab)
        row.addWidget(self.kinds)
        row.addLayout(form, 1)
        return tab

    def _sender_tab(self) -> QWidget:
        self.sender_name = QLineEdit(self.mail.sender_name)
        self.sender_name.setObjectName("senderName")
        self.sender_name.setAccessibleName("Sender name")
        self.sender_name.setPlaceholderText("LSCB Business Unit")
        self.sender_email = QLineEdit(self.mail.sender_email)
        self.sender_email.setObjectName("senderEmail")
        self.sender_email.setAccessibleName("Sender e-mail address")
        self.sender_email.setPlaceholderText("lscb@example.gov.uk")
        self.signature = QPlainTextEdit(self.mail.signature)
        self.signature.setObjectName("signature")
        self.signature.setAccessibleName("Signature")
        self.signature.setTabChangesFocus(True)
        tab = QWidget()
        form = QFormLayout(tab)
        form.addRow("Sender &name:", self.sender_name)
        form.addRow("Sender &e-mail (organiser of invitations):", self.sender_email)
        form.addRow("Si&gnature:", self.signature)
        note = QLabel("Drafts open in Outlook from your own account; the sender's address "
                      "is the organiser of calendar invitations, so replies come back to "
                      "it. Without a signature, drafts end with the organisation's name.")
        note.setWordWrap(True)
        form.addRow(note)
        return tab

    def _contacts_tab(self) -> QWidget:
        rows = contact_texts(self.context.database)
        self.contacts = QTableWidget(len(rows), 2)
        self.contacts.setObjectName("agencyContacts")
        self.contacts.setAccessibleName("Agency training contacts")
        self.contacts.setTabKeyNavigation(False)
        self.contacts.setHorizontalHeaderLabels(["Agency", "Training contact (charges go here)"])
        self.contacts.horizontalHeader().setStretchLastSection(True)
        self.contact_ids: list[int] = []
        for row, (agency_id, name, text) in enumerate(rows):
            agency = QTableWidgetItem(name)
            agency.setFlags(agency.flags() & ~agency.flags().ItemIsEditable)
            self.contacts.setItem(row, 0, agency)
            self.contacts.setItem(row, 1, QTableWidgetItem(text))
            self.contact_ids.append(agency_id)
        self.contacts.resizeColumnToContents(0)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(QLabel("Type a contact as Finance Team <finance@example.org>."))
        layout.addWidget(self.contacts)
        return tab

    # -- behaviour -------------------------------------------------------------------
    def _keep_current(self) -> None:
        if self.current is not None:
            self.edited[self.current] = Template(self.current, self.subject.text(),
                                                 self.body.toPlainText())

    def _show_kind(self, row: int) -> None:
        self._keep_current()
        if row < 0:
            return
        kind = KINDS[row]
        self.current = kind.name
        template = self.edited[kind.name]
        self.subject.setText(template.subject)
        self.body.setPlainText(template.body)
        self.fields.setText(", ".join("{" + f + "}" for f in (*kind.fields, *COMMON)))

    def restore_default(self) -> None:
        if self.current is not None:
            kind = BY_NAME[self.current]
            self.subject.setText(kind.subject)
            self.body.setPlainText(kind.body)

    def save(self) -> None:
        self._keep_current()
        templates = tuple(self.edited[kind.name] for kind in KINDS)
        for template in templates:  # show the refused one before anything is saved
            try:
                check_template(template)
            except InvalidInput:
                self.kinds.setCurrentRow([k.name for k in KINDS].index(template.kind))
                break
        contacts = {self.contact_ids[row]: (self.contacts.item(row, 1) or
                                            QTableWidgetItem("")).text()
                    for row in range(self.contacts.rowCount())}
        mail = replace(self.mail, sender_name=self.sender_name.text(),
                       sender_email=self.sender_email.text(),
                       signature=self.signature.toPlainText(), templates=templates)

        def store(_reason: str | None) -> None:
            save_contacts(self.context.database, contacts, mail)

        self.problem.clear()
        if call_service(self, store, self.problem.setText):
            self.accept()


def label_of(kind: str) -> str:
    return BY_NAME[kind].label
