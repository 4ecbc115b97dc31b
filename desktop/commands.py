"""What each `boardwork` subcommand does: call a service, say what happened in plain words.

Called by desktop/cli.py only; this module imports neither the command line nor the GUI, so
the three stay one-way: cli → commands → services, and cli → app.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import platformdirs

from desktop.services import maintenance
from desktop.services.database import Database, KeyStore, Opened, open_database
from desktop.services.files import write_text_atomically
from desktop.services.interchange import (
    ImportRejected,
    import_documents,
    read_document,
)
from desktop.services.interchange import (
    export_data as export_document,
)


def _say(text: str) -> None:
    print(text, file=sys.stderr)


def import_files(database: Database, files: list[Path], amend_reason: str | None = None,
                 replace: bool = False) -> int:
    try:
        documents = [(path.name, read_document(path)) for path in files]
        report = import_documents(database, documents, amend_reason, replace=replace)
    except ImportRejected as exc:
        _say(f"Nothing was imported: {len(exc.errors)} problem(s) found.")
        for error in exc.errors:
            _say(f"  {error}")
        return 1
    for warning in report.warnings:
        _say(f"warning: {warning}")
    for meeting_key, count in report.amended.items():
        _say(f"Approved minutes of meeting {meeting_key!r}: {count} change(s) recorded as "
             "amendments.")
    parts = [f"{count} {name} added" for name, count in report.created.items() if count]
    parts += [f"{count} {name} updated" for name, count in report.updated.items() if count]
    parts += [f"{count} {name} removed" for name, count in report.removed.items() if count]
    _say("Imported " + ", ".join(str(f) for f in files) + ": " + ("; ".join(parts) or "no change"))
    return 0


def open_and_announce(path: Path, keys: KeyStore) -> Opened:
    """Open (or create) the database; a new one's recovery key is printed, once."""
    opened = open_database(path, keys)
    if opened.recovery_key:
        _say(
            f"Created a new encrypted database at {path}.\n"
            f"Recovery key: {opened.recovery_key}\n"
            "Keep this key somewhere safe, away from this computer: it is the only way to "
            "open the database if this computer's keyring is lost."
        )
    if opened.pre_upgrade_copy:
        _say(f"Upgraded the database; the earlier file is kept at {opened.pre_upgrade_copy}.")
    return opened


def print_json(document: object, out: Path) -> None:
    """To stdout for `-`; otherwise whole or not at all (desktop/services/files.py)."""
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    if str(out) == "-":
        sys.stdout.write(text)
        return
    write_text_atomically(out, text)


def export_data(database: Database, out: Path) -> int:
    print_json(export_document(database), out)
    if str(out) != "-":
        _say(f"Wrote the whole database to {out}.")
    return 0


def check(path: Path, keys: KeyStore, salvage_to: Path | None = None) -> int:
    report = maintenance.check_database(path, keys)
    if report.ok:
        print(f"{path}: OK (schema {report.schema})")
    else:
        print(f"{path}: {len(report.problems)} problem(s)")
        for problem in report.problems:
            print(f"  {problem}")
    if salvage_to is not None:
        salvage(path, keys, salvage_to)
    return 0 if report.ok else 1


def salvage(path: Path, keys: KeyStore, out: Path) -> None:
    from desktop.services.salvage import salvage_database

    found = salvage_database(path, keys)
    print_json(found.document, out)
    total = sum(found.rows_read.values())
    print(f"Salvaged {total} row(s) into {out}; import it into a new database with "
          "boardwork --database NEW.db import.")
    for table, ranges in found.unreadable.items():
        print(f"  {table}: could not read the rows {'; '.join(ranges)}")
    for table, count in found.left_out.items():
        print(f"  {table}: {count} row(s) left out: they refer to records that could not be "
              "read")
    if found.complete:
        print("  Every row was read.")
    print("  The audit trail (who changed what) is not part of the interchange format.")


def backup(database: Database, dest: Path) -> int:
    written = maintenance.backup_database(database, dest)
    print(f"Backed up to {written} (encrypted with the same key; checked).")
    return 0


def restore(path: Path, source: Path, keys: KeyStore, recovery_key: str | None) -> int:
    from desktop.services.restore import restore_database

    result = restore_database(path, source, keys, recovery_key)
    print(f"Restored {path} from {source}.")
    if result.replaced_copy:
        print(f"The database it replaced is kept at {result.replaced_copy}.")
    print(result.key_note)
    return 0


def compact(path: Path, keys: KeyStore) -> int:
    """Compacting takes the window's lock, as a restore does: with the database open in a
    window (or another command compacting it) it is refused at once, nothing changed."""
    from desktop.services.database import holding
    from desktop.services.privacy.compact import compact_database, expected_seconds

    if not path.exists():
        _say(f"boardwork: There is no database at {path}.")
        return 1
    with holding(path):
        opened = open_and_announce(path, keys)
        try:
            _say(f"Compacting {path}: about {expected_seconds(path):.0f} s; do not switch "
                 "the computer off meanwhile (if it stops, the database stays as it was).")
            done = compact_database(opened.database)
        finally:
            opened.database.close()
    print(done.message())
    return 0


def unlock(path: Path, keys: KeyStore, recovery_key: str) -> int:
    maintenance.unlock_database(path, keys, recovery_key)
    print(f"The key of {path} is back in this computer's keyring.")
    return 0


def search(database: Database, words: str) -> int:
    """One result a line: board, meeting date, item (or action), snippet with [matches]."""
    from desktop.services.search import search as search_all

    hits = search_all(database, words)
    for hit in hits:
        day = hit.meeting_date.strftime("%d/%m/%Y") if hit.meeting_date else "-"
        snippet = " ".join(hit.plain_snippet.split())
        print(f"{hit.board}\t{day}\t{hit.where}\t{snippet}")
    if not hits:
        _say(f"Nothing found for {words!r}.")
    return 0


def spell(words: list[str]) -> int:
    """One word a line: right, or misspelt with suggestions; exit status 1 if any is misspelt.
    Checks the bundled en_GB dictionary and the user's own words (the smoke test's check)."""
    from desktop.services.spelling import open_checker

    checker = open_checker()
    misspelt = 0
    for word in words:
        if checker.is_correct(word):
            print(f"{word}: correct")
            continue
        misspelt += 1
        suggestions = ", ".join(checker.suggestions(word)) or "none"
        print(f"{word}: not in the dictionary; suggestions: {suggestions}")
    return 1 if misspelt else 0


def demo_database_path() -> Path:
    return Path(platformdirs.user_data_dir("Boardwork", appauthor=False)) / "demo.db"


def demo(target: Path, keys: KeyStore) -> int:
    """Load the sample documents (idempotent: keys make a second run update, not duplicate).

    The command line then opens the window on `target` unless told not to."""
    from desktop.resources import sample_documents

    opened = open_and_announce(target, keys)
    try:
        return import_files(opened.database, sample_documents())
    finally:
        opened.database.close()
