"""Screenshots of the board cycle with the sample data: the minutes history of a meeting whose
draft went to the chair and came back changed, the registers (interests, decision log, review
dates), and the page of its minutes with the declarations and decisions (PDF).

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshot_cycle.py docs/screenshots

Runs against a throw-away database in a temporary folder, never the user's.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    os.environ["BOARDWORK_DATABASE_KEY"] = secrets.token_hex(32)
    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtWidgets import QApplication

    from desktop.exports.minutes import minutes_document
    from desktop.exports.render import write_document
    from desktop.resources import sample_documents
    from desktop.services import meetings as svc
    from desktop.services import reviews
    from desktop.services.boards import list_boards
    from desktop.services.database import KeyStore, open_database
    from desktop.services.documents import meeting_record
    from desktop.services.interchange import import_documents, read_document
    from desktop.services.meetings import decisions, versions
    from desktop.services.meetings import declarations as declared
    from desktop.views.areas import AppContext
    from desktop.views.meetings.minutes_history import MinutesHistoryDialog
    from desktop.views.notices import Notices
    from desktop.views.people_page import PeoplePage

    app = QApplication(sys.argv)
    folder = Path(tempfile.mkdtemp())
    QCoreApplication.setOrganizationName("BoardworkScreenshots")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    database = open_database(folder / "shots.db", KeyStore()).database
    import_documents(database, [(p.name, read_document(p)) for p in sample_documents()])
    hscb = next(b for b in list_boards(database) if b.key == "hscb")
    sample = next(m for m in svc.list_meetings(database) if m.board_id == hscb.id)
    meeting = svc.copy_meeting(database, sample.id, dt.date(2019, 1, 15), with_attendance=True)
    items = svc.meeting_record(database, meeting).items
    people = svc.meeting_record(database, meeting).attendance
    texts = {
        0: "Apologies were noted as listed above. The Chair welcomed Mr Smith from the "
           "Police, attending for the first time.",
        1: "The minutes of the meeting held on 23 October 2018 were agreed as a true record.",
        2: "The action log was reviewed; actions 112 and 119 are complete.",
    }
    for index, text in texts.items():
        svc.save_minutes(database, items[index].id, f"<p>{text}</p>")
    versions.move_to(database, meeting, "drafted")
    versions.move_to(database, meeting, "sent_to_chair", note="by e-mail to the Chair")
    svc.save_minutes(database, items[0].id,
                     "<p>Apologies were noted as listed above. The Chair welcomed DCI Smyth "
                     "from West Mercia Police, attending for the first time.</p>")
    svc.save_minutes(database, items[2].id,
                     "<p>The action log was reviewed; actions 112, 118 and 119 are complete "
                     "and will be closed.</p>")
    versions.move_to(database, meeting, "chair_changes", note="returned 22/01/2019")
    versions.move_to(database, meeting, "circulated")
    declared.add_declaration(database, items[1].id, people[0].initials,
                             "Trustee of a charity named in the report", withdrew=True)
    declared.add_declaration(database, items[2].id, people[1].initials,
                             "Employed by a provider the audit covers")
    decisions.add_decision(database, meeting, items[1].id,
                           "The Board agreed the minutes as a true record.")
    decisions.add_decision(database, meeting, items[2].id,
                           "RESOLVED that actions 112, 118 and 119 be closed.")
    for person, what, review in (
            (people[0], "Trustee, Youth Trust", dt.date.today() + dt.timedelta(days=12)),
            (people[1], "Director, Care Homes Ltd", dt.date.today() + dt.timedelta(days=200)),
            (people[2], "Governor, Hereford Academy", dt.date.today() - dt.timedelta(days=20))):
        declared.save_interest(database, None, declared.InterestFields(
            person.person_id, what, dt.date.today() - dt.timedelta(days=340), review))
    reviews.save_review(database, hscb.id, reviews.ReviewDates(
        membership_reviewed=dt.date.today() - dt.timedelta(days=350),
        terms_reviewed=dt.date.today() - dt.timedelta(days=200)))

    dialog = MinutesHistoryDialog(database, meeting, "Herefordshire Safeguarding Children "
                                  "Board, 15/01/2019")
    dialog.resize(1300, 720)
    dialog.show()
    dialog.versions.setCurrentRow(1)
    app.processEvents()
    dialog.grab().save(str(out / "minutes-history.png"))
    page = PeoplePage(AppContext(database, Notices()))
    page.resize(1366, 768)
    page.show()
    page.tabs.setCurrentWidget(page.registers)
    page.registers.refresh()
    page.set_board(hscb.id)
    page.registers.refresh()
    for index, name in enumerate(("registers-interests", "registers-decisions",
                                  "registers-reviews")):
        page.registers.tabs.setCurrentIndex(index)
        if index == 2:
            page.registers.reviews.table.selectRow(next(
                r for r in range(page.registers.reviews.table.rowCount())
                if page.registers.reviews.table.item(r, 5).text()))
        app.processEvents()
        page.grab().save(str(out / f"{name}.png"))
    from desktop.views.meetings_page import MeetingsPage

    meetings = MeetingsPage(AppContext(database, Notices()))
    meetings.resize(1200, 700)
    meetings.show()
    meetings.set_board(hscb.id)
    svc.set_status(database, meeting, "draft")  # every button of the status row shows
    meetings.editor.open_meeting(meeting)
    meetings.editor.tabs.setCurrentWidget(meetings.editor.registers)
    app.processEvents()
    meetings.editor.grab().save(str(out / "meeting-editor-interests-decisions.png"))
    pdf = folder / "minutes.pdf"
    write_document(minutes_document(meeting_record(database, meeting)), "pdf", pdf)
    # The page with the items (the first is the attendance).
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "2", "-l", "2", "-singlefile",
                    str(pdf), str(out / "minutes-declarations-pdf")], check=True)
    database.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
