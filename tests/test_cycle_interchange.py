"""The board cycle travels in boardwork/2 (`cycle`): a database rebuilt from its export has
the same minutes versions and steps, declarations, decisions, interests and review dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.models import Board, BoardKind, Person
from desktop.models.database import Database
from desktop.models.keystore import KeyStore
from desktop.models.opening import open_database
from desktop.services import meetings as svc
from desktop.services import reviews
from desktop.services.interchange import export_data, import_documents
from desktop.services.interchange.schema import ImportRejected
from desktop.services.meetings import decisions, versions
from desktop.services.meetings import declarations as declared


@pytest.fixture
def second(tmp_path: Path) -> Iterator[Database]:
    opened = open_database(tmp_path / "restored.db", KeyStore())
    yield opened.database
    opened.database.close()


def build_cycle(database: Database) -> dict[str, int]:
    """Two meetings of a board: the first minuted, sent to the chair, changed, circulated,
    approved at the second and published."""
    with database.transaction() as session:
        board = Board(key="exec", name="Executive Group", kind=BoardKind.EXECUTIVE)
        ann = Person(key="ann", name="Ann Lee")
        session.add_all([board, ann])
        session.flush()
        ids = {"board": board.id, "ann": ann.id}
    first = svc.create_meeting(database, ids["board"], svc.MeetingFields(dt.date(2026, 1, 15)))
    second = svc.create_meeting(database, ids["board"], svc.MeetingFields(dt.date(2026, 3, 5)))
    item = svc.meeting_record(database, first).items[1]
    svc.save_minutes(database, item.id, "<p>Mr Smith reported on the audit.</p>")
    versions.move_to(database, first, "sent_to_chair")
    svc.save_minutes(database, item.id, "<p>Mr Smyth reported on the audit.</p>")
    versions.move_to(database, first, "chair_changes")
    versions.move_to(database, first, "circulated")
    svc.approve_previous(database, second, first, [])
    versions.move_to(database, first, "published", public=False, note="on the website")
    declared.add_declaration(database, item.id, "Ann Lee", "Trustee of Youth Trust",
                             withdrew=True, reason="omitted from the draft")
    declared.add_declaration(database, item.id, "A visitor", "Governor",
                             reason="omitted from the draft")
    decisions.add_decision(database, first, item.id, "Agreed the audit plan.",
                           reason="omitted")
    decisions.add_decision(database, second, None, "To meet monthly.")
    declared.save_interest(database, None, declared.InterestFields(
        ids["ann"], "Director, Care Ltd", dt.date(2025, 6, 1), dt.date(2026, 6, 1)))
    reviews.save_review(database, ids["board"], reviews.ReviewDates(
        membership_reviewed=dt.date(2025, 4, 1), terms_reviewed=dt.date(2025, 9, 1),
        terms_due=dt.date(2026, 9, 1)))
    return ids | {"first": first, "second": second, "item": item.id}


def _without_volatile(document: dict) -> dict:  # type: ignore[type-arg]
    return {k: v for k, v in document.items() if k not in ("exported_at",)}


def test_the_cycle_round_trips(database, second):
    build_cycle(database)
    document = export_data(database)
    cycle = document["cycle"]
    minutes = cycle["minutes"][0]
    assert [v["label"] for v in minutes["versions"]] == ["As sent to the chair",
                                                        "With the chair's changes"]
    assert [s["state"] for s in minutes["steps"]] == [
        "sent_to_chair", "chair_changes", "circulated", "approved", "published"]
    assert cycle["declarations"] == [
        {"meeting": minutes["meeting"], "item": "2", "who": "Ann Lee", "person": "ann",
         "interest": "Trustee of Youth Trust", "withdrew": True},
        {"meeting": minutes["meeting"], "item": "2", "who": "A visitor", "interest": "Governor"}]
    assert [d.get("item") for d in cycle["decisions"]] == ["2", None]
    assert cycle["interests"] == [{"person": "ann", "description": "Director, Care Ltd",
                                   "declared_on": "2025-06-01", "review_on": "2026-06-01"}]
    assert cycle["reviews"] == [{"board": "exec", "membership_reviewed": "2025-04-01",
                                 "membership_due": "2026-04-01",
                                 "terms_reviewed": "2025-09-01", "terms_due": "2026-09-01"}]
    approved = minutes["steps"][3]
    assert approved["approved_at"] == document["meetings"][1]["key"]
    import_documents(second, [("cycle.json", document)])
    again = export_data(second)
    assert again["cycle"] == cycle
    # Imported twice: nothing doubled.
    import_documents(second, [("cycle.json", document)])
    assert export_data(second)["cycle"] == cycle
    restored = next(m for m in svc.list_meetings(second) if m.date == dt.date(2026, 1, 15))
    changes = versions.compare(second, restored.id, 1, 2)
    assert [p for p in changes[1].pieces if p[0] != "equal"] == [
        ("delete", "Smith"), ("insert", "Smyth")]


def test_a_cycle_naming_what_is_not_there_is_refused(database, second):
    build_cycle(database)
    document = export_data(database)
    document["cycle"]["minutes"][0]["meeting"] = "no-such-meeting"
    with pytest.raises(ImportRejected, match="no meeting 'no-such-meeting'"):
        import_documents(second, [("cycle.json", document)])
    assert export_data(second).get("cycle") is None
