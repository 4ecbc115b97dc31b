"""Screenshots of the application with the sample data, for the README and for review.

    xvfb-run -a -s "-screen 0 1440x900x24" .venv/bin/python scripts/screenshot.py \
        --area Meetings --board hscb --output docs/screenshots/meeting-editor.png

Runs against a throw-away database in a temporary folder, never the user's.

A small laptop at 125 % and a zoomed screen at 200 % (sizes are in the scaled pixels the app
sees: 1366x768 at 125 % is 1093x614), a theme, the recovery key and the F1 list:

    QT_SCALE_FACTOR=1.25 xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python \
        scripts/screenshot.py --area Meetings --size 1093x580 --output shot.png
    xvfb-run -a .venv/bin/python scripts/screenshot.py --theme high-contrast \
        --dialog recovery-key --output key.png
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--area", help="the area to show (Overview unless --empty)")
    parser.add_argument("--board", help="board key to select")
    parser.add_argument("--tab", help="title of a tab to show in the area (without &)")
    parser.add_argument("--size", default="1400x860")
    parser.add_argument("--minute-taking", metavar="ITEM",
                        help="photograph the minute-taking view of the board's first meeting "
                             "at this item number instead")
    parser.add_argument("--type", metavar="TEXT",
                        help="with --minute-taking: type this at the end of the item's minutes "
                             "(a misspelling in it shows the spell check's underline)")
    parser.add_argument("--suggestions", action="store_true",
                        help="with --type: open the spelling menu on the last misspelt word and "
                             "photograph the whole screen (needs a real X server: xvfb-run)")
    parser.add_argument("--period", metavar="FROM:TO",
                        help="with --area Reports: the period, as 2015-04-01:2016-03-31")
    parser.add_argument("--forward-plan", action="store_true",
                        help="the forward plan of --board over the window, a year planned")
    parser.add_argument("--session-form", action="store_true",
                        help="open the form of the first training session over the window and "
                             "photograph the whole screen (needs xvfb-run)")
    parser.add_argument("--calendar", metavar="YYYY-MM-DD",
                        help="Training: show past sessions too, put the calendar on this day "
                             "and open its session in the list (as Enter does)")
    parser.add_argument("--week", action="store_true", help="with --calendar: the week view")
    parser.add_argument("--filter", metavar="TEXT",
                        help="type this into the filter bar of the tab shown")
    parser.add_argument("--choose", metavar="FIELD=TEXT", action="append", default=[],
                        help="choose TEXT in the filter bar's choice named FIELD (its object "
                             "name, e.g. historyAgency=Police)")
    parser.add_argument("--empty", action="store_true",
                        help="a new, empty database (it opens on the start page)")
    parser.add_argument("--backups", action="store_true",
                        help="automatic backups on, to a temporary folder: the status bar "
                             "shows the last copy")
    parser.add_argument("--restore", action="store_true",
                        help="photograph File → Restore from a backup with a backup of the "
                             "sample data chosen and read")
    parser.add_argument("--unlock", action="store_true",
                        help="photograph the recovery-key dialog of a start without the key, "
                             "after a wrong key was typed")
    parser.add_argument("--privacy", choices=("retention", "subject-access", "audit", "erase",
                                              "compact", "compact-offer", "compact-done"),
                        help="photograph this data protection screen (its dialog) instead")
    parser.add_argument("--papers", action="store_true",
                        help="attach sample papers to the Herefordshire meeting's items 3 and 6, "
                             "expect one at 7, and select item 3 in the Agenda tab")
    parser.add_argument("--theme", choices=("light", "dark", "high-contrast"), default="light",
                        help="the palette to photograph with (Windows dark mode, High "
                             "Contrast Black)")
    parser.add_argument("--dialog", choices=("recovery-key", "shortcuts", "search"),
                        help="photograph this dialog over the window instead")
    parser.add_argument("--message", metavar="KIND:TEXT",
                        help="show this in the area's message bar (kind: info, success, "
                             "warning or problem)")
    parser.add_argument("--output", type=Path, required=True)
    args = parser.parse_args()
    os.environ["BOARDWORK_DATABASE_KEY"] = secrets.token_hex(32)

    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtWidgets import QApplication, QTabWidget, QWidget

    from desktop.resources import sample_documents
    from desktop.services.database import KeyStore, open_database
    from desktop.services.interchange import import_documents, read_document
    from desktop.views.areas import AREAS
    from desktop.views.main_window import MainWindow

    app = QApplication(sys.argv)
    from desktop.views import appearance

    app.setStyle("Fusion")  # the same look on every machine that makes screenshots
    if args.theme == "dark":
        app.setPalette(appearance.dark_palette())
    elif args.theme == "high-contrast":
        app.setPalette(appearance.high_contrast_palette())
    appearance.apply(app)  # as the app itself starts: focus ring, readable palette
    folder = Path(tempfile.mkdtemp())
    QCoreApplication.setOrganizationName("BoardworkScreenshots")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    import desktop.services.spelling.personal as personal_dictionary

    personal_dictionary.default_personal_path = lambda: folder / "dictionary.txt"
    database = open_database(folder / "shots.db", KeyStore()).database
    if not args.empty:
        import_documents(database, [(p.name, read_document(p)) for p in sample_documents()])
    if args.backups or args.restore:
        from desktop.services import backups

        (folder / "backups").mkdir()
        backups.save_plan(database, backups.BackupPlan(folder / "backups"))
    width, height = (int(n) for n in args.size.split("x"))
    if args.minute_taking:
        return _minute_taking(app, database, args, width, height)
    if args.privacy:
        from scripts.screenshot_privacy import privacy_screen

        dialog = privacy_screen(app, database, args.privacy, width, height, _settle)
        args.output.parent.mkdir(parents=True, exist_ok=True)
        dialog.grab().save(str(args.output))
        database.close()
        return 0
    window = MainWindow(database)
    window.resize(width, height)
    window.show()
    if args.board:
        from desktop.services.boards import list_boards

        board = next(b for b in list_boards(database) if b.key == args.board)
        window.board_selector.setCurrentIndex(window.board_selector.findData(board.id))
    if args.area or not args.empty:  # an empty database opens on the start page
        area = args.area or "Overview"
        window.show_area(next(i for i, a in enumerate(AREAS) if a.title == area))
    if args.tab:
        for tabs in window.findChildren(QTabWidget):
            for index in range(tabs.count()):
                if tabs.tabText(index).replace("&", "") == args.tab:
                    tabs.setCurrentIndex(index)
    if args.period:
        _set_period(window, args.period)
    if args.papers:
        _papers(window, database, folder)
    _find(app, window, args)
    if args.message:
        from desktop.views.message_bar import bar_for

        kind, _colon, text = args.message.partition(":")
        bar = bar_for(window.stack.currentWidget().findChild(QWidget))
        if bar is not None:
            bar.show_message(kind, text)
    _settle(app)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    if args.dialog:
        _dialog(app, window, args.dialog).grab().save(str(args.output))
    elif args.session_form or args.forward_plan:
        if args.session_form:
            _session_form(app, window, database)
        else:
            _forward_plan(app, window, database, args.board)
        app.primaryScreen().grabWindow(0).save(str(args.output))
    elif args.unlock:
        _unlock_dialog(app, database).grab().save(str(args.output))
    elif args.restore:
        _restore_dialog(app, window, folder).grab().save(str(args.output))
    else:
        window.grab().save(str(args.output))
    database.close()
    return 0


def _dialog(app, window, which: str):  # type: ignore[no-untyped-def]
    from desktop.views.recovery_key_dialog import RecoveryKeyDialog
    from desktop.views.shortcuts_dialog import ShortcutsDialog

    if which == "recovery-key":
        key = "-".join(secrets.token_hex(2).upper() for _ in range(16))
        path = "C:\\Users\\jsmith\\AppData\\Roaming\\Boardwork\\boardwork.db"
        dialog = RecoveryKeyDialog(key, path, parent=window)
    elif which == "search":
        from desktop.views.search_dialog import SearchDialog

        dialog = SearchDialog(window.database, window)
        dialog.show()
        _settle(app)  # the index's word list, read off the UI thread
        dialog.query.setText("board")
    else:
        dialog = ShortcutsDialog(window)
    dialog.show()
    _settle(app)
    return dialog


def _settle(app) -> None:  # type: ignore[no-untyped-def]
    """Let background work (figures being counted) finish and its results be shown."""
    from PySide6.QtCore import QThreadPool

    for _ in range(5):
        app.processEvents()
    QThreadPool.globalInstance().waitForDone(30_000)
    for _ in range(5):
        app.processEvents()


def _unlock_dialog(app, database):  # type: ignore[no-untyped-def]
    from desktop.services.database import KeyStore
    from desktop.views.start.unlock_dialog import UnlockDialog

    dialog = UnlockDialog(database.path, KeyStore())
    dialog.key_field.setText("-".join(f"{n:X}" * 4 for n in range(16)))
    dialog.unlock()  # not this database's key: the dialog says so
    dialog.show()
    _settle(app)
    return dialog


def _restore_dialog(app, window, folder):  # type: ignore[no-untyped-def]
    """The dialog with the newest automatic backup chosen, read and summarised."""
    from desktop.views.backups.restore_dialog import RestoreDialog

    backup = max((folder / "backups").rglob("*.db"), key=lambda p: p.stat().st_mtime)
    dialog = RestoreDialog(window)
    dialog.file.setText(str(backup))
    dialog.read_backup()
    _settle(app)
    dialog.show()
    _settle(app)
    return dialog
def _papers(window, database, folder: Path) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from desktop.services import papers
    from desktop.views.meetings_page import MeetingsPage
    from tests.support.papers import write_paper

    meeting_id = papers.meeting_id_of(database, "hscb-2018-10-23")
    papers.set_paper_deadline(database, meeting_id, dt.date(2018, 10, 16))
    for number, name, title, author, day in (
            ("3", "Incidents", "Serious incidents: quarterly report", "West Mercia Police", 9),
            ("3", "Incidents-annex", "Annex: learning from reviews", "Independent Reviewer", 10),
            ("6", "Audit", "Section 11 audit findings", "Wye Valley NHS Trust", 19)):
        paper = papers.read_paper_file(write_paper(folder, name, 3))
        papers.attach_paper(database, papers.item_id_of(database, meeting_id, number), paper,
                            title, author, dt.date(2018, 10, day))
    papers.set_paper_expected(database, papers.item_id_of(database, meeting_id, "7"), True)
    page = window.findChild(MeetingsPage)
    page.editor.open_meeting(meeting_id)
    agenda = page.editor.agenda
    page.editor.tabs.setCurrentWidget(agenda)
    agenda.select(papers.item_id_of(database, meeting_id, "3"))
    agenda.papers.table.setFocus()


def _set_period(window, text: str) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from desktop.services.figures import Period
    from desktop.views.reports_page import ReportsPage

    start, end = (dt.date.fromisoformat(part) for part in text.split(":"))
    window.findChild(ReportsPage, "reportsPage").set_period(Period(start, end))


def _forward_plan(app, window, database, board_key: str) -> None:  # type: ignore[no-untyped-def]
    """A year of a board's business planned around its sample meeting, one entry slipped."""
    import datetime as dt

    from desktop.services.boards import list_boards
    from desktop.services.meetings.forward_plan import PlanFields, add_entries
    from desktop.views.meetings.forward_plan import ForwardPlanDialog

    board = next(b for b in list_boards(database) if b.key == board_key)
    today = dt.date.today()
    for title, months, lead, repeat in (
            ("Annual report", 7, "Business Manager", 0), ("Section 11 audit", 10, "Chair", 0),
            ("CSE sub-group report", 1, "Sub-group chair", 3),
            ("Neglect strategy refresh", -2, "Head of Service", 0)):
        month = dt.date(today.year + (today.month + months - 1) // 12,
                        (today.month + months - 1) % 12 + 1, 1)
        add_entries(database, board.id, PlanFields(title, month, lead), repeat)
    window.showMaximized()
    dialog = ForwardPlanDialog(window, database, window.context.notices, board.id)
    dialog.show()
    _settle(app)


