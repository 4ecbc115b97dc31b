"""`boardwork export invite` and `boardwork export email`: the Outlook files from the command
line, for desktop/cli_documents.py. The files' modules know nothing of the command line."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.cli_documents import DocumentCommand
from desktop.services.database import Database
from desktop.services.errors import InvalidInput


def _target(parser: argparse.ArgumentParser, *which: str) -> None:
    group = parser.add_mutually_exclusive_group(required=True)
    helps = {"meeting": "the meeting's key", "session": "the training session's key",
             "board": "the board's key (actions: every owner of its open actions)",
             "owner": "the action owner's key or name (actions)"}
    for name in which:
        group.add_argument(f"--{name}", metavar="KEY", help=helps[name])


def _invite_arguments(parser: argparse.ArgumentParser) -> None:
    _target(parser, "meeting", "session")
    parser.add_argument("--cancel", action="store_true",
                        help="a cancellation of the meeting (a cancelled session is one "
                             "already)")
    parser.add_argument("--agenda", action="store_true",
                        help="put the meeting's agenda (PDF) inside the invitation")


def _write_invite(db: Database, args: argparse.Namespace, fmt: str, path: Path) -> str:
    from desktop.exports.mail_attachments import agenda_pdf
    from desktop.services.outlook.invitations import meeting_invitation, session_invitation

    try:
        if args.meeting:
            pdf = agenda_pdf(db, args.meeting) if args.agenda else None
            invitation = meeting_invitation(db, args.meeting, args.cancel, pdf)
        else:
            invitation = session_invitation(db, args.session, args.cancel)
    except (InvalidInput, LookupError) as exc:
        raise SystemExit(f"boardwork: {exc}") from None
    path.write_bytes(invitation.data)
    what = "a cancellation" if invitation.method == "CANCEL" else (
        "an update" if invitation.sequence else "an invitation")
    line = (f"Wrote {path}: {what} (sequence {invitation.sequence}) to "
            f"{len(invitation.attendees)} people.")
    if invitation.without_address:
        line += "\nNo e-mail address for: " + ", ".join(
            p.name for p in invitation.without_address) + "."
    return line


def invite_command() -> DocumentCommand:
    return DocumentCommand("invite", "a calendar invitation (.ics) for a meeting or session",
                           ("ics",), _invite_arguments, _write_invite)


def _email_arguments(parser: argparse.ArgumentParser) -> None:
    from desktop.cli_document_entries import _date
    from desktop.exports.outlook_prepare import EMAIL_KINDS

    parser.add_argument("kind", choices=EMAIL_KINDS, metavar="KIND",
                        help=f"one of {', '.join(EMAIL_KINDS)}")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--meeting", metavar="KEY", help="the meeting's key (minutes)")
    group.add_argument("--session", metavar="KEY", help="the training session's key")
    group.add_argument("--board", metavar="KEY",
                       help="actions: every owner of the board's open actions")
    group.add_argument("--owner", metavar="KEY", help="actions: this person (key or name)")
    parser.add_argument("--from", dest="start", type=_date, metavar="DATE",
                        help="charges: first day (default: start of the reporting year)")
    parser.add_argument("--to", dest="end", type=_date, metavar="DATE",
                        help="charges: last day (default: end of the reporting year)")
    parser.add_argument("--attach", choices=("pdf", "docx"), default="pdf",
                        help="minutes: attach them as PDF or Word (default: pdf)")
    parser.add_argument("--public", action="store_true",
                        help="minutes: the public version, confidential items left out")


def _write_email(db: Database, args: argparse.Namespace, fmt: str, path: Path) -> str:
    from desktop.exports.outlook_prepare import Request, prepare_emails
    from desktop.services.training.charges import charges_period

    try:
        period = charges_period(db, args.start, args.end) if args.kind == "charges" else None
        done = prepare_emails(db, Request(
            args.kind, meeting=args.meeting, session=args.session, board=args.board,
            owner=args.owner, period=period, minutes_format=args.attach,
            public=args.public), path)
    except (InvalidInput, LookupError, ValueError) as exc:
        raise SystemExit(f"boardwork: {exc}") from None
    count = len(done.files)
    lines = [f"Wrote {count} draft{'' if count == 1 else 's'} into {path}."]
    if done.prepared.without_address:
        lines.append("No e-mail address for: " + ", ".join(
            p.name for p in done.prepared.without_address) + ".")
    return "\n".join(lines)


def email_command() -> DocumentCommand:
    return DocumentCommand("email", "e-mail drafts (.eml, one per person) Outlook opens "
                           "ready to send", ("eml",), _email_arguments, _write_email,
                           output="FOLDER")


def outlook_commands() -> list[DocumentCommand]:
    return [invite_command(), email_command()]
