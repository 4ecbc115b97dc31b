"""Opening a file to import, planning its records, and importing them (or a dry run).

The wizard and `boardwork import` call the same three steps: open_source (what the file is,
its header row and suggested columns), plan_source (the document and every problem by row),
run_import (the interchange importer: one transaction, nothing imported on error).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from desktop.models import Setting
from desktop.models.database import Database
from desktop.services.importing.existing import Existing
from desktop.services.importing.mapping import (
    FIELDS,
    KINDS,
    find_header_row,
    guess_kind,
    header_score,
    layout_signature,
    suggest_mapping,
)
from desktop.services.importing.plan import Plan
from desktop.services.importing.sheets import plan_rows
from desktop.services.importing.tables import Sheet, read_sheets
from desktop.services.interchange import ImportRejected, ImportReport, import_documents
from desktop.services.interchange.importer import read_document

SPREADSHEETS = (".xlsx", ".xlsm", ".csv")
SUFFIXES = (*SPREADSHEETS, ".docx", ".json")
_LAYOUT = "import_layout:"


@dataclass
class Source:
    """A file opened for import: its kind and, for a table, its header row and columns."""

    path: Path
    kind: str  # one of KINDS, or "json"
    sheet: Sheet | None = None
    header_row: int = 0
    mapping: list[str] = field(default_factory=list)
    remembered: bool = False  # the mapping is the one chosen before for this layout
    document: Any = None  # a JSON document, read

    @property
    def headers(self) -> list[Any]:
        if self.sheet is None or self.header_row >= len(self.sheet.rows):
            return []
        return list(self.sheet.rows[self.header_row])

    def set_header_row(self, database: Database, row: int) -> None:
        """Another row holds the headers: the columns are suggested (or recalled) anew."""
        self.header_row = row
        self._suggest(database)

    def set_kind(self, database: Database, kind: str) -> None:
        self.kind = kind
        if self.sheet is not None:
            self.header_row = find_header_row(self.sheet.rows, kind)
            self._suggest(database)

    def _suggest(self, database: Database) -> None:
        remembered = recall_layout(database, self.kind, self.headers)
        self.remembered = remembered is not None
        self.mapping = remembered or suggest_mapping(self.headers, self.kind)
        width = len(self.headers)
        self.mapping = (self.mapping + [""] * width)[:width]


def open_source(database: Database, path: Path, kind: str | None = None) -> Source:
    """The file read; its kind guessed from the headers unless given. ImportRejected when it
    cannot be read or is of a type Boardwork does not import."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ImportRejected([f"{path.name}: Boardwork imports .xlsx, .csv, .docx and its own "
                              ".json files, not {suffix or 'files without an extension'}"])
    if kind is not None and kind not in KINDS:
        raise ImportRejected([f"{kind!r} is not a kind of records: {', '.join(KINDS)}"])
    if suffix == ".json":
        return Source(path, "json", document=read_document(path))
    if suffix == ".docx":
        if kind not in (None, "minutes"):
            raise ImportRejected([f"{path.name}: a Word file is imported as minutes only"])
        return Source(path, "minutes")
    if kind == "minutes":
        raise ImportRejected([f"{path.name}: minutes are imported from a Word (.docx) file"])
    sheets = [s for s in read_sheets(path) if any(any(c is not None for c in r) for r in s.rows)]
    if not sheets:
        raise ImportRejected([f"{path.name}: holds no rows"])
    sheet = max(sheets, key=lambda s: header_score(s.rows))  # the first of equals
    source = Source(path, kind or "actions", sheet)
    if kind is None:
        first = find_header_row(sheet.rows, "actions")
        source.kind = guess_kind(sheet.rows[first])
    source.set_kind(database, source.kind)
    return source


def plan_source(database: Database, source: Source, board: str | None,
                today: dt.date | None = None) -> Plan:
    """What importing the file would do, with every problem by row: nothing is written."""
    today = today or dt.date.today()
    if source.kind == "json":
        plan = Plan("json", document=source.document)
        plan.counts = {list_name: len(source.document.get(list_name) or [])
                       for list_name in ("people", "meetings", "actions", "bookings")
                       if isinstance(source.document, dict)
                       and isinstance(source.document.get(list_name), list)}
        return plan
    with database.session() as session:
        known = Existing.load(session)
    if source.kind == "minutes":
        from desktop.services.importing.minutes import plan_minutes

        return plan_minutes(source.path, known, board)
    assert source.sheet is not None
    return plan_rows(source.kind, source.sheet.rows, source.header_row, source.mapping, known,
                     board, today)


def run_import(database: Database, source: Source, plan: Plan, dry_run: bool = False,
               amend_reason: str | None = None, replace: bool = False) -> ImportReport:
    """Import the plan's document in one transaction (or check it all and roll back).

    ImportRejected lists every problem, each with its row or paragraph; nothing is changed.
    `replace` (Boardwork's own documents only: a spreadsheet gives some fields of a record,
    and the others must keep what they hold) empties the fields a document leaves out.
    """
    if plan.problems:
        raise ImportRejected(plan.problems)
    try:
        report = import_documents(database, [(source.path.name, plan.document)],
                                  amend_reason, replace=replace and source.kind == "json",
                                  dry_run=dry_run)
    except ImportRejected as exc:
        raise type(exc)([plan.in_file_terms(e) for e in exc.errors]) from None
    report.warnings = plan.notes + [plan.in_file_terms(w) for w in report.warnings]
    if not dry_run and source.sheet is not None:
        remember_layout(database, source)
    return report


def import_file(database: Database, path: Path, kind: str | None = None,
                board: str | None = None, dry_run: bool = False,
                amend_reason: str | None = None, replace: bool = False,
                ) -> tuple[Plan, ImportReport]:
    """`boardwork import FILE`: open, plan and import in one call."""
    source = open_source(database, path, kind)
    plan = plan_source(database, source, board)
    return plan, run_import(database, source, plan, dry_run, amend_reason, replace)


# -- remembering the columns chosen for a file layout ------------------------------------------

def recall_layout(database: Database, kind: str, headers: list[Any]) -> list[str] | None:
    name = _LAYOUT + layout_signature(kind, headers)
    with database.session() as session:
        stored = session.scalar(select(Setting.value).where(Setting.name == name))
    if stored is None:
        return None
    try:
        mapping = json.loads(stored)
    except ValueError:
        return None
    fields = FIELDS.get(kind, {})
    if not isinstance(mapping, list) or not all(m == "" or m in fields for m in mapping):
        return None  # stored by another version: suggest afresh
    return [str(m) for m in mapping]


def remember_layout(database: Database, source: Source) -> None:
    """The columns chosen, kept for the next file laid out the same way."""
    name = _LAYOUT + layout_signature(source.kind, source.headers)
    with database.transaction() as session:
        setting = session.get(Setting, name) or Setting(name=name)
        setting.value = json.dumps(source.mapping)
        session.add(setting)
