"""The `boardwork` command: the GUI by default, and subcommands for scripts and IT staff.

Every subcommand calls the same services as the GUI. Problems a user can fix are printed as
one plain line on stderr with exit status 1; usage mistakes exit with 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from desktop import __version__
from desktop.cli_documents import add_document_parsers, run_document
from desktop.services.database import (
    USER_FACING_ERRORS,
    KeyStore,
    Opened,
    default_database_path,
    open_database,
)


def build_parser(documents: bool = True) -> argparse.ArgumentParser:
    """`documents` False leaves out the export and report sub-commands' own options."""
    parser = argparse.ArgumentParser(
        prog="boardwork",
        description="Meetings, minutes, actions, membership and training for a "
        "Safeguarding Children Partnership. With no command, opens the application.",
    )
    parser.add_argument("--version", action="version", version=f"Boardwork {__version__}")
    parser.add_argument(
        "--database", type=Path, metavar="PATH",
        help=f"the database file (default: {default_database_path()})",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub = commands.add_parser("import", help="import documents in the boardwork/1 format")
    sub.add_argument("files", nargs="+", type=Path, metavar="FILE")
    sub = commands.add_parser("export-data", help="write the whole database as boardwork/1")
    sub.add_argument("file", type=Path, metavar="FILE", help="the JSON file to write, or -")
    sub = commands.add_parser("check", help="check the file's integrity and schema version")
    sub.add_argument("--salvage", type=Path, metavar="FILE",
                     help="also write everything still readable as boardwork/1 JSON")
    sub = commands.add_parser("backup", help="write an encrypted copy, safe while the app is open")
    sub.add_argument("dest", type=Path, metavar="DEST", help="a file, or a folder for a dated file")
    sub = commands.add_parser("restore", help="replace the database with a checked backup")
    sub.add_argument("source", type=Path, metavar="SRC")
    sub.add_argument("--recovery-key", metavar="KEY", help="the backup's recovery key")
    sub = commands.add_parser("unlock", help="put the key back into this computer's keyring")
    sub.add_argument("--recovery-key", required=True, metavar="KEY")
    sub = commands.add_parser("demo", help="a database loaded with the sample data")
    sub.add_argument("--no-gui", action="store_true", help="load it, but do not open the app")
    sub = commands.add_parser("search", help="search all minutes, agenda titles and actions")
    sub.add_argument("words", nargs="+", metavar="TEXT")
    add_document_parsers(commands, full=documents)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    # Only a command line that writes a document needs to load the document writers.
    args = build_parser(documents=bool({"export", "report"} & set(words))).parse_args(words)
    keys = KeyStore()
    try:
        return _dispatch(args, keys)
    except USER_FACING_ERRORS as exc:
        print(f"boardwork: {exc}", file=sys.stderr)
        return 1


def _dispatch(args: argparse.Namespace, keys: KeyStore) -> int:
    from desktop import commands

    path: Path = args.database or default_database_path()
    if args.command is None:
        from desktop.app import run_gui

        return run_gui(path, keys)
    if args.command == "demo":
        return commands.demo(args.database, keys, open_gui=not args.no_gui)
    if args.command == "check":
        return commands.check(path, keys, args.salvage)
    if args.command == "restore":
        return commands.restore(path, args.source, keys, args.recovery_key)
    if args.command == "unlock":
        return commands.unlock(path, keys, args.recovery_key)
    opened = open_and_announce(path, keys)
    try:
        if args.command == "import":
            return commands.import_files(opened.database, args.files)
        if args.command == "export-data":
            return commands.export_data(opened.database, args.file)
        if args.command == "backup":
            return commands.backup(opened.database, args.dest)
        if args.command == "search":
            return commands.search(opened.database, " ".join(args.words))
        if args.command in ("export", "report"):
            return run_document(opened.database, args)
    finally:
        opened.database.close()
    raise AssertionError(f"unhandled command {args.command}")


def open_and_announce(path: Path, keys: KeyStore) -> Opened:
    """Open (or create) the database; a new one's recovery key is printed, once."""
    opened = open_database(path, keys)
    if opened.recovery_key:
        print(
            f"Created a new encrypted database at {path}.\n"
            f"Recovery key: {opened.recovery_key}\n"
            "Keep this key somewhere safe, away from this computer: it is the only way to "
            "open the database if this computer's keyring is lost.",
            file=sys.stderr,
        )
    if opened.pre_upgrade_copy:
        print(f"Upgraded the database; the earlier file is kept at {opened.pre_upgrade_copy}.",
              file=sys.stderr)
    return opened


def print_json(document: object, out: Path) -> None:
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    if str(out) == "-":
        sys.stdout.write(text)
        return
    partial = out.with_name(out.name + ".partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(out)


if __name__ == "__main__":
    sys.exit(main())
