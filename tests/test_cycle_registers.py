"""Declarations of interest at items, the register of interests, the decision log; the
declarations and decisions printed in the minutes under their item (Word and PDF)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from desktop.exports.minutes import minutes_document
from desktop.exports.render import write_document
from desktop.models import Attendance, AttendanceStatus, Board, BoardKind, Person
from desktop.services import meetings as svc
from desktop.services import reviews
from desktop.services.documents import meeting_record
from desktop.services.errors import InvalidInput
from desktop.services.meetings import AmendmentNeeded, decisions
from desktop.services.meetings import declarations as declared


def _meeting(database) -> dict[str, int]:
    with database.transaction() as session:
        board = Board(key="exec", name="Executive Group", kind=BoardKind.EXECUTIVE)
        ann = Person(key="ann", name="Ann Lee")
        bob = Person(key="bob", name="Bob Shaw")
        session.add_all([board, ann, bob])
        session.flush()
        ids = {"board": board.id, "ann": ann.id, "bob": bob.id}
    meeting = svc.create_meeting(database, ids["board"], svc.MeetingFields(dt.date(2026, 1, 15)))
    with database.transaction() as session:
        session.add(Attendance(meeting_id=meeting, person_id=ids["ann"], initials="AL",
                               status=AttendanceStatus.PRESENT))
    items = svc.meeting_record(database, meeting).items
    secret = svc.add_item(database, meeting, svc.ItemFields("Case review", confidential=True),
                          after_id=items[2].id)
    for item in svc.meeting_record(database, meeting).items:
        svc.save_minutes(database, item.id, f"<p>Discussed {item.title.lower()}.</p>")
    return ids | {"meeting": meeting, "item": items[1].id, "secret": secret}


def test_a_declaration_names_who_by_initials_and_says_if_they_withdrew(database):
    ids = _meeting(database)
    declared.add_declaration(database, ids["item"], "AL", "Trustee of a charity funded",
                             withdrew=True)
    declared.add_declaration(database, ids["item"], "A visiting councillor", "Governor")
    lines = declared.item_declarations(database, ids["item"])
    assert [(d.who, d.person_id, d.withdrew) for d in lines] == [
        ("Ann Lee", ids["ann"], True), ("A visiting councillor", None, False)]
    assert lines[0].sentence == ("Ann Lee declared an interest: Trustee of a charity funded. "
                                 "They withdrew from the meeting for this item.")
    with pytest.raises(InvalidInput, match="The interest cannot be empty"):
        declared.add_declaration(database, ids["item"], "AL", "  ")
    assert len(declared.item_declarations(database, ids["item"])) == 2
    with pytest.raises(InvalidInput, match="cannot be removed"):
        svc.remove_item(database, ids["item"])


def test_approved_minutes_take_declarations_and_decisions_only_as_amendments(database):
    ids = _meeting(database)
    svc.approve(database, ids["meeting"], [], dt.date(2026, 3, 1))
    with pytest.raises(AmendmentNeeded):
        decisions.add_decision(database, ids["meeting"], ids["item"], "Agreed the plan.")
    decisions.add_decision(database, ids["meeting"], ids["item"], "Agreed the plan.",
                           reason="left out of the draft")
    declared.add_declaration(database, ids["item"], "AL", "Governor", reason="omitted")
    amendments = svc.meeting_record(database, ids["meeting"]).amendments
    assert [a.text for a in amendments] == [
        "Decision recorded: left out of the draft",
        "Declaration of interest at item 2: omitted"]


def test_the_register_shows_what_is_due_for_review_first(database):
    ids = _meeting(database)
    today = dt.date(2026, 6, 1)
    later = declared.save_interest(database, None, declared.InterestFields(
        ids["ann"], "Director, Care Ltd", dt.date(2025, 6, 1), dt.date(2027, 6, 1)))
    due = declared.save_interest(database, None, declared.InterestFields(
        ids["bob"], "Trustee, Youth Trust", dt.date(2025, 6, 1), dt.date(2026, 6, 20)))
    declared.save_interest(database, None, declared.InterestFields(
        ids["bob"], "Ended long ago", dt.date(2020, 1, 1), dt.date(2021, 1, 1),
        dt.date(2021, 2, 1)))
    lines = declared.interests(database, today)
    assert [line.id for line in lines][:2] == [due, later]
    assert [line.id for line in declared.interests_due(database, today)] == [due]
    with pytest.raises(InvalidInput, match="cannot end before"):
        declared.save_interest(database, later, declared.InterestFields(
            ids["ann"], "Director", dt.date(2025, 6, 1), None, dt.date(2024, 1, 1)))
    with pytest.raises(InvalidInput, match="whose interest"):
        declared.save_interest(database, None, declared.InterestFields(None, "x"))


def test_the_decision_log_lists_decisions_across_meetings(database):
    ids = _meeting(database)
    later = svc.create_meeting(database, ids["board"], svc.MeetingFields(dt.date(2026, 3, 5)))
    decisions.add_decision(database, ids["meeting"], ids["item"], "Agreed the audit plan.")
    decisions.add_decision(database, ids["meeting"], ids["secret"], "Referred the case.")
    decisions.add_decision(database, later, None, "RESOLVED to meet monthly.")
    log = decisions.decision_log(database, ids["board"])
    assert [(d.date, d.text, d.confidential) for d in log] == [
        (dt.date(2026, 3, 5), "RESOLVED to meet monthly.", False),
        (dt.date(2026, 1, 15), "Agreed the audit plan.", False),
        (dt.date(2026, 1, 15), "Referred the case.", True)]
    assert [d.text for d in decisions.decision_log(database, words="audit")] == [
        "Agreed the audit plan."]
    with pytest.raises(InvalidInput, match="Say what was decided"):
        decisions.add_decision(database, later, None, " ")


def _pdf_text(path: Path) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(str(path)).pages))


def test_declarations_and_decisions_print_under_their_item(database, tmp_path):
    ids = _meeting(database)
    declared.add_declaration(database, ids["item"], "AL", "Trustee of a charity funded",
                             withdrew=True)
    decisions.add_decision(database, ids["meeting"], ids["item"], "Agreed the audit plan.")
    decisions.add_decision(database, ids["meeting"], ids["secret"], "Referred the case.")
    decisions.add_decision(database, ids["meeting"], None, "To meet monthly.")
    record = meeting_record(database, ids["meeting"])
    full, public = tmp_path / "full", tmp_path / "public"
    write_document(minutes_document(record), "docx", full.with_suffix(".docx"))
    write_document(minutes_document(record), "pdf", full.with_suffix(".pdf"))
    write_document(minutes_document(record, public=True), "pdf", public.with_suffix(".pdf"))
    word = docx.Document(str(full.with_suffix(".docx")))
    cells = [c.text for table in word.tables for row in table.rows for c in row.cells]
    item_cell = next(c for c in cells if "Discussed minutes of the last meeting" in c)
    assert item_cell.index("Declarations of interest") < item_cell.index(
        "Ann Lee declared an interest: Trustee of a charity funded. They withdrew from the "
        "meeting for this item.") < item_cell.index("Discussed") < item_cell.index(
        "RESOLVED: Agreed the audit plan.")
    paragraphs = [p.text for p in word.paragraphs]
    assert "Other decisions" in paragraphs and "RESOLVED: To meet monthly." in paragraphs
    text = _pdf_text(full.with_suffix(".pdf"))
    assert "Ann Lee declared an interest: Trustee of a charity funded." in text
    assert "RESOLVED: Agreed the audit plan." in text and "Referred the case." in text
    public_text = _pdf_text(public.with_suffix(".pdf"))
    assert "RESOLVED: Agreed the audit plan." in public_text
    assert "Referred the case." not in public_text  # a confidential item's decision


def test_a_decision_typed_as_resolved_says_it_once(database, tmp_path):
    ids = _meeting(database)
    decisions.add_decision(database, ids["meeting"], ids["item"],
                           "RESOLVED that the audit plan be agreed.")
    path = tmp_path / "minutes.pdf"
    write_document(minutes_document(meeting_record(database, ids["meeting"])), "pdf", path)
    text = _pdf_text(path)
    assert "RESOLVED that the audit plan be agreed." in text and "RESOLVED: RESOLVED" not in text


def test_review_dates_default_to_a_year_later_and_say_what_is_due(database):
    ids = _meeting(database)
    saved = reviews.save_review(database, ids["board"], reviews.ReviewDates(
        membership_reviewed=dt.date(2024, 2, 29), terms_reviewed=dt.date(2025, 6, 1),
        terms_due=dt.date(2026, 6, 20)))
    assert saved.membership_due == dt.date(2025, 2, 28)
    due = reviews.reviews_due(database, dt.date(2026, 6, 1))
    assert [line.due for line in due] == [(
        "Membership review overdue since 28/02/2025", "Terms of reference review due 20/06/2026")]
    assert reviews.reviews_due(database, dt.date(2024, 6, 1)) == []
    with pytest.raises(InvalidInput, match="must come after the last one"):
        reviews.save_review(database, ids["board"], reviews.ReviewDates(
            terms_reviewed=dt.date(2025, 6, 1), terms_due=dt.date(2025, 1, 1)))
    line = next(x for x in reviews.board_reviews(database) if x.board_id == ids["board"])
    assert line.terms_due == dt.date(2026, 6, 20)  # the refused change changed nothing


def test_the_decision_log_workbook_leaves_out_confidential_items_when_asked(database, tmp_path):
    import openpyxl

    from desktop.exports.decision_log_xlsx import write_decision_log_xlsx

    ids = _meeting(database)
    decisions.add_decision(database, ids["meeting"], ids["item"], "Agreed the audit plan.")
    decisions.add_decision(database, ids["meeting"], ids["secret"], "Referred the case.")
    lines = decisions.decision_log(database)
    path = tmp_path / "log.xlsx"
    assert write_decision_log_xlsx(lines, "Decision log", path, confidential=False) == 1
    sheet = openpyxl.load_workbook(path).active
    rows = [tuple(c.value for c in row) for row in sheet.iter_rows(min_row=3)]
    assert [(r[1], r[2], r[3]) for r in rows] == [
        ("Executive Group", "2 Minutes of the last meeting and matters arising",
         "Agreed the audit plan.")]
    assert rows[0][0] == dt.datetime(2026, 1, 15)
    assert write_decision_log_xlsx(lines, "Decision log", path) == 2
