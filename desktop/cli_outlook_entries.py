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


def outlook_commands() -> list[DocumentCommand]:
    return [invite_command()]
