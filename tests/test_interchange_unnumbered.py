"""Items printed without a number (real minutes have them) stay unnumbered, never clash."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
import pytest
from sqlalchemy import select

from desktop.exports.minutes import minutes_document
from desktop.exports.render import write_document
from desktop.models import AgendaItem
from desktop.models.database import Database
from desktop.services import meetings as svc
from desktop.services.documents import meeting_record
from desktop.services.interchange import ImportRejected, export_data, import_documents
from desktop.services.meetings.queries import items_in_order

# The shape of the Norfolk Safeguarding Adults Board minutes: "Declarations of Interest"
# comes before item 1 without a number, and so does the date of the next meeting.
NORFOLK: dict[str, Any] = {
    "format": "boardwork/1",
    "people": [{"key": "chair", "name": "Joan Smith"}],
    "boards": [{"key": "nsab", "name": "Norfolk Safeguarding Adults Board", "kind": "board"}],
    "meetings": [{
        "key": "nsab-2019-03-18", "board": "nsab", "date": "2019-03-18", "status": "approved",
        "attendance": [{"person": "chair", "status": "present"}],
        "items": [
            {"title": "Declarations of Interest", "minutes_html": "<p>None declared.</p>"},
            {"number": "1", "title": "Welcome, introductions and apologies"},
            {"number": "2", "title": "Minutes of the last meeting",
             "items": [{"number": "2.1", "title": "Matters arising"}]},
            {"number": "3", "title": "Annual report", "items": [{"title": "Easy read version"}]},
            {"title": "Date of next meeting"},
        ],
        "actions": [{"item": "3", "text": "Publish the report", "owners": ["JS"]}],
    }],
}
LABELS = ["", "1", "2", "2.1", "3", "", ""]


def labels(db: Database) -> list[tuple[str, str, bool]]:
    """(label, title, fixed) of every item, in agenda order."""
    with db.session() as session:
        meeting_id = session.scalars(select(AgendaItem.meeting_id)).first()
        assert meeting_id is not None
        return [(i.number, i.title, i.number_fixed)
                for i, _depth in items_in_order(session, meeting_id)]


def test_the_norfolk_minutes_import_with_their_unnumbered_items(database: Database) -> None:
    report = import_documents(database, [("norfolk.json", NORFOLK)])
    assert report.created["items"] == 7
    assert [label for label, _title, _fixed in labels(database)] == LABELS
    assert [fixed for label, _t, fixed in labels(database) if label == ""] == [True] * 3
    again = import_documents(database, [("norfolk.json", NORFOLK)])
    assert again.created == {} and again.updated == {} and again.amended == {}


def test_unnumbered_items_are_shown_without_a_number(
    database: Database, tmp_path: Path
) -> None:
    import_documents(database, [("norfolk.json", NORFOLK)])
    path = tmp_path / "minutes.docx"
    write_document(minutes_document(meeting_record(database, "nsab-2019-03-18"), "NSAB"),
                   "docx", path)
    items = docx.Document(str(path)).tables[-1]
    rows = [(row.cells[0].text, row.cells[1].text.split("\n")[0]) for row in items.rows[1:]]
    assert rows[0] == ("", "Declarations of Interest")
    assert rows[1] == ("1", "Welcome, introductions and apologies")
    assert rows[-1] == ("", "Date of next meeting")


def test_exported_and_imported_again_they_stay_unnumbered(database: Database) -> None:
    import_documents(database, [("norfolk.json", NORFOLK)])
    exported = export_data(database)
    assert exported["meetings"][0]["items"][0]["number"] == ""
    # Into the same database: no change at all; the items are recognised.
    again = import_documents(database, [("export.json", exported)])
    assert again.created == {} and again.updated == {}
    assert export_data(database) == exported


def test_made_labels_are_only_made_where_no_item_has_a_number(database: Database) -> None:
    document: dict[str, Any] = {**NORFOLK, "meetings": [{
        **NORFOLK["meetings"][0], "status": "draft", "actions": [],
        "items": [{"title": "A", "items": [{"title": "A1"}]}, {"number": "", "title": "Break"},
                  {"title": "B"}],
    }]}
    import_documents(database, [("made.json", document)])
    assert [label for label, _t, _f in labels(database)] == ["1", "1.1", "", "2"]


def test_a_printed_label_used_twice_is_still_an_error(database: Database) -> None:
    document: dict[str, Any] = {**NORFOLK, "meetings": [{
        **NORFOLK["meetings"][0], "actions": [],
        "items": [{"title": "Declarations"}, {"number": "1", "title": "A"},
                  {"number": "1", "title": "B"}],
    }]}
    with pytest.raises(ImportRejected) as caught:
        import_documents(database, [("twice.json", document)])
    assert caught.value.errors == [
        "meetings[0].items[2].number: '1' is used twice in this meeting (also meetings[0].items[1])"
    ]


def test_renumbering_the_agenda_leaves_unnumbered_items_out(database: Database) -> None:
    document: dict[str, Any] = {**NORFOLK, "meetings": [{**NORFOLK["meetings"][0],
                                                         "status": "draft"}]}
    import_documents(database, [("norfolk.json", document)])
    with database.session() as session:
        first = session.scalars(select(AgendaItem).where(AgendaItem.title == "Welcome, "
                                "introductions and apologies")).one()
        declarations = session.scalars(select(AgendaItem).where(
            AgendaItem.title == "Declarations of Interest")).one()
    svc.add_item(database, first.meeting_id, svc.ItemFields("New item"), after_id=first.id)
    # Editing an unnumbered item's title (no label typed) keeps it unnumbered.
    svc.update_item(database, declarations.id, svc.ItemFields("Declarations of interest"))
    got = {title: label for label, title, _fixed in labels(database)}
    assert got["Declarations of interest"] == "" and got["Date of next meeting"] == ""
    assert got["Welcome, introductions and apologies"] == "1" and got["New item"] == "2"
    assert got["Minutes of the last meeting"] == "3" and got["Matters arising"] == "3.1"
    assert got["Easy read version"] == ""


def test_unnumbered_items_of_the_same_title_are_recognised_in_place(database: Database) -> None:
    same = [{"title": "Noted", "items": [{"title": "Noted"}, {"number": "1.1", "title": "A"},
                                         {"title": "Noted"}]},
            {"number": "2", "title": "B", "items": [{"title": "Noted"}]}]
    document: dict[str, Any] = {**NORFOLK, "meetings": [{**NORFOLK["meetings"][0],
                                                         "actions": [], "items": same}]}
    import_documents(database, [("same.json", document)])
    again = import_documents(database, [("same.json", document)])
    assert again.updated == {} and again.amended == {}
