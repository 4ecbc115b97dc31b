"""The meeting pack, read back with pypdf: cover and agenda, each paper behind a divider,
bookmarks for every item and paper, "Page n of N" on every page, the public pack without the
confidential paper, and the supplementary pack of late papers."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop.exports.pack import build_pack
from desktop.models import AgendaItem
from desktop.models.database import Database
from desktop.services import papers
from desktop.services.errors import InvalidInput
from tests.conftest import import_sample
from tests.support.papers import write_paper

MEETING = "hscb-2018-10-23"


def _item_id(database: Database, number: str) -> int:
    with database.session() as s:
        return s.query(AgendaItem).filter_by(number=number).one().id


@pytest.fixture
def meeting(database: Database, tmp_path: Path) -> Database:
    """The Herefordshire sample: item 5.3 confidential; three papers (2, 3 and 1 pages) on
    items 3, 5.3 (the confidential one) and 6; item 7 expects a paper not yet sent."""
    import_sample(database, "herefordshire-board-2018-10-23.json")
    with database.transaction() as s:
        s.query(AgendaItem).filter_by(number="5.3").one().confidential = True
        s.query(AgendaItem).filter_by(number="7").one().paper_expected = True
    meeting_id = papers.meeting_id_of(database, MEETING)
    papers.set_paper_deadline(database, meeting_id, dt.date(2018, 10, 16))
    for number, name, pages, received in (("3", "Annual report", 2, dt.date(2018, 10, 10)),
                                          ("5.3", "Nightjar review", 3, dt.date(2018, 10, 12)),
                                          ("6", "Section 11 audit", 1, dt.date(2018, 10, 19))):
        paper = papers.read_paper_file(write_paper(tmp_path, name.replace(" ", "-"), pages))
        papers.attach_paper(database, _item_id(database, number), paper, name,
                            "Independent Scrutineer", received)
    return database


def _texts(reader: PdfReader) -> list[str]:
    return [page.extract_text() or "" for page in reader.pages]


def _outline(reader: PdfReader) -> list[tuple[int, str, int]]:
    """(depth, title, page number from 1) of every bookmark, in order."""
    found: list[tuple[int, str, int]] = []

    def walk(entries: list, depth: int) -> None:  # type: ignore[type-arg]
        for entry in entries:
            if isinstance(entry, list):
                walk(entry, depth + 1)
            else:
                found.append((depth, entry.title, reader.get_destination_page_number(entry) + 1))

    walk(reader.outline, 0)
    return found


def test_the_full_pack_holds_every_paper_behind_a_divider(meeting: Database) -> None:
    pack = build_pack(meeting, MEETING)
    reader = PdfReader(io.BytesIO(pack.pdf))
    texts = _texts(reader)
    front = next(i for i, text in enumerate(texts) if "Item 3" in text)  # first divider
    # cover + agenda, then 3 dividers and 2 + 3 + 1 pages of papers
    assert len(reader.pages) == pack.pages == front + 3 + 6
    assert pack.papers == 3 and pack.exempt == 0
    total = len(reader.pages)
    for number, text in enumerate(texts, start=1):  # one number a page, counting the pack
        assert re.findall(r"Page \d+ of \d+", text) == [f"Page {number} of {total}"]
    # the agenda says where each paper starts, and that item 7's is to follow
    agenda = " ".join(texts[:front])
    assert f"Page {front + 1}" in agenda and f"Page {front + 4}" in agenda
    assert f"Page {front + 8}" in agenda and "To follow" in agenda
    assert "Annual-report page 1" in texts[front + 1]
    assert "Nightjar-review page 3" in texts[front + 6]
    assert "CONFIDENTIAL" in texts[front + 3] and "Item 5.3" in texts[front + 3]
    assert "Received after the paper deadline" in texts[front + 7]
    outline = _outline(reader)
    titles = [title for _, title, _ in outline]
    assert titles[:2] == ["Cover", "Agenda"]
    assert [page for _, title, page in outline[:2]] == [1, 2]
    assert texts[0].startswith("Meeting pack: Herefordshire")
    assert "Agenda:" in texts[1]
    with meeting.session() as s:
        numbers = [n for (n,) in s.query(AgendaItem.number).filter(
            AgendaItem.meeting.has(key=MEETING))]
    for number in numbers:  # every item bookmarked
        assert any(title.startswith(f"{number} ") for title in titles), number
    papers_marked = {title: page for _, title, page in outline if title.startswith("Paper:")}
    assert papers_marked == {
        "Paper: Annual report (Independent Scrutineer)": front + 2,
        "Paper: Nightjar review (Independent Scrutineer)": front + 5,
        "Paper: Section 11 audit (Independent Scrutineer)": front + 9,
    }
    item_marks = {title.split(" ")[0]: (depth, page) for depth, title, page in outline}
    assert item_marks["3"] == (0, front + 1) and item_marks["5.3"] == (1, front + 4)


def test_the_public_pack_leaves_out_the_confidential_paper(meeting: Database) -> None:
    pack = build_pack(meeting, MEETING, public=True)
    reader = PdfReader(io.BytesIO(pack.pdf))
    texts = _texts(reader)
    whole = " ".join(texts)
    assert "Nightjar" not in whole
    assert pack.papers == 2 and pack.exempt == 1
    front = next(i for i, text in enumerate(texts) if "Item 3" in text)
    # 2 dividers + the exempt page + 2 + 1 pages of papers
    assert len(reader.pages) == front + 3 + 3
    assert "Exempt" in " ".join(texts[:front])  # on the agenda
    assert "EXEMPT" in texts[front + 3] and "not for publication" in texts[front + 3]
    total = len(reader.pages)
    assert all(f"Page {n} of {total}" in text for n, text in enumerate(texts, start=1))
    assert all("Nightjar" not in title for _, title, _ in _outline(reader))


def test_the_supplementary_pack_holds_only_late_papers(meeting: Database) -> None:
    pack = build_pack(meeting, MEETING, supplement=True)
    reader = PdfReader(io.BytesIO(pack.pdf))
    texts = _texts(reader)
    assert pack.papers == 1
    assert "Section-11-audit page 1" in texts[-1] and "Annual report" not in " ".join(texts)
    assert "after the deadline of 16/10/2018" in texts[0]
    titles = [title for _, title, _ in _outline(reader)]
    assert titles == ["Cover", "Agenda", titles[2], "Paper: Section 11 audit "
                      "(Independent Scrutineer)"] and titles[2].startswith("6 ")


def test_a_supplement_needs_a_deadline_and_a_late_paper(meeting: Database) -> None:
    meeting_id = papers.meeting_id_of(meeting, MEETING)
    papers.set_paper_deadline(meeting, meeting_id, dt.date(2018, 10, 22))
    with pytest.raises(InvalidInput, match="No paper was received after the deadline"):
        build_pack(meeting, MEETING, supplement=True)
    papers.set_paper_deadline(meeting, meeting_id, None)
    with pytest.raises(InvalidInput, match="no paper deadline"):
        build_pack(meeting, MEETING, supplement=True)


def test_progress_is_reported_to_the_end(meeting: Database) -> None:
    steps: list[tuple[int, int]] = []
    build_pack(meeting, MEETING, progress=lambda done, of: steps.append((done, of)))
    assert steps[0][0] == 0 and steps[-1][0] == steps[-1][1]
    assert [done for done, _ in steps] == sorted(done for done, _ in steps)


def test_turned_and_shifted_pages_are_stamped_at_their_foot(database: Database,
                                                            tmp_path: Path) -> None:
    """A landscape page shown turned (/Rotate 90) and a page whose box does not start at 0,0
    both carry the stamp, inside the page as seen."""
    from pypdf import PdfWriter
    from pypdf.generic import RectangleObject

    import_sample(database, "herefordshire-board-2018-10-23.json")
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(
        (write_paper(tmp_path, "Odd", 2)).read_bytes())))
    writer.pages[0].rotate(90)
    writer.pages[1].mediabox = RectangleObject((100, 200, 695, 1042))
    odd = tmp_path / "odd.pdf"
    with odd.open("wb") as out:
        writer.write(out)
    papers.attach_paper(database, _item_id(database, "4"), papers.read_paper_file(odd))
    reader = PdfReader(io.BytesIO(build_pack(database, MEETING).pdf))
    total = len(reader.pages)
    for number in (total - 1, total):
        page = reader.pages[number - 1]
        found: list[tuple[float, float]] = []

        def visitor(text, cm, tm, _font, _size, found=found):  # type: ignore[no-untyped-def]
            if "Page" in text:  # where the text starts, on the page (through the cm)
                x, y = tm[4], tm[5]
                found.append((x * cm[0] + y * cm[2] + cm[4], x * cm[1] + y * cm[3] + cm[5]))

        page.extract_text(visitor_text=visitor)
        assert f"Page {number} of {total}" in page.extract_text()
        box = page.mediabox
        x, y = found[0]
        assert float(box.left) <= x <= float(box.right)
        assert float(box.bottom) <= y <= float(box.bottom) + 40  # at the foot


def test_a_pack_without_papers_is_cover_and_agenda(database: Database) -> None:
    import_sample(database, "herefordshire-board-2018-10-23.json")
    pack = build_pack(database, "hscb-2018-10-23", public=True)
    reader = PdfReader(io.BytesIO(pack.pdf))
    assert (pack.papers, pack.exempt, pack.pages) == (0, 0, len(reader.pages))
    assert "the agenda and 0 papers" in reader.pages[0].extract_text()
    assert f"Page {pack.pages} of {pack.pages}" in reader.pages[-1].extract_text()
