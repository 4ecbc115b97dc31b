"""Hostile and broken documents: a plain message with the path, nothing imported, never a
traceback and never the record's contents in the message."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import docx
import pytest
from openpyxl import load_workbook

from desktop.exports.action_log_xlsx import write_action_log_xlsx
from desktop.exports.minutes import minutes_document
from desktop.exports.render import write_document
from desktop.models.database import Database
from desktop.services.actions import action_log
from desktop.services.documents import meeting_record
from desktop.services.interchange import (
    ImportRejected,
    export_data,
    import_documents,
    read_document,
)

SECRET = "Child-X-disclosed"  # stands for record contents no message may repeat


def doc(**lists: Any) -> dict[str, Any]:
    return {"format": "boardwork/1", **lists}


BOARD = {"key": "lscb", "name": "Board", "kind": "board"}
PEOPLE = [{"key": "ann", "name": "Ann Lee"}]


def meeting(**fields: Any) -> dict[str, Any]:
    return doc(people=PEOPLE, boards=[BOARD], meetings=[
        {"key": "m", "board": "lscb", "date": "2020-01-10", **fields}])


def refused(db: Database, document: Any) -> list[str]:
    before = export_data(db)
    with pytest.raises(ImportRejected) as caught:
        import_documents(db, [("doc.json", document)])
    assert export_data(db) == before
    for error in caught.value.errors:
        assert SECRET not in error and "Traceback" not in error
    return caught.value.errors


def refused_file(db: Database, tmp_path: Path, content: str) -> list[str]:
    path = tmp_path / "hostile.json"
    path.write_text(content, encoding="utf-8")
    before = export_data(db)
    with pytest.raises(ImportRejected) as caught:
        import_documents(db, [(path.name, read_document(path))])
    assert export_data(db) == before
    for error in caught.value.errors:
        assert SECRET not in error
    return caught.value.errors


def test_a_field_given_twice_in_one_object_is_refused_with_its_path(
    database: Database, tmp_path: Path
) -> None:
    content = json.dumps(meeting(items=[{"title": "AOB", "confidential": "X"}]))
    content = content.replace('"confidential": "X"', '"confidential": true, "confidential": false')
    assert refused_file(database, tmp_path, content) == [
        "hostile.json: meetings[0].items[0].confidential: given more than once in the same object"
    ]


def nested_items(depth: int) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = [{"title": SECRET}]
    for _ in range(depth):
        items = [{"title": SECRET, "items": items}]
    return items


def test_agenda_items_nested_hundreds_deep(database: Database, tmp_path: Path) -> None:
    [error] = refused(database, meeting(items=nested_items(400)))
    assert error.startswith("meetings[0].items[0]" + ".items[0]" * 19 + ".items: nested more")
    [error] = refused_file(database, tmp_path, json.dumps(meeting(items=nested_items(400))))
    assert error.startswith("hostile.json: line 1 column ") and "nested more than 64" in error
    # Twenty levels, as many as the agenda editor makes, are still fine.
    import_documents(database, [("doc", meeting(items=nested_items(19)))])


def test_very_deep_json(database: Database, tmp_path: Path) -> None:
    [error] = refused_file(database, tmp_path, '{"format": "boardwork/1", "x": '
                           + "[" * 100_000 + "]" * 100_000 + "}")
    assert error == "hostile.json: line 1 column 95: nested more than 64 levels deep"


@pytest.mark.parametrize(("where", "document"), [
    ("people[0].key", doc(people=[{"key": "a\ud800", "name": SECRET}])),
    ("people[0].name", doc(people=[{"key": "a", "name": SECRET + "\udfff"}])),
])
def test_a_lone_surrogate(database: Database, where: str, document: Any) -> None:
    assert refused(database, document) == [
        f"{where}: is not valid Unicode text (it holds a lone surrogate)"]


def test_a_lone_surrogate_in_a_file_and_in_a_field_name(
    database: Database, tmp_path: Path
) -> None:
    errors = refused_file(database, tmp_path, json.dumps(
        doc(people=[{"key": "a", "name": SECRET + "\ud800", "\udc00x": 1}])))
    assert errors == ["people[0].name: is not valid Unicode text (it holds a lone surrogate)",
                      "people[0].\\udc00x: unknown field"]


@pytest.mark.parametrize(("document", "error"), [
    (doc(boards=[BOARD | {"quorum": 2**63}]), "boards[0].quorum: a very large number is more "
     "than 1,000,000"),
    (doc(boards=[BOARD | {"quorum": 2**64 + 5}]), "boards[0].quorum: a very large number is "
     "more than 1,000,000"),
    (doc(boards=[BOARD | {"quorum": -2**63}]), "boards[0].quorum: a very large number is less "
     "than 0"),
    (doc(boards=[BOARD], actions=[{"board": "lscb", "number": 2**63, "text": SECRET,
                                   "owners": ["x"]}]), "actions[0].number: a very large number "
     "is more than 1,000,000"),
    (doc(courses=[{"key": "c", "title": SECRET, "non_attendance_charge": "9" * 40 + ".00"}]),
     "courses[0].non_attendance_charge: is more than 999999.99, the most allowed"),
    (doc(courses=[{"key": "c", "title": SECRET, "capacity": 1e300}]),
     "courses[0].capacity: expected a whole number, not the number 1e+300"),
])
def test_numbers_out_of_range(database: Database, document: Any, error: str) -> None:
    assert refused(database, document) == [error]


def test_numbers_json_cannot_hold_or_python_cannot_read(
    database: Database, tmp_path: Path
) -> None:
    content = ('{"format": "boardwork/1", "boards": [{"key": "b", "name": "B", "kind": "board", '
               '"quorum": ' + "9" * 5000 + '}], "x": NaN, "y": 1e999}')
    assert refused_file(database, tmp_path, content) == [
        "hostile.json: boards[0].quorum: a number of 5,000 digits, far too large",
        "hostile.json: x: NaN is not a number JSON allows",
        "hostile.json: y: a number too large to read",
    ]


def test_lengths_are_bounded_with_the_path_in_the_message(database: Database) -> None:
    errors = refused(database, doc(people=[
        {"key": "k" * 121, "name": SECRET * 1_000_000},
        {"key": "ok", "name": "Ann", "job_title": "x" * 301}]))
    assert errors == [
        "people[0].key: is too long (121 characters; at most 120)",
        f"people[0].name: is too long ({len(SECRET) * 1_000_000:,} characters; at most 300)",
        "people[1].job_title: is too long (301 characters; at most 300)",
    ]
    # Minutes are generous: a long afternoon's typing goes in.
    long_minutes = "<p>" + "word " * 200_000 + "</p>"
    import_documents(database, [("doc", meeting(items=[{"title": "Long",
                                                        "minutes_html": long_minutes}]))])


def test_nul_characters_are_refused(database: Database) -> None:
    errors = refused(database, doc(people=[{"key": "a\x00b", "name": "Ann"},
                                           {"key": "c", "name": SECRET + "\x00"}]))
    assert errors == ["people[0].key: holds a NUL character, which no text may contain",
                      "people[1].name: holds a NUL character, which no text may contain"]


def test_characters_xml_forbids_are_cleaned_on_the_way_in(database: Database) -> None:
    dirty = "Ann\ufffe Lee\uffff\x0b"
    document = meeting(
        chair="ann", attendance=[{"person": "ann", "status": "present"}],
        items=[{"title": "Item\ufffe", "minutes_html": "<p>Said\uffff so\x01</p>"}],
        actions=[{"text": "Do\ufffe it", "owners": ["AL"], "title": "T\uffff"}])
    document["people"] = [{"key": "ann", "name": dirty}]
    import_documents(database, [("doc", document)])
    exported = export_data(database)
    assert exported["people"][0]["name"] == "Ann Lee"
    assert exported["meetings"][0]["items"][0] == {"number": "1", "title": "Item",
                                                   "minutes_html": "<p>Said so</p>"}
    assert exported["meetings"][0]["actions"][0]["text"] == "Do it"


def test_word_and_excel_writers_clean_what_got_in_some_other_way(
    database: Database, tmp_path: Path
) -> None:
    import_documents(database, [("doc", meeting(
        attendance=[{"person": "ann", "status": "present"}],
        items=[{"title": "Item", "minutes_html": "<p>Said</p>"}],
        actions=[{"text": "Do it", "owners": ["AL"]}]))])
    with database.transaction() as session:  # as if typed or stored before the import cleaned
        session.connection().exec_driver_sql(
            "UPDATE agenda_item SET title = 'It\ufffeem\x0b', minutes_html = '<p>Sa\uffffid</p>'")
        session.connection().exec_driver_sql("UPDATE action SET text = 'Do\ufffe it\x0c'")
    path = tmp_path / "minutes.docx"
    write_document(minutes_document(meeting_record(database, "m"), "LSCB"), "docx", path)
    cells = [c.text for t in docx.Document(str(path)).tables for r in t.rows for c in r.cells]
    assert "Item\nSaid" in cells
    out = tmp_path / "log.xlsx"
    write_action_log_xlsx(action_log(database, "lscb"), out)
    sheet = load_workbook(out).active
    assert sheet is not None
    assert "Do it" in [c.value for row in sheet.iter_rows() for c in row]


def test_look_alikes_are_warned_about(database: Database) -> None:
    composed, decomposed = "ren\u00e9e", "rene\u0301e"
    report = import_documents(database, [("doc", doc(
        people=[{"key": composed, "name": "Renée A"}, {"key": decomposed, "name": "Renée B"}],
        boards=[BOARD],
        meetings=[{"key": "m", "board": "lscb", "date": "2020-01-10",
                   "items": [{"number": "1", "title": "A"}, {"number": "1 ", "title": "B"}]}],
        courses=[{"key": "c", "title": "Course", "capacity": 1}],
        sessions=[{"key": "s", "course": "c", "start": "2020-02-01T09:30"}],
        bookings=[{"session": "s", "person": composed, "status": "booked"},
                  {"session": "s", "person": decomposed, "status": "attended"}],
    ))])
    assert report.warnings == [
        "people[0].key: 'ren\\xe9e' looks the same as 'rene\\u0301e' but is written with other "
        "Unicode characters: they are different records",
        "people[1].key: 'rene\\u0301e' looks the same as 'ren\\xe9e' but is written with other "
        "Unicode characters: they are different records",
        "meetings[0].items[0].number: the item labels '1' and '1 ' differ only in spaces, case "
        "or how their characters are written: they are different items",
        "bookings[0].session: session 's' is overbooked: 2 places are taken (booked or "
        "attended) but the session has 1",
    ]


def test_the_agenda_editor_and_the_import_allow_the_same_depth(database: Database) -> None:
    from sqlalchemy import select

    from desktop.models import AgendaItem
    from desktop.services import meetings as svc
    from desktop.services.errors import InvalidInput

    chain = nested_items(18)  # 19 levels
    deepest = chain[0]
    while deepest.get("items"):
        deepest = deepest["items"][0]
    deepest["items"] = [{"title": "Level 20"}, {"title": "Extra"}]
    import_documents(database, [("doc", meeting(items=chain))])
    with database.session() as session:
        extra = session.scalars(select(AgendaItem).where(AgendaItem.title == "Extra")).one()
    with pytest.raises(InvalidInput, match="at most 20 levels"):
        svc.indent_item(database, extra.id)
    exported = export_data(database)
    import_documents(database, [("again", exported)])
    assert export_data(database) == exported


def test_the_list_of_problems_is_bounded(database: Database) -> None:
    errors = refused(database, doc(people=[{"key": f"p{i}"} for i in range(500)]))
    assert len(errors) == 201 and errors[-1] == "... and 300 more problems"
