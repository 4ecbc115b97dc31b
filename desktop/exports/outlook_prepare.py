"""Prepare e-mail drafts into a folder: one .eml per person, attachments made by the document
writers (certificates, minutes, the charges list). The one entry the screens and the command
line both call; it knows nothing of either."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from desktop.exports.mail_attachments import certificate_pdf, charges_xlsx_bytes, minutes_file
from desktop.services.actions.queries import OwnerRef
from desktop.services.database import Database
from desktop.services.figures import Period
from desktop.services.outlook.board_drafts import (
    prepare_actions,
    prepare_charges,
    prepare_minutes,
)
from desktop.services.outlook.contacts import load_contacts
from desktop.services.outlook.drafts import TRAINING_KINDS, Prepared, prepare_training
from desktop.services.outlook.eml import Draft, eml_bytes, file_name
from desktop.services.outlook.facts import OutlookError
from desktop.services.outlook.invitations import organiser_of

EMAIL_KINDS = (*TRAINING_KINDS, "charges", "minutes", "actions")


@dataclass(frozen=True)
class Request:
    """What to prepare: the kind and what it is about."""

    kind: str
    meeting: str | int | None = None
    session: str | int | None = None
    board: str | int | None = None  # by key (command line) or id (screens)
    owner: str | OwnerRef | None = None
    booking_ids: tuple[int, ...] | None = None  # chosen on screen; None: everyone it is for
    period: Period | None = None  # charges
    minutes_format: str = "pdf"
    public: bool = False


@dataclass
class PreparedFiles:
    prepared: Prepared
    files: list[Path] = field(default_factory=list)


def _writer(db: Database, folder: Path, files: list[Path]):  # type: ignore[no-untyped-def]
    sender = organiser_of(db)

    def write(drafts: Sequence[Draft]) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        now = dt.datetime.now()
        for number, draft in enumerate(drafts, start=1):
            path = folder / file_name(number, draft.kind, draft.to.name)
            path.write_bytes(eml_bytes(draft, sender, now))
            files.append(path)

    return write


def prepare_emails(db: Database, request: Request, folder: Path) -> PreparedFiles:
    if request.kind not in EMAIL_KINDS:
        raise OutlookError(f"{request.kind!r} is not a kind of e-mail: choose one of "
                           f"{', '.join(EMAIL_KINDS)}.", "kind")
    files: list[Path] = []
    write = _writer(db, folder, files)
    kind = request.kind
    if kind in TRAINING_KINDS:
        if request.session is None:
            raise OutlookError(f"A {kind} e-mail is about a training session: give one.",
                               "session")
        prepared = prepare_training(
            db, kind, request.session, write, request.booking_ids,
            certificate=lambda session_id, name: certificate_pdf(db, session_id, name))
    elif kind == "minutes":
        if request.meeting is None:
            raise OutlookError("The minutes e-mail is about a meeting: give one.", "meeting")
        prepared = prepare_minutes(
            db, request.meeting, write,
            lambda meeting_id, fmt, public: minutes_file(db, meeting_id, fmt, public),
            request.minutes_format, request.public)
    elif kind == "actions":
        prepared = prepare_actions(db, write, request.board, request.owner)
    else:
        if request.period is None:
            raise OutlookError("The charges e-mail is for a period: give one.", "period")
        prepared = prepare_charges(db, request.period, write,
                                   lambda invoice: charges_xlsx_bytes(db, invoice),
                                   load_contacts(db))
    return PreparedFiles(prepared, files)
