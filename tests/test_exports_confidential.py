"""Confidential items in the papers, read back from the files: marked at the item and on the
pages that carry it in the full minutes, agenda and action log; nothing of it in the public
ones (Word, PDF and, for the action log, Excel; `--public` from the command line)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import docx
import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from desktop.cli import main
from desktop.exports.action_log_xlsx import WRITERS
from desktop.exports.agenda import agenda_document
from desktop.exports.minutes import CONFIDENTIAL, CONFIDENTIAL_MARK, minutes_document
from desktop.exports.render import write_document
from desktop.models import Action, ActionUpdate, AgendaItem
from desktop.models.database import Database
from desktop.services.actions import action_log
from desktop.services.documents import meeting_record
from tests.conftest import import_sample

MEETING = "hscb-2018-10-23"
SECRET_TITLE = "Child J: the review of Operation Nightjar"
SECRET_MINUTES = "The board heard the findings of the Kestrel inquiry"
SECRET_ACTION = "Brief the Lead Member on Kestrel before 1 November"
SECRET_PRESENTER = "Detective Inspector Wren"
SECRETS = ("Nightjar", "Kestrel", "Wren")


@pytest.fixture
def secret(database: Database) -> Database:
    """The Herefordshire sample with item 5.3 made confidential, with words of its own."""
    import_sample(database, "herefordshire-board-2018-10-23.json")
    with database.transaction() as s:
        item = s.query(AgendaItem).filter_by(number="5.3").one()
        item.confidential = True
        item.title = SECRET_TITLE
        item.presenter = SECRET_PRESENTER
        item.minutes_html = f"<p>{SECRET_MINUTES}.</p>"
        s.query(Action).filter_by(number=114).one().text = SECRET_ACTION
    return database


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def pdf_pages(path: Path) -> list[str]:
    return [_flat(page.extract_text()) for page in PdfReader(str(path)).pages]


def word_text(path: Path) -> tuple[str, str]:
    """The Word file's body (paragraphs and table cells) and its header."""
    word = docx.Document(str(path))
    parts = [p.text for p in word.paragraphs]
    for table in word.tables:
        parts += [c.text for row in table.rows for c in row.cells]
    header = "\n".join(p.text for p in word.sections[0].header.paragraphs)
    return _flat("\n".join(parts)), header


def _minutes(db: Database, fmt: str, tmp_path: Path, public: bool = False) -> Path:
    path = tmp_path / f"minutes{'-public' if public else ''}.{fmt}"
    write_document(minutes_document(meeting_record(db, MEETING), "HSCB", public), fmt, path)
    return path


def _agenda(db: Database, fmt: str, tmp_path: Path, public: bool = False) -> Path:
    path = tmp_path / f"agenda{'-public' if public else ''}.{fmt}"
    write_document(agenda_document(meeting_record(db, MEETING), "HSCB", public), fmt, path)
    return path


def _item_cell(path: Path, number: str) -> str:
    table = docx.Document(str(path)).tables[-1]
    return next(row.cells[1].text for row in table.rows if row.cells[0].text == number)


# --- the minutes -------------------------------------------------------------------------


def test_word_minutes_mark_the_item_and_the_header(secret: Database, tmp_path: Path) -> None:
    path = _minutes(secret, "docx", tmp_path)
    cell = _item_cell(path, "5.3").split("\n")
    assert cell[:2] == [SECRET_TITLE, CONFIDENTIAL_MARK]
    assert CONFIDENTIAL_MARK not in _item_cell(path, "5.2")
    _body, header = word_text(path)
    assert CONFIDENTIAL_MARK in header


