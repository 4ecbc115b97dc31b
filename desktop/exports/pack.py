"""A meeting pack: one PDF with a cover, the agenda (saying on which page each item's papers
are), then every paper behind a divider; bookmarks for every item and paper, and
"Page n of N" on every page.

The public pack leaves out the papers of confidential items (their agenda line and divider
say "Exempt"). A supplementary pack holds only the papers received after the meeting's
paper deadline, behind a short agenda of their items.

The agenda's length decides where the papers start, and the page numbers it prints can change
its length, so it is laid out again until its length settles (twice, nearly always).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from desktop.dates import show_date
from desktop.exports.agenda import PUBLIC_CONFIDENTIAL, agenda_document
from desktop.exports.document import Block, Column, Heading, Row, Table, cell, para
from desktop.exports.minutes import CONFIDENTIAL_MARK
from desktop.exports.pack_pages import Divider, dividers_pdf, stamp_pages
from desktop.exports.pdf import pdf_bytes
from desktop.services.database import Database
from desktop.services.documents import ItemRecord, MeetingRecord, meeting_record
from desktop.services.documents.meeting_record import DocumentError
from desktop.services.papers import PackPaper, papers_for_pack
from desktop.services.settings import load_logo, load_settings

if TYPE_CHECKING:
    from pypdf import PdfWriter

Progress = Callable[[int, int], None]  # (done, of): steps of the build, for a progress bar
EXEMPT = "Exempt"
TO_FOLLOW = "To follow"


@dataclass(frozen=True)
class Section:
    """What follows the agenda for one item: its papers, or (public pack) one exempt page."""

    index: int  # in the agenda's items
    item: ItemRecord
    papers: tuple[PackPaper, ...]
    exempt: bool = False


@dataclass(frozen=True)
class Pack:
    pdf: bytes
    pages: int
    papers: int  # papers printed in it
    exempt: int  # items whose papers the public pack left out


def build_pack(db: Database, meeting: str | int, public: bool = False,
               supplement: bool = False, progress: Progress | None = None) -> Pack:
    from pypdf import PdfReader, PdfWriter

    record = meeting_record(db, meeting)
    by_item, deadline = papers_for_pack(db, record.id)
    settings = load_settings(db)
    organisation = settings.organisation_name or record.board
    if supplement:
        record, by_item = _late_only(record, by_item, deadline)
    sections = _sections(record, by_item, public)
    steps = 3 + len(sections)
    _tell(progress, 0, steps)

    front, cover_pages, front_pages = _front(record, sections, organisation, public,
                                             supplement, deadline, load_logo(db))
    _tell(progress, 1, steps)
    writer = PdfWriter()
    for part in front:
        for page in PdfReader(io.BytesIO(part)).pages:
            writer.add_page(page)
    specs: list[Divider] = []
    for section in sections:
        if section.exempt:
            specs.append(_exempt_divider(section, organisation))
        else:
            specs.extend(_paper_divider(paper, section, organisation, deadline)
                         for paper in section.papers)
    dividers = iter(PdfReader(io.BytesIO(dividers_pdf(specs))).pages)
    paper_pages: list[tuple[int, PackPaper]] = []  # (index of its first page, paper)
    for step, section in enumerate(sections):
        if section.exempt:
            writer.add_page(next(dividers))
        for paper in () if section.exempt else section.papers:
            writer.add_page(next(dividers))
            paper_pages.append((len(writer.pages), paper))  # the page after its divider
            for page in PdfReader(io.BytesIO(paper.pdf)).pages:
                writer.add_page(page)
        _tell(progress, 2 + step, steps)
    _bookmark(writer, record, sections, (cover_pages, front_pages), paper_pages, public)
    label = f"{record.board_short or record.board}, {show_date(record.date)}: " + (
        "supplementary pack" if supplement else "public pack" if public else "meeting pack")
    stamp_pages(writer, label)
    writer.add_metadata({"/Title": f"{_pack_name(public, supplement)}: {record.board}, "
                                   f"{show_date(record.date)}",
                         "/Author": organisation, "/Creator": "Boardwork"})
    writer.page_mode = "/UseOutlines"  # the bookmarks open beside the pack
    buffer = io.BytesIO()
    writer.write(buffer)
    _tell(progress, steps, steps)
    printed = sum(len(s.papers) for s in sections if not s.exempt)
    return Pack(buffer.getvalue(), len(writer.pages), printed,
                sum(1 for s in sections if s.exempt))


def _bookmark(writer: PdfWriter, record: MeetingRecord, sections: list[Section],
              front: tuple[int, int], paper_pages: list[tuple[int, PackPaper]],
              public: bool) -> None:
    """Cover, Agenda, then every item (sub-items under their item) at its first paper's
    divider, or at the agenda when it has none; each paper under its item, at its first
    page. Added once every page is in: a bookmark points at a page that exists."""
    cover_pages, front_pages = front
    writer.add_outline_item(title="Cover", page_number=0)
    agenda_page = cover_pages  # the agenda's first page, after the cover's
    writer.add_outline_item(title="Agenda", page_number=agenda_page)
    starts = dict(zip((s.index for s in sections), _section_starts(sections, front_pages),
                      strict=True))
    first_page = {id(paper): index for index, paper in paper_pages}
    marks: dict[int | None, Any] = {None: None}
    for index, item in enumerate(record.items):
        name = f"{PUBLIC_CONFIDENTIAL} ({EXEMPT.lower()})" if public and item.confidential \
            else item.title
        marks[index] = writer.add_outline_item(
            title=f"{item.number} {name}".strip(),
            page_number=starts[index] - 1 if index in starts else agenda_page,
            parent=marks.get(_parent_index(record.items, index)))
    for section in sections:
        for paper in () if section.exempt else section.papers:
            title = f"Paper: {paper.title}" + (f" ({paper.author})" if paper.author else "")
            writer.add_outline_item(title=title, page_number=first_page[id(paper)],
                                    parent=marks[section.index])


def _tell(progress: Progress | None, done: int, of: int) -> None:
    if progress is not None:
        progress(done, of)


def _parent_index(items: tuple[ItemRecord, ...], index: int) -> int | None:
    depth = items[index].depth
    for earlier in range(index - 1, -1, -1):
        if items[earlier].depth < depth:
            return earlier
    return None


def _late_only(record: MeetingRecord, by_item: dict[int, list[PackPaper]],
               deadline: dt.date | None) -> tuple[MeetingRecord, dict[int, list[PackPaper]]]:
    if deadline is None:
        raise DocumentError("This meeting has no paper deadline, so no paper is late: set the "
                            "deadline (Papers, Deadline) to make a supplementary pack of the "
                            "papers received after it.", "meeting")
    late = {item_id: [p for p in papers if p.received > deadline]
            for item_id, papers in by_item.items()}
    late = {item_id: papers for item_id, papers in late.items() if papers}
    if not late:
        raise DocumentError(f"No paper was received after the deadline "
                            f"({show_date(deadline)}): there is nothing for a supplementary "
                            "pack.", "meeting")
    items = tuple(item for item in record.items if item.id in late)
    return dataclasses.replace(record, items=items), late


def _sections(record: MeetingRecord, by_item: dict[int, list[PackPaper]],
              public: bool) -> list[Section]:
    sections = []
    for index, item in enumerate(record.items):
        papers = tuple(by_item.get(item.id, ()))
        if papers:
            sections.append(Section(index, item, papers, exempt=public and item.confidential))
    return sections


def _section_pages(section: Section) -> int:
    """Pages the section takes: one exempt page, or a divider before each paper."""
    return 1 if section.exempt else sum(1 + paper.pages for paper in section.papers)


def _section_starts(sections: list[Section], front_pages: int) -> list[int]:
    starts, page = [], front_pages + 1
    for section in sections:
        starts.append(page)
        page += _section_pages(section)
    return starts


def _paper_pages(section: Section, start: int) -> str:
    """ "Page 7", or "Pages 7, 12" for an item with two papers (each at its divider)."""
    if section.exempt:
        return EXEMPT
    pages, page = [], start
    for paper in section.papers:
        pages.append(str(page))
        page += 1 + paper.pages
    return f"Page{'s' if len(pages) > 1 else ''} {', '.join(pages)}"


def _front(record: MeetingRecord, sections: list[Section], organisation: str, public: bool,
           supplement: bool, deadline: dt.date | None,
           logo: bytes | None) -> tuple[list[bytes], int, int]:
    """The cover and the agenda as two PDFs, with the cover's and both's page counts; the
    agenda says on which page each item's papers are."""
    from pypdf import PdfReader

    def length(data: bytes) -> int:
        return len(PdfReader(io.BytesIO(data)).pages)

    cover_pages, pages = 1, 2
    for _attempt in range(5):
        starts = dict(zip((s.index for s in sections), _section_starts(sections, pages),
                          strict=True))
        texts = []
        for index, item in enumerate(record.items):
            section = next((s for s in sections if s.index == index), None)
            if section is not None:
                texts.append(_paper_pages(section, starts[index]))
            else:
                texts.append(TO_FOLLOW if item.paper_expected and not supplement else "")
        agenda = dataclasses.replace(agenda_document(record, organisation, public, texts),
                                     footer="", page_numbers=False, author=organisation,
                                     logo=logo)
        total = pages + sum(_section_pages(s) for s in sections)
        cover = dataclasses.replace(
            agenda, title=f"{_pack_name(public, supplement)}: {record.board}",
            blocks=tuple(_cover(record, sections, public, supplement, deadline, total, pages)))
        parts = [pdf_bytes(cover), pdf_bytes(agenda)]
        laid_out = (length(parts[0]), length(parts[0]) + length(parts[1]))
        if laid_out == (cover_pages, pages):
            return parts, cover_pages, pages
        cover_pages, pages = laid_out
    raise AssertionError("the agenda's length did not settle")


