"""Subject access for a Herefordshire board member: attendance, actions, the minutes that
name them, audit entries; a confidential item is included only flagged, and the document
and the JSON file say the same."""

from __future__ import annotations

import json

from docx import Document
from pypdf import PdfReader
from sqlalchemy import select

from desktop.exports.subject_access import FLAG, write_subject_access
from desktop.models import AgendaItem
from desktop.services.privacy.subject_access import find_person, subject_access
from tests.conftest import import_sample

HEREFORDSHIRE = "herefordshire-board-2018-10-23.json"


def _confidential(database, number: str) -> None:  # type: ignore[no-untyped-def]
    with database.transaction() as session:
        item = session.scalars(select(AgendaItem).where(AgendaItem.number == number)).one()
        item.confidential = True


def test_a_board_members_export_has_attendance_actions_and_minutes_naming_them(database):
    import_sample(database, HEREFORDSHIRE)
    _confidential(database, "3")  # Serious Safeguarding Incidents: SH spoke to it
    data = subject_access(database, find_person(database, "sally-halls"))
    assert data.person["name"] == "Sally Halls"
    assert [(a["initials"], a["status"]) for a in data.attendance] == [("SH", "present")]
    numbers = [a["number"] for a in data.actions]
    assert 104 in numbers
    assert any(a["updates"] for a in data.actions if a["number"] == 104)
    items = {m.item: m for m in data.minutes}
    assert "3 Serious Safeguarding Incidents" in items
    assert all("SH" in m.text or "Sally Halls" in m.text for m in data.minutes)
    assert items["3 Serious Safeguarding Incidents"].confidential
    assert data.flagged == 1
    tables = {e["record"].split()[0] for e in data.audit}
    assert tables == {"person", "attendance", "agenda_item", "action_owner"}


def test_no_confidential_item_appears_unflagged_and_none_that_does_not_name_them(database):
    import_sample(database, HEREFORDSHIRE)
    with database.session() as session:
        items = session.scalars(select(AgendaItem)).all()
        confidential = [i.number for i in items if i.minutes_html and "SH" not in
                        i.minutes_html and "Sally" not in i.minutes_html and i.number]
    _confidential(database, confidential[0])
    _confidential(database, "3")
    data = subject_access(database, find_person(database, "sally-halls"))
    for mention in data.minutes:
        assert not mention.item.startswith(confidential[0] + " ")
        if mention.item.startswith("3 "):
            assert mention.confidential


def test_the_document_and_json_file_are_written_and_read_back(database, tmp_path):
    import_sample(database, HEREFORDSHIRE)
    _confidential(database, "3")
    person = find_person(database, "sally-halls")
    pdf, machine, _data = write_subject_access(database, person, tmp_path / "sar", "pdf")
    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    words = " ".join(text.split())
    assert "Subject access: Sally Halls" in words
    assert "HSCB action 104" in words
    assert "Serious Safeguarding Incidents" in words
    assert "REVIEW BEFORE RELEASE" in words
    loaded = json.loads(machine.read_text(encoding="utf-8"))
    assert loaded["format"] == "boardwork-subject-access/1"
    assert loaded["person"]["key"] == "sally-halls"
    assert loaded["flagged_for_review"] == 1
    flagged = [m for m in loaded["minutes"] if m["confidential"]]
    assert [m["item"] for m in flagged] == ["3 Serious Safeguarding Incidents"]
    assert loaded["attendance"][0]["date"] == "2018-10-23"
    word, _machine, _data = write_subject_access(database, person, tmp_path / "w", "docx")
    document = Document(str(word))
    paragraphs = [p.text for p in document.paragraphs]
    assert FLAG in paragraphs
    assert any("HSCB action 104" in p for p in paragraphs)


def test_find_person_by_key_or_unique_name(database):
    import_sample(database, HEREFORDSHIRE)
    assert find_person(database, "Sally Halls") == find_person(database, "sally-halls")
    import pytest

    from desktop.services.errors import InvalidInput

    with pytest.raises(InvalidInput, match="No person"):
        find_person(database, "nobody-at-all")
