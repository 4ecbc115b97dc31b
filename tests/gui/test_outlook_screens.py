"""The "Prepare e-mails" step and the e-mail templates, driven as the coordinator would."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QPushButton
from sqlalchemy import select

from desktop.exports.outlook_prepare import Request, prepare_emails
from desktop.models import Action, ActionOwner, Meeting, PreparedMessage
from desktop.services.outlook.templates import load_mail_settings
from desktop.views.areas import AppContext
from desktop.views.notices import Notices
from desktop.views.outlook.prepare_dialog import About, PrepareEmailsDialog
from desktop.views.outlook.templates_dialog import TemplatesDialog
from tests.outlook_data import make_records
from tests.support.mnemonics import every_page


def _dialog(qtbot, database, about: About, kind: str, monkeypatch,
            opened: list[Path]) -> PrepareEmailsDialog:
    monkeypatch.setattr(PrepareEmailsDialog, "open_folder",
                        staticmethod(lambda folder: opened.append(folder)))
    dialog = PrepareEmailsDialog(database, about, kind)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_session_drafts_list_who_has_no_address_and_write_one_each(
        qtbot, database, tmp_path, monkeypatch) -> None:
    records = make_records(database)
    opened: list[Path] = []
    dialog = _dialog(qtbot, database, About("Graded Care Profile: 10/03/2026",
                                            session=records.session_id),
                     "confirmation", monkeypatch, opened)
    names = [dialog.people.item(r, 0).text() for r in range(dialog.people.rowCount())]
    assert names == ["Kit Jones", "Sam Patel", "Dr Zoë Brontë"]  # by name
    assert dialog.people.item(0, 1).text() == "No e-mail address"
    assert "2 drafts will be written" in dialog.summary.text()
    assert "No e-mail address for: Kit Jones" in dialog.summary.text()
    assert "no organiser" in dialog.summary.text()  # no sender address set yet
    # Sam was told on the phone: left out.
    dialog.people.item(1, 0).setCheckState(Qt.CheckState.Unchecked)
    folder = tmp_path / "drafts"
    dialog.folder.setText(str(folder))
    qtbot.mouseClick(dialog.write_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(opened), timeout=20_000)
    assert opened == [folder]
    assert [p.name for p in folder.iterdir()] == ["01 confirmation - Dr Zoë Brontë.eml"]
    assert "Wrote 1 draft" in dialog.done_label.text()
    assert dialog.people.item(2, 3).text() != "never"  # recorded, and shown
    assert dialog.people.item(1, 3).text() == "never"
    with database.session() as s:
        assert s.scalars(select(PreparedMessage.kind)).all() == ["confirmation"]


def test_someone_already_sent_the_message_is_left_out_unless_ticked(
        qtbot, database, tmp_path, monkeypatch) -> None:
    records = make_records(database)
    prepare_emails(database, Request("confirmation", session=records.session_id,
                                     booking_ids=(records.bookings["Sam Patel"],)), tmp_path)
    dialog = _dialog(qtbot, database, About("x", session=records.session_id), "confirmation",
                     monkeypatch, [])
    sam, zoe = dialog.people.item(1, 0), dialog.people.item(2, 0)
    assert sam.checkState() == Qt.CheckState.Unchecked
    assert zoe.checkState() == Qt.CheckState.Checked
    assert "1 draft will be written" in dialog.summary.text()
    sam.setCheckState(Qt.CheckState.Checked)
    assert "2 drafts will be written" in dialog.summary.text()
    zoe.setCheckState(Qt.CheckState.Unchecked)
    sam.setCheckState(Qt.CheckState.Unchecked)
    assert not dialog.write_button.isEnabled()


def test_the_kind_can_be_changed_and_nobody_means_no_button(qtbot, database, tmp_path,
                                                            monkeypatch) -> None:
    records = make_records(database)
    dialog = _dialog(qtbot, database, About("x", session=records.session_id), "certificate",
                     monkeypatch, [])
    assert dialog.people.rowCount() == 0 and not dialog.write_button.isEnabled()
    assert "Nobody to write to" in dialog.summary.text()
    dialog.kind.setCurrentIndex(dialog.kind.findData("waiting"))
    assert dialog.people.item(0, 0).text() == "Ann Lee" and dialog.write_button.isEnabled()
    assert "waiting" in dialog.folder.text()


def test_minutes_go_to_the_chair_while_draft(qtbot, database, tmp_path, monkeypatch) -> None:
    records = make_records(database)
    opened: list[Path] = []
    dialog = _dialog(qtbot, database, About("Minutes", meeting=records.meeting_id), "minutes",
                     monkeypatch, opened)
    assert dialog.people.item(0, 0).text() == "Dr Zoë Brontë"
    assert dialog.people.item(0, 2).text() == "chair"
    dialog.public.setChecked(True)  # the public version goes to every member
    assert dialog.people.rowCount() == 3
    dialog.folder.setText(str(tmp_path / "m"))
    qtbot.mouseClick(dialog.write_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(opened), timeout=20_000)
    assert len(list((tmp_path / "m").glob("*.eml"))) == 2
    with database.session() as s:
        assert set(s.scalars(select(PreparedMessage.meeting_id))) == {records.meeting_id}


def test_action_owners_from_the_board(qtbot, database, monkeypatch) -> None:
    records = make_records(database)
    with database.transaction() as s:
        meeting = s.get(Meeting, records.meeting_id)
        assert meeting is not None
        action = Action(board_id=meeting.board_id, number=1, text="Audit",
                        due=dt.date(2020, 1, 1))
        action.owners.append(ActionOwner(person_id=records.people["Kit Jones"]))
        s.add(action)
        board_id = meeting.board_id
    dialog = _dialog(qtbot, database, About("Actions", board=board_id), "actions",
                     monkeypatch, [])
    assert dialog.people.item(0, 0).text() == "Kit Jones"
    assert not dialog.write_button.isEnabled()
    assert "No e-mail address for: Kit Jones" in dialog.summary.text()


def test_templates_refuse_an_unknown_field_then_save(qtbot, database, problems) -> None:
    dialog = TemplatesDialog(AppContext(database, Notices()))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.kinds.setCurrentRow(5)  # the reminder
    subject = dialog.findChild(QLineEdit, "templateSubject")
    body = dialog.findChild(QPlainTextEdit, "templateBody")
    assert subject is not None and body is not None
    assert subject.text().startswith("Reminder")
    body.setPlainText("Dear {delgate}, see you.")
    dialog.kinds.setCurrentRow(0)
    dialog.save()
    problem = dialog.findChild(QLabel, "templateProblem")
    assert problem is not None and "{delgate}, which it cannot fill in" in problem.text()
    assert dialog.kinds.currentRow() == 5  # the message at fault is shown
    assert dialog.result() == 0
    assert load_mail_settings(database).template("reminder").body.startswith("Dear {delegate}")
    restore = dialog.findChild(QPushButton, "restoreTemplate")
    assert restore is not None
    restore.click()
    assert body.toPlainText().startswith("Dear {delegate},\n\nThis is a reminder")
    body.setPlainText("Dear {delegate}, see you at {venue}.")
    dialog.sender_email.setText("lscb@example.gov.uk")
    dialog.signature.setPlainText("Business Unit")
    dialog.save()
    assert dialog.result() == 1
    mail = load_mail_settings(database)
    assert mail.template("reminder").body == "Dear {delegate}, see you at {venue}."
    assert mail.sender_email == "lscb@example.gov.uk" and mail.signature == "Business Unit"


def test_no_mnemonic_clashes(qtbot, database) -> None:
    records = make_records(database)
    found: list[str] = []
    for dialog in (PrepareEmailsDialog(database, About("x", session=records.session_id)),
                   PrepareEmailsDialog(database, About("x", meeting=records.meeting_id)),
                   TemplatesDialog(AppContext(database, Notices()))):
        qtbot.addWidget(dialog)
        found += every_page(dialog, type(dialog).__name__)
    assert not found, "\n".join(found)


def test_meeting_invitation_from_the_export_menu(qtbot, database, tmp_path,
                                                 monkeypatch) -> None:
    from icalendar import Calendar
    from PySide6.QtWidgets import QMessageBox, QWidget

    from desktop.views.outlook import invitation_export

    records = make_records(database)
    target = tmp_path / "board"
    monkeypatch.setattr(invitation_export.AskFile, "ask",
                        staticmethod(lambda _parent, _suggested: target.with_suffix(".ics")))
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information",
                        staticmethod(lambda _parent, _title, text: told.append(text)))
    parent = QWidget()
    qtbot.addWidget(parent)
    invitation_export.export_meeting_invitation(parent, database, records.meeting_id)
    qtbot.waitUntil(lambda: bool(told), timeout=20_000)
    assert "Saved the invitation to 2 people" in told[0]
    assert "No e-mail address for: Kit Jones." in told[0]
    calendar = Calendar.from_ical(target.with_suffix(".ics").read_bytes())
    assert calendar.walk("VEVENT")[0].decoded("ATTACH").startswith(b"%PDF")


def test_prepare_emails_from_the_sessions_screen_offers_what_the_change_calls_for(
        qtbot, database, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox, QPushButton

    from desktop.views.training.page import TrainingPage

    soon = dt.datetime.combine(dt.date.today() + dt.timedelta(days=10), dt.time(9, 30))
    make_records(database, soon)
    offered: list[tuple[str, int]] = []

    def exec_(dialog: PrepareEmailsDialog) -> int:
        offered.append((dialog.current_kind(), dialog.people.rowCount()))
        return 0

    monkeypatch.setattr(PrepareEmailsDialog, "exec", exec_)
    page = TrainingPage(AppContext(database, Notices()))
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    panel = page.sessions
    panel.refresh()
    button = panel.findChild(QPushButton, "prepareEmails")
    assert button is not None and button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert offered == [("confirmation", 3)]
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *_a: QMessageBox.StandardButton.Yes))
    panel.cancel_session()
    assert "Prepare e-mails (Ctrl+Shift+M)" in panel.feedback.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert offered[-1] == ("cancellation", 4)  # every place the cancellation ended


def test_charges_to_each_agency_from_the_charges_screen(qtbot, database, tmp_path,
                                                        monkeypatch) -> None:
    from desktop.services.figures import Period
    from desktop.services.outlook.contacts import save_contacts
    from desktop.services.training import cancel_booking, mark
    from tests.outlook_data import START

    records = make_records(database)
    cancel_booking(database, records.bookings["Sam Patel"], now=START - dt.timedelta(hours=2))
    mark(database, records.bookings["Zoë Brontë"], "did_not_attend")
    with database.session() as s:
        from desktop.models import Agency

        agency_id = s.scalar(select(Agency.id).where(Agency.key == "police"))
    save_contacts(database, {agency_id: "Police Finance <pf@example.org>"})  # type: ignore[dict-item]
    opened: list[Path] = []
    dialog = _dialog(qtbot, database, About("Charges", period=Period(
        dt.date(2026, 3, 1), dt.date(2026, 3, 31))), "charges", monkeypatch, opened)
    rows = {dialog.people.item(r, 0).text(): dialog.people.item(r, 2).text()
            for r in range(dialog.people.rowCount())}
    assert rows == {"Children’s Services (no training contact)": "£25.00",
                    "West Mercia Police: Police Finance": "£20.00"}
    dialog.folder.setText(str(tmp_path / "c"))
    qtbot.mouseClick(dialog.write_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(opened), timeout=20_000)
    assert len(list((tmp_path / "c").glob("*.eml"))) == 1
