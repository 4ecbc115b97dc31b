"""The data protection screens: retention review, subject access, audit trail, erasure and
anonymising from the People tab, driven as a user would."""

from __future__ import annotations

import datetime as dt
import json
import threading

from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from sqlalchemy import select, update

from desktop.models import AgendaItem, AuditEntry, Person
from desktop.services.people import PersonInput, save_person
from desktop.services.privacy.subject_access import find_person
from desktop.views.people_panel import PeoplePanel
from desktop.views.privacy import anonymise as anonymise_view
from desktop.views.privacy.audit_dialog import AuditDialog, SaveAs
from desktop.views.privacy.erase_dialog import EraseDialog
from desktop.views.privacy.retention_dialog import Confirm, RetentionDialog
from desktop.views.privacy.subject_access_dialog import SubjectAccessDialog
from tests.conftest import import_sample

HEREFORDSHIRE = "herefordshire-board-2018-10-23.json"


def test_retention_review_lists_old_bookings_and_takes_the_step(qtbot, qtmodeltester,
                                                                 database, monkeypatch):
    import_sample(database, "hertfordshire-2015-16.json")
    dialog = RetentionDialog(database)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 796, timeout=20_000)
    qtmodeltester.check(dialog.model)
    assert "796 record(s) have passed" in dialog.summary.text()
    # A longer period: nothing of 2015-16 has passed any more.
    dialog.years["bookings"].setValue(20)
    qtbot.mouseClick(dialog.findChild(type(dialog.apply_button), "saveSchedule"),
                     Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 0, timeout=20_000)
    assert not dialog.apply_button.isEnabled()
    dialog.years["bookings"].setValue(6)
    dialog.save_schedule()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 796, timeout=20_000)
    dialog.apply()  # no reason given: refused, nothing done
    assert "reason" in dialog.feedback.text()
    monkeypatch.setattr(Confirm, "ask", staticmethod(lambda _parent, _text: True))
    dialog.reason.setText("Annual review")
    dialog.apply()
    qtbot.waitUntil(lambda: "Anonymised" in dialog.feedback.text(), timeout=60_000)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 0, timeout=20_000)


def test_subject_access_screen_previews_and_writes_both_files(qtbot, database, tmp_path):
    import_sample(database, HEREFORDSHIRE)
    with database.transaction() as session:
        session.scalars(select(AgendaItem).where(AgendaItem.number == "3")).one() \
            .confidential = True
    sally = find_person(database, "sally-halls")
    dialog = SubjectAccessDialog(database, person_id=sally)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: "Sally Halls" in dialog.preview.toPlainText(), timeout=20_000)
    preview = dialog.preview.toPlainText()
    assert "Actions owned: 3" in preview
    assert "CONFIDENTIAL: review and redact before release" in preview
    out = tmp_path / "sar"
    dialog.folder.setText(str(out))
    dialog.format.setCurrentIndex(dialog.format.findData("docx"))
    dialog.write()
    qtbot.waitUntil(lambda: "Wrote" in dialog.feedback.text(), timeout=20_000)
    assert "1 confidential item(s) are flagged" in dialog.feedback.text()
    assert sorted(p.suffix for p in out.iterdir()) == [".docx", ".json"]
    data = json.loads(next(out.glob("*.json")).read_text(encoding="utf-8"))
    assert data["person"]["name"] == "Sally Halls"


def test_audit_screen_filters_by_user_and_record_and_exports(qtbot, qtmodeltester, database,
                                                              tmp_path, monkeypatch):
    import_sample(database, HEREFORDSHIRE)
    sally = find_person(database, "sally-halls")
    save_person(database, sally, PersonInput("Sally Halls", job_title="Former Chair"))
    with database.transaction() as session:
        session.execute(update(AuditEntry).where(AuditEntry.field == "job_title")
                        .values(user="jbloggs", at=dt.datetime(2025, 11, 3, 10)))
    dialog = AuditDialog(database)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 100, timeout=20_000)
    qtmodeltester.check(dialog.model)
    dialog.user.setCurrentIndex(dialog.user.findData("jbloggs"))
    dialog.show_entries()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=20_000)
    dialog.table.selectRow(0)
    assert "Old: Independent Chair" in dialog.detail.toPlainText()
    assert "New: Former Chair" in dialog.detail.toPlainText()
    dialog.user.setCurrentIndex(0)
    dialog.record.setText("sally-halls")
    dialog.show_entries()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 7, timeout=20_000)
    assert {r.table for r in dialog.model.rows} == {"person", "attendance", "agenda_item",
                                                    "action_owner"}
    dialog.record.setText("no-such-record")
    dialog.show_entries()
    qtbot.waitUntil(lambda: "No record has the key" in dialog.feedback.text(), timeout=20_000)
    dialog.record.setText("sally-halls")
    dialog.start.setText("31/02/2025")
    dialog.show_entries()
    assert dialog.feedback.text()  # an impossible date: said, nothing read
    dialog.start.setText("")
    dialog.show_entries()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 7, timeout=20_000)
    target = tmp_path / "trail.xlsx"
    monkeypatch.setattr(SaveAs, "ask", staticmethod(lambda _parent: target))
    dialog.export()
    qtbot.waitUntil(target.exists, timeout=20_000)
    rows = list(load_workbook(target).active.iter_rows(values_only=True))  # type: ignore
    assert len(rows) == 2 + 7


