"""Every screen and dialog as a screen reader, a keyboard and a small screen meet it (issue 22):
no unnamed control, no label hidden by its accessible name, no table or text box trapping Tab,
no two shortcuts on one key in a window, every window within 1366x768 at 125 %."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAccessible, QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QPushButton, QTableView, QWidget

from desktop.services import meetings as svc
from desktop.services.actions.detail import action_detail
from desktop.services.meetings import list_meetings
from desktop.views.actions.detail import EditDialog, UpdateDialog, WithdrawDialog
from desktop.views.areas import AREAS, AppContext
from desktop.views.main_window import MainWindow
from desktop.views.meetings_page import MeetingDateDialog
from desktop.views.minute_taking.dialogs import QuickActionDialog
from desktop.views.minute_taking.view import MinuteTakingView
from desktop.views.notices import Notices
from desktop.views.people_merge_dialog import MergeDialog
from desktop.views.recovery_key_dialog import RecoveryKeyDialog
from desktop.views.search_dialog import SearchDialog
from desktop.views.settings_dialog import SettingsDialog
from desktop.views.training.delegate_dialog import DelegateDialog
from desktop.views.training.forms import CourseDialog
from desktop.views.training.session_form import SessionDialog
from tests.conftest import import_sample
from tests.support import accessibility as a11y

KEY = "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567-ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567"


def test_the_checks_see_each_fault(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    hidden = QLabel("Saved to minutes.docx", window)
    hidden.setAccessibleName("Message")
    table = QTableView(window)
    table.setObjectName("trap")
    unnamed = QPushButton(window)  # an icon button with neither text nor name
    unnamed.setObjectName("blank")
    renamed = QPushButton("Mark as agenda issued", window)
    renamed.setAccessibleName("Mark as ")
    found = a11y.names(window, "w") + a11y.tab_traps(window, "w")
    assert any("read as 'Message'" in line for line in found)
    assert any("blank has no accessible name" in line for line in found)
    assert any("is named 'Mark as'" in line for line in found)
    assert any("trap keeps Tab" in line for line in found)
    big = QWidget()
    qtbot.addWidget(big)
    big.setMinimumSize(1224, 721)
    assert a11y.too_big(big, "big")


def test_every_area_of_the_main_window(qtbot, database):
    import_sample(database, "herefordshire-board-2018-10-23.json")
    window = MainWindow(database)
    qtbot.addWidget(window)
    window.resize(1000, 560)
    window.show()
    found: list[str] = []
    for row, area in enumerate(AREAS):
        window.show_area(row)
        found += a11y.audit(window, area.title)
    # Every area has been opened: the window still fits the small laptop at 125 %.
    found += a11y.too_big(window, "main window with every area opened")
    found += a11y.too_big(window, "main window at 200 %", a11y.LARGE_SCALE)
    assert not found, "\n".join(found)


def test_the_minute_taking_view(qtbot, database):
    import_sample(database, "herefordshire-board-2018-10-23.json")
    meeting = list_meetings(database)[0].id
    view = MinuteTakingView(database, Notices(), meeting)
    qtbot.addWidget(view)
    view.show()
    view.find_bar.open(replace=True)
    view.go_to(next(i.id for i in view.record.items if i.number == "2"))
    found = a11y.audit(view, "taking minutes") + a11y.too_big(view, "taking minutes") + \
        a11y.too_big(view, "taking minutes at 200 %", a11y.LARGE_SCALE)
    view.saver.close()
    assert not found, "\n".join(found)


def dialogs(database) -> list[QDialog]:  # type: ignore[no-untyped-def]
    import_sample(database, "herefordshire-board-2018-10-23.json", "hertfordshire-2015-16.json")
    context = AppContext(database, Notices())
    person = svc.people_choices(database)[0].id
    action = action_detail(database, 1)
    return [
        QuickActionDialog(None, ["LB"], dt.date(2018, 10, 23)),
        MeetingDateDialog(None, "New meeting like this one", dt.date(2019, 1, 15), True),
        SettingsDialog(context), SearchDialog(database), MergeDialog(database, person),
        RecoveryKeyDialog(KEY, "/tmp/boardwork.db"),
        DelegateDialog(None, database, "Book a delegate"),
        CourseDialog(None, database, None), SessionDialog(None, database, None),
        UpdateDialog(None, "Action 1", lambda _u: None),
        EditDialog(None, action, lambda *_: None),
        WithdrawDialog(None, "Action 1", lambda *_: None),
    ]


def test_every_dialog(qtbot, database):
    found = a11y.every_check_of_each(qtbot, dialogs(database))
    assert not found, "\n".join(found)


def test_the_recovery_key_is_read_out(qtbot):
    dialog = RecoveryKeyDialog(KEY, "/tmp/boardwork.db")
    qtbot.addWidget(dialog)
    said = a11y.accessible_name(dialog.key_label)
    assert "ABCD-EFGH" in said and "QRST-UVWX" in said


def test_search_results_are_read_out(qtbot, database):
    import_sample(database, "herefordshire-board-2018-10-23.json")
    dialog = SearchDialog(database)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.query.setText("safeguarding")
    assert dialog.results.count() > 0
    item = QAccessible.queryAccessibleInterface(dialog.results).child(0)
    assert item is not None and "safeguarding" in item.text(QAccessible.Text.Name).lower()


def test_messages_are_announced(qtbot, monkeypatch):
    from desktop.views import announce
    from desktop.views.widgets import Feedback

    heard: list[str] = []
    monkeypatch.setattr(announce, "announce", lambda _w, text: heard.append(text))
    line = Feedback("message")
    qtbot.addWidget(line)
    line.tell("Booked Ann Smith on Neglect awareness")
    line.problem("The session is full")
    assert heard == ["Booked Ann Smith on Neglect awareness", "The session is full"]
    assert "Booked" in a11y.accessible_name(line) or line.accessibleName() == ""


@pytest.mark.parametrize("name", ["person_notes", "itemMinutes"])
def test_tab_leaves_the_text_boxes(qtbot, database, name):
    import_sample(database, "herefordshire-board-2018-10-23.json")
    window = MainWindow(database)
    qtbot.addWidget(window)
    window.show()
    for row in range(len(AREAS)):
        window.show_area(row)
    box = next(w for w in window.findChildren(QWidget) if w.objectName() == name)
    assert box.tabChangesFocus()


def test_ctrl_tab_leaves_the_minutes_editor(qtbot, database):
    from tests.gui.conftest import live_meeting, open_minute_taking

    view = open_minute_taking(qtbot, database, live_meeting(database))
    editor = view.editor
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus)
    QApplication.sendEvent(editor, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Tab,
                                             Qt.KeyboardModifier.ControlModifier))
    assert not editor.hasFocus()
    view.saver.close()


def test_the_other_dialogs(qtbot, database):
    from desktop.services.meetings import meeting_record
    from desktop.services.training import CANCELLATION_REASONS
    from desktop.views.backups.dialog import BackupDialog
    from desktop.views.error_dialog import ErrorDialog
    from desktop.views.meetings.approval import ApprovalForm
    from desktop.views.outlook.prepare_dialog import About, PrepareEmailsDialog
    from desktop.views.outlook.templates_dialog import TemplatesDialog
    from desktop.views.shortcuts_dialog import ShortcutsDialog
    from desktop.views.training.bulk_dialog import BulkBookingDialog
    from desktop.views.training.reason_dialog import ReasonDialog
    from desktop.views.training.records import TrainerDialog, VenueDialog
    from tests.outlook_data import make_records

    records = make_records(database)
    meeting = meeting_record(database, records.meeting_id)
    shown: list[QDialog] = [
        ErrorDialog(None, "Export actions", "The file could not be written.", "details"),
        BackupDialog(database), TrainerDialog(None, database, None),
        VenueDialog(None, database, None),
        ReasonDialog(None, "Cancel a place", "Cancel Ann Ash's place?", CANCELLATION_REASONS,
                     "&Cancel the place", "&Keep the place"),
        ApprovalForm(None, "01/05/2026", meeting.items),
        TemplatesDialog(AppContext(database, Notices())), ShortcutsDialog(),
        BulkBookingDialog(None, database, records.session_id, "Neglect"),
        PrepareEmailsDialog(database, About("x", session=records.session_id)),
    ]
    found = a11y.every_check_of_each(qtbot, shown)
    assert not found, "\n".join(found)


def test_overdue_is_written_in_full_not_only_red(qtbot, database):
    from desktop.views.actions.page import ActionsPage
    from desktop.views.table_models.actions_model import ActionsTableModel

    import_sample(database, "herefordshire-board-2018-10-23.json")
    page = ActionsPage(AppContext(database, Notices()))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: not page.loading)  # read on a worker thread
    table = page.findChild(QTableView, "actionsTable")
    model = table.model()
    due = ActionsTableModel.COL_DUE
    overdue = [model.index(r, due).data() for r in range(model.rowCount())
               if "(overdue)" in (model.index(r, due).data() or "")]
    assert overdue, "the sample has overdue actions"
    widest = max(table.fontMetrics().horizontalAdvance(text) for text in overdue)
    assert table.horizontalHeader().sectionSize(due) >= widest + 6


def test_the_attendance_strip_says_each_state_without_colour():
    import re as regex

    from desktop.services.meetings import AttendanceRow
    from desktop.views.minute_taking.panels import attendance_html

    def row(initials: str, status: str) -> AttendanceRow:
        return AttendanceRow(1, 1, initials, initials, status, "", "", None, "", None, None, "")

    html = attendance_html([row("PA", "present"), row("IA", "in_attendance"),
                            row("AP", "apologies"), row("AB", "absent")])
    plain = regex.sub(r"<[^>]+>", "", html)
    # With the colours taken away, the four states still read apart.
    assert "PA\u202f✓" in plain and "IA\u202f◇" in plain
    assert "AP\u00a0(apol.)" in plain and "AB\u00a0(absent)" in plain


def test_a_dialog_is_fitted_to_a_small_screen(qtbot, database):
    from PySide6.QtCore import QRect

    from desktop.views import appearance

    import_sample(database, "herefordshire-board-2018-10-23.json")
    dialog = SearchDialog(database)  # 760x520 wished for
    qtbot.addWidget(dialog)
    small = QRect(0, 0, 800, 476)  # 1600x1000 at 200 %, less the taskbar
    dialog.move(300, 200)
    appearance.fit(dialog, small)
    frame = dialog.frameGeometry()
    assert small.contains(QRect(dialog.pos(), dialog.size()))
    assert dialog.height() <= 476 and frame.width() <= 800


def test_tab_to_a_button_below_the_fold_scrolls_it_into_sight(qtbot, database):
    import_sample(database, "herefordshire-board-2018-10-23.json")
    window = MainWindow(database)
    qtbot.addWidget(window)
    window.resize(900, 420)  # smaller than the Meetings page
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.show_area(next(i for i, a in enumerate(AREAS) if a.title == "Meetings"))
    button = next(b for b in window.findChildren(QPushButton) if b.objectName() == "newMeeting")
    scroll = window.page_scroll
    assert scroll.verticalScrollBar().maximum() > 0  # the page is taller than the window
    scroll.verticalScrollBar().setValue(0)
    button.setFocus()
    qtbot.waitUntil(button.hasFocus)
    top_left = button.mapTo(scroll.viewport(), button.rect().topLeft())
    assert top_left.y() >= 0 and top_left.y() + button.height() <= scroll.viewport().height()