def _pack_name(public: bool, supplement: bool) -> str:
    if supplement:
        return "Supplementary pack" + (" (public)" if public else "")
    return "Public meeting pack" if public else "Meeting pack"


def _cover(record: MeetingRecord, sections: list[Section], public: bool, supplement: bool,
           deadline: dt.date | None, total: int, front_pages: int) -> list[Block]:
    papers = sum(len(s.papers) for s in sections if not s.exempt)
    blocks: list[Block] = [para("")]
    if supplement:
        blocks.append(para(f"Papers received after the deadline of {show_date(deadline)}, "
                           "for the items listed below.", "strong"))
    blocks.append(para(f"This pack: the agenda and {papers} paper{'s' * (papers != 1)}, "
                       f"{total} pages."))
    if record.chair:
        blocks.append(para(f"Chair: {record.chair}"))
    if papers:
        rows = []
        for section, start in zip(sections, _section_starts(sections, front_pages),
                                  strict=True):
            if section.exempt:
                rows.append(Row((cell(section.item.number), cell(PUBLIC_CONFIDENTIAL),
                                 cell(""), cell(EXEMPT))))
                continue
            page = start
            for paper in section.papers:
                rows.append(Row((cell(section.item.number), cell(paper.title),
                                 cell(paper.author), cell(str(page)))))
                page += 1 + paper.pages
        blocks += [Heading("Papers in this pack"),
                   Table((Column("Item", 14), Column("Paper", 90), Column("From", 50),
                          Column("Page", 20)), tuple(rows))]
    if deadline is not None and not supplement:
        blocks.append(para(f"Papers were due by {show_date(deadline)}.", "small"))
    exempt = [s for s in sections if s.exempt]
    if exempt:
        blocks.append(para(
            f"{len(exempt)} item{'s' * (len(exempt) != 1)} marked Exempt: its papers contain "
            "information that is not for publication and are not in this pack.", "small"))
    elif not public and any(s.item.confidential for s in sections):
        blocks.append(para(f"This pack holds confidential papers: {CONFIDENTIAL_MARK}.",
                           "strong"))
    return blocks


def _exempt_divider(section: Section, organisation: str) -> Divider:
    return Divider(organisation, f"Item {section.item.number}".strip(), PUBLIC_CONFIDENTIAL,
                   ("Exempt: not for publication",
                    "The papers for this item contain exempt information and are not "
                    "included in the public pack."), mark=EXEMPT.upper())


def _paper_divider(paper: PackPaper, section: Section, organisation: str,
                   deadline: dt.date | None) -> Divider:
    """The page before one paper: its item, title, author, when received, length."""
    item = section.item
    lines = [paper.title]
    if paper.author:
        lines.append(f"From: {paper.author}")
    lines.append(f"Received: {show_date(paper.received)}")
    lines.append(f"{paper.pages} page{'s' * (paper.pages != 1)}")
    marks = []
    if item.confidential:
        marks.append(CONFIDENTIAL_MARK)
    if deadline is not None and paper.received > deadline:
        marks.append("Received after the paper deadline")
    return Divider(organisation, f"Item {item.number}".strip(), item.title, tuple(lines),
                   " · ".join(marks))