def _session_form(app, window, database) -> None:  # type: ignore[no-untyped-def]
    from desktop.services.training import list_sessions
    from desktop.views.training.session_form import SessionDialog

    window.showMaximized()
    info = next(i for i in list_sessions(database) if i.venue)
    dialog = SessionDialog(window, database, info.course_id, info)
    dialog.show()
    dialog.day.setFocus()
    dialog.day.selectAll()
    _settle(app)



def _find(app, window, args) -> None:  # type: ignore[no-untyped-def]
    """--calendar, --filter and --choose, on the area shown (lists read in the background
    are waited for first)."""
    import datetime as dt

    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QComboBox

    from desktop.views.training.filters import FilterBar

    for _ in range(3):
        QThreadPool.globalInstance().waitForDone()
        app.processEvents()
    page = window.stack.currentWidget()
    if args.calendar:
        sessions = page.sessions
        sessions.past.setChecked(True)
        sessions.calendar.go_to(dt.date.fromisoformat(args.calendar),
                                "week" if args.week else None)
        sessions.calendar._open(sessions.calendar.view.current_day())
        sessions.calendar.view.setFocus()
    bars = [b for b in window.findChildren(FilterBar) if b.isVisible()]
    for choice in args.choose:
        name, text = choice.split("=", 1)
        combo = window.findChild(QComboBox, name)
        combo.setCurrentIndex(combo.findText(text))
    if args.filter and bars:
        bars[0].text.setText(args.filter)
        bars[0].text.setFocus()