def test_pdf_minutes_mark_only_the_pages_carrying_the_item(secret: Database,
                                                          tmp_path: Path) -> None:
    pages = pdf_pages(_minutes(secret, "pdf", tmp_path))
    carrying = [i for i, page in enumerate(pages) if "Kestrel" in page]
    assert carrying
    for index, page in enumerate(pages):
        # Once at the top of the page, and once at the item on the page where it starts.
        assert (CONFIDENTIAL_MARK in page) == (index in carrying), index
    start = next(i for i, page in enumerate(pages) if SECRET_TITLE in page)
    assert f"{SECRET_TITLE} {CONFIDENTIAL_MARK}" in pages[start]
    assert pages[start].count(CONFIDENTIAL_MARK) == 2


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_public_minutes_hold_nothing_of_the_item(secret: Database, tmp_path: Path,
                                                 fmt: str) -> None:
    path = _minutes(secret, fmt, tmp_path, public=True)
    text = " ".join(pdf_pages(path)) if fmt == "pdf" else " ".join(word_text(path))
    for word in (*SECRETS, "not for publication", "Action No. 114", "114:"):
        assert word not in text, word
    assert f"5.3 {CONFIDENTIAL}" in text or CONFIDENTIAL in _item_cell(path, "5.3")
    assert "5.4 Ofsted improvement plan" in text or fmt == "docx"


# --- the agenda --------------------------------------------------------------------------


def test_agenda_marks_the_item_in_both_formats(secret: Database, tmp_path: Path) -> None:
    word = _agenda(secret, "docx", tmp_path)
    cell = [line.strip() for line in _item_cell(word, "5.3").split("\n")]  # a sub-item
    assert cell == [SECRET_TITLE, CONFIDENTIAL_MARK]
    assert CONFIDENTIAL_MARK in word_text(word)[1]
    pages = pdf_pages(_agenda(secret, "pdf", tmp_path))
    assert all(CONFIDENTIAL_MARK in page for page in pages if "Nightjar" in page)
    assert any(f"{SECRET_TITLE} {CONFIDENTIAL_MARK}" in page for page in pages)
    assert any(SECRET_PRESENTER in page for page in pages)


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_public_agenda_holds_nothing_of_the_item(secret: Database, tmp_path: Path,
                                                fmt: str) -> None:
    path = _agenda(secret, fmt, tmp_path, public=True)
    text = " ".join(pdf_pages(path)) if fmt == "pdf" else " ".join(word_text(path))
    for word in (*SECRETS, "not for publication"):
        assert word not in text, word
    assert "Confidential item" in text
    assert "Serious Organised Crime report" in text


# --- the action log ----------------------------------------------------------------------


def _log(db: Database, fmt: str, tmp_path: Path, *extra: str) -> Path:
    path = tmp_path / f"log{'-'.join(extra)}.{fmt}"
    database_path = tmp_path / "boardwork.db"
    db.close()
    assert main(["--database", str(database_path), "export", "action-log", "--board", "hscb",
                 *extra, "--format", fmt, "--output", str(path)]) == 0
    return path


@pytest.mark.parametrize("fmt", ["docx", "pdf", "xlsx"])
def test_full_action_log_marks_actions_of_confidential_items(secret: Database, tmp_path: Path,
                                                             fmt: str) -> None:
    path = _log(secret, fmt, tmp_path)
    if fmt == "xlsx":
        rows = list(load_workbook(path).active.iter_rows(min_row=4, values_only=True))
        marked = {row[0]: row[-1] for row in rows}
        assert marked[114] == CONFIDENTIAL_MARK
        assert {n for n, mark in marked.items() if mark} == {114}
    elif fmt == "docx":
        table = docx.Document(str(path)).tables[0]
        body = word_text(path)[0]
        assert f"1 action was raised at confidential items: marked {CONFIDENTIAL_MARK}." in body
        action = next(row.cells[3].text for row in table.rows if row.cells[0].text == "114")
        lines = action.split("\n")  # the mark, the action's title, what is to be done
        assert lines[0] == CONFIDENTIAL_MARK and lines[-1] == SECRET_ACTION
        assert CONFIDENTIAL_MARK in word_text(path)[1]
    else:
        pages = pdf_pages(path)
        assert all(CONFIDENTIAL_MARK in page for page in pages if "Kestrel" in page)
        assert any(re.search(f"{CONFIDENTIAL_MARK} .{{0,40}}{SECRET_ACTION}", page)
                   for page in pages)


