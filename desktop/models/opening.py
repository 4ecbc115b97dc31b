"""Opening the user's database: finding its key, creating it on first use, upgrading it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import platformdirs

from desktop.models.database import Database
from desktop.models.keystore import KeyProblem, KeyStore, format_recovery_key, new_key
from desktop.models.migrate import upgrade

APP_NAME = "Boardwork"
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


def open_database(path: Path, keys: KeyStore, create: bool = True) -> Opened:
    """Open `path`, creating it (with a new key) if it does not exist and `create` is set.

    Raises KeyProblem or DatabaseProblem, whose messages are written for the user.
    """
    path = path.expanduser()
    if path.exists() and path.stat().st_size > 0:
        key = keys.find(path)
        if key is None:
            raise KeyProblem(missing_key_message(path))
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


def _create(path: Path, keys: KeyStore) -> Opened:
    key = keys.key_from_environment()
    in_keyring = key is None
    if key is None:
        key = new_key()
        keys.store(path, key)  # before the file exists: a key that cannot be kept is no use
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)  # an empty file left by an interrupted first start
    database = Database.open(path, key)
    try:
        upgrade(database)
    except Exception:
        database.close()
        path.unlink(missing_ok=True)
        raise
    return Opened(database, recovery_key=format_recovery_key(key), key_in_keyring=in_keyring)
