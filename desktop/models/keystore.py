"""Where the database key lives: the operating system's keyring, or an environment variable.

The key is 32 random bytes. It is kept in the keyring (Windows Credential Manager on council
laptops) under an account named after the database file, so two databases have two keys. On a
machine with no keyring at all, `BOARDWORK_DATABASE_KEY` (64 hex digits) supplies it. The
recovery key shown once at creation is the same 32 bytes written for a person to copy.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
from collections.abc import Mapping
from pathlib import Path
from types import ModuleType

SERVICE = "Boardwork"
ENV_VAR = "BOARDWORK_DATABASE_KEY"
KEY_BYTES = 32

_HEX_KEY = re.compile(r"[0-9a-fA-F]{64}")


class KeyProblem(Exception):
    """A key could not be found, read or stored; the message says what to do."""


def new_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def format_recovery_key(key: bytes) -> str:
    """64 hex digits in groups of four, easy to read aloud and to type back."""
    digits = key.hex().upper()
    return "-".join(digits[i : i + 4] for i in range(0, len(digits), 4))


def parse_recovery_key(text: str) -> bytes:
    digits = re.sub(r"[\s\-]", "", text)
    if not _HEX_KEY.fullmatch(digits):
        raise KeyProblem(
            "A recovery key is 64 letters and digits (0-9, A-F), usually written in groups "
            "of four separated by dashes; the one given is not."
        )
    return bytes.fromhex(digits)


def account_for(database: Path) -> str:
    return "database:" + os.path.normcase(str(database.resolve()))


def _keyring() -> ModuleType:
    """The keyring package, imported when a key is first looked up or stored in it: with the
    key in the environment it is never needed, and importing it (with importlib_metadata,
    email, http.client and ssl behind it) costs 2.5 MB and ~0.1 s (benchmarks/FINDINGS.md)."""
    import keyring
    import keyring.errors

    return keyring


def keyring_available() -> bool:
    """False where keyring found no usable backend (a headless Linux machine, for one)."""
    backend = _keyring().get_keyring()
    priority = getattr(backend, "priority", 0)
    name = type(backend).__module__ + "." + type(backend).__name__
    return priority > 0 and "fail" not in name and "null" not in name.lower()


class KeyStore:
    """Finds and stores database keys. Tests give it a memory keyring and their own environment."""

    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        self._environ = os.environ if environ is None else environ

    def key_from_environment(self) -> bytes | None:
        text = self._environ.get(ENV_VAR, "").strip()
        if not text:
            return None
        if not _HEX_KEY.fullmatch(text):
            raise KeyProblem(
                f"{ENV_VAR} must be exactly 64 hex digits (0-9, a-f); the value set is not."
            )
        return bytes.fromhex(text)

    def find(self, database: Path) -> bytes | None:
        """The key for `database`: the environment variable first, then the keyring."""
        from_env = self.key_from_environment()
        if from_env is not None:
            return from_env
        keyring = _keyring()
        try:
            stored = keyring.get_password(SERVICE, account_for(database))
        except keyring.errors.KeyringError:
            return None
        if stored is None or not _HEX_KEY.fullmatch(stored):
            return None
        return bytes.fromhex(stored)

    def store(self, database: Path, key: bytes) -> None:
        if not keyring_available():
            raise KeyProblem(self.no_keyring_message())
        keyring = _keyring()
        try:
            keyring.set_password(SERVICE, account_for(database), key.hex())
        except keyring.errors.KeyringError as exc:
            raise KeyProblem(f"The keyring refused to store the database key: {exc}") from exc

    def forget(self, database: Path) -> None:
        keyring = _keyring()
        with contextlib.suppress(keyring.errors.KeyringError):
            keyring.delete_password(SERVICE, account_for(database))

    @staticmethod
    def no_keyring_message() -> str:
        return (
            "No keyring is available on this machine to keep the database key. Set "
            f"{ENV_VAR} to 64 hex digits (for a new database, make one with: python -c "
            "\"import secrets; print(secrets.token_hex(32))\") and keep that value safe: "
            "it is the only way to open the database."
        )
