"""The data protection buttons of the People tab: anonymise the person shown, and answer a
subject access request about them. Kept here so the People panel only adds the row."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout

from desktop.views.widgets import button

if TYPE_CHECKING:
    from desktop.views.people_panel import PeoplePanel


def privacy_buttons(panel: PeoplePanel) -> QHBoxLayout:
    def anonymise() -> None:
        from desktop.views.privacy.anonymise import anonymise as ask_and_anonymise

        row = panel.table.current()
        if row is None:
            panel.feedback.problem("Choose the person to anonymise.")
            return

        def anonymised(pseudonym: str) -> None:
            panel.feedback.tell(f"{row.name} is anonymised: now {pseudonym}.")
            panel.changed.emit(frozenset({"people", "training"}))
            panel.refresh()
            panel.show_person(row.id)

        ask_and_anonymise(panel, panel.database, row.id, row.name, anonymised)

    def subject_access() -> None:
        from desktop.views.privacy.subject_access_dialog import SubjectAccessDialog

        row = panel.table.current()
        SubjectAccessDialog(panel.database, panel, row.id if row else None).exec()

    row = QHBoxLayout()
    row.addWidget(button("Anon&ymise…", "anonymisePerson", anonymise))
    # No Alt letter: the People tabs hold nearly all (W is the registers tab); Tab reaches it.
    row.addWidget(button("Subject access: what is held…", "personSubjectAccess",
                         subject_access))
    row.addStretch(1)
    return row
