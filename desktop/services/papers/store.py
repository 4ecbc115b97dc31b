"""Papers attached to agenda items, the meeting's paper deadline, and what is still missing.

Each user action is one transaction. A paper's PDF is loaded only by `paper_pdf` and the
pack: lists carry the paper's details, never its bytes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.models import AgendaItem, Meeting, Paper
from desktop.models.database import Database
from desktop.services.errors import InvalidInput
from desktop.services.meetings.common import clean_text, get_meeting
from desktop.services.meetings.queries import items_in_order
from desktop.services.papers.intake import PaperFile


@dataclass(frozen=True)
class PaperRow:
    id: int
    item_id: int
    item_number: str
    item_title: str
    title: str
    author: str
    received: dt.date
    filename: str
    pages: int
    size: int
    late: bool  # received after the meeting's paper deadline


@dataclass(frozen=True)
class MissingPaper:
    item_id: int
    item_number: str
    item_title: str


def _item(session: Session, item_id: int) -> AgendaItem:
    item = session.get(AgendaItem, item_id)
    if item is None:
        raise InvalidInput("That agenda item no longer exists.")
    return item


def attach_paper(database: Database, item_id: int, paper: PaperFile, title: str = "",
                 author: str = "", received: dt.date | None = None) -> int:
    """Attach the checked PDF to the item; the title defaults to the file's name."""
    default_title = paper.filename.rsplit(".", 1)[0] if "." in paper.filename else paper.filename
    clean_title = clean_text(title or default_title, "The paper's title", "title",
                             required=True)
    clean_author = clean_text(author, "The author or agency", "author", limit=300)
    filename = clean_text(paper.filename, "The file's name", "file", limit=300) or "paper.pdf"
    assert clean_title is not None
    with database.transaction() as session:
        item = _item(session, item_id)
        position = session.scalar(select(func.count()).select_from(Paper)
                                  .where(Paper.item_id == item.id)) or 0
        row = Paper(item_id=item.id, position=position, title=clean_title,
                    author=clean_author, received=received or dt.date.today(),
                    filename=filename, pages=paper.pages, size=len(paper.pdf), pdf=paper.pdf)
        session.add(row)
        session.flush()
        return row.id


def remove_paper(database: Database, paper_id: int) -> None:
    with database.transaction() as session:
        paper = session.get(Paper, paper_id)
        if paper is None:
            raise InvalidInput("That paper has already been removed.")
        item_id = paper.item_id
        session.delete(paper)
        session.flush()
        for position, rest in enumerate(session.scalars(
                select(Paper).where(Paper.item_id == item_id).order_by(Paper.position))):
            rest.position = position


def paper_pdf(database: Database, paper_id: int) -> tuple[str, bytes]:
    """(file name to offer, the PDF's bytes) of one paper."""
    with database.session() as session:
        paper = session.get(Paper, paper_id)
        if paper is None:
            raise InvalidInput("That paper has been removed.")
        name = paper.filename
        if not name.lower().endswith(".pdf"):
            name = name.rsplit(".", 1)[0] + ".pdf"
        return name, paper.pdf


def set_paper_expected(database: Database, item_id: int, expected: bool) -> None:
    with database.transaction() as session:
        _item(session, item_id).paper_expected = expected


def set_paper_deadline(database: Database, meeting_id: int, deadline: dt.date | None) -> None:
    with database.transaction() as session:
        meeting = get_meeting(session, meeting_id)
        if deadline is not None and deadline > meeting.date:
            raise InvalidInput("The paper deadline must be on or before the meeting's date.",
                               "deadline")
        meeting.paper_deadline = deadline


def paper_deadline(database: Database, meeting_id: int) -> dt.date | None:
    with database.session() as session:
        return get_meeting(session, meeting_id).paper_deadline


def meeting_papers(database: Database, meeting_id: int) -> list[PaperRow]:
    """The meeting's papers in agenda order, each item's in the order attached."""
    with database.session() as session:
        deadline = get_meeting(session, meeting_id).paper_deadline
        rows: list[PaperRow] = []
        for item, _depth in items_in_order(session, meeting_id):
            for paper in item.papers:
                rows.append(PaperRow(
                    paper.id, item.id, item.number, item.title, paper.title,
                    paper.author or "", paper.received, paper.filename, paper.pages,
                    paper.size, deadline is not None and paper.received > deadline))
        return rows


def item_papers(database: Database, item_id: int) -> list[PaperRow]:
    """The papers of one item, in order (the Agenda tab's Papers pane)."""
    with database.session() as session:
        item = _item(session, item_id)
        deadline = item.meeting.paper_deadline
        return [PaperRow(p.id, item.id, item.number, item.title, p.title, p.author or "",
                         p.received, p.filename, p.pages, p.size,
                         deadline is not None and p.received > deadline) for p in item.papers]


def missing_papers(database: Database, meeting_id: int) -> list[MissingPaper]:
    """Items marked "paper expected" that have no paper yet, in agenda order."""
    with database.session() as session:
        get_meeting(session, meeting_id)
        return [MissingPaper(item.id, item.number, item.title)
                for item, _depth in items_in_order(session, meeting_id)
                if item.paper_expected and not item.papers]


# --- by key and label, for the command line ---------------------------------------------------

def meeting_id_of(database: Database, key: str) -> int:
    with database.session() as session:
        found = session.scalar(select(Meeting.id).where(Meeting.key == key))
    if found is None:
        raise InvalidInput(f"There is no meeting {key!r}.", "meeting")
    return found


def item_id_of(database: Database, meeting_id: int, label: str) -> int:
    """The item printed with `label` ("5", "5.1"; a trailing full stop is allowed)."""
    wanted = label.strip().rstrip(".")
    with database.session() as session:
        items = [item for item, _ in items_in_order(session, meeting_id)]
        labels = [item.number for item in items if item.number]
    for item in items:
        if item.number and item.number.rstrip(".") == wanted:
            return item.id
    raise InvalidInput(f"The meeting has no item {label!r}; its items are "
                       f"{', '.join(labels) or 'none'}.", "item")


@dataclass(frozen=True)
class PackPaper:
    """A paper as the pack prints it: its details and its PDF."""

    id: int
    title: str
    author: str
    received: dt.date
    pages: int
    pdf: bytes


def papers_for_pack(database: Database, meeting_id: int) -> tuple[dict[int, list[PackPaper]],
                                                                  dt.date | None]:
    """Each item's papers with their PDFs (by item id), and the meeting's paper deadline."""
    with database.session() as session:
        deadline = get_meeting(session, meeting_id).paper_deadline
        papers = session.scalars(
            select(Paper).join(AgendaItem).where(AgendaItem.meeting_id == meeting_id)
            .order_by(Paper.item_id, Paper.position)).all()
        result: dict[int, list[PackPaper]] = {}
        for paper in papers:
            result.setdefault(paper.item_id, []).append(PackPaper(
                paper.id, paper.title, paper.author or "", paper.received, paper.pages,
                paper.pdf))
        return result, deadline
