"""Importing boardwork/1 documents: check everything first, then apply it in one transaction.

Re-importing updates instead of duplicating: keyed records are found by key, the others by
what identifies them in the format (a membership by board, person and start; a booking by
session and person; ...). A field a document leaves out keeps what the database holds, so a
partial document from elsewhere wipes nothing; with `replace` it becomes empty (or its
default), and the records the document lists are exactly as it says.
"""

from __future__ import annotations

import contextlib
import gc
import json
from collections.abc import Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy.exc import IntegrityError, OperationalError

from desktop.models import Agency, Board, BoardKind, Membership, NumberingStyle, Person
from desktop.models.database import Database
from desktop.services.interchange import limits
from desktop.services.interchange.cycle_records import apply_cycle
from desktop.services.interchange.forward_plan_records import apply_forward_plan
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
from desktop.services.interchange.importer_keys import keys_given_before_flush
from desktop.services.interchange.importer_meetings import (
    apply_amendments,
    apply_meeting_updates,
    apply_meetings,
    remove_unlisted_items,
)
from desktop.services.interchange.importer_settings import apply_settings
from desktop.services.interchange.importer_training import apply_training
from desktop.services.interchange.json_reader import load_json
from desktop.services.interchange.lookalikes import warn_lookalikes
from desktop.services.interchange.outlook_records import apply_outlook
from desktop.services.interchange.schema import ImportRejected, Record
from desktop.services.interchange.schema_v2 import is_version_1, parse_any_version


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
    db: Database, documents: Sequence[tuple[str, Any]], amend_reason: str | None = None,
    replace: bool = False, dry_run: bool = False,
) -> ImportReport:
    """Import every document, in order, in one transaction; all or nothing.

    A document may refer to keys of the documents before it and of the database. Any problem
    anywhere raises ImportRejected listing every problem found, and nothing is changed.
    A change to approved minutes is such a problem unless `amend_reason` is given: then each
    change is recorded as an amendment with that reason.
    `replace`: fields the documents leave out are emptied rather than kept.
    `dry_run`: everything is checked and applied as it would be, then rolled back; the report
    says what the import would do.
    """
    report = ImportReport()
    if amend_reason is not None and not amend_reason.strip():
        raise ImportRejected(["the reason for amending approved minutes must not be empty"])
    try:
        # The unit of work takes the write lock at once: a second import waits (up to the
        # busy timeout) for the first to end, instead of failing when its read turns into a
        # write.
        with _no_cycle_collection(), db.transaction() as session:
            parsed = _checked(Known.load(session), documents)
            with session.no_autoflush, keys_given_before_flush(session):
                ctx = ApplyContext(session, report, replace)
                errors: list[str] = []
                with ctx.bulk.keyed_at_flushes():
                    for (name, _document), document in zip(documents, parsed, strict=True):
                        ctx.prefix = f"{name}: " if len(documents) > 1 else ""
                        ctx.version_1 = is_version_1(document)
                        errors += _apply(ctx, document, amend_reason and amend_reason.strip())
                if errors:  # leaving the block rolls everything back
                    raise ApprovedMinutesChanged(errors)
                if dry_run:
                    raise _DryRun
    except _DryRun:
        return report
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


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused while the import runs. An import holds every row it
    adds in the session until it commits, each with cycles of its own (ORM state, both sides
    of each relationship), so the collector's full passes found nothing to free and grew with
    the import: a third of its processor time for a year's documents (benchmarks/FINDINGS.md,
    issue 19 session 5). The cycles are collected as usual once it is switched back on."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


class _DryRun(Exception):
    """Raised at the end of a dry run's transaction so that it rolls back."""


def _checked(known: Known, documents: Sequence[tuple[str, Any]]) -> list[Record]:
    errors: list[str] = []
    parsed: list[Record] = []
    for name, document in documents:
        problems: list[str] = []
        record = parse_any_version(document, problems)
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
    apply_settings(ctx, document.get("settings"))
    apply_outlook(ctx, document.get("outlook"))
    apply_forward_plan(ctx, document.get("forward_plan", []))
    apply_cycle(ctx, document.get("cycle"))
    ctx.finish_document()
    warn_lookalikes(ctx, document)
    return guard_approved_minutes(ctx, document, approved, amend_reason)


def apply_agency(ctx: ApplyContext, record: Record) -> None:
    agency = keyed(ctx, "agencies", ctx.agencies, Agency, record["key"])
    assign(
        agency, name=record["name"], short_name=ctx.pick(agency, record, "short_name"),
        sector=ctx.pick(agency, record, "sector"),
    )


def apply_person(ctx: ApplyContext, record: Record) -> None:
    if record["key"] not in ctx.people:
        # A new person: written by executemany (importer_bulk), with the values the object
        # below would have been given; made an object only if the import refers to it.
        values = {"id": ctx.bulk.next_id(Person), "key": record["key"], "name": record["name"]}
        for name, field_name in (("title", "title"), ("job_title", "job_title"),
                                 ("agency", "agency"), ("email", "email"), ("phone", "phone"),
                                 ("notes", "notes")):
            value = record.get(field_name)
            if value is not None:
                values[name] = ctx.agency(value) if name == "agency" else value
        ctx.people.add_row(record["key"], ctx.bulk.add(Person, values))
        ctx.count_created("people")
        return
    person = keyed(ctx, "people", ctx.people, Person, record["key"])
    given = partial(ctx.pick, person, record)
    assign(
        person, name=record["name"], title=given("title"), job_title=given("job_title"),
        agency=given("agency", convert=ctx.agency), email=given("email"),
        phone=given("phone"), notes=given("notes"),
    )


def apply_boards(ctx: ApplyContext, document: Record) -> None:
    # Parents afterwards: a board's parent may come later in the list.
    for record in document["boards"]:
        board = keyed(ctx, "boards", ctx.boards, Board, record["key"])
        given = partial(ctx.pick, board, record)
        assign(
            board, name=record["name"], short_name=given("short_name"),
            kind=BoardKind(record["kind"]), quorum=given("quorum"),
            chair=given("chair", convert=ctx.person),
            numbering_style=given("numbering", NumberingStyle.DECIMAL),
        )
        # Numbers are never reused: the high-water mark only ever goes up.
        board.last_action_number = max(
            board.last_action_number or 0, record.get("last_action_number", 0)
        )
    for record in document["boards"]:
        board = ctx.boards[record["key"]]
        assign(board, parent=ctx.pick(board, record, "parent", convert=ctx.boards.get))


def apply_membership(ctx: ApplyContext, record: Record) -> None:
    identity = (record["board"], record["person"], record.get("from"))
    membership = ctx.memberships.get(identity)
    if membership is None:
        # A new membership: written by executemany (importer_bulk), with the values the
        # object would have been given; its people may be new rows too.
        values = {"id": ctx.bulk.next_id(Membership), "board": ctx.boards[record["board"]],
                  "person": ctx.people.raw(record["person"]), "from_date": record.get("from")}
        for name, field_name in (("role", "role"), ("to_date", "to"), ("deputy", "deputy")):
            value = record.get(field_name)
            if value is not None:
                values[name] = ctx.people.raw(value) if name == "deputy" else value
        ctx.memberships.add_row(identity, ctx.bulk.add(Membership, values))
        ctx.count_created("memberships")
        return
    # Added by this import and listed again: `get` made it an object (importer_bulk).
    ctx.found("memberships", membership)
    given = partial(ctx.pick, membership, record)
    assign(
        membership, role=given("role"), to_date=given("to"),
        deputy=given("deputy", convert=ctx.person),
    )
