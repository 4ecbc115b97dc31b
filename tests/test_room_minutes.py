"""What was recorded in the room, as the minutes print it: read back from Word and PDF."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader
from sqlalchemy import select

from desktop.exports.minutes import minutes_document
from desktop.exports.render import write_document
from desktop.models import Action, AgendaItem, Meeting, MeetingStatus
from desktop.models.database import Database
from desktop.services import live_minutes as live
from desktop.services import meetings as svc
from desktop.services.documents import meeting_record
from desktop.services.meetings import room
from tests.conftest import import_sample
from tests.support.word import minutes_tables

MEETING = "hscb-2018-10-23"
UPDATE_69 = "NPS met on 20/10; representation agreed."
UPDATE_107 = "DSL responses due in November."


@pytest.fixture
def minuted(database: Database) -> Database:
    """The sample meeting in progress: Liz Elgar (apologies) arrives at 13:16, updates are
    given on actions 69 and 107, two actions are raised at item 5.3, items are timed."""
    import_sample(database, "herefordshire-board-2018-10-23.json")
    with database.transaction() as session:
        meeting = session.scalars(select(Meeting)).one()
        meeting.status = MeetingStatus.IN_PROGRESS
        meeting_id = meeting.id
    live.mark_time(database, meeting_id, "LE", "arrived", dt.time(13, 16))
    arising = {row.number: row.id for row in live.matters_arising(database, meeting_id)}
    live.record_update(database, meeting_id, arising[107], UPDATE_107)
    live.record_update(database, meeting_id, arising[69], UPDATE_69, status="completed")
    items = {i.number: i.id for i in svc.meeting_record(database, meeting_id).items}
    live.raise_action(database, meeting_id, items["5.3"], "Report to the Executive", ("LB",),
                      dt.date(2018, 12, 31))
    live.raise_action(database, meeting_id, items["5.3"], "Review thresholds", ("SH", "CB"),
                      None)
    room.stamp_item(database, items["5.3"], dt.time(11, 5))
    return database


def _write(db: Database, fmt: str, tmp_path: Path, item_times: bool = False) -> Path:
    path = tmp_path / f"minutes.{fmt}"
    write_document(minutes_document(meeting_record(db, MEETING), "Herefordshire SCB",
                                    item_times=item_times), fmt, path)
    return path


def _tables(path: Path) -> tuple[list[list[str]], list[list[str]]]:
    return minutes_tables(path)


def _pdf(path: Path) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)
    return re.sub(r"\s+", " ", text)


def test_word_lists_the_late_arrival_under_present(minuted: Database, tmp_path: Path) -> None:
    attendance, _items = _tables(_write(minuted, "docx", tmp_path))
    headings = [i for i, row in enumerate(attendance) if row[0] == row[2]]
    present = attendance[headings[0] + 1:headings[1]]
    liz = next(row for row in present if row[0] == "Liz Elgar")
    assert liz[1] == "LE" and liz[2].endswith("(arrived 13:16)")
    apologies = attendance[headings[2] + 1:]
    assert "Liz Elgar" not in [row[0] for row in apologies]


def test_word_shows_updates_and_numbered_actions(minuted: Database, tmp_path: Path) -> None:
    _attendance, items = _tables(_write(minuted, "docx", tmp_path))
    rows = {row[0]: row for row in items[1:]}
    arising = rows["2"][1]
    assert "Updates on actions" in arising
    assert "Action No. 69 (25/01/2017) CSE Strategic Group - " in arising
    assert f"COMPLETED – {UPDATE_69}" in arising
    assert "Action No. 107 (03/07/2018) CSE Films - " in arising
    assert arising.index("Action No. 69") < arising.index("Action No. 107")
    assert rows["5.3"][2].split("\n") == [
        "114: Exec / SH, due 15/01/2019", "119: LB, due 31/12/2018", "120: SH / CB"]
    assert "(11:05)" not in rows["5.3"][1]


def test_pdf_shows_arrival_updates_and_numbered_actions(minuted: Database,
                                                        tmp_path: Path) -> None:
    text = _pdf(_write(minuted, "pdf", tmp_path))
    present, apologies = text.index("Present:"), text.index("Apologies:")
    liz = text.index("Liz Elgar LE")
    assert present < liz < apologies
    assert "(arrived 13:16)" in text[liz:apologies]
    assert "Action No. 69" in text and UPDATE_69 in text and UPDATE_107 in text
    for line in ("119: LB, due 31/12/2018", "120: SH / CB"):
        assert line in text


def test_the_samples_own_action_log_is_not_printed_twice(database: Database,
                                                         tmp_path: Path) -> None:
    """The sample's updates are written out in item 2's minutes, as the paper has them."""
    import_sample(database, "herefordshire-board-2018-10-23.json")
    assert len(meeting_record(database, MEETING).action_updates) == 6
    _attendance, items = _tables(_write(database, "docx", tmp_path))
    arising = next(row for row in items if row[0] == "2")[1]
    assert "Updates on actions" not in arising
    assert arising.count("NPS will be meeting shortly") == 1


def test_a_status_the_update_already_begins_with_is_not_repeated(minuted: Database,
                                                                 tmp_path: Path) -> None:
    arising = {row.number: row.id for row in live.matters_arising(minuted, _meeting(minuted))}
    live.record_update(minuted, _meeting(minuted), arising[107], "Ongoing – see item 5.",
                       status="ongoing")
    _attendance, items = _tables(_write(minuted, "docx", tmp_path))
    arising_text = next(row for row in items if row[0] == "2")[1]
    assert "Ongoing – see item 5." in arising_text and "ONGOING – Ongoing" not in arising_text


def _meeting(db: Database) -> int:
    with db.session() as session:
        return session.scalars(select(Meeting.id)).one()


def test_item_times_are_printed_only_when_asked_for(minuted: Database, tmp_path: Path) -> None:
    _attendance, items = _tables(_write(minuted, "docx", tmp_path, item_times=True))
    rows = {row[0]: row for row in items[1:]}
    assert rows["5.3"][1].split("\n")[0].endswith("(11:05)")
    assert not rows["5.2"][1].split("\n")[0].endswith(")")
    assert "(11:05)" in _pdf(_write(minuted, "pdf", tmp_path, item_times=True))


def test_updates_follow_the_items_when_no_item_is_for_matters_arising(
    minuted: Database, tmp_path: Path
) -> None:
    with minuted.transaction() as session:
        item = session.scalars(select(AgendaItem).where(AgendaItem.number == "2")).one()
        item.title = "Minutes of the last meeting"
    word = docx.Document(str(_write(minuted, "docx", tmp_path)))
    paragraphs = [p.text for p in word.paragraphs]
    start = paragraphs.index("Updates on actions")
    assert paragraphs[start + 1].startswith("Action No. 69")
    assert paragraphs[-2:] == ["Meeting closed at 12:35.",
                               "Date of next meeting: Tuesday 15/01/2019"]


def test_a_public_copy_leaves_out_updates_on_confidential_actions(
    minuted: Database, tmp_path: Path
) -> None:
    with minuted.transaction() as session:
        action = session.scalars(select(Action).where(Action.number == 107)).one()
        action.item = session.scalars(select(AgendaItem).where(AgendaItem.number == "(a)")).one()
        session.scalars(select(AgendaItem).where(AgendaItem.number == "6")).one() \
            .confidential = True
    path = tmp_path / "public.docx"
    write_document(minutes_document(meeting_record(minuted, MEETING), public=True), "docx",
                   path)
    arising = next(row for row in _tables(path)[1] if row[0] == "2")[1]
    assert UPDATE_69 in arising and UPDATE_107 not in arising
    assert UPDATE_107 in next(row for row in _tables(_write(minuted, "docx", tmp_path))[1]
                              if row[0] == "2")[1]


def test_item_times_from_the_command_line(minuted: Database, database_path: Path,
                                          tmp_path: Path) -> None:
    from desktop.cli import main

    out = tmp_path / "timed.docx"
    assert main(["--database", str(database_path), "export", "minutes", "--meeting", MEETING,
                 "--item-times", "--format", "docx", "--output", str(out)]) == 0
    rows = {row[0]: row for row in _tables(out)[1][1:]}
    assert rows["5.3"][1].split("\n")[0].endswith("(11:05)")
