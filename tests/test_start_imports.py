"""What opening the database imports: nothing the first screen does not use (benchmarks/
FINDINGS.md, issue 19 session 6: each import is resident memory for the whole session)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from desktop.services.failures import _is_sqlite_error

ROOT = Path(__file__).resolve().parent.parent


def _imported_after(code: str) -> set[str]:
    done = subprocess.run([sys.executable, "-c", code + "\nimport sys\nprint(*sys.modules)"],
                          cwd=ROOT, capture_output=True, text=True, check=True)
    return set(done.stdout.split())


def test_a_key_from_the_environment_does_not_import_the_keyring() -> None:
    modules = _imported_after(
        "from pathlib import Path\n"
        "from desktop.models.keystore import ENV_VAR, KeyStore\n"
        "key = KeyStore(environ={ENV_VAR: '5b' * 32}).find(Path('x.db'))\n"
        "assert key == bytes.fromhex('5b' * 32)\n")
    assert "keyring" not in modules


def test_the_failure_wording_does_not_import_pythons_sqlite3() -> None:
    modules = _imported_after("import desktop.services.failures, desktop.services.database")
    assert "sqlite3" not in modules
    assert "desktop.services.failures" in modules


def test_pythons_sqlite3_errors_are_still_recognised() -> None:
    assert _is_sqlite_error(sqlite3.OperationalError("database is locked"))
    assert not _is_sqlite_error(ValueError("database is locked"))
