"""The dialogs tests/gui/test_accessibility.py did not meet, as a screen reader, a keyboard
and a small screen meet them: the Data protection dialogs (compact, erase, retention, subject
access, audit trail), the minutes history, the forward plan, a paper's details and the
import wizard."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QDialog, QWidget

from desktop.services import meetings as svc
from desktop.views.areas import AppContext
from desktop.views.importing.wizard import ImportWizard
from desktop.views.meetings.forward_plan import EntryForm, ForwardPlanDialog, TakeFromPlanDialog
from desktop.views.meetings.minutes_history import MinutesHistoryDialog
from desktop.views.meetings.papers_dialog import PaperDetailsDialog
from desktop.views.notices import Notices
from desktop.views.privacy.audit_dialog import AuditDialog
from desktop.views.privacy.compact import CompactDialog
from desktop.views.privacy.erase_dialog import EraseDialog
from desktop.views.privacy.retention_dialog import RetentionDialog
from desktop.views.privacy.subject_access_dialog import SubjectAccessDialog
from tests.conftest import import_sample
from tests.support import accessibility as a11y


def test_the_data_protection_dialogs_the_history_the_plan_papers_and_import(qtbot, database,
                                                                          tmp_path):
    import_sample(database, "herefordshire-board-2018-10-23.json")
    meeting = svc.list_meetings(database)[0]
    record = svc.meeting_record(database, meeting.id)
    holder = QWidget()  # the entry form needs a parent; held here for the test's length
    qtbot.addWidget(holder)
    shown: list[QDialog] = [
        CompactDialog(database), EraseDialog(database), RetentionDialog(database),
        SubjectAccessDialog(database), AuditDialog(database),
        MinutesHistoryDialog(database, meeting.id, "Board, 23/10/2018"),
        ForwardPlanDialog(None, database, Notices(), meeting.board_id, dt.date(2026, 5, 1)),
        EntryForm(holder, database, meeting.board_id, None, dt.date(2026, 5, 1)),
        TakeFromPlanDialog(None, database, meeting.id, dt.date(2026, 5, 1)),
        PaperDetailsDialog(None, tmp_path / "Annual report.pdf", record.items[0], ["Police"]),
        ImportWizard(AppContext(database, Notices())),
    ]
    found = a11y.every_check_of_each(qtbot, shown)
    assert not found, "\n".join(found)
