"""The `boardwork` command: the GUI by default, and subcommands for scripts and IT staff.

Every subcommand calls the same services as the GUI (through desktop/commands.py). Whatever
goes wrong ends in one plain line on stderr and a non-zero exit, never a traceback:
`report_failure` is the one handler every command runs under. Exit status 1: the command
failed (a full disk, a damaged database, bad input …); 2: a usage mistake; 130: interrupted.
An unexpected error also writes technical details (no record contents) to the error log.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from desktop import __version__
from desktop.cli_cycle_entries import add_minutes_parser, run_minutes
from desktop.cli_documents import add_document_parsers, run_document
from desktop.cli_importing_entries import add_import_options, run_file_import, wants_file_import
from desktop.cli_papers_entries import add_attach_parser, run_attach
from desktop.cli_privacy_entries import COMMANDS as PRIVACY
from desktop.cli_privacy_entries import add_privacy_parsers, run_privacy

if TYPE_CHECKING:
    from desktop.services.database import KeyStore

EXIT_FAILED, EXIT_INTERRUPTED = 1, 130


def build_parser(documents: bool = True) -> argparse.ArgumentParser:
    """`documents` False leaves out the export and report sub-commands' own options."""
    from desktop.services.database import default_database_path

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
    sub = commands.add_parser(
        "import", help="import boardwork/1 or /2 documents, or records from .xlsx, .csv and "
        ".docx files (action logs, people, memberships, bookings, minutes)",
    )
    sub.add_argument("files", nargs="+", type=Path, metavar="FILE")
    sub.add_argument(
        "--replace", action="store_true",
        help="empty the fields the documents leave out of the records they list "
        "(by default such fields keep what the database holds)",
    )
    sub.add_argument(
        "--amend-approved", action="store_true",
        help="let the import change approved minutes, each change recorded as an amendment",
    )
    sub.add_argument("--reason", metavar="TEXT", help="the reason recorded with each amendment")
    add_import_options(sub)
    sub = commands.add_parser("export-data", help="write the whole database as boardwork/2")
    sub.add_argument("file", type=Path, metavar="FILE", help="the JSON file to write, or -")
    sub = commands.add_parser("check", help="check the file's integrity and schema version")
    sub.add_argument("--salvage", type=Path, metavar="FILE",
                     help="also write everything still readable as boardwork/1 JSON")
    sub = commands.add_parser("backup", help="write an encrypted copy, safe while the app is open")
    sub.add_argument("dest", type=Path, metavar="DEST", help="a file, or a folder for a dated file")
    sub = commands.add_parser("restore", help="replace the database with a checked backup")
    sub.add_argument("source", type=Path, metavar="SRC")
    sub.add_argument("--recovery-key", metavar="KEY", help="the backup's recovery key")
    sub = commands.add_parser(
        "compact", help="rewrite the database file from its tables, so that nothing deleted "
        "or erased before can be read in it (needs its size free beside it, and again in the "
        "temporary folder; refused while it is open)")
    sub = commands.add_parser("unlock", help="put the key back into this computer's keyring")
    sub.add_argument("--recovery-key", required=True, metavar="KEY")
    sub = commands.add_parser("demo", help="a database loaded with the sample data")
    sub.add_argument("--no-gui", action="store_true", help="load it, but do not open the app")
    sub = commands.add_parser("search", help="search all minutes, agenda titles and actions")
    sub.add_argument("words", nargs="+", metavar="TEXT")
    sub = commands.add_parser("spell", help="check words against the British English dictionary")
    sub.add_argument("words", nargs="+", metavar="WORD")
    add_document_parsers(commands, full=documents)
    add_privacy_parsers(commands)
    add_attach_parser(commands)
    add_minutes_parser(commands)
    return parser