def test_erase_screen_refuses_a_real_record_and_erases_a_mistake(qtbot, database,
                                                                  monkeypatch):
    import_sample(database, HEREFORDSHIRE)
    made = save_person(database, None, PersonInput("Duplicate Entry"))
    dialog = EraseDialog(database)
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("person"))
    dialog.key.setText("sally-halls")
    dialog.check()
    assert "cannot be erased" in dialog.feedback.text()
    asked: list[str] = []
    monkeypatch.setattr(Confirm, "ask",
                        staticmethod(lambda _parent, text: asked.append(text) or True))
    dialog.key.setText(made.key)
    dialog.erase()
    assert "reason" in dialog.feedback.text() and not dialog.erased
    dialog.reason.setText("Entered twice")
    dialog.erase()
    qtbot.waitUntil(lambda: dialog.erased, timeout=20_000)
    assert "Erased" in dialog.feedback.text() and dialog.key.text() == ""
    with database.session() as session:
        assert session.get(Person, made.id) is None
    # Said before the step, and on the screen: the file forgets, older backups do not.
    assert "Backups made before now still hold these details" in asked[-1]
    notes = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "gone from the database file" in notes and "Backups made before now" in notes


def test_anonymise_from_the_people_tab(qtbot, database, monkeypatch, problems):
    import_sample(database, HEREFORDSHIRE)
    made = save_person(database, None, PersonInput("Jo Delegate", email="jo@example.org"))
    panel = PeoplePanel(database)
    qtbot.addWidget(panel)
    panel.table.select_where(lambda row: row.key == "sally-halls")
    qtbot.mouseClick(panel.findChild(type(panel.merge_button), "anonymisePerson"),
                     Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(problems))  # checked off the UI thread
    assert "Sally Halls cannot be anonymised" in problems[0]
    assert "First: Give those actions another owner" in problems[0]
    monkeypatch.setattr(anonymise_view.AnonymiseReason, "ask",
                        staticmethod(lambda _parent, _name: "Asked by e-mail"))
    panel.table.select_where(lambda row: row.id == made.id)
    threads: list[bool] = []
    for step in ("check_anonymise", "anonymise_person"):
        original = getattr(anonymise_view, step)
        monkeypatch.setattr(anonymise_view, step, lambda *args, _f=original: threads.append(
            threading.current_thread() is threading.main_thread()) or _f(*args))
    qtbot.mouseClick(panel.findChild(type(panel.merge_button), "anonymisePerson"),
                     Qt.MouseButton.LeftButton)
    # Checked, then anonymised, off the UI thread: the window keeps answering meanwhile.
    qtbot.waitUntil(lambda: f"now Former contact {made.id}" in panel.feedback.text())
    assert threads == [False, False]
    assert panel.fields["name"].text() == f"Former contact {made.id}"
    assert panel.fields["email"].text() == ""


def test_the_anonymise_question_says_older_backups_keep_the_details(monkeypatch):
    shown: list[str] = []

    def get_text(_parent, _title, label, _echo, default):  # type: ignore[no-untyped-def]
        shown.append(label)
        return default, True

    monkeypatch.setattr(anonymise_view.QInputDialog, "getText", staticmethod(get_text))
    assert anonymise_view.AnonymiseReason.ask(None, "Jo Delegate") == "At the person's request"
    assert "Jo Delegate's name" in shown[0]
    assert "Backups made before now still hold these details" in shown[0]


def test_no_two_controls_of_a_privacy_screen_share_an_alt_letter(qtbot, database):
    from tests.support.mnemonics import every_page

    import_sample(database, HEREFORDSHIRE)
    found: list[str] = []
    for dialog in (RetentionDialog(database), SubjectAccessDialog(database),
                   AuditDialog(database), EraseDialog(database)):
        qtbot.addWidget(dialog)
        found += every_page(dialog, type(dialog).__name__)
    assert not found, "\n".join(found)


def test_the_settings_open_the_retention_schedule(qtbot, database, monkeypatch):
    from PySide6.QtWidgets import QPushButton

    from desktop.views.areas import AppContext
    from desktop.views.notices import Notices
    from desktop.views.settings_dialog import SettingsDialog

    opened: list[RetentionDialog] = []
    monkeypatch.setattr(RetentionDialog, "exec", lambda self: opened.append(self) or 0)
    dialog = SettingsDialog(AppContext(database, Notices()))
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.findChild(QPushButton, "openRetention"), Qt.MouseButton.LeftButton)
    assert len(opened) == 1 and opened[0].years["bookings"].value() == 6
