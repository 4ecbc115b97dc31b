"""Data protection from the command line: `boardwork retention review`, `anonymise`,
`subject-access`, `audit` and `erase`, over the same services as the Data protection
screens. desktop/cli.py registers them with two lines; the services know nothing of this.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.services.database import Database


COMMANDS = ("retention", "anonymise", "subject-access", "audit", "erase")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def add_privacy_parsers(commands: argparse._SubParsersAction) -> None:
    sub = commands.add_parser("retention", help="the retention review: what has passed its "
                              "period in the retention schedule")
    steps = sub.add_subparsers(dest="step", metavar="STEP", required=True)
    review = steps.add_parser("review", help="list what has passed its period, one line each")
    review.add_argument("--apply", action="store_true",
                        help="also take the step each line names (anonymise, delete), in one "
                             "audited transaction; minutes are only ever listed")
    review.add_argument("--reason", metavar="TEXT", help="the reason recorded (with --apply)")
    sub = commands.add_parser("anonymise", help="anonymise a person: name and contact details "
                              "replaced, bookings, charges and attendance kept")
    sub.add_argument("person", metavar="PERSON", help="the person's key (or their exact name)")
    sub.add_argument("--reason", metavar="TEXT", default="At the person's request",
                     help="recorded in the audit trail (default: at the person's request)")
    sub = commands.add_parser("subject-access", help="everything held about a person: a "
                              "document and a JSON file")
    sub.add_argument("person", metavar="PERSON", help="the person's key (or their exact name)")
    sub.add_argument("--output", type=Path, required=True, metavar="FOLDER")
    sub.add_argument("--format", choices=("pdf", "docx"), default="pdf",
                     help="the readable document's format (default: pdf)")
    sub = commands.add_parser("audit", help="the audit trail: who changed what and when")
    sub.add_argument("--record", metavar="KEY", help="a record's key, or table:id (booking:12)")
    sub.add_argument("--person", metavar="KEY", help="entries about a person and their records")
    sub.add_argument("--user", metavar="NAME", help="changes made by this computer user")
    sub.add_argument("--kind", choices=("insert", "update", "delete", "anonymise", "erase",
                                        "retention"), help="the kind of change")
    sub.add_argument("--from", dest="start", type=_date, metavar="DATE", help="first day")
    sub.add_argument("--to", dest="end", type=_date, metavar="DATE", help="last day")
    sub.add_argument("--output", type=Path, metavar="FILE.xlsx",
                     help="write an Excel workbook instead of lines on the terminal")
    sub = commands.add_parser("erase", help="erase a meeting, training session or person "
                              "created by mistake (nothing attached)")
    sub.add_argument("kind", choices=("meeting", "session", "person"), metavar="KIND",
                     help="meeting, session or person")
    sub.add_argument("key", metavar="KEY")
    sub.add_argument("--reason", required=True, metavar="TEXT",
                     help="why it is erased: recorded in the audit trail")


def run_privacy(database: Database, args: argparse.Namespace) -> int:
    from desktop.services.errors import InvalidInput

    try:
        return _RUNNERS[args.command](database, args)
    except InvalidInput as exc:
        print(f"boardwork: {exc.message}", file=sys.stderr)
        return 1


def _retention(database: Database, args: argparse.Namespace) -> int:
    from desktop.services.privacy.review import apply_retention, retention_review

    if args.apply and not args.reason:
        print("boardwork: --apply needs --reason TEXT: it is recorded in the audit trail.",
              file=sys.stderr)
        return 2
    lines = retention_review(database)
    for line in lines:
        print(line.line)
    print(f"{len(lines)} record(s) past their retention period.", file=sys.stderr)
    if args.apply:
        done = apply_retention(database, args.reason)
        print(f"Anonymised {done.anonymised} delegate(s), deleted {done.actions_deleted} "
              f"action(s) and {done.audit_deleted} audit entries; {done.left_for_review} "
              "line(s) left for review by hand.", file=sys.stderr)
    return 0


def _anonymise(database: Database, args: argparse.Namespace) -> int:
    from desktop.services.privacy.anonymise import anonymise_person
    from desktop.services.privacy.subject_access import find_person

    done = anonymise_person(database, find_person(database, args.person), args.reason)
    print(f"Anonymised: now {done.pseudonym!r}; {done.bookings_kept} booking(s) kept.",
          file=sys.stderr)
    return 0


def _subject_access(database: Database, args: argparse.Namespace) -> int:
    from desktop.exports.subject_access import write_subject_access
    from desktop.services.privacy.subject_access import find_person

    document, machine, data = write_subject_access(
        database, find_person(database, args.person), args.output, args.format)
    print(f"Wrote {document} and {machine}.", file=sys.stderr)
    if data.flagged:
        print(f"{data.flagged} confidential item(s) of minutes are flagged: review them "
              "before release.", file=sys.stderr)
    return 0


def _audit(database: Database, args: argparse.Namespace) -> int:
    from desktop.services.privacy.subject_access import find_person
    from desktop.services.privacy.trail import AuditFilter, list_entries

    person_id = find_person(database, args.person) if args.person else None
    rows = list_entries(database, AuditFilter(args.record, person_id, args.user, args.start,
                                              args.end, args.kind))
    if args.output:
        from desktop.exports.audit_xlsx import write_audit_xlsx

        write_audit_xlsx(rows, args.output)
        print(f"Wrote {len(rows)} entries to {args.output}.", file=sys.stderr)
        return 0
    for row in rows:
        change = f"{row.field}: {row.old!r} -> {row.new!r}" if row.field else (row.new or
                                                                               row.old or "")
        print(f"{row.at:%Y-%m-%d %H:%M:%S}\t{row.user}\t{row.record}\t{row.kind}\t{change}")
    return 0


def _erase(database: Database, args: argparse.Namespace) -> int:
    from desktop.services.privacy.erase import erase_record

    done = erase_record(database, args.kind, args.key, args.reason)
    print(f"Erased {done.description}.", file=sys.stderr)
    return 0


_RUNNERS = {"retention": _retention, "anonymise": _anonymise,
            "subject-access": _subject_access, "audit": _audit, "erase": _erase}
