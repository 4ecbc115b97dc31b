"""The audit trail read back with filters (record, person, user, date, kind) and exported
to Excel; erasing a record made by mistake, with its reason; the commands for each."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook
from sqlalchemy import select, update

from desktop.cli import main
from desktop.exports.audit_xlsx import write_audit_xlsx
from desktop.models import AuditEntry, Meeting, Person, TrainingSession
from desktop.services.errors import InvalidInput
from desktop.services.people import PersonInput, save_person
from desktop.services.privacy.erase import erase_check, erase_record
from desktop.services.privacy.subject_access import find_person
from desktop.services.privacy.trail import AuditFilter, list_entries, list_users
from tests.conftest import SAMPLES, import_sample

HEREFORDSHIRE = "herefordshire-board-2018-10-23.json"


def _by_another_user(database) -> int:  # type: ignore[no-untyped-def]
    """A change to Sally Halls' job title, written as if by "jbloggs" a year ago."""
    sally = find_person(database, "sally-halls")
    save_person(database, sally, PersonInput("Sally Halls", job_title="Former Chair"))
    with database.transaction() as session:
        session.execute(update(AuditEntry).where(AuditEntry.field == "job_title").values(
            user="jbloggs", at=dt.datetime(2025, 11, 3, 10, 0)))
    return sally


def test_the_viewer_filters_by_user_record_date_and_kind(database):
    import_sample(database, HEREFORDSHIRE)
    sally = _by_another_user(database)
    mine = list_entries(database, AuditFilter(user="JBLOGGS"))
    assert [(r.record, r.kind, r.field, r.old, r.new) for r in mine] == [
        ("person sally-halls", "Changed", "job_title", "Independent Chair", "Former Chair")]
    assert set(list_users(database)) >= {"jbloggs"}
    about = list_entries(database, AuditFilter(record="sally-halls"))
    assert {r.table for r in about} == {"person", "attendance", "agenda_item", "action_owner"}
    assert all(r.row_id != "?" for r in about)
    assert list_entries(database, AuditFilter(person_id=sally)) == about
    one_day = list_entries(database, AuditFilter(start=dt.date(2025, 11, 3),
                                                 end=dt.date(2025, 11, 3)))
    assert [r.user for r in one_day] == ["jbloggs"]
    updates = list_entries(database, AuditFilter(record="sally-halls", kind="update"))
    assert [r.field for r in updates] == ["job_title"]
    by_id = list_entries(database, AuditFilter(record=f"person:{sally}", user="jbloggs"))
    assert by_id == mine
    with pytest.raises(InvalidInput, match="No record has the key"):
        list_entries(database, AuditFilter(record="no-such-thing"))
    with pytest.raises(InvalidInput, match="after the last day"):
        list_entries(database, AuditFilter(start=dt.date(2026, 1, 2), end=dt.date(2026, 1, 1)))


def test_the_filtered_trail_is_exported_to_excel(database, tmp_path):
    import_sample(database, HEREFORDSHIRE)
    _by_another_user(database)
    rows = list_entries(database, AuditFilter(record="sally-halls"))
    path = tmp_path / "audit.xlsx"
    write_audit_xlsx(rows, path, "Audit trail: sally-halls")
    sheet = load_workbook(path).active
    assert sheet is not None
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][0] == "Audit trail: sally-halls"
    assert values[1] == ("When", "User", "Record", "Change", "Field", "Old value", "New value")
    assert len(values) == 2 + len(rows)
    assert ("jbloggs", "person sally-halls", "Changed", "job_title", "Independent Chair",
            "Former Chair") in [v[1:] for v in values[2:]]


