"""Putting a backup in the database's place: checked first, swapped in whole, or not at all.

Until the last step the database stays where it was, unchanged and openable:

1. refuse when the backup is the database itself, or the database is open in a window (the
   window's lock, which the restore then holds to the end so no window opens half-way);
2. check the backup opens with its key and is whole;
3. write it beside the database as `<name>.restoring`, encrypted with the database's own key
   (so the key in the keyring, and the user's recovery key, stay as they were), check that
   copy, and bring its schema up to date;
4. fold the database's write-ahead log into the file, so the file alone is the database;
5. give the database a second name, `<stem>.replaced-<time><suffix>` (a hard link: the
   original is not moved);
6. rename the checked copy over the database: one atomic step.

Any failure before 6 removes what was written and leaves the original as it was. A key is
only ever added to the keyring where there was none (a lost keyring), never overwritten.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import sqlcipher3
from sqlalchemy.exc import DBAPIError

from desktop.models.database import (
    CannotOpen,
    Database,
    DatabaseProblem,
    connect_raw,
    describe_os_error,
    encrypted_copy,
)
from desktop.models.keystore import KeyProblem, KeyStore, keyring_available, parse_recovery_key
from desktop.models.lock import DatabaseInUse, holding, in_use_message
from desktop.models.migrate import upgrade
from desktop.services.maintenance import stamp, verify_copy


@dataclass
class RestoreResult:
    restored_from: Path
    # Where the database that was replaced now lives (None if there was none).
    replaced_copy: Path | None
    # How to open the restored database, and the replaced copy, in words for the user.
    key_note: str


def restore_database(
    path: Path, source: Path, keys: KeyStore, recovery_key: str | None = None
) -> RestoreResult:
    """Replace the database at `path` with the backup `source`, keeping the replaced file.

    Raises DatabaseProblem or KeyProblem, in plain words, with nothing changed.
    """
    path = path.expanduser().absolute()
    source = source.expanduser().absolute()
    if not source.is_file():
        raise DatabaseProblem(f"There is no backup at {source}.")
    if path.exists() and os.path.samefile(path, source):
        raise DatabaseProblem(
            f"{source} is the database itself, not a backup of it; nothing was changed."
        )
    with holding(path):
        current_key = keys.find(path)
        read_key = parse_recovery_key(recovery_key) if recovery_key else current_key
        if read_key is None:
            raise KeyProblem(
                f"No key for {path} is in this computer's keyring, so the backup cannot be "
                "checked. Give the recovery key of the backup with --recovery-key."
            )
        problems = verify_copy(source, read_key)
        if problems:
            raise DatabaseProblem(
                f"The backup {source} was not restored, and nothing was changed: "
                f"{problems[0]} (if it came from another computer, give its recovery key "
                "with --recovery-key)."
            )
        if current_key is None and not keyring_available():
            raise KeyProblem(keys.no_keyring_message())
        target_key = current_key if current_key is not None else read_key
        return _swap_in(path, source, read_key, target_key, keys, store_key=current_key is None)


def _swap_in(
    path: Path, source: Path, read_key: bytes, key: bytes, keys: KeyStore, store_key: bool
) -> RestoreResult:
    incoming = path.with_name(path.name + ".restoring")
    aside: Path | None = None
    stored = False
    try:
        _remove_with_companions(incoming)  # left by a restore that was killed
        path.parent.mkdir(parents=True, exist_ok=True)
        _prepare(source, read_key, incoming, key)
        if path.exists():
            _fold_log(path, keys.find(path))
            aside = _second_name(path)
        if store_key:
            keys.store(path, key)
            stored = True
        os.replace(incoming, path)
    except BaseException as exc:
        # Nothing has replaced the database: undo what was added beside it.
        _remove_with_companions(incoming)
        if aside is not None:
            aside.unlink(missing_ok=True)
        if stored:
            keys.forget(path)
        if isinstance(exc, (OSError, sqlcipher3.Error, DBAPIError)):
            reason = describe_os_error(exc) if isinstance(exc, OSError) else exc
            raise DatabaseProblem(
                f"{path} was not restored, and nothing was changed: {reason}."
            ) from exc
        if isinstance(exc, DatabaseProblem) and not isinstance(exc, DatabaseInUse):
            raise DatabaseProblem(f"{path} was not restored, and nothing was changed: {exc}") \
                from exc
        raise
    _sync_folder(path.parent)
    return RestoreResult(source, aside, _key_note(aside, keys, key, stored))


def _prepare(source: Path, read_key: bytes, incoming: Path, key: bytes) -> None:
    """The backup, re-encrypted with `key`, checked and upgraded, at `incoming`."""
    encrypted_copy(source, read_key, incoming, dest_key=key)
    problems = verify_copy(incoming, key)
    if problems:
        raise DatabaseProblem(f"the copy written beside it failed its check: {problems[0]}")
    database = Database.open(incoming, key)
    try:
        upgrade(database, copy_first=False)  # the backup itself is the copy before upgrade
    finally:
        database.close()
    if incoming.with_name(incoming.name + "-wal").exists():
        raise DatabaseProblem("the copy written beside it is still held open")


def _fold_log(path: Path, key: bytes | None) -> None:
    """Write the database's log into its file, so renaming the file moves all of it.

    A log left beside the new file would be replayed into it: the swap waits until there is
    none. Opening and closing the only connection folds it in and removes it.
    """
    log = path.with_name(path.name + "-wal")
    if not log.exists():
        return
    try:
        if key is None:
            raise CannotOpen("no key")
        connection = connect_raw(path, key)
    except CannotOpen as exc:
        raise DatabaseProblem(
            f"{path} has recent changes in {log.name} that only its own key can write into "
            "it; unlock it with its recovery key first"
        ) from exc
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    connection.close()
    if log.exists():
        raise DatabaseInUse(in_use_message(path))


def _second_name(path: Path) -> Path:
    """The database under a `replaced-` name too; where links are not possible, a copy."""
    aside = path.with_name(f"{path.stem}.replaced-{stamp()}{path.suffix}")
    n = 1
    while aside.exists():
        n += 1
        aside = path.with_name(f"{path.stem}.replaced-{stamp()}-{n}{path.suffix}")
    try:
        os.link(path, aside)
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EROFS, errno.EDQUOT):
            raise
        partial = aside.with_name(aside.name + ".partial")
        try:
            shutil.copyfile(path, partial)
            with open(partial, "rb+") as handle:
                os.fsync(handle.fileno())
            os.replace(partial, aside)
        finally:
            partial.unlink(missing_ok=True)
    return aside


def _key_note(aside: Path | None, keys: KeyStore, key: bytes, stored: bool) -> str:
    if stored:
        note = ("The restored database opens with the backup's key, now kept in this "
                "computer's keyring: its recovery key is the one given.")
    else:
        note = ("The restored database opens with the same key as before: the same recovery "
                "key, and the key in "
                + ("BOARDWORK_DATABASE_KEY." if keys.key_from_environment() else "the keyring."))
    if aside is None:
        return note
    if stored:
        return note + (f" The replaced file {aside.name} still needs its own recovery key "
                       "(this computer's keyring had none for it).")
    if keys.key_from_environment() is None:
        # So that `--database <the replaced file>` finds its key, as for the database.
        with contextlib.suppress(KeyProblem):
            keys.store(aside, key)
    return note + f" The replaced file {aside.name} opens with that same key."


def _remove_with_companions(database: Path) -> None:
    for name in (database.name, database.name + "-wal", database.name + "-shm",
                 database.name + ".partial", database.name + ".partial-journal"):
        database.with_name(name).unlink(missing_ok=True)


def _sync_folder(folder: Path) -> None:
    """The rename itself on disk (POSIX); Windows has no folder handles to sync."""
    if os.name != "posix":
        return
    # The swap is done: a folder that cannot be synced only makes it less certain to
    # survive a power cut, which is no reason to report the restore as failed.
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
