"""The command-line entries of the Word and PDF documents, for desktop/cli_documents.py.

`boardwork export minutes|agenda --meeting KEY [--public]`,
`boardwork export register|certificates --session KEY`,
`boardwork report annual|training --from DATE --to DATE [--board KEY]`.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from pathlib import Path

from desktop.cli_documents import DocumentCommand
from desktop.exports.agenda import agenda_document
from desktop.exports.annual_report import annual_figures, annual_report_document, training_document
from desktop.exports.document import Document
from desktop.exports.minutes import minutes_document
from desktop.exports.render import FORMATS, organisation, write_for
from desktop.exports.training_papers import certificates_document, register_document
from desktop.services.database import Database
from desktop.services.documents import meeting_record
from desktop.services.documents.training_session import session_papers
from desktop.services.errors import InvalidInput
from desktop.services.figures import Period, reporting_year
from desktop.services.settings import load_settings

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
