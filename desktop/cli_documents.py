"""`boardwork export DOCUMENT` and `boardwork report REPORT`: every document from the CLI.

Each area registers its documents here as a `DocumentCommand`; the CLI builds its
sub-commands from these lists, so adding a document is one entry, not a new parser.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # `boardwork` opening the window imports no data layer before it paints
    from desktop.services.database import Database


@dataclass(frozen=True)
class DocumentCommand:
    name: str  # the word after `export` or `report`: "minutes", "action-log", "charges"
    help: str
    formats: tuple[str, ...]  # e.g. ("docx", "pdf") or ("xlsx", "docx", "pdf")
    # Adds the command's own options (--meeting KEY, --board KEY, --from DATE ...).
    arguments: Callable[[argparse.ArgumentParser], None]
    # Writes the document to the path; returns one line saying what was written.
    write: Callable[[Database, argparse.Namespace, str, Path], str]
    output: str = "FILE"  # what --output names: a FILE, or a FOLDER of e-mail drafts


def export_commands() -> list[DocumentCommand]:
    """Documents about one thing: a meeting, a board's action log, a training session."""
    from desktop.cli_document_entries import action_log_command, document_export_commands
    from desktop.cli_outlook_entries import outlook_commands
    from desktop.cli_papers_entries import pack_command

    commands: list[DocumentCommand] = []
    # Each area appends its entries here (one import and one line per module).
    commands.append(action_log_command())
    commands.extend(document_export_commands())
    commands.extend(outlook_commands())
    commands.append(pack_command())
    return commands


def report_commands() -> list[DocumentCommand]:
    """Figures over a period: annual report appendices, training, charges."""
    from desktop.cli_document_entries import charges_command, document_report_commands

    commands: list[DocumentCommand] = [charges_command()]
    commands.extend(document_report_commands())
    return commands


VERBS = {
    "export": (export_commands, "write a document (minutes, agenda, action log …)"),
    "report": (report_commands, "write figures for a period (annual report …)"),
}


def add_document_parsers(commands: argparse._SubParsersAction, full: bool = True) -> None:
    """With `full` False only the two verbs are listed: the documents' modules (reportlab,
    python-docx, openpyxl) are then not imported, which matters when opening the window."""
    for verb, (entries_of, what) in VERBS.items():
        parser = commands.add_parser(verb, help=what)
        kinds = parser.add_subparsers(dest="document", metavar="DOCUMENT", required=True)
        for entry in entries_of() if full else []:
            sub = kinds.add_parser(entry.name, help=entry.help)
            entry.arguments(sub)
            sub.add_argument("--format", choices=entry.formats, default=entry.formats[0])
            sub.add_argument("--output", type=Path, required=True, metavar=entry.output)


def run_document(database: Database, args: argparse.Namespace) -> int:
    entries = export_commands() if args.command == "export" else report_commands()
    entry = next(e for e in entries if e.name == args.document)
    print(entry.write(database, args, args.format, args.output))
    return 0
