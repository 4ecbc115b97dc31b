"""What went wrong, in plain words: any exception as one line a person can act on.

The command line and the GUI both ask `describe`. An exception's own message is only shown
when the code that raised it wrote it for people (InvalidInput, the database and key
problems); everything else is recognised by kind (a full disk, a read-only or damaged
database …) or called unexpected. Messages from libraries are never shown or logged: a SQL
error carries the statement and its values, a Unicode error the text, and the database is
encrypted precisely so that minutes do not lie about in plain text.

`technical_details` is what a person can send to support: the exception types and where
in the code they happened (file, line, function), never their messages.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import platform
import sys
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from desktop import __version__
from desktop.services.database import USER_FACING_ERRORS
from desktop.services.errors import InvalidInput

DISK_FULL = "The disk is full. Free some space and try again."
READ_ONLY_DATABASE = ("The database file cannot be written: it, or the drive it is on, is "
                      "read-only. Check its permissions, or open a copy somewhere you can write.")
DAMAGED_DATABASE = ("The database file is damaged (its contents are cut short or corrupted). "
                    "Restore it from a backup; `boardwork check` says more.")
BUSY_DATABASE = "The database is busy in another program. Try again when that has finished."
TOO_DEEP = "The data is nested too deeply to be read."
NO_MEMORY = "There was not enough memory to finish."
BAD_TEXT = "The text contains characters that cannot be stored (such as a lone surrogate)."
NUMBER_TOO_LARGE = "A number is too large to be stored."
_MACHINE_FAULTS = (DISK_FULL, READ_ONLY_DATABASE, DAMAGED_DATABASE, TOO_DEEP, NO_MEMORY)
LOG_LIMIT = 512 * 1024  # one earlier log is kept beside it as errors.log.1


@dataclass(frozen=True)
class Failure:
    message: str  # one plain line, no record contents
    expected: bool  # False: a fault in Boardwork; its details belong in the error log


def describe(exc: BaseException) -> Failure:
    """The plain message for `exc`, looking through the exceptions that caused it."""
    if isinstance(exc, InvalidInput):
        return Failure(exc.message, True)
    if isinstance(exc, USER_FACING_ERRORS):
        return Failure(str(exc), True)
    for each in _chain(exc):
        message = _known(each)
        # An exception met while handling another may be unrelated to it (a missing file
        # that was dealt with); only the faults of the machine itself are taken from there.
        related = each is exc or _caused(exc, each)
        if message is not None and (related or message in _MACHINE_FAULTS):
            return Failure(message, True)
    return Failure(f"An unexpected error ({type(exc).__name__}) occurred.", False)


def _caused(exc: BaseException, cause: BaseException) -> bool:
    """`cause` is `exc`'s by `raise … from` or SQLAlchemy's wrapping, all the way down."""
    current: BaseException | None = exc
    for _ in range(50):
        if current is None:
            return False
        following = current.__cause__ or getattr(current, "orig", None)
        if following is cause:
            return True
        current = following if isinstance(following, BaseException) else None
    return False


def _known(exc: BaseException) -> str | None:
    if isinstance(exc, RecursionError):
        return TOO_DEEP
    if isinstance(exc, MemoryError):
        return NO_MEMORY
    if isinstance(exc, UnicodeError):
        return BAD_TEXT
    if isinstance(exc, ArithmeticError):  # OverflowError, decimal.InvalidOperation …
        return NUMBER_TOO_LARGE
    if isinstance(exc, OSError) and exc.errno is not None:
        return _os_error(exc)
    if _is_sqlite_error(exc):
        return _sqlite_error(str(exc).lower())
    return None


def _os_error(exc: OSError) -> str:
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return DISK_FULL
    if exc.errno == errno.EROFS:
        return "The drive is read-only: nothing can be written to it."
    what = os.strerror(exc.errno) if exc.errno else "it failed"
    # The name of a file the person gave, or one of Boardwork's own: never record contents.
    return f"{exc.filename}: {what}." if exc.filename else f"{what}."


def _is_sqlite_error(exc: BaseException) -> bool:
    # Python's own sqlite3 only where something imported it (the app uses sqlcipher3): not
    # imported for this check, which cost 0.9 MB of every start (benchmarks/FINDINGS.md).
    plain = sys.modules.get("sqlite3")
    if plain is not None and isinstance(exc, plain.Error):
        return True
    try:
        import sqlcipher3
    except ImportError:  # pragma: no cover - a dependency; only for robustness
        return False
    return isinstance(exc, sqlcipher3.dbapi2.Error)


def _sqlite_error(text: str) -> str | None:
    """SQLite's own messages are fixed sentences, recognised whole: a constraint's message
    names columns, and a column could be called "locked"."""
    for phrases, message in _SQLITE_MESSAGES:
        if any(phrase in text for phrase in phrases):
            return message
    return None


_SQLITE_MESSAGES = (
    (("database or disk is full",), DISK_FULL),
    (("attempt to write a readonly database",), READ_ONLY_DATABASE),
    (("database disk image is malformed", "file is not a database",
      "malformed database schema"), DAMAGED_DATABASE),
    (("database is locked", "database table is locked", "database schema is locked"),
     BUSY_DATABASE),
    (("disk i/o error", "unable to open database file"),
     "The database file could not be read or written (a disk or file problem)."),
)


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """`exc`, then what caused it (SQLAlchemy's `orig`, `raise … from`, or the exception being
    handled when it happened), once each."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        original = getattr(current, "orig", None)
        if isinstance(original, BaseException) and id(original) not in seen:
            yield original
            seen.add(id(original))
        current = current.__cause__ or current.__context__


