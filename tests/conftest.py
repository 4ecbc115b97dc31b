"""Shared fixtures. Qt runs offscreen; no test ever touches the real keyring."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import secrets
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backend
import pytest

from desktop.models.database import Database
from desktop.models.keystore import ENV_VAR, KeyStore
from desktop.models.opening import open_database

SAMPLES = Path(__file__).resolve().parent.parent / "resources" / "sample"


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A keyring that lives and dies with one test."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.passwords.pop((service, username), None)


# Where the app (platformdirs, QStandardPaths, Path.home()) and any program a test starts keep
# their settings, data, logs and caches: a folder of each test's own, never this machine's user
# folders, and never a folder two tests share, so tests can run in parallel (pytest-xdist, as
# ./test.sh runs them) and in any order.
HOME_VARIABLES = ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME",
                  "APPDATA", "LOCALAPPDATA")


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory: pytest.TempPathFactory,
                  monkeypatch: pytest.MonkeyPatch) -> Path:
    # Beside tmp_path, not in it: some tests list tmp_path and expect only their own files.
    home = tmp_path_factory.mktemp("home")
    for variable in HOME_VARIABLES:
        folder = home if variable == "HOME" else home / variable.lower()
        folder.mkdir(exist_ok=True)
        monkeypatch.setenv(variable, str(folder))
    return home


@pytest.fixture(autouse=True)
def memory_keyring(monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryKeyring]:
    monkeypatch.delenv(ENV_VAR, raising=False)
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def database_path(tmp_path: Path) -> Path:
    return tmp_path / "boardwork.db"


@pytest.fixture
def database(database_path: Path) -> Iterator[Database]:
    """A new, empty, encrypted database at the current schema."""
    opened = open_database(database_path, KeyStore())
    yield opened.database
    opened.database.close()


@pytest.fixture
def env_key() -> str:
    return secrets.token_hex(32)


def import_sample(database: Database, *names: str) -> None:
    """Load sample documents (file names in resources/sample) in one import."""
    from desktop.services.interchange import import_documents, read_document

    paths = [SAMPLES / name for name in names]
    import_documents(database, [(path.name, read_document(path)) for path in paths])


@pytest.fixture(autouse=True)
def error_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where failures are logged during a test: a temporary file, never the user's log."""
    from desktop.services import failures

    log = tmp_path / "logs" / "errors.log"
    monkeypatch.setattr(failures, "error_log_path", lambda: log)
    return log