def test_a_person_with_nothing_attached_is_erased_with_the_reason(database):
    import_sample(database, HEREFORDSHIRE)
    made = save_person(database, None, PersonInput("Sally Hals"))  # a typing mistake
    assert "Sally Hals" in erase_check(database, "person", made.key)
    with pytest.raises(InvalidInput, match="reason"):
        erase_record(database, "person", made.key, " ")
    erase_record(database, "person", made.key, "Typed twice by mistake")
    with database.session() as session:
        assert session.get(Person, made.id) is None
    notes = list_entries(database, AuditFilter(record=f"person:{made.id}"))
    kinds = [r.kind for r in notes]
    assert kinds[:2] == ["Deleted", "Erased"] and notes[1].new == "Typed twice by mistake"
    # The trail says which row was erased, when, by whom and why; not what it held.
    assert "Added" in kinds
    assert all("Hals" not in (r.old or "") + (r.new or "") for r in notes)
    assert {r.old for r in notes if r.kind == "Deleted"} == {"[erased]"}
    assert {r.new for r in notes if r.kind == "Added"} == {"[erased]"}
    with pytest.raises(InvalidInput, match="actions owned"):
        erase_record(database, "person", "sally-halls", "wrong")


def test_a_meeting_with_minutes_is_refused_and_an_empty_one_erased(database):
    import_sample(database, HEREFORDSHIRE)
    with pytest.raises(InvalidInput, match="cannot be erased"):
        erase_check(database, "meeting", "hscb-2018-10-23")
    with database.transaction() as session:
        board_id = session.scalars(select(Meeting.board_id)).one()
        session.add(Meeting(key="hscb-2019-01-51", board_id=board_id, date=dt.date(2019, 1, 15)))
    erase_record(database, "meeting", "hscb-2019-01-51", "Entered for the wrong board")
    with database.session() as session:
        assert session.scalars(select(Meeting.key)).all() == ["hscb-2018-10-23"]


def test_a_session_with_bookings_is_refused(database):
    import_sample(database, "hertfordshire-2015-16.json")
    with database.session() as session:
        key = session.scalars(select(TrainingSession.key)).first()
    assert key is not None
    with pytest.raises(InvalidInput, match=r"bookings \("):
        erase_record(database, "session", key, "mistake")


def test_the_commands(tmp_path, capsys):
    db = tmp_path / "cli.db"
    assert main(["--database", str(db), "import", str(SAMPLES / HEREFORDSHIRE)]) == 0
    assert main(["--database", str(db), "retention", "review"]) == 0
    assert "0 record(s) past their retention period" in capsys.readouterr().err
    assert main(["--database", str(db), "anonymise", "sally-halls"]) == 1
    assert "cannot be anonymised" in capsys.readouterr().err
    out = tmp_path / "sar"
    assert main(["--database", str(db), "subject-access", "sally-halls", "--output",
                 str(out)]) == 0
    assert sorted(p.suffix for p in out.iterdir()) == [".json", ".pdf"]
    assert main(["--database", str(db), "audit", "--record", "sally-halls"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines and all("\t" in line for line in lines)
    assert main(["--database", str(db), "audit", "--user", "nobody", "--output",
                 str(tmp_path / "a.xlsx")]) == 0
    assert (tmp_path / "a.xlsx").exists()
    assert main(["--database", str(db), "erase", "meeting", "hscb-2018-10-23",
                 "--reason", "x"]) == 1
    assert "cannot be erased" in capsys.readouterr().err


def test_the_retention_command_applies_only_with_a_reason(tmp_path, capsys):
    db = tmp_path / "herts.db"
    assert main(["--database", str(db), "import",
                 str(SAMPLES / "hertfordshire-2015-16.json")]) == 0
    capsys.readouterr()
    assert main(["--database", str(db), "retention", "review"]) == 0
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == 796 and out.startswith("bookings\tbooking 1\t2015-04-09")
    assert "796 record(s) past their retention period" in err
    assert main(["--database", str(db), "retention", "review", "--apply"]) == 2
    assert main(["--database", str(db), "retention", "review", "--apply", "--reason",
                 "Annual review"]) == 0
    assert "Anonymised 786 delegate(s)" in capsys.readouterr().err
    assert main(["--database", str(db), "audit", "--kind", "anonymise"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 786 and all("Retention: Annual review" in line for line in lines)
