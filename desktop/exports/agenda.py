"""The agenda of a meeting: items and sub-items with presenter and purpose."""

from __future__ import annotations

from dataclasses import replace

from desktop.dates import show_date
from desktop.exports.document import Block, Column, Document, Row, Table, cell, para
from desktop.exports.minutes import CONFIDENTIAL, meeting_title_block
from desktop.services.documents import MeetingRecord


def agenda_document(record: MeetingRecord, organisation: str = "",
                    public: bool = False) -> Document:
    """The agenda: item, title, presenter and purpose; sub-items under their item."""
    columns = (Column("No.", 14), Column("Item", 104), Column("Presenter", 30),
               Column("Purpose", 26))
    rows = []
    for item in record.items:
        title = CONFIDENTIAL if public and item.confidential else item.title
        # The item's title is a heading: a bookmark, and a heading to a screen reader (PDF).
        heading = replace(para(("    " * item.depth) + title, bold=item.depth == 0),
                          outline=f"{item.number} {title}", outline_level=item.depth + 1)
        rows.append(Row((cell(item.number, bold=item.depth == 0), (heading,),
                         cell(item.presenter or ""),
                         cell((item.purpose or "").capitalize()))))
    blocks: list[Block] = [Table(columns, tuple(rows))]
    if record.chair:
        blocks.insert(0, para(f"Chair: {record.chair}"))
    return Document(
        title=f"Agenda: {record.board}", subtitle=meeting_title_block(record),
        blocks=tuple(blocks), header=organisation or record.board,
        footer=f"Agenda: {record.title or 'meeting'} {show_date(record.date)}")