def technical_details(exc: BaseException) -> str:
    """Exception types and the code's file, line and function for each: no messages, which
    may hold SQL, values or text from the records."""
    lines = [f"Boardwork {__version__}, Python {platform.python_version()}, "
             f"{platform.system()} {platform.release()}"]
    for number, each in enumerate(_chain(exc)):
        kind = type(each)
        name = kind.__qualname__ if kind.__module__ == "builtins" else \
            f"{kind.__module__}.{kind.__qualname__}"
        errno_name = ""
        if isinstance(each, OSError) and each.errno is not None \
                and each.errno in errno.errorcode:
            errno_name = f" [{errno.errorcode[each.errno]}]"
        lines.append(("Caused by " if number else "") + name + errno_name)
        lines.extend(_frames(each))
    return "\n".join(lines) + "\n"


def _frames(exc: BaseException) -> list[str]:
    lines: list[str] = []
    previous, repeats = "", 0
    for frame in traceback.extract_tb(exc.__traceback__):
        line = f"  {_short(frame.filename)}, line {frame.lineno}, in {frame.name}"
        if line == previous:
            repeats += 1
            continue
        if repeats:
            lines.append(f"  [the line above repeated {repeats} more times]")
        previous, repeats = line, 0
        lines.append(line)
    if repeats:
        lines.append(f"  [the line above repeated {repeats} more times]")
    return lines


def _short(filename: str) -> str:
    """The path from the package on (desktop/…, sqlalchemy/…), not the computer's folders."""
    parts = Path(filename).parts
    for marker in ("site-packages", "dist-packages", "lib"):
        if marker in parts:
            return "/".join(parts[len(parts) - parts[::-1].index(marker):])
    if "desktop" in parts:
        return "/".join(parts[len(parts) - 1 - parts[::-1].index("desktop"):])
    return "/".join(parts[-2:])


def error_log_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_log_dir("Boardwork", appauthor=False)) / "errors.log"


def log_failure(exc: BaseException, where: str) -> Path | None:
    """Append `exc`'s technical details to the error log; its path, or None if it could not
    be written (the disk may be the very thing that is full)."""
    path = error_log_path()
    entry = f"--- {dt.datetime.now():%Y-%m-%d %H:%M:%S} {where}\n{technical_details(exc)}"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.stat().st_size > LOG_LIMIT:
            path.replace(path.with_name(path.name + ".1"))
        with open(path, "a", encoding="utf-8") as log:
            log.write(entry)
    except OSError:
        return None
    return path


def unexpected_message(exc: BaseException, where: str) -> str:
    """For a failure `describe` does not know: log its details, and say where they are."""
    logged = log_failure(exc, where)
    said = describe(exc).message
    if logged is None:
        return f"{said} Its details could not be written to the error log."
    return f"{said} Details (without any records) are in {logged}."
