"""Importing into a database that holds the records: a partial document keeps what it leaves
out; --replace makes the records it lists exactly what it says."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from sqlalchemy import select

from desktop.models import Action, ActionUpdate, AgendaItem, Attendance, Meeting, Rag
from desktop.models.database import Database
from desktop.services.boards import board_details
from desktop.services.figures.period import Period
from desktop.services.interchange import import_documents
from desktop.services.people import person_profile
from desktop.services.settings import load_logo, load_settings, save_settings
from desktop.services.training.charges import list_charges
from tests.conftest import SAMPLES, import_sample
from tests.test_interchange_v2 import (
    HEREFORDSHIRE,
    HERTFORDSHIRE,
    LOGO,
    WAIVED,
    fill_through_the_services,
    one,
    v2,
)

DUDLEY = "dudley-board-2014-11-21.json"

# What another council's document says of an agency and a meeting they share with Dudley's.
CALDERDALE = {"format": "boardwork/1",
              "agencies": [{"key": "west-midlands-police", "name": "West Midlands Police"}],
              "meetings": [{"key": "dscb-2014-11-21", "board": "dscb", "date": "2014-11-21",
                            "items": [{"number": "1", "title": "Introductions & Apologies"}]}]}


def dudley_state(db: Database) -> dict[str, Any]:
    from desktop.models import Agency

    with db.session() as session:
        police = session.scalars(select(Agency).where(Agency.key == "west-midlands-police")).one()
        meeting = session.scalars(select(Meeting).where(Meeting.key == "dscb-2014-11-21")).one()
        first = session.scalars(select(AgendaItem).where(
            AgendaItem.meeting_id == meeting.id, AgendaItem.number == "1")).one()
        return {"short_name": police.short_name, "sector": police.sector,
                "venue": meeting.venue, "attendance": len(meeting.attendance),
                "items": len(session.scalars(select(AgendaItem.id).where(
                    AgendaItem.meeting_id == meeting.id)).all()),
                "minutes": bool(first.minutes_html)}


def test_a_partial_document_keeps_the_fields_it_leaves_out(database: Database) -> None:
    import_sample(database, DUDLEY)
    before = dudley_state(database)
    report = import_documents(database, [("calderdale.json", CALDERDALE)])
    assert dudley_state(database) == before
    assert before["short_name"] == "WMP" and before["minutes"] and before["attendance"] == 36
    assert report.removed == {} and report.updated == {}


def test_replace_empties_the_fields_a_document_leaves_out(database: Database) -> None:
    import_sample(database, DUDLEY)
    # The Dudley minutes are approved: emptying them is a change only a reason allows.
    import_documents(database, [("calderdale.json", CALDERDALE)], replace=True,
                     amend_reason="Record replaced from Calderdale's file")
    after = dudley_state(database)
    assert (after["short_name"], after["sector"], after["venue"]) == (None, None, None)
    assert (after["attendance"], after["minutes"]) == (0, False)


def waived_reasons(db: Database) -> list[str | None]:
    everything = Period.of(dt.date(2000, 1, 1), dt.date(2100, 1, 1))
    return [line.waived_reason for line in list_charges(db, everything) if line.waived]


def test_importing_the_samples_again_keeps_a_waiver_and_notes(database: Database) -> None:
    values = fill_through_the_services(database)
    import_sample(database, HEREFORDSHIRE, HERTFORDSHIRE)
    assert waived_reasons(database) == [WAIVED]
    assert person_profile(database, values["person"]).notes
    assert board_details(database, values["board"]).chair_id == values["person"]
    assert load_settings(database).organisation_name == "Herefordshire SCB"
    with database.session() as session:
        assert session.get(Action, one(database, select(Action.id).where(
            Action.number == 109))).rag == Rag.AMBER  # type: ignore[union-attr]


def test_replace_clears_what_the_samples_do_not_say(database: Database) -> None:
    values = fill_through_the_services(database)
    samples = [json.loads((SAMPLES / name).read_text(encoding="utf-8"))
               for name in (HEREFORDSHIRE, HERTFORDSHIRE)]
    import_documents(database, [(f"{i}.json", d) for i, d in enumerate(samples)], replace=True)
    assert waived_reasons(database) == []  # owed again: what --replace is for
    assert person_profile(database, values["person"]).notes is None
    assert board_details(database, values["board"]).chair_id is None
    # The samples have no settings: settings are left as they are even with replace.
    assert load_settings(database).organisation_name == "Herefordshire SCB"


def test_a_partial_attendance_list_adds_and_keeps(database: Database) -> None:
    people = [{"key": "andy-parsons", "name": "Andy Parsons"},
              {"key": "andy-proctor", "name": "Andy Proctor"},
              {"key": "sue-smith", "name": "Sue Smith"}]
    board = [{"key": "b", "name": "B", "kind": "board"}]
    first = {"key": "m", "board": "b", "date": "2020-01-10", "attendance": [
        {"person": "andy-parsons", "status": "present", "note": "left early"},
        {"person": "sue-smith", "status": "present", "initials": "SuS"}]}
    import_documents(database, [("a.json", v2(people=people, boards=board, meetings=[first]))])
    later = first | {"attendance": [{"person": "andy-proctor", "status": "apologies"},
                                    {"person": "andy-parsons", "status": "present"}]}
    import_documents(database, [("b.json", v2(meetings=[later]))])
    with database.session() as session:
        rows = session.scalars(select(Attendance).order_by(Attendance.position)).all()
        assert [(a.person.key, a.initials, a.note) for a in rows] == [
            ("andy-proctor", "APr", None), ("andy-parsons", "AP", "left early"),
            ("sue-smith", "SuS", None)]


def test_a_partial_action_keeps_its_title_due_date_rag_and_updates(database: Database) -> None:
    board = [{"key": "b", "name": "B", "kind": "board"}]
    full = {"board": "b", "number": 3, "title": "Audit", "text": "Do the audit",
            "owners": ["Group"], "due": "2020-05-01", "rag": "red",
            "updates": [{"date": "2020-02-01", "text": "Started"}]}
    import_documents(database, [("a.json", v2(boards=board, actions=[full]))])
    partial = {"board": "b", "number": 3, "text": "Do the audit", "owners": ["Group"]}
    report = import_documents(database, [("b.json", v2(actions=[partial]))])
    assert report.updated == {}
    found = one(database, select(Action))
    assert (found.title, found.due, found.rag, found.rag_manual) == (
        "Audit", dt.date(2020, 5, 1), Rag.RED, True)
    assert one(database, select(ActionUpdate.text)) == "Started"
    import_documents(database, [("c.json", v2(actions=[partial]))], replace=True)
    found = one(database, select(Action))
    assert (found.title, found.due, found.rag, found.rag_manual) == (None, None, None, False)
    with database.session() as session:
        assert session.scalars(select(ActionUpdate)).all() == []


def test_partial_settings_keep_the_others_and_replace_resets_them(database: Database) -> None:
    save_settings(database, logo=LOGO, organisation_name="Old name", late_cancellation_hours=24)
    import_documents(database, [("s.json", v2(settings={"organisation_name": "New name"}))])
    settings = load_settings(database)
    assert (settings.organisation_name, settings.late_cancellation_hours) == ("New name", 24)
    assert load_logo(database) == LOGO
    import_documents(database, [("s.json", v2(settings={"organisation_name": "New name"}))],
                     replace=True)
    assert load_settings(database).late_cancellation_hours == 48  # the default
    assert load_logo(database) is None


def test_the_command_line_replaces_only_when_asked(tmp_path: Path) -> None:
    from desktop.cli import main

    db = str(tmp_path / "cli.db")
    first = tmp_path / "first.json"
    first.write_text(json.dumps(v2(agencies=[
        {"key": "wmp", "name": "West Midlands Police", "short_name": "WMP"}])), encoding="utf-8")
    second = tmp_path / "second.json"
    second.write_text(json.dumps(v2(agencies=[{"key": "wmp", "name": "West Midlands Police"}])),
                      encoding="utf-8")
    out = tmp_path / "out.json"
    assert main(["--database", db, "import", str(first)]) == 0
    assert main(["--database", db, "import", str(second)]) == 0
    assert main(["--database", db, "export-data", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["agencies"][0]["short_name"] == "WMP"
    assert main(["--database", db, "import", "--replace", str(second)]) == 0
    assert main(["--database", db, "export-data", str(out)]) == 0
    assert "short_name" not in json.loads(out.read_text(encoding="utf-8"))["agencies"][0]
