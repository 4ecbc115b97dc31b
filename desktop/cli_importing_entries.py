"""`boardwork import FILE` for Excel, CSV and Word files: the options it adds to the import
command (--kind, --board, --dry-run) and running them. Boardwork's own JSON documents keep
going through desktop/commands.py import_files, unless --dry-run asks for a check only."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.services.database import Database


def add_import_options(parser: argparse.ArgumentParser) -> None:
    from desktop.services.importing.mapping import KINDS  # only when a command is parsed

    parser.add_argument(
        "--kind", choices=KINDS,
        help="what an .xlsx, .csv or .docx file holds (guessed from its headers if left out; "
        "a .docx file is minutes)",
    )
    parser.add_argument("--board", metavar="KEY",
                        help="the board the actions, memberships or minutes belong to (its key, "
                        "name or short name)")
    parser.add_argument("--dry-run", action="store_true",
                        help="check everything and say what would be imported, with every "
                        "problem by row; nothing is changed")


def wants_file_import(args: argparse.Namespace) -> bool:
    """True for a command line this module runs rather than the JSON import."""
    return bool(args.dry_run or args.kind or args.board) or any(
        path.suffix.lower() != ".json" for path in args.files
    )


def _say(text: str) -> None:
    print(text, file=sys.stderr)


def run_file_import(database: Database, args: argparse.Namespace) -> int:
    from desktop.services.importing import import_file
    from desktop.services.importing.mapping import KIND_LABELS
    from desktop.services.interchange import ImportRejected

    failed = 0
    for path in args.files:
        try:
            plan, report = import_file(database, path, args.kind, args.board, args.dry_run,
                                       args.reason, args.replace)
        except ImportRejected as exc:
            _say(f"{path}: nothing was imported: {len(exc.errors)} problem(s) found.")
            for error in exc.errors:
                _say(f"  {error}")
            failed = 1
            continue
        for warning in report.warnings:
            _say(f"  check: {warning}")
        parts = [f"{n} {name} added" for name, n in report.created.items() if n]
        parts += [f"{n} {name} updated" for name, n in report.updated.items() if n]
        verb = "Would import" if args.dry_run else "Imported"
        label = KIND_LABELS.get(plan.kind, "Boardwork data")
        _say(f"{verb} {path} ({label.lower()}): {'; '.join(parts) or 'no change'}"
             + (" (dry run: nothing was changed)" if args.dry_run else ""))
    return failed