@pytest.mark.parametrize("fmt", ["docx", "pdf", "xlsx"])
def test_public_action_log_from_the_command_line(secret: Database, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str],
                                                 fmt: str) -> None:
    path = _log(secret, fmt, tmp_path, "--public")
    assert "15 actions" in capsys.readouterr().out  # the sample's 16 but action 114
    if fmt == "xlsx":
        rows = list(load_workbook(path).active.iter_rows(values_only=True))
        text = " ".join(str(value) for row in rows for value in row if value is not None)
        assert 114 not in [row[0] for row in rows[3:]] and 113 in [row[0] for row in rows[3:]]
    elif fmt == "docx":
        text = " ".join(word_text(path))
    else:
        text = " ".join(pdf_pages(path))
    assert "Kestrel" not in text and "not for publication" not in text
    assert "public version" in text


def test_public_log_leaves_out_actions_under_a_confidential_parent(secret: Database,
                                                                   tmp_path: Path) -> None:
    with secret.transaction() as s:
        s.query(AgendaItem).filter_by(number="5.3").one().confidential = False
        s.query(AgendaItem).filter_by(number="5").one().confidential = True
    log = action_log(secret, "hscb", public=True)
    numbers = [row.number for row in log.rows]
    assert not {112, 113, 114, 115, 116} & set(numbers) and 111 in numbers
    full = action_log(secret, "hscb")
    assert {row.number for row in full.rows if row.id in full.confidential} == {
        112, 113, 114, 115, 116}
    WRITERS["docx"](log, tmp_path / "public.docx")
    assert "not for publication" not in " ".join(word_text(tmp_path / "public.docx"))


def test_a_confidential_item_over_several_pages_marks_each(secret: Database,
                                                           tmp_path: Path) -> None:
    paragraph = "The Kestrel inquiry heard evidence from every agency. " * 6
    with secret.transaction() as s:
        item = s.query(AgendaItem).filter_by(number="5.3").one()
        item.minutes_html = "".join(f"<p>{n}: {paragraph}</p>" for n in range(60))
    pages = pdf_pages(_minutes(secret, "pdf", tmp_path))
    carrying = [i for i, page in enumerate(pages) if "Kestrel" in page]
    assert len(carrying) >= 3
    for index, page in enumerate(pages):
        assert (CONFIDENTIAL_MARK in page) == (index in carrying), index


@pytest.mark.parametrize(("confidential", "expected"), [
    ("5.3", {114: True, 111: False}), ("5", {114: True, 111: False}),
    (None, {114: False, 111: False})])
def test_updates_given_on_actions_of_confidential_items_are_marked_in_the_record(
        secret: Database, confidential: str | None, expected: dict[int, bool]) -> None:
    """The meeting's updates carry whether their action was raised at a confidential item,
    or under one (the public minutes leave those out), with the action's owners."""
    with secret.transaction() as s:
        s.query(AgendaItem).filter_by(number="5.3").one().confidential = False
        if confidential:
            s.query(AgendaItem).filter_by(number=confidential).one().confidential = True
        meeting_id = s.query(Action).filter_by(number=114).one().meeting_id
        for number in (114, 111):
            action = s.query(Action).filter_by(number=number).one()
            s.add(ActionUpdate(action_id=action.id, meeting_id=meeting_id,
                               date=dt.date(2018, 10, 23), text=f"Update on {number}"))
    record = meeting_record(secret, MEETING)
    given = {line.number: line for line in record.action_updates}
    assert {number: given[number].confidential for number in (114, 111)} == expected
    raised = {action.number: action for item in record.items for action in item.actions}
    assert given[114].owners == raised[114].owners and given[114].owners
    assert given[114].update == "Update on 114" and given[114].text == SECRET_ACTION
