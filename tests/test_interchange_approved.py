"""Approved minutes change on import only through recorded amendments, never silently."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from desktop.cli import main
from desktop.models.database import Database
from desktop.services.interchange import ImportRejected, export_data, import_documents
from tests.conftest import SAMPLES

HEREFORDSHIRE = SAMPLES / "herefordshire-board-2018-10-23.json"
KEY = "hscb-2018-10-23"


@pytest.fixture
def sample() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(HEREFORDSHIRE.read_text(encoding="utf-8"))
    meeting = document["meetings"][0]
    assert meeting["status"] == "approved"
    meeting["amendments"] = [{"date": "2018-12-04", "text": "Item 3: wording agreed"}]
    return document


@pytest.fixture
def approved(database: Database, sample: dict[str, Any]) -> dict[str, Any]:
    """The database holding the approved Herefordshire minutes; returns the document."""
    import_documents(database, [("hereford.json", sample)])
    return copy.deepcopy(sample)


def refused(database: Database, document: dict[str, Any]) -> str:
    before = export_data(database)
    with pytest.raises(ImportRejected) as caught:
        import_documents(database, [("hereford.json", document)], replace=True)
    assert export_data(database) == before
    [message] = caught.value.errors
    return message


def test_reimporting_the_same_approved_minutes_is_no_change(
    database: Database, approved: dict[str, Any]
) -> None:
    report = import_documents(database, [("hereford.json", approved)])
    assert report.updated == {} and report.created == {} and report.amended == {}


@pytest.mark.parametrize(("change", "kind"), [
    (lambda m: m["items"][2].update(minutes_html="<p>Rewritten.</p>"), "agenda items"),
    # A removal is a change only when the import replaces (by default unlisted rows stay).
    (lambda m: m["items"].pop(), "agenda items"),
    (lambda m: m["items"][0]["items"].append({"title": "New"}), "agenda items"),
    (lambda m: m.update(status="draft"), "its status"),
    (lambda m: m.update(venue="Elsewhere"), "its details"),
    (lambda m: m["attendance"].pop(0), "its attendance"),
    (lambda m: m["attendance"][1].update(status="absent"), "its attendance"),
])
def test_a_change_to_approved_minutes_is_refused_naming_the_meeting(
    database: Database, approved: dict[str, Any], change: Any, kind: str
) -> None:
    meeting = approved["meetings"][0]
    if "items" not in meeting["items"][0]:
        meeting["items"][0]["items"] = []
    change(meeting)
    message = refused(database, approved)
    assert message.startswith(f"meetings[0]: the minutes of meeting {KEY!r} of 2018-10-23 are "
                              "approved")
    assert kind in message and "--amend-approved --reason TEXT" in message


def test_each_change_asked_for_is_recorded_as_an_amendment_with_its_reason(
    database: Database, approved: dict[str, Any]
) -> None:
    meeting = approved["meetings"][0]
    meeting["items"][2]["minutes_html"] = "<p>Rewritten.</p>"
    meeting["attendance"][1]["status"] = "absent"
    report = import_documents(database, [("hereford.json", approved)],
                              amend_reason="Error in the typed minutes")
    assert report.amended == {KEY: 2}
    exported = export_data(database)["meetings"][0]
    assert exported["items"][2]["minutes_html"] == "<p>Rewritten.</p>"
    assert exported["status"] == "approved"
    first, *recorded = exported["amendments"]
    assert first == {"date": "2018-12-04", "text": "Item 3: wording agreed"}
    today = dt.date.today().isoformat()
    assert [a["date"] for a in recorded] == [today, today]
    assert all(a["text"].endswith(": Error in the typed minutes") for a in recorded)
    assert any(a["text"].startswith("Item 3 changed: minutes") for a in recorded)
    assert any(a["text"].startswith("Attendance of ") for a in recorded)
    # The document as exported now imports as no change, amendments and all.
    again = import_documents(database, [("export.json", export_data(database))])
    assert again.amended == {} and again.updated == {}


def test_an_import_never_removes_or_rewrites_amendments(
    database: Database, approved: dict[str, Any]
) -> None:
    approved["meetings"][0]["amendments"] = [{"date": "2019-01-01", "text": "Another"}]
    import_documents(database, [("hereford.json", approved)])
    del approved["meetings"][0]["amendments"]
    import_documents(database, [("hereford.json", approved)])
    assert export_data(database)["meetings"][0]["amendments"] == [
        {"date": "2018-12-04", "text": "Item 3: wording agreed"},
        {"date": "2019-01-01", "text": "Another"},
    ]


def test_minutes_not_yet_approved_are_updated_as_before(
    database: Database, sample: dict[str, Any]
) -> None:
    sample["meetings"][0]["status"] = "circulated"
    import_documents(database, [("hereford.json", sample)])
    sample["meetings"][0]["items"][2]["minutes_html"] = "<p>Corrected.</p>"
    report = import_documents(database, [("hereford.json", sample)])
    assert report.updated == {"items": 1}


def test_the_command_refuses_and_amends_only_when_asked_with_a_reason(
    tmp_path: Path, approved: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "cli.db"
    original, changed = tmp_path / "original.json", tmp_path / "changed.json"
    original.write_text(HEREFORDSHIRE.read_text(encoding="utf-8"), encoding="utf-8")
    approved["meetings"][0]["status"] = "draft"
    del approved["meetings"][0]["amendments"]
    changed.write_text(json.dumps(approved), encoding="utf-8")
    assert main(["--database", str(db), "import", str(original)]) == 0
    capsys.readouterr()
    assert main(["--database", str(db), "import", str(changed)]) == 1
    err = capsys.readouterr().err
    assert "Nothing was imported" in err and KEY in err and "items updated" not in err
    assert main(["--database", str(db), "import", "--amend-approved", str(changed)]) == 2
    assert "--reason" in capsys.readouterr().err
    assert main(["--database", str(db), "import", "--amend-approved", "--reason",
                 "Board decision", str(changed)]) == 0
    assert f"Approved minutes of meeting {KEY!r}: 1 change(s) recorded" in capsys.readouterr().err


def test_the_command_says_what_an_import_removed(
    tmp_path: Path, sample: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    db, path = tmp_path / "cli.db", tmp_path / "doc.json"
    sample["meetings"][0]["status"] = "circulated"
    path.write_text(json.dumps(sample), encoding="utf-8")
    assert main(["--database", str(db), "import", str(path)]) == 0
    del sample["meetings"][0]["attendance"][0]
    path.write_text(json.dumps(sample), encoding="utf-8")
    capsys.readouterr()
    assert main(["--database", str(db), "import", "--replace", str(path)]) == 0
    assert "1 attendance removed" in capsys.readouterr().err
