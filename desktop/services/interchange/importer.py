"""Importing boardwork/1 documents: check everything first, then apply it in one transaction.

Re-importing updates instead of duplicating: keyed records are found by key, the others by
what identifies them in the format (a membership by board, person and start; a booking by
session and person; ...). A field left out of a document means "none", not "keep": the import
leaves the records exactly as the document says (see `assign`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy.exc import IntegrityError, OperationalError

from desktop.models import Agency, Board, BoardKind, Membership, Person
from desktop.models.database import Database
from desktop.services.interchange import limits
from desktop.services.interchange.importer_actions import apply_actions, settle_statuses
from desktop.services.interchange.importer_approved import (
    ApprovedMinutesChanged,
    approved_minutes,
    guard_approved_minutes,
)
from desktop.services.interchange.importer_checks import Known, check_document
from desktop.services.interchange.importer_context import (
    ApplyContext,
    ImportReport,
    assign,
    keyed,
)
from desktop.services.interchange.importer_meetings import (
    apply_amendments,
    apply_meeting_updates,
    apply_meetings,
    remove_unlisted_items,
)
from desktop.services.interchange.importer_training import apply_training
from desktop.services.interchange.json_reader import load_json
from desktop.services.interchange.lookalikes import warn_lookalikes
from desktop.services.interchange.schema import ImportRejected, Record, parse_document


def read_document(path: Path) -> Any:
    """The JSON in `path`; ImportRejected, with the line and column or the path in the
    document, if it is not JSON or is JSON that cannot be imported as read (see json_reader).
    """
    try:
        if path.stat().st_size > limits.MAX_FILE_BYTES:
            raise ImportRejected([
                f"{path.name}: is larger than {limits.MAX_FILE_BYTES // 2**20} MB, too large "
                "to be a Boardwork document"
            ])
        # utf-8-sig: files saved by Windows Notepad start with a byte-order mark.
        content = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRejected([f"{path.name}: not valid JSON: the file is not UTF-8 text"]) from None
    except OSError as exc:
        raise ImportRejected([f"{path.name}: cannot be read: {exc.strerror or exc}"]) from None
    try:
        document, problems = load_json(content)
    except json.JSONDecodeError as exc:
        message = f"{path.name}: not valid JSON: line {exc.lineno} column {exc.colno}: {exc.msg}"
        raise ImportRejected([message]) from None
    except (RecursionError, ValueError):  # the reader's bounds are meant to prevent these
        raise ImportRejected([f"{path.name}: not valid JSON that can be read"]) from None
    if problems:
        raise ImportRejected([f"{path.name}: {problem}" for problem in problems])
    return document


def import_documents(
    db: Database, documents: Sequence[tuple[str, Any]], amend_reason: str | None = None
) -> ImportReport:
    """Import every document, in order, in one transaction; all or nothing.

    A document may refer to keys of the documents before it and of the database. Any problem
    anywhere raises ImportRejected listing every problem found, and nothing is changed.
    A change to approved minutes is such a problem unless `amend_reason` is given: then each
    change is recorded as an amendment with that reason.
    """
    report = ImportReport()
    if amend_reason is not None and not amend_reason.strip():
        raise ImportRejected(["the reason for amending approved minutes must not be empty"])
    try:
        # Immediate: a second import waits (up to the busy timeout) for the first to end,
        # instead of failing when its read turns into a write.
        with db.transaction(immediate=True) as session:
            parsed = _checked(Known.load(session), documents)
            with session.no_autoflush:
                ctx = ApplyContext(session, report)
                errors: list[str] = []
                for (name, _document), document in zip(documents, parsed, strict=True):
                    ctx.prefix = f"{name}: " if len(documents) > 1 else ""
                    errors += _apply(ctx, document, amend_reason and amend_reason.strip())
                if errors:  # leaving the block rolls everything back
                    raise ApprovedMinutesChanged(errors)
    except OperationalError as exc:
        if "locked" not in str(exc.orig) and "busy" not in str(exc.orig):
            raise
        raise ImportRejected([
            "another import or change to this database is still in progress, so nothing was "
            "imported: try again when it has finished"
        ]) from exc
    except IntegrityError as exc:
        # The checks are meant to find everything first; this is the last line of defence.
        raise ImportRejected(
            [f"the database refused the import, so nothing was imported: {exc.orig}"]
        ) from exc
    return report


def _checked(known: Known, documents: Sequence[tuple[str, Any]]) -> list[Record]:
    errors: list[str] = []
    parsed: list[Record] = []
    for name, document in documents:
        problems: list[str] = []
        record = parse_document(document, problems)
        problems += check_document(record, known)
        prefix = f"{name}: " if len(documents) > 1 else ""
        errors += [prefix + problem for problem in problems]
        parsed.append(record)
    if len(errors) > limits.MAX_ERRORS:  # a file that is not a document at all, say
        errors = [*errors[:limits.MAX_ERRORS], f"... and {len(errors) - limits.MAX_ERRORS:,} "
                  "more problems"]
    if errors:
        raise ImportRejected(errors)
    return parsed


def _apply(ctx: ApplyContext, document: Record, amend_reason: str | None) -> list[str]:
    """Apply one document; returns the changes to approved minutes it may not make."""
    approved = approved_minutes(ctx, document)
    for agency in document["agencies"]:
        apply_agency(ctx, agency)
    for person in document["people"]:
        apply_person(ctx, person)
    apply_boards(ctx, document)
    for membership in document["memberships"]:
        apply_membership(ctx, membership)
    apply_meetings(ctx, document)
    apply_actions(ctx, document["actions"])
    apply_meeting_updates(ctx, document["meetings"])
    remove_unlisted_items(ctx)
    apply_amendments(ctx, document["meetings"])
    settle_statuses(ctx)
    apply_training(ctx, document)
    ctx.finish_document()
    warn_lookalikes(ctx, document)
    return guard_approved_minutes(ctx, document, approved, amend_reason)


def apply_agency(ctx: ApplyContext, record: Record) -> None:
    agency = keyed(ctx, "agencies", ctx.agencies, Agency, record["key"])
    assign(
        agency, name=record["name"], short_name=record.get("short_name"),
        sector=record.get("sector"),
    )


def apply_person(ctx: ApplyContext, record: Record) -> None:
    person = keyed(ctx, "people", ctx.people, Person, record["key"])
    assign(
        person, name=record["name"], title=record.get("title"),
        job_title=record.get("job_title"), agency=ctx.agency(record.get("agency")),
        email=record.get("email"), phone=record.get("phone"),
    )


def apply_boards(ctx: ApplyContext, document: Record) -> None:
    # Parents afterwards: a board's parent may come later in the list.
    for record in document["boards"]:
        board = keyed(ctx, "boards", ctx.boards, Board, record["key"])
        assign(
            board, name=record["name"], short_name=record.get("short_name"),
            kind=BoardKind(record["kind"]), quorum=record.get("quorum"),
        )
        if board.last_action_number is None:  # a new board: the column default comes at flush
            board.last_action_number = 0
    for record in document["boards"]:
        parent_key = record.get("parent")
        assign(ctx.boards[record["key"]], parent=ctx.boards[parent_key] if parent_key else None)


def apply_membership(ctx: ApplyContext, record: Record) -> None:
    identity = (record["board"], record["person"], record.get("from"))
    membership = ctx.memberships.get(identity)
    if membership is None:
        membership = ctx.add("memberships", Membership(
            board=ctx.boards[record["board"]], person=ctx.people[record["person"]],
            from_date=record.get("from"),
        ))
        ctx.memberships[identity] = membership
    else:
        ctx.found("memberships", membership)
    assign(
        membership, role=record.get("role"), to_date=record.get("to"),
        deputy=ctx.person(record.get("deputy")),
    )
