"""The command-line entries of every document, for desktop/cli_documents.py.

`boardwork export minutes|agenda --meeting KEY [--public]`,
`boardwork export register|certificates --session KEY`,
`boardwork export action-log [--board KEY] [--owner NAME] [--open-only] [--public]`,
`boardwork report annual|training --from DATE --to DATE [--board KEY]`,
`boardwork report charges --from DATE --to DATE`.

They live here, beside the command line, not in desktop/exports/: the documents know nothing
of the command line (tests/test_layering.py).
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from pathlib import Path

from desktop.cli_documents import DocumentCommand
from desktop.exports import action_log_xlsx, charges_xlsx
from desktop.exports.agenda import agenda_document
from desktop.exports.annual_report import annual_figures, annual_report_document, training_document
from desktop.exports.document import Document
from desktop.exports.minutes import minutes_document
from desktop.exports.render import FORMATS, organisation, write_for
from desktop.exports.training_papers import certificates_document, register_document
from desktop.services.actions import ActionError, action_log
from desktop.services.database import Database
from desktop.services.documents import meeting_record
from desktop.services.documents.training_session import session_papers
from desktop.services.errors import InvalidInput
from desktop.services.figures import Period, format_pounds, reporting_year
from desktop.services.settings import load_settings
from desktop.services.training import invoice_list
from desktop.services.training.charges import charges_period

Build = Callable[[Database, argparse.Namespace, str], Document]


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2016-03-31") from None


def _meeting_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--meeting", metavar="KEY", required=True, help="the meeting's key")
    parser.add_argument("--public", action="store_true",
                        help="leave out confidential items (their numbers stay)")


def _minutes_arguments(parser: argparse.ArgumentParser) -> None:
    _meeting_arguments(parser)
    parser.add_argument("--item-times", action="store_true",
                        help="print the time the meeting reached each item, where recorded")


def _session_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--session", metavar="KEY", required=True,
                        help="the training session's key")


def _period_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="start", type=_date, metavar="DATE",
                        help="first day (default: start of the current reporting year)")
    parser.add_argument("--to", dest="end", type=_date, metavar="DATE",
                        help="last day (default: end of the current reporting year)")
    parser.add_argument("--board", metavar="KEY", help="the board whose attendance to show")


def period_of(db: Database, start: dt.date | None, end: dt.date | None) -> Period:
    """The period asked for; what is left out is taken from the current reporting year."""
    year = reporting_year(dt.date.today(), load_settings(db).reporting_year_start_month)
    return Period.of(start or year.start, end or year.end)


def _command(name: str, help_text: str, arguments: Callable[[argparse.ArgumentParser], None],
             build: Build) -> DocumentCommand:
    def write(db: Database, args: argparse.Namespace, fmt: str, path: Path) -> str:
        try:
            document = build(db, args, organisation(db))
        # A wrong key or a backwards period: said plainly, as the CLI does elsewhere.
        except (InvalidInput, LookupError, ValueError) as exc:
            raise SystemExit(f"boardwork: {exc}") from None
        write_for(db, document, fmt, path)
        return f"Wrote {path}: {document.title}."

    return DocumentCommand(name, help_text, FORMATS, arguments, write)


def document_export_commands() -> list[DocumentCommand]:
    return [
        _command("minutes", "the minutes of a meeting (DRAFT until approved)",
                 _minutes_arguments,
                 lambda db, a, org: minutes_document(meeting_record(db, a.meeting), org,
                                                     a.public, a.item_times)),
        _command("agenda", "the agenda of a meeting", _meeting_arguments,
                 lambda db, a, org: agenda_document(meeting_record(db, a.meeting), org,
                                                    a.public)),
        _command("register", "a training session's register (sign-in sheet)",
                 _session_arguments,
                 lambda db, a, org: register_document(session_papers(db, a.session), org)),
        _command("certificates", "certificates of attendance, one page per attendee",
                 _session_arguments,
                 lambda db, a, org: certificates_document(session_papers(db, a.session), org)),
    ]


def document_report_commands() -> list[DocumentCommand]:
    return [
        _command("annual", "annual report appendices: board attendance, training",
                 _period_arguments,
                 lambda db, a, org: annual_report_document(
                     annual_figures(db, period_of(db, a.start, a.end), a.board), org)),
        _command("training", "training figures per course and per agency",
                 _period_arguments,
                 lambda db, a, org: training_document(db, period_of(db, a.start, a.end), org)),
    ]


# --- the action log and the charges list: their writers are chosen by format ---------------


def _action_log_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--board", metavar="KEY",
                        help="the board's key (leave out with --owner: every board)")
    parser.add_argument("--open-only", action="store_true", help="only actions still open")
    parser.add_argument("--owner", metavar="NAME",
                        help="only what this person (key or name) or group owes")
    parser.add_argument("--public", action="store_true",
                        help="leave out the actions raised at confidential items")


def _write_action_log(db: Database, args: argparse.Namespace, fmt: str, path: Path) -> str:
    try:
        log = action_log(db, args.board, args.open_only, args.owner, public=args.public)
    except ActionError as exc:  # a wrong key or name: say so, as the CLI does for its own
        raise SystemExit(f"boardwork: {exc}") from None
    action_log_xlsx.WRITERS[fmt](log, path)
    count = len(log.rows)
    return f"Wrote {path}: {count} action{'' if count == 1 else 's'} ({log.title})."


def action_log_command() -> DocumentCommand:
    return DocumentCommand("action-log", "a board's action log, or what one owner owes",
                           tuple(action_log_xlsx.WRITERS), _action_log_arguments,
                           _write_action_log)


def _charges_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="start", type=_date, metavar="DATE",
                        help="first day (default: start of the current reporting year)")
    parser.add_argument("--to", dest="end", type=_date, metavar="DATE",
                        help="last day (default: end of the current reporting year)")


def _write_charges(db: Database, args: argparse.Namespace, fmt: str, path: Path) -> str:
    invoice = invoice_list(db, charges_period(db, args.start, args.end))
    charges_xlsx.WRITERS[fmt](invoice, path, load_settings(db).organisation_name)
    agencies = len(invoice.agencies)
    return (f"Wrote {path}: {format_pounds(invoice.total_pence)} of charges to "
            f"{agencies} agenc{'y' if agencies == 1 else 'ies'}.")


def charges_command() -> DocumentCommand:
    return DocumentCommand("charges", "non-attendance charges per agency, for invoicing",
                           tuple(charges_xlsx.WRITERS), _charges_arguments, _write_charges)
