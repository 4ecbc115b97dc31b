"""Prepare e-mails: who will get a draft (and who has no e-mail address), then one .eml per
person written into a folder, off the UI thread, and the folder opened for Outlook."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.exports.outlook_prepare import PreparedFiles, Request, prepare_emails
from desktop.services.actions.queries import OwnerRef
from desktop.services.database import Database
from desktop.services.errors import InvalidInput
from desktop.services.figures import Period
from desktop.services.outlook.drafts import INVITES, ONCE, TRAINING_KINDS
from desktop.services.outlook.preview import (
    Addressee,
    action_addressees,
    charges_addressees,
    minutes_addressees,
    training_addressees,
)
from desktop.services.outlook.templates import BY_NAME, load_mail_settings
from desktop.views.background import run_in_background
from desktop.views.error_dialog import show_failure
from desktop.views.text import escape

NO_ADDRESS = "No e-mail address"


@dataclass(frozen=True)
class About:
    """What the messages are about: one of a session, a meeting, a board's or an owner's
    actions; `title` heads the dialog."""

    title: str
    session: int | None = None
    meeting: int | None = None
    board: str | int | None = None
    owner: OwnerRef | None = None
    period: Period | None = None  # the charges of the period, to each agency

    @property
    def kinds(self) -> tuple[str, ...]:
        if self.session is not None:
            return TRAINING_KINDS
        if self.period is not None:
            return ("charges",)
        return ("minutes",) if self.meeting is not None else ("actions",)


def default_folder(kind: str) -> Path:
    documents = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
    return Path(documents) / "Boardwork e-mails" / f"{dt.datetime.now():%Y-%m-%d %H%M} {kind}"


class PrepareEmailsDialog(QDialog):
    # How the folder is opened; tests replace it.
    @staticmethod
    def open_folder(folder: Path) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def __init__(self, database: Database, about: About, kind: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("prepareEmailsDialog")
        self.setWindowTitle("Prepare e-mails")
        self.resize(720, 520)
        self.database = database
        self.about = about
        self.addressees: list[Addressee] = []
        self.prepared: PreparedFiles | None = None
        heading = QLabel(f"<b>{escape(about.title)}</b>")
        heading.setObjectName("prepareHeading")
        heading.setWordWrap(True)
        self.kind = QComboBox()
        self.kind.setObjectName("emailKind")
        self.kind.setAccessibleName("Message")
        for name in about.kinds:
            self.kind.addItem(BY_NAME[name].label, name)
        if kind in about.kinds:
            self.kind.setCurrentIndex(about.kinds.index(kind))
        self.everyone = QCheckBox("Include people &already sent this message")
        self.everyone.setObjectName("includeAlreadyTold")
        self.minutes_format = QComboBox()
        self.minutes_format.setObjectName("minutesFormat")
        self.minutes_format.setAccessibleName("Attach the minutes as")
        self.minutes_format.addItem("PDF", "pdf")
        self.minutes_format.addItem("Word", "docx")
        self.public = QCheckBox("&Public version (confidential items left out)")
        self.public.setObjectName("publicMinutes")
        self.people = QTableWidget(0, 4)
        self.people.setObjectName("emailRecipients")
        self.people.setAccessibleName("Who will get a draft")
        self.people.setHorizontalHeaderLabels(["Name", "E-mail address", "Status",
                                               "Last prepared"])
        self.people.setTabKeyNavigation(False)
        self.people.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.people.verticalHeader().hide()
        self.people.itemChanged.connect(self._ticked)
        self.people.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.people.horizontalHeader().setStretchLastSection(True)
        self.summary = QLabel()
        self.summary.setObjectName("prepareSummary")
        self.summary.setWordWrap(True)
        self.folder = QLineEdit(str(default_folder(self.current_kind())))
        self.folder.setObjectName("draftsFolder")
        self.folder.setAccessibleName("Folder for the drafts")
        browse = QPushButton("&Browse…")
        browse.setObjectName("chooseDraftsFolder")
        browse.clicked.connect(self.choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        form = QFormLayout()
        kind_label = QLabel("&Message:")
        kind_label.setBuddy(self.kind)
        form.addRow(kind_label, self.kind)
        if about.session is not None:
            form.addRow("", self.everyone)
        if about.meeting is not None:
            form.addRow("Attach &as:", self.minutes_format)
            form.addRow("", self.public)
        folder_label = QLabel("&Folder:")
        folder_label.setBuddy(self.folder)
        form.addRow(folder_label, folder_row)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.write_button = self.buttons.addButton(
            "&Write drafts", QDialogButtonBox.ButtonRole.ActionRole)
        self.write_button.setObjectName("writeDrafts")
        self.write_button.setDefault(True)
        self.write_button.clicked.connect(self.write)
        self.buttons.rejected.connect(self.reject)
        self.done_label = QLabel()
        self.done_label.setObjectName("prepareResult")
        self.done_label.setWordWrap(True)
        self.done_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.people, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.done_label)
        layout.addWidget(self.buttons)
        for signal in (self.kind.currentIndexChanged, self.everyone.toggled, self.public.toggled):
            signal.connect(lambda *_: self.refresh())
        self.kind.currentIndexChanged.connect(
            lambda *_: self.folder.setText(str(default_folder(self.current_kind()))))
        self.refresh()

    def current_kind(self) -> str:
        return str(self.kind.currentData())

    # -- who ---------------------------------------------------------------------------
    def _load(self) -> list[Addressee]:
        kind = self.current_kind()
        if self.about.session is not None:
            self.everyone.setEnabled(kind in ONCE)
            return training_addressees(self.database, kind, self.about.session,
                                       self.everyone.isChecked() and kind in ONCE)
        if self.about.meeting is not None:
            return minutes_addressees(self.database, self.about.meeting,
                                      self.public.isChecked())[1]
        if self.about.period is not None:
            return charges_addressees(self.database, self.about.period)
        return action_addressees(self.database, self.about.board, self.about.owner)

    def refresh(self) -> None:
        self.organiser = load_mail_settings(self.database).sender_email
        try:
            self.addressees = self._load()
        except InvalidInput as exc:
            self.addressees = []
            self.summary.setText(escape(exc.message))
            return
        self.people.blockSignals(True)
        self.people.setRowCount(len(self.addressees))
        for row, person in enumerate(self.addressees):
            name = QTableWidgetItem(person.recipient.name)
            if self.about.session is not None and person.recipient.email:
                # Training drafts can be left out one by one (someone told by phone).
                # Someone already sent this message is left out unless ticked again.
                name.setFlags(name.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                name.setCheckState(Qt.CheckState.Unchecked if person.last_prepared
                                   else Qt.CheckState.Checked)
            when = person.last_prepared
            cells = (name, QTableWidgetItem(person.recipient.email or NO_ADDRESS),
                     QTableWidgetItem(person.status.replace("_", " ")),
                     QTableWidgetItem(f"{when:%d/%m/%Y %H:%M}" if when else "never"))
            for column, item in enumerate(cells):
                self.people.setItem(row, column, item)
        self.people.blockSignals(False)
        self._summarise()

    def _ticked(self, item: QTableWidgetItem) -> None:
        if item.column() == 0:
            self._summarise()

    def _summarise(self) -> None:
        missing = [a.recipient.name for a in self.addressees if not a.recipient.email]
        count = len(self.addressees) - len(missing)
        if self.about.session is not None:
            count = sum(1 for row in range(self.people.rowCount())
                        if (item := self.people.item(row, 0)) is not None
                        and item.checkState() == Qt.CheckState.Checked)
        text = f"{count} draft{'' if count == 1 else 's'} will be written."
        if not self.addressees:
            text = "Nobody to write to for this message."
        if missing:
            text += f" No e-mail address for: {', '.join(missing)} (no draft; tell them " \
                    "another way or add their address)."
        if self.current_kind() in (*INVITES, "cancellation") and not self.organiser:
            text += (" The invitations will have no organiser: set the sender's e-mail "
                     "address in File > E-mail templates so replies reach the unit.")
        self.summary.setText(escape(text))
        self.write_button.setEnabled(count > 0)

    def chosen_booking_ids(self) -> tuple[int, ...] | None:
        if self.about.session is None:
            return None
        chosen = []
        for row, person in enumerate(self.addressees):
            item = self.people.item(row, 0)
            if person.recipient.booking_id is not None and (
                    not person.recipient.email
                    or (item is not None and item.checkState() == Qt.CheckState.Checked)):
                chosen.append(person.recipient.booking_id)
        return tuple(chosen)

    # -- writing -----------------------------------------------------------------------
    def choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Folder for the drafts",
                                                  self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def request(self) -> Request:
        return Request(self.current_kind(), meeting=self.about.meeting,
                       session=self.about.session, board=self.about.board,
                       owner=self.about.owner, booking_ids=self.chosen_booking_ids(),
                       period=self.about.period,
                       minutes_format=str(self.minutes_format.currentData()),
                       public=self.public.isChecked())

    def write(self) -> None:
        text = self.folder.text().strip()
        if not text:
            self.done_label.setText("Choose a folder for the drafts.")
            return
        folder = Path(text)
        request = self.request()
        self.write_button.setEnabled(False)

        def work() -> PreparedFiles:
            return prepare_emails(self.database, request, folder)

        run_in_background(self, "Writing e-mail drafts…", work,
                          lambda result: self._written(result, folder), self._failed)

    def _written(self, result: Any, folder: Path) -> None:
        self.prepared = result
        count = len(result.files)
        text = f"Wrote {count} draft{'' if count == 1 else 's'} into {folder}."
        if count:
            text += " Open each in Outlook, check it and press Send."
        self.done_label.setText(escape(text))
        self.refresh()
        if count:
            self.open_folder(folder)

    def _failed(self, exc: Exception) -> None:
        self.write_button.setEnabled(True)
        if isinstance(exc, InvalidInput):
            self.done_label.setText(escape(f"Nothing was written: {exc.message}"))
        else:
            show_failure(self, "Prepare e-mails", exc, lead="Nothing was written. ")


def kind_for(booking_status: str | None) -> str:
    """The message a booking's status most likely calls for."""
    return {"waiting": "waiting", "cancelled": "cancellation", "attended": "certificate",
            }.get(booking_status or "", "confirmation")
