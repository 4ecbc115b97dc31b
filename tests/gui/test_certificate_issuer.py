"""Exporting certificates from the Sessions screen warns when the settings name no issuing
organisation (the certificates would not say who issued them), and lets the person go on."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QMessageBox

from desktop.services.settings import save_settings
from desktop.services.training import CourseDetails, SessionDetails, save_course, schedule_session
from desktop.views import training
from desktop.views.areas import AppContext
from desktop.views.notices import Notices
from desktop.views.training.page import TrainingPage

SOON = dt.datetime.combine(dt.date.today() + dt.timedelta(days=10), dt.time(9, 30))


def _page(qtbot, database) -> TrainingPage:
    course = save_course(database, CourseDetails("Working Together", capacity=20))
    schedule_session(database, SessionDetails(course.id, SOON, SOON.replace(hour=12)))
    page = TrainingPage(AppContext(database, Notices()))
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    return page


def test_certificates_without_an_organisation_warn_first(qtbot, database, monkeypatch) -> None:
    page = _page(qtbot, database)
    warned: list[str] = []
    exported: list[str] = []
    reply = [QMessageBox.StandardButton.No]

    def warning(_parent, _title, text, *_args):
        warned.append(text)
        return reply[0]

    monkeypatch.setattr(QMessageBox, "warning", warning)
    monkeypatch.setattr(training.session_papers, "export_document",
                        lambda _parent, title, *_args: exported.append(title))
    page.sessions.export_papers(True)
    assert "no organisation name" in warned[0] and "anyway" in warned[0]
    assert exported == []  # stopped, to fill in the settings

    reply[0] = QMessageBox.StandardButton.Yes
    page.sessions.export_papers(True)
    assert exported == ["Export certificates"]

    page.sessions.export_papers(False)  # a register names no issuer: nothing to warn of
    assert len(warned) == 2 and exported[-1] == "Export register"

    save_settings(database, organisation_name="Calderdale SCB")
    page.sessions.export_papers(True)
    assert len(warned) == 2 and exported[-1] == "Export certificates"
