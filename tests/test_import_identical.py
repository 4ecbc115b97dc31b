"""The import writes exactly what it wrote before it was made faster (issue 19, row 8b).

tests/data/import_dump.json.gz is the canonical dump (tests/support/import_dump.py) of every
table, made with the importer as it was before its apply step wrote rows by executemany:
after importing the three sample documents, and after importing a small generated set and
then the same set changed (people renamed, attendance changed in approved minutes, with a
reason). The importer must give the identical dump: the same rows with the same ids, the
same audit trail and the same search index.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from desktop.models.database import Database
from desktop.models.keystore import KeyStore
from desktop.models.opening import open_database
from desktop.services.interchange import ImportRejected, import_documents
from tests.support import import_dump

FIXTURE = Path(__file__).resolve().parent / "data" / "import_dump.json.gz"


def _expected() -> dict[str, Any]:
    return json.loads(gzip.decompress(FIXTURE.read_bytes()))


def _fresh(path: Path) -> Database:
    return open_database(path, KeyStore()).database


def _imported(path: Path, imports: list[tuple[list[tuple[str, Any]], str | None]]
              ) -> dict[str, Any]:
    db = _fresh(path)
    try:
        for documents, reason in imports:
            import_documents(db, documents, amend_reason=reason)
        return json.loads(import_dump.dump_json(import_dump.dump(db)))
    finally:
        db.close()


def _compare(expected: dict[str, list[Any]], actual: dict[str, list[Any]]) -> None:
    assert sorted(actual) == sorted(expected)
    for table in expected:
        assert len(actual[table]) == len(expected[table]), table
        for want, got in zip(expected[table], actual[table], strict=True):
            assert got == want, table


@pytest.mark.parametrize("scenario", ["samples", "generated"])
def test_import_writes_what_it_wrote_before(tmp_path: Path, scenario: str) -> None:
    if scenario == "samples":
        imports = [(import_dump.sample_documents(), None)]
    else:
        documents = import_dump.generated_documents()
        imports = [(documents, None),
                   (import_dump.changed_documents(documents), "corrected register")]
    _compare(_expected()[scenario], _imported(tmp_path / "db.db", imports))


def _counts(db: Database) -> dict[str, int]:
    with db.session() as session:
        return {table: session.execute(text(f'SELECT count(*) FROM "{table}"')).scalar_one()
                for table in ("person", "booking", "membership", "audit_entry")}


def test_a_refusal_after_the_bulk_rows_are_written_changes_nothing(
        tmp_path: Path) -> None:
    """The people, memberships and bookings of the first documents are written by
    executemany at the end of each document; a later document refused (approved minutes
    changed without a reason) rolls them back with everything else, audit trail included."""
    documents = import_dump.generated_documents()
    db = _fresh(tmp_path / "db.db")
    try:
        import_documents(db, documents[:1])
        before = _counts(db)
        changed = import_dump.changed_documents(documents)
        changed[0][1]["people"].append({"key": "p-later", "name": "Later Person"})
        with pytest.raises(ImportRejected):
            import_documents(db, [changed[0], documents[2], documents[1], changed[1]])
        assert _counts(db) == before
    finally:
        db.close()


def test_rows_added_by_one_document_and_changed_by_the_next(tmp_path: Path) -> None:
    """A person, membership and booking new in the first document and listed again, changed,
    in the second: one row each, with the second document's values, its audit trail an
    insert then the updates (as when the rows were added as objects)."""
    first = {"format": "boardwork/1",
             "people": [{"key": "ann", "name": "Ann Example"}],
             "boards": [{"key": "lscb", "name": "Board", "kind": "board"}],
             "memberships": [{"board": "lscb", "person": "ann", "role": "member"}],
             "courses": [{"key": "c1", "title": "Course"}],
             "sessions": [{"key": "s1", "course": "c1", "start": "2026-01-05T09:30"}],
             "bookings": [{"session": "s1", "person": "ann", "status": "booked"}]}
    second = json.loads(json.dumps(first))
    second["people"][0]["email"] = "ann@example.org"
    second["memberships"][0]["role"] = "chair"
    second["bookings"][0]["status"] = "attended"
    db = _fresh(tmp_path / "db.db")
    try:
        report = import_documents(db, [("first", first), ("second", second)])
        assert report.created["people"] == report.created["bookings"] == 1
        assert report.updated == {"people": 1, "memberships": 1, "bookings": 1}
        with db.session() as session:
            assert session.execute(text(
                "SELECT email FROM person")).scalars().all() == ["ann@example.org"]
            assert session.execute(text(
                "SELECT role FROM membership")).scalars().all() == ["chair"]
            assert session.execute(text(
                "SELECT status FROM booking")).scalars().all() == ["attended"]
            trail = session.execute(text(
                "SELECT table_name, operation, field, new FROM audit_entry WHERE table_name "
                "IN ('person', 'membership', 'booking') ORDER BY id")).all()
        # The inserts (first document) before the updates (second); within each, the order
        # of SQLAlchemy's sets of new and changed objects, so compared as sets.
        assert {tuple(row[:3]) for row in trail[:3]} == {
            ("person", "insert", None), ("membership", "insert", None),
            ("booking", "insert", None)}
        assert {tuple(row[:3]) for row in trail[3:]} == {
            ("person", "update", "email"), ("membership", "update", "role"),
            ("booking", "update", "status")}
        inserted = {row[0]: json.loads(row[3]) for row in trail[:3]}
        assert inserted["booking"]["status"] == "booked"
        assert inserted["person"] == {
            "id": 1, "key": "ann", "name": "Ann Example", "title": None, "job_title": None,
            "agency_id": None, "email": None, "phone": None, "notes": None}
    finally:
        db.close()
