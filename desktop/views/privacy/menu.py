"""The Data protection menu (in the File menu: every Alt letter of the menu bar is taken by
the areas' own keys); each entry opens its screen."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QMainWindow, QMenu

from desktop.views.areas import AppContext
from desktop.views.notices import EVERYTHING


def add_privacy_menu(parent: QMenu, window: QMainWindow, context: AppContext,
                     add: Callable[..., Any]) -> QMenu:
    menu = parent.addMenu("Data &protection")
    menu.setObjectName("dataProtectionMenu")

    def retention() -> None:
        from desktop.views.privacy.retention_dialog import RetentionDialog

        RetentionDialog(context.database, window).exec()
        context.notices.announce(*EVERYTHING)

    def subject_access() -> None:
        from desktop.views.privacy.subject_access_dialog import SubjectAccessDialog

        SubjectAccessDialog(context.database, window).exec()

    def audit() -> None:
        from desktop.views.privacy.audit_dialog import AuditDialog

        AuditDialog(context.database, window).exec()

    def erase() -> None:
        from desktop.views.privacy.erase_dialog import EraseDialog

        dialog = EraseDialog(context.database, window)
        dialog.exec()
        if dialog.erased:
            context.notices.announce(*EVERYTHING)

    def compact() -> None:
        from desktop.views.privacy.compact import ask_and_compact

        ask_and_compact(window, context.database)

    add(menu, "&Retention schedule and review…", "retentionReview", retention)
    add(menu, "&Subject access request…", "subjectAccess", subject_access)
    add(menu, "&Audit trail…", "auditTrail", audit)
    add(menu, "&Erase a record created by mistake…", "eraseRecord", erase)
    add(menu, "&Compact the database…", "compactDatabase", compact)
    return menu
