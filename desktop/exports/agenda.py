"""The agenda of a meeting: items and sub-items with presenter and purpose.

A confidential item says so under its title in the full agenda, and on the top of every PDF
page it is on; the public agenda keeps its number and prints nothing else of it. The
presenter and purpose columns are left out when no item has one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from desktop.dates import show_date
from desktop.exports.document import Block, Cell, Column, Document, Row, Table, cell, para
from desktop.exports.minutes import CONFIDENTIAL_MARK, NONE_RECORDED, meeting_title_block
from desktop.services.documents import ItemRecord, MeetingRecord

PUBLIC_CONFIDENTIAL = "Confidential item"  # what the public agenda prints in its place
# A4 portrait less 2 × 18 mm margins: 174 mm; the item column takes what the others leave.
NUMBER = Column("No.", 14)
PRESENTER = Column("Presenter", 30)
PURPOSE = Column("Purpose", 26)
PAPER = Column("Paper", 24)  # in a meeting pack: where each item's paper is ("Page 7")


def agenda_document(record: MeetingRecord, organisation: str = "",
                    public: bool = False, papers: Sequence[str] | None = None) -> Document:
    """The agenda: item, title, presenter and purpose; sub-items under their item.

    `papers`, one text per item of `record.items` ("Page 7", "Exempt"), adds a Paper column:
    a meeting pack's agenda (desktop/exports/pack.py)."""
    shown = [item for item in record.items if not (public and item.confidential)]
    presenters = any(item.presenter for item in shown)
    purposes = any(item.purpose for item in shown)
    width = (174 - NUMBER.width_mm - PRESENTER.width_mm * presenters
             - PURPOSE.width_mm * purposes - PAPER.width_mm * (papers is not None))
    columns = (NUMBER, Column("Item", width), *((PRESENTER,) if presenters else ()),
               *((PURPOSE,) if purposes else ()), *((PAPER,) if papers is not None else ()))
    rows = tuple(_row(item, public, presenters, purposes,
                      None if papers is None else papers[index])
                 for index, item in enumerate(record.items))
    blocks: list[Block] = [Table(columns, rows) if rows else para(f"Items: {NONE_RECORDED}")]
    if record.chair:
        blocks.insert(0, para(f"Chair: {record.chair}"))
    return Document(
        title=f"Agenda: {record.board}", subtitle=meeting_title_block(record),
        blocks=tuple(blocks), header=organisation or record.board,
        footer=f"Agenda{' (public version)' if public else ''}: "
               f"{record.title or 'meeting'} {show_date(record.date)}")


def _row(item: ItemRecord, public: bool, presenters: bool, purposes: bool,
         paper: str | None) -> Row:
    indent = "    " * item.depth
    hidden = public and item.confidential
    name = PUBLIC_CONFIDENTIAL if hidden else item.title
    # The item's title is a heading: bookmarked, and a heading to a screen reader or in Word's
    # navigation pane.
    title: Cell = (replace(para(indent + name, bold=item.depth == 0),
                           heading=1 if item.depth == 0 else 2, outline=f"{item.number} {name}"),)
    if item.confidential and not public:
        title += cell(indent + CONFIDENTIAL_MARK, bold=True)
    cells = [cell(item.number, bold=item.depth == 0), title]
    if presenters:
        cells.append(cell("" if hidden else item.presenter or ""))
    if purposes:
        cells.append(cell("" if hidden else (item.purpose or "").capitalize()))
    if paper is not None:
        cells.append(cell(paper))
    return Row(tuple(cells), page_mark=CONFIDENTIAL_MARK if item.confidential and not public
               else "")
