"""The data protection screens for scripts/screenshot.py --privacy SCREEN: each dialog
shown on its own at the size asked, over the sample data, as a user first meets it."""

from __future__ import annotations

from typing import Any

SCREENS = ("retention", "subject-access", "audit", "erase", "compact", "compact-offer",
           "compact-done")


def privacy_screen(app: Any, database: Any, screen: str, width: int, height: int,
                   settle: Any) -> Any:
    from sqlalchemy import select, update

    from desktop.models import AgendaItem, AuditEntry, Meeting
    from desktop.services.people import PersonInput, save_person
    from desktop.services.privacy.subject_access import find_person

    sally = find_person(database, "sally-halls")
    if screen.startswith("compact"):
        return _compact(app, database, screen, width, height, settle)
    if screen == "retention":
        from desktop.views.privacy.retention_dialog import RetentionDialog

        dialog = RetentionDialog(database)
    elif screen == "subject-access":
        from desktop.views.privacy.subject_access_dialog import SubjectAccessDialog

        # Item 3 (serious incidents) marked confidential, to show how such an item is flagged.
        with database.transaction() as session:
            item = session.scalars(select(AgendaItem).join(Meeting).where(
                Meeting.key == "hscb-2018-10-23", AgendaItem.number == "3")).one()
            item.confidential = True
        dialog = SubjectAccessDialog(database, person_id=sally)
    elif screen == "erase":
        from desktop.views.privacy.erase_dialog import EraseDialog

        made = save_person(database, None, PersonInput("Sally Hals"))  # a typing mistake
        dialog = EraseDialog(database)
        dialog.kind.setCurrentIndex(dialog.kind.findData("person"))
        dialog.key.setText(made.key)
        dialog.reason.setText("Typed twice by mistake")
        dialog.check()
    else:
        from desktop.views.privacy.audit_dialog import AuditDialog

        # One change by another user, as a shared database shows them.
        save_person(database, sally, PersonInput("Sally Halls", job_title="Former Chair"))
        with database.transaction() as session:
            session.execute(update(AuditEntry).where(AuditEntry.field == "job_title")
                            .values(user="jbloggs"))
        dialog = AuditDialog(database, person_id=sally)
    dialog.resize(width, height)
    dialog.show()
    settle(app)
    if screen == "audit":
        dialog.table.selectRow(0)
        dialog.table.setFocus()
    settle(app)
    return dialog


def _compact(app: Any, database: Any, screen: str, width: int, height: int,
             settle: Any) -> Any:
    """The dialog of Data protection → Compact the database… on a database from before
    secure deletes; the offer after anonymising someone there (People); the result."""
    from sqlalchemy import delete

    from desktop.models.settings import COMPACTED, Setting
    from desktop.services.people import PersonInput, save_person
    from desktop.services.privacy.compact import compact_database

    with database.transaction() as session:  # as a file from before this version
        session.execute(delete(Setting).where(Setting.name == COMPACTED))
    if screen == "compact":
        from desktop.views.privacy.compact import CompactDialog

        dialog = CompactDialog(database)
        dialog.show()
        dialog.adjustSize()
        settle(app)
        return dialog
    from desktop.views.main_window import MainWindow

    window = MainWindow(database)
    window.resize(width, height)
    window.show()
    settle(app)
    if screen == "compact-offer":
        from desktop.views.privacy.compact import offer_on_page

        window.findChild(_action_type(), "gopeopleArea").trigger()
        settle(app)
        made = save_person(database, None, PersonInput("Jo Delegate"))
        page = window.stack.currentWidget()
        offer_on_page(page, database, f"Jo Delegate is anonymised: now Former contact "
                                      f"{made.id}.")
    else:
        page = window.stack.currentWidget()
        page.message_bar.show_message("success", compact_database(database).message())
    settle(app)
    return window


def _action_type() -> Any:
    from PySide6.QtGui import QAction

    return QAction
