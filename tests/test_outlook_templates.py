"""E-mail templates: checked when saved (an unknown field refused in plain words, nothing
saved), then used for the drafts with the signature."""

from __future__ import annotations

from dataclasses import replace
from email import policy
from email.parser import BytesParser

import pytest

from desktop.exports.outlook_prepare import Request, prepare_emails
from desktop.services.errors import InvalidInput
from desktop.services.outlook.templates import (
    Template,
    fill,
    load_mail_settings,
    save_mail_settings,
)
from desktop.services.settings import save_settings
from tests.outlook_data import make_records


def _with(database, kind: str, subject: str, body: str):  # type: ignore[no-untyped-def]
    mail = load_mail_settings(database)
    templates = tuple(Template(kind, subject, body) if t.kind == kind else t
                      for t in mail.templates)
    return replace(mail, templates=templates)


def test_an_unknown_field_is_refused_in_plain_words_and_nothing_is_saved(database):
    with pytest.raises(InvalidInput, match=r"uses \{delgate\}, which it cannot fill in"):
        save_mail_settings(database, _with(database, "reminder", "Hi", "Dear {delgate}"))
    assert load_mail_settings(database).template("reminder").body.startswith("Dear {delegate}")


def test_a_field_of_another_message_is_refused(database):
    with pytest.raises(InvalidInput, match=r"\{charge\}"):
        save_mail_settings(database, _with(database, "reminder", "Hi {charge}", "x"))


def test_an_unclosed_brace_is_refused(database):
    with pytest.raises(InvalidInput, match="brace"):
        save_mail_settings(database, _with(database, "reminder", "Hi", "Dear {delegate"))


def test_a_bad_sender_address_is_refused(database):
    with pytest.raises(InvalidInput, match="not an e-mail address"):
        save_mail_settings(database, replace(load_mail_settings(database),
                                             sender_email="business unit"))


def test_a_saved_template_and_signature_make_the_draft(database, tmp_path):
    records = make_records(database)
    save_settings(database, organisation_name="Herefordshire Safeguarding Children Board")
    mail = _with(database, "reminder", "Don’t forget: {course} on {day} {date}",
                 "Hello {delegate}, see you at {venue} at {start} ({organisation}). {{not a "
                 "field}}")
    save_mail_settings(database, replace(mail, signature="Business Unit\n01432 260000"))
    done = prepare_emails(database, Request("reminder", session=records.session_id), tmp_path)
    message = BytesParser(policy=policy.default).parsebytes(done.files[1].read_bytes())
    assert message["Subject"] == "Don’t forget: Graded Care Profile on Tuesday 10/03/2026"
    body = message.get_body(("plain",)).get_content().replace("\r\n", "\n")  # type: ignore[union-attr]
    assert ("Hello Dr Zoë Brontë, see you at County Hall, Hereford at 09:30 "
            "(Herefordshire Safeguarding Children Board). {not a field}") in body
    assert body.rstrip().endswith("Business Unit\n01432 260000")


def test_fill_leaves_an_unknown_field_visible() -> None:
    assert fill("Dear {delegate} {old}", {"delegate": "Sam"}) == "Dear Sam {old}"
