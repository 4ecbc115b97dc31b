"""The Papers pane of the Agenda tab and the pack from the Export menu, driven as a person
would: attach (off the UI thread), view a decrypted copy, mark a paper expected, set the
deadline, remove; then build the pack in the background and read it back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt

from desktop.services import papers
from desktop.views.areas import AppContext
from desktop.views.meetings import papers_export, papers_pane
from desktop.views.meetings.papers_dialog import PaperDetails, PaperDetailsDialog
from desktop.views.meetings_page import MeetingsPage
from desktop.views.notices import Notices
from tests.conftest import import_sample
from tests.support.papers import write_paper


def _agenda(qtbot, database):
    import_sample(database, "herefordshire-board-2018-10-23.json")
    page = MeetingsPage(AppContext(database, Notices()))
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)  # shortcuts answer only in the active window
    page.set_board(None)
    agenda = page.editor.agenda
    page.editor.tabs.setCurrentWidget(agenda)
    return page, agenda


def _select(agenda, number: str) -> None:
    agenda.select(next(row.id for row in agenda.model.rows if row.number == number))


def test_attach_view_expect_and_remove_papers(qtbot, database, tmp_path, monkeypatch,
                                              problems):
    page, agenda = _agenda(qtbot, database)
    pane = agenda.papers
    _select(agenda, "3")
    assert pane.heading.text() == "Papers for item 3: Serious Safeguarding Incidents"
    assert pane.table.count() == 0 and not pane.buttons["view"].isEnabled()
    monkeypatch.setattr(PaperDetailsDialog, "ask", classmethod(
        lambda cls, parent, path, item: PaperDetails("Incidents report", "Police",
                                                     dt.date(2018, 10, 9))))
    incidents = write_paper(tmp_path, "Incidents", 2)
    monkeypatch.setattr(papers_pane.QFileDialog, "getOpenFileName",
                        lambda *_: (str(incidents), ""))
    agenda.table.setFocus()
    qtbot.keyClick(agenda.table, Qt.Key.Key_O,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: pane.table.count() == 1, timeout=20_000)
    assert pane.table.item(0).text() == \
        "Incidents report — Police, received 09/10/2018, 2 pages"

    opened: list[Path] = []
    monkeypatch.setattr(papers_pane.QDesktopServices, "openUrl",
                        lambda url: opened.append(Path(url.toLocalFile())) or True)
    qtbot.mouseClick(pane.buttons["view"], Qt.MouseButton.LeftButton)
    assert opened[0].name == "Incidents.pdf" and len(PdfReader(opened[0]).pages) == 2
    assert opened[0].parent.parent == papers_pane.viewing_folder()

    _select(agenda, "7")
    pane.expected.setFocus()
    qtbot.keyClick(pane.expected, Qt.Key.Key_Space)
    assert pane.missing.text() == "Papers still missing: 1 (item 7)."
    _select(agenda, "7")
    assert pane.expected.isChecked()

    pane.deadline.setFocus()
    pane.deadline.setText("24/10/2018")  # after the meeting: refused, and put back
    pane.deadline.editingFinished.emit()
    assert problems == ["The paper deadline must be on or before the meeting's date."]
    assert pane.deadline.text() == ""
    pane.deadline.setText("16/10/2018")
    pane.deadline.editingFinished.emit()
    meeting_id = page.editor.state.meeting_id
    assert papers.paper_deadline(database, meeting_id) == dt.date(2018, 10, 16)

    _select(agenda, "3")
    asked: list[str] = []
    monkeypatch.setattr(papers_pane.ConfirmRemove, "ask",
                        lambda parent, paper: asked.append(paper.title) or len(asked) > 1)
    qtbot.mouseClick(pane.buttons["remove"], Qt.MouseButton.LeftButton)
    assert pane.table.count() == 1  # "No": kept
    qtbot.mouseClick(pane.buttons["remove"], Qt.MouseButton.LeftButton)
    assert asked == ["Incidents report"] * 2
    assert pane.table.count() == 0
    assert papers.meeting_papers(database, meeting_id) == []


def test_a_file_that_is_not_a_paper_is_refused_in_plain_words(qtbot, database, tmp_path,
                                                              monkeypatch, problems):
    _page, agenda = _agenda(qtbot, database)
    _select(agenda, "4")
    monkeypatch.setattr(PaperDetailsDialog, "ask", classmethod(
        lambda cls, parent, path, item: PaperDetails("Notes", "", dt.date(2018, 10, 9))))
    notes = tmp_path / "notes.pdf"
    notes.write_bytes(b"not a pdf at all")
    agenda.papers.attach_file(notes)
    qtbot.waitUntil(lambda: bool(problems), timeout=20_000)
    assert "notes.pdf is not a readable PDF" in problems[0]
    assert agenda.papers.table.count() == 0


def test_the_pack_from_the_export_menu(qtbot, database, tmp_path, monkeypatch):
    page, agenda = _agenda(qtbot, database)
    meeting_id = page.editor.state.meeting_id
    item_id = next(row.id for row in agenda.model.rows if row.number == "6")
    papers.attach_paper(database, item_id, papers.read_paper_file(
        write_paper(tmp_path, "Audit", 3)), "Section 11 audit")
    target = tmp_path / "pack.pdf"
    monkeypatch.setattr(papers_export, "choose_target", lambda *_: ("pdf", target))
    menu = page.editor.export_button.menu()
    next(a for a in menu.actions() if a.objectName() == "exportPack").trigger()
    qtbot.waitUntil(target.exists, timeout=30_000)
    reader = PdfReader(target)
    total = len(reader.pages)
    assert "Audit page 3" in reader.pages[-1].extract_text()
    assert f"Page {total} of {total}" in reader.pages[-1].extract_text()
    assert meeting_id is not None
    # Said in the Meetings page's message bar, which stays until replaced or closed.
    qtbot.waitUntil(lambda: page.page.message_bar.message()
                    == f"Done: Saved to {target} ({total} pages)")
