"""The importer's messages said in the file's terms: its row and its column's header."""

from __future__ import annotations

from desktop.services.importing.plan import Plan


def test_messages_name_the_row_and_the_column() -> None:
    plan = Plan("actions")
    plan.columns = {"owners": "Lead officer", "due": "Target date"}
    plan.add("actions", {"text": "x"}, "row 7")
    plan.places["meetings[0].attendance[2]"] = "table 1 row 4"
    assert plan.in_file_terms("actions[0].due: before the meeting's date") == \
        "row 7: Target date: before the meeting's date"
    assert plan.in_file_terms("actions[0].owners[1]: 'AB' looks like initials") == \
        "row 7: Lead officer: 'AB' looks like initials"
    assert plan.in_file_terms("meetings[0].attendance[2].person: listed twice") == \
        "table 1 row 4: person: listed twice"
    assert plan.in_file_terms("actions[0]: a problem") == "row 7: a problem"
    assert plan.in_file_terms("the document: too large") == "the document: too large"