def _minute_taking(app, database, args, width, height) -> int:  # type: ignore[no-untyped-def]
    from desktop.services import meetings as svc
    from desktop.views.minute_taking.view import MinuteTakingView
    from desktop.views.notices import Notices

    boards = {m.board_id for m in svc.list_meetings(database)}
    meeting = next(m for m in svc.list_meetings(database)
                   if args.board is None or m.key.startswith(args.board))
    assert boards
    if args.type:  # the sample meeting's minutes are approved, so locked: reopen it
        from desktop.models import Meeting, MeetingStatus

        with database.transaction() as session:
            session.get(Meeting, meeting.id).status = MeetingStatus.IN_PROGRESS
    record = svc.meeting_record(database, meeting.id)
    item = next(i for i in record.items if i.number == args.minute_taking)
    view = MinuteTakingView(database, Notices(), meeting.id, item.id)
    view.resize(width, height)
    view.show()
    for _ in range(5):
        app.processEvents()
    if args.type:
        _type(app, view, args.type)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    if args.suggestions:
        _open_suggestions(app, view)
        app.primaryScreen().grabWindow(0).save(str(args.output))
    else:
        view.grab().save(str(args.output))
    view.saver.close()
    database.close()
    return 0


def _type(app, view, text: str) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent, QTextCursor

    view.editor.moveCursor(QTextCursor.MoveOperation.End)
    for char in text:
        key = Qt.Key.Key_Return if char == "\n" else Qt.Key.Key_unknown
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            app.sendEvent(view.editor, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier,
                                                 "" if char == "\n" else char))
        app.processEvents()


def _open_suggestions(app, view) -> None:  # type: ignore[no-untyped-def]
    spans = view.spelling.checker.misspelt(view.editor.textCursor().block().text())
    cursor = view.editor.textCursor()
    cursor.setPosition(cursor.block().position() + spans[-1][0] + 1)
    view.editor.setTextCursor(cursor)
    view.spelling.menu_at_caret()
    for _ in range(10):
        app.processEvents()


if __name__ == "__main__":
    sys.exit(main())
