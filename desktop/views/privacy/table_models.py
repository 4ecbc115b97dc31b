"""The tables of the data protection screens: review lines and audit entries."""

from __future__ import annotations

from desktop.services.privacy.review import ReviewLine
from desktop.services.privacy.schedule import BY_NAME
from desktop.services.privacy.trail import AuditRow
from desktop.views.table_models.rows import Column, RowsTableModel

STEPS = {"anonymise": "Anonymise the delegate", "delete": "Delete",
         "review": "Review by hand"}


def _short(text: str | None, limit: int = 80) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class ReviewModel(RowsTableModel[ReviewLine]):
    columns = (
        Column("Kind of record", lambda r: BY_NAME[r.kind].label, lambda r: r.kind),
        Column("Record", lambda r: r.record, lambda r: r.record),
        Column("Dated", lambda r: f"{r.dated:%d/%m/%Y}", lambda r: r.dated),
        Column("What", lambda r: r.description, lambda r: r.description),
        Column("Step", lambda r: STEPS[r.step] + (" (held)" if r.held else ""),
               lambda r: (r.step, bool(r.held))),
        Column("Held because", lambda r: r.held, lambda r: r.held),
    )


class AuditModel(RowsTableModel[AuditRow]):
    columns = (
        Column("When", lambda r: f"{r.at:%d/%m/%Y %H:%M:%S}", lambda r: r.at),
        Column("User", lambda r: r.user, lambda r: r.user),
        Column("Record", lambda r: r.record, lambda r: r.record),
        Column("Change", lambda r: r.kind, lambda r: r.kind),
        Column("Field", lambda r: r.field or "", lambda r: r.field or ""),
        Column("Old value", lambda r: _short(r.old), lambda r: r.old or ""),
        Column("New value", lambda r: _short(r.new), lambda r: r.new or ""),
    )
