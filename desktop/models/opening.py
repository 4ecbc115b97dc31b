"""Opening the user's database: finding its key, creating it on first use, upgrading it."""

from __future__ import annotations

import contextlib
import os
import secrets
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from desktop.models.database import Database, DatabaseProblem
from desktop.models.keystore import KeyProblem, KeyStore, format_recovery_key, new_key
from desktop.models.migrate import HEAD_REVISION, stored_revision, upgrade

APP_NAME = "Boardwork"
# How long a first start waits for another process that is making the same new database.
CREATE_WAIT_S = 30.0
DATABASE_NAME = "boardwork.db"


def default_database_path() -> Path:
    """%LOCALAPPDATA%\\Boardwork on Windows; ~/.local/share/Boardwork on Linux."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / DATABASE_NAME


@dataclass
class Opened:
    database: Database
    # Set only when the database was created just now: to be shown to the user once.
    recovery_key: str | None = None
    # The copy written before a schema upgrade, if there was one.
    pre_upgrade_copy: Path | None = None
    # False when the key came from BOARDWORK_DATABASE_KEY rather than the keyring.
    key_in_keyring: bool = True


def missing_key_message(path: Path) -> str:
    return (
        f"No key for {path} was found in this computer's keyring. If you have the recovery "
        "key that was shown when the database was created, run: boardwork --database "
        f'"{path}" unlock --recovery-key YOUR-RECOVERY-KEY'
    )


def empty_file_message(path: Path) -> str:
    return (
        f"{path} is an empty file (0 bytes), not a Boardwork database: there is nothing in it "
        "to open. An interrupted copy or a full disk can leave such a file. To put a backup "
        f'in its place, run: boardwork --database "{path}" restore BACKUP; to start a new '
        "database instead, move the empty file away first."
    )


def open_database(path: Path, keys: KeyStore, create: bool = True) -> Opened:
    """Open `path`, creating it (with a new key) if it does not exist and `create` is set.

    An existing file, even an empty one, is never replaced. Raises KeyProblem or
    DatabaseProblem, whose messages are written for the user.
    """
    path = path.expanduser()
    if path.exists():
        if path.stat().st_size == 0:
            raise DatabaseProblem(empty_file_message(path))
        key = keys.find(path)
        if key is None:
            raise KeyProblem(missing_key_message(path))
        if not writable(path):
            return _open_read_only(path, key)
        database = Database.open(path, key)
        try:
            copy = upgrade(database)
        except Exception:
            database.close()
            raise
        return Opened(database, pre_upgrade_copy=copy)
    if not create:
        raise KeyProblem(f"There is no database at {path}.")
    return _create(path, keys)


def writable(path: Path) -> bool:
    """False for a read-only file, folder (SQLite writes its log beside the file) or disk."""
    if not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
        return False
    statvfs = getattr(os, "statvfs", None)  # not on Windows, where os.access sees it
    return statvfs is None or not statvfs(path).f_flag & os.ST_RDONLY


def _open_read_only(path: Path, key: bytes) -> Opened:
    database = Database.open(path, key, read_only=True)
    if stored_revision(database) != HEAD_REVISION:
        database.close()
        raise DatabaseProblem(
            f"{path} is on a disk or in a folder that cannot be written to, and was made by "
            "an older version of Boardwork: it has to be upgraded before it can be opened. "
            "Copy it to a folder you can write to and open that."
        )
    return Opened(database)


def _create(path: Path, keys: KeyStore) -> Opened:
    """A new database, made whole under another name and then linked into place, by one
    process at a time: two first starts at once (a command beside the window, two imports)
    would otherwise each make a key, and the keyring keep the one that does not open it.
    A process that waited finds the database made and opens it."""
    with _one_creator(path):
        if path.exists():
            return open_database(path, keys, create=False)
        return _create_alone(path, keys)


@contextlib.contextmanager
def _one_creator(path: Path) -> Iterator[None]:
    from desktop.models.lock import DatabaseInUse, DatabaseLock

    path.parent.mkdir(parents=True, exist_ok=True)
    lock = DatabaseLock(path, ".creating.lock")
    deadline = time.monotonic() + CREATE_WAIT_S
    while not lock.try_acquire():
        if time.monotonic() > deadline:
            raise DatabaseInUse(f"Another Boardwork process is still making {path}; try again "
                                "when it has finished. Nothing was changed.")
        time.sleep(0.05)
    try:
        yield
    finally:
        lock.release()
        # Removed once done (any process still waiting then finds the database made and
        # opens it); where the system will not remove it yet, it is harmless left.
        with contextlib.suppress(OSError):
            lock.path.unlink(missing_ok=True)


def _create_alone(path: Path, keys: KeyStore) -> Opened:
    """A key already in the keyring for this path (a database that was deleted) is used, not
    overwritten: whoever keeps its recovery key can open the new database with it too."""
    key = keys.key_from_environment()
    in_keyring = key is None
    stored = False
    if key is None:
        key = keys.find(path)
        if key is None:
            key = new_key()
            keys.store(path, key)  # before the file exists: a key that cannot be kept is no use
            stored = True
    try:
        _build(path, key)
    except BaseException:
        if stored:
            keys.forget(path)
        raise
    return Opened(Database.open(path, key), recovery_key=format_recovery_key(key),
                  key_in_keyring=in_keyring)


def _build(path: Path, key: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # A name of its own, so that nothing of another attempt is ever opened or removed.
    building = path.with_name(f"{path.name}.creating-{secrets.token_hex(4)}")
    try:
        database = Database.open(building, key)
        try:
            upgrade(database)
            _mark_clean(database)
        finally:
            database.close()
        _link_without_replacing(building, path)
    finally:
        for part in ("", "-wal", "-shm", "-journal"):
            building.with_name(building.name + part).unlink(missing_ok=True)


def _mark_clean(database: Database) -> None:
    """A new file has never held anything deleted outside its tables (every delete is
    secure): it is never offered compacting after an erase (services/privacy/compact.py)."""
    import datetime as dt

    from sqlalchemy import insert

    from desktop.models.settings import COMPACTED, Setting

    with database.transaction() as session:  # a fact about the file, not an audited change
        session.execute(insert(Setting).values(name=COMPACTED,
                                               value=dt.date.today().isoformat()))


def _link_without_replacing(new: Path, path: Path) -> None:
    """Give `new` the name `path`, refusing (atomically) if a file of that name appeared."""
    try:
        os.link(new, path)
    except FileExistsError as exc:
        raise DatabaseProblem(
            f"{path} appeared while a new database was being made; it was left as it is."
        ) from exc
    except OSError:
        # A file system without hard links (FAT on a memory stick): check, then rename.
        if path.exists():
            raise DatabaseProblem(
                f"{path} appeared while a new database was being made; it was left as it is."
            ) from None
        os.replace(new, path)
