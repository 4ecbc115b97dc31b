"""A board's action log (open actions, all, those raised in a period, or one owner's) as
Word or PDF, from the same `ActionLog` the Excel export reads; RAG cells are coloured.
An action raised at a confidential item says so in the full log (and on the top of its PDF
pages); the public log has left it out already (`action_log(public=True)`)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from desktop.dates import show_date
from desktop.exports.document import (
    Block,
    Column,
    Document,
    Paragraph,
    Row,
    Run,
    Table,
    cell,
    para,
)
from desktop.exports.minutes import CONFIDENTIAL_MARK
from desktop.exports.render import write_document
from desktop.services.actions import ActionLog, ActionRow
from desktop.services.figures import Period

# Landscape A4 less 2 × 18 mm margins: 261 mm. Measured in the 9 pt table font so that no
# date ("25/01/2017"), status ("Completed") or "(suggested)" breaks inside a word.
COLUMNS = (Column("No.", 19), Column("Raised", 22), Column("Item", 13), Column("Action", 70),
           Column("Owners", 28), Column("Due", 22), Column("Status", 21), Column("RAG", 23),
           Column("Latest update", 43))
RAG_COLUMN = 7
# The same soft red, amber and green as the Excel log, so printouts of both agree.
RAG_FILLS = {"red": "F4B6B6", "amber": "FFD98A", "green": "B9E0B0"}


def action_log_document(log: ActionLog, organisation: str = "",
                        raised_in: Period | None = None) -> Document:
    rows = [row for row in log.rows if raised_in is None or
            (row.raised is not None and raised_in.start <= row.raised <= raised_in.end)]
    subtitle = [log.subtitle]
    if raised_in is not None:
        subtitle.append(f"Raised from {show_date(raised_in.start)} to "
                        f"{show_date(raised_in.end)}: {len(rows)} shown.")
    secret = sum(row.id in log.confidential for row in rows)
    if secret:  # said on the first page too, so that nobody publishes the file by mistake
        subtitle.append(f"{secret} action{' was' if secret == 1 else 's were'} raised at "
                        f"confidential items: marked {CONFIDENTIAL_MARK}.")
    fills = {(index, RAG_COLUMN): RAG_FILLS[row.rag]
             for index, row in enumerate(rows) if row.rag in RAG_FILLS}
    table = Table(COLUMNS, tuple(_marked(_row(row, log.all_boards), row.id in log.confidential)
                                 for row in rows), cell_fills=fills)
    blocks: tuple[Block, ...] = ((table, *initials_key(rows)) if rows
                                 else (para("No actions match."),))
    organisation = organisation or log.organisation
    return Document(title=log.title, subtitle=tuple(subtitle), blocks=blocks,
                    header=organisation or log.title, footer=log.title, landscape=True,
                    author=organisation)


def _row(row: ActionRow, all_boards: bool) -> Row:
    number = f"{row.board} {row.number}" if all_boards else str(row.number)
    action = (Paragraph((Run(row.title, bold=True),)),) if row.title else ()
    latest = f"{show_date(row.latest_date)}: {row.latest_text}" if row.latest_text else ""
    due = show_date(row.due) + (" (overdue)" if row.overdue else "")
    return Row((cell(number), cell(show_date(row.raised)), cell(row.item or ""),
                action + cell(row.text), cell(", ".join(row.owners)), cell(due),
                cell(row.status_name), cell(row.rag_name), cell(latest)))


def _marked(row: Row, confidential: bool) -> Row:
    """The row of an action raised at a confidential item, saying so above the action."""
    if not confidential:
        return row
    at = next(index for index, column in enumerate(COLUMNS) if column.header == "Action")
    cells = list(row.cells)
    cells[at] = (Paragraph((Run(CONFIDENTIAL_MARK, bold=True),)), *cells[at])
    return dataclasses.replace(row, cells=tuple(cells), page_mark=CONFIDENTIAL_MARK)


def initials_pairs(rows: list[ActionRow] | tuple[ActionRow, ...]) -> list[tuple[str, str]]:
    """(initials, name) for every owner printed by initials, by initials; one pair each
    where the same initials stood for different people at different meetings."""
    return sorted({(short, full) for row in rows
                   for short, full in zip(row.owners, row.owner_names, strict=False)
                   if short != full}, key=lambda pair: (pair[0].casefold(), pair[1]))


def initials_key(rows: list[ActionRow] | tuple[ActionRow, ...]) -> tuple[Paragraph, ...]:
    """"Key to initials: AB – Dr Ann Brown; CD – Carl Day": who the owners' initials stand
    for, as the meetings that raised the actions printed them."""
    pairs = initials_pairs(rows)
    if not pairs:
        return ()
    runs = [Run("Key to initials: ", bold=True)]
    runs += [Run(("; " if index else "") + f"{short} – {full}")
             for index, (short, full) in enumerate(pairs)]
    return (Paragraph(tuple(runs), "small"),)


def write_action_log(log: ActionLog, fmt: str, path: Path, organisation: str = "") -> None:
    write_document(action_log_document(log, organisation), fmt, path)
