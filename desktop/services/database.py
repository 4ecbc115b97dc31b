"""The database as the rest of the application sees it: open, create, and the errors to show.

Views and the CLI import from here, never from desktop.models, so the layers stay one-way.
"""

from __future__ import annotations

from desktop.models.database import CannotOpen, Database, DatabaseProblem, ReadOnlyDatabase
from desktop.models.keystore import KeyProblem, KeyStore
from desktop.models.lock import DatabaseInUse, DatabaseLock, holding
from desktop.models.opening import Opened, default_database_path, open_database

# What a user can be shown as a message: everything else is a bug.
USER_FACING_ERRORS = (KeyProblem, DatabaseProblem)

__all__ = [
    "USER_FACING_ERRORS",
    "CannotOpen",
    "Database",
    "DatabaseInUse",
    "DatabaseLock",
    "DatabaseProblem",
    "KeyProblem",
    "KeyStore",
    "Opened",
    "ReadOnlyDatabase",
    "default_database_path",
    "holding",
    "open_database",
]