def utf8_when_redirected(platform: str = sys.platform) -> None:
    """On Windows, output sent to a pipe or a file is in the ANSI code page (cp1252): a
    `search` or `export-data -` holding a name outside it (Polish, Arabic …) would fail or lose
    letters. Sent there, it is UTF-8 instead; a console window shows every letter already."""
    if platform != "win32":
        return
    for stream in (sys.stdout, sys.stderr):
        # None in Boardwork.exe, which has no console; not a real file in some tests.
        if stream is not None and hasattr(stream, "reconfigure") and not stream.isatty():
            stream.reconfigure(encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    utf8_when_redirected()
    words = list(sys.argv[1:] if argv is None else argv)
    window = _window_only(words)
    try:
        if window is not None:
            # The window with no command: nothing of the data layer is imported until its
            # frame is painted (desktop/app.py), so the command line is not parsed by
            # argparse here (its help names the default database, which needs the layer).
            return _run_gui(window[0], _new_key_store)
        # Only a command line that writes a document needs to load the document writers.
        args = build_parser(documents=bool({"export", "report"} & set(words))).parse_args(words)
        return _dispatch(args, _new_key_store())
    except KeyboardInterrupt:
        print("boardwork: interrupted.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:  # every command's one handler: see the module's docstring
        return report_failure(exc, "gui" if window is not None else args.command or "gui")


def _window_only(words: list[str]) -> tuple[Path | None] | None:
    """(the database asked for, or None for the default) when the command line only opens
    the window: nothing, or just `--database PATH`; else None."""
    if not words:
        return (None,)
    if len(words) == 2 and words[0] == "--database" and not words[1].startswith("-"):
        return (Path(words[1]),)
    if len(words) == 1 and words[0].startswith("--database=") and len(words[0]) > 11:
        return (Path(words[0].split("=", 1)[1]),)
    return None


def _new_key_store() -> KeyStore:
    from desktop.services.database import KeyStore

    return KeyStore()


def report_failure(exc: BaseException, command: str) -> int:
    """One plain line on stderr for any failure; the details of an unexpected one go to the
    error log, never to the terminal (they may hold SQL and record contents)."""
    from desktop.services.failures import describe, unexpected_message

    failure = describe(exc)
    message = failure.message if failure.expected else unexpected_message(exc, command)
    print(f"boardwork: {' '.join(message.split())}", file=sys.stderr)
    return EXIT_FAILED


def _dispatch(args: argparse.Namespace, keys: KeyStore) -> int:
    from desktop import commands  # not when opening the window: it loads every service
    from desktop.services.database import default_database_path

    path: Path = args.database or default_database_path()
    if args.command is None:
        return _run_gui(path, keys)
    if args.command == "demo":
        target = args.database or commands.demo_database_path()
        code = commands.demo(target, keys)
        return code if code or args.no_gui else _run_gui(target, keys)
    if args.command == "check":
        return commands.check(path, keys, args.salvage)
    if args.command == "restore":
        return commands.restore(path, args.source, keys, args.recovery_key)
    if args.command == "unlock":
        return commands.unlock(path, keys, args.recovery_key)
    if args.command == "compact":
        return commands.compact(path, keys)
    if args.command == "spell":
        return commands.spell(args.words)
    if args.command == "import" and bool(args.amend_approved) != bool(args.reason):
        print("boardwork: --amend-approved and --reason TEXT go together: approved minutes "
              "change only with a reason, which is recorded with each amendment.",
              file=sys.stderr)
        return 2
    opened = commands.open_and_announce(path, keys)
    try:
        if args.command == "import" and wants_file_import(args):
            return run_file_import(opened.database, args)
        if args.command == "import":
            return commands.import_files(opened.database, args.files, args.reason,
                                         replace=args.replace)
        if args.command == "export-data":
            return commands.export_data(opened.database, args.file)
        if args.command == "backup":
            return commands.backup(opened.database, args.dest)
        if args.command == "search":
            return commands.search(opened.database, " ".join(args.words))
        if args.command == "attach":
            return run_attach(opened.database, args)
        if args.command in ("export", "report"):
            return run_document(opened.database, args)
        if args.command in PRIVACY:
            return run_privacy(opened.database, args)
        if args.command == "minutes":
            return run_minutes(opened.database, args)
    finally:
        opened.database.close()
    raise AssertionError(f"unhandled command {args.command}")


def _run_gui(path: Path | None, keys: KeyStore | Callable[[], KeyStore]) -> int:
    """The window on `path` (None: the default database, found once the window is shown)."""
    from desktop.app import run_gui  # Qt is loaded only for the window

    return run_gui(path, keys)


if __name__ == "__main__":
    sys.exit(main())
