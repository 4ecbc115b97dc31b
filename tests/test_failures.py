"""Any exception as one plain line, and technical details that hold no record contents."""

from __future__ import annotations

import decimal
import errno
import json
import sqlite3
from pathlib import Path

import pytest
import sqlcipher3
from sqlalchemy.exc import DatabaseError, OperationalError

from desktop.services import failures
from desktop.services.database import CannotOpen
from desktop.services.errors import InvalidInput
from desktop.services.failures import describe, log_failure, technical_details

SECRET = "Jane Secretname"


def raised(exc: BaseException) -> BaseException:
    """`exc` with a traceback, as a handler receives it."""
    try:
        raise exc
    except BaseException as caught:
        return caught


def wrapped(orig: Exception) -> BaseException:
    """As SQLAlchemy raises a driver's error: the statement and values in its text."""
    try:
        try:
            raise orig
        except Exception as driver:
            raise OperationalError(f"UPDATE person SET name='{SECRET}'", {"n": SECRET},
                                   driver) from driver
    except BaseException as caught:
        return caught


def deep_json() -> BaseException:
    try:
        json.loads("[" * 100_000 + "]" * 100_000)
    except RecursionError as exc:
        return exc
    raise AssertionError("json read it")


@pytest.mark.parametrize(("exc", "expected"), [
    (OSError(errno.ENOSPC, "No space left on device"), failures.DISK_FULL),
    (wrapped(sqlcipher3.dbapi2.OperationalError("database or disk is full")),
     failures.DISK_FULL),
    (wrapped(sqlcipher3.dbapi2.OperationalError("attempt to write a readonly database")),
     failures.READ_ONLY_DATABASE),
    (wrapped(sqlcipher3.dbapi2.DatabaseError("database disk image is malformed")),
     failures.DAMAGED_DATABASE),
    (wrapped(sqlcipher3.dbapi2.DatabaseError("file is not a database")),
     failures.DAMAGED_DATABASE),
    (wrapped(sqlite3.OperationalError("database is locked")), failures.BUSY_DATABASE),
    (deep_json(), failures.TOO_DEEP),
    (MemoryError(), failures.NO_MEMORY),
    (UnicodeEncodeError("utf-8", "Sally \ud800", 6, 7, "surrogates not allowed"),
     failures.BAD_TEXT),
    (OverflowError("Python int too large to convert to SQLite INTEGER"),
     failures.NUMBER_TOO_LARGE),
    (decimal.InvalidOperation(), failures.NUMBER_TOO_LARGE),
], ids=["enospc", "sqlite-full", "read-only", "malformed", "not-a-database", "locked",
        "recursion", "memory", "surrogate", "overflow", "decimal"])
def test_known_failures_are_said_in_plain_words(exc, expected):
    failure = describe(exc)
    assert failure.expected and failure.message == expected


def test_a_failure_found_among_the_causes():
    try:
        try:
            raise OSError(errno.ENOSPC, "No space left on device")
        except OSError:
            raise RuntimeError(f"while writing {SECRET}") from None
    except RuntimeError as exc:
        # `from None` hides it from the traceback, but it is still the context.
        assert describe(exc).message == failures.DISK_FULL


def test_an_unrelated_error_handled_earlier_does_not_name_a_bug():
    try:
        try:
            raise FileNotFoundError(errno.ENOENT, "No such file", "settings.ini")
        except FileNotFoundError:
            raise TypeError(SECRET) from None
    except TypeError as exc:
        assert not describe(exc).expected


def test_messages_written_for_people_are_shown_as_they_are():
    assert describe(InvalidInput("Say why the action is withdrawn.")).message == \
        "Say why the action is withdrawn."
    assert describe(CannotOpen("The key does not open x.db.")).message == \
        "The key does not open x.db."


def test_anything_else_is_unexpected_and_named_only_by_its_type():
    failure = describe(wrapped(sqlite3.IntegrityError(f"UNIQUE constraint failed: {SECRET}")))
    assert not failure.expected
    assert failure.message == "An unexpected error (OperationalError) occurred."
    assert describe(KeyError(SECRET)).message.count("KeyError") == 1
    assert SECRET not in describe(ValueError(SECRET)).message


def test_technical_details_name_types_and_code_but_no_messages():
    exc = wrapped(sqlcipher3.dbapi2.IntegrityError(f"UNIQUE constraint failed: {SECRET}"))
    details = technical_details(exc)
    assert "sqlalchemy.exc.OperationalError" in details
    assert "Caused by sqlcipher3.dbapi2.IntegrityError" in details
    assert "tests/test_failures.py, line" in details and "in wrapped" in details
    assert SECRET not in details and "UPDATE" not in details and "UNIQUE" not in details
    assert str(Path(__file__).parent) not in details  # paths from the package on


def test_deep_recursion_details_stay_short():
    def down(n: int) -> None:
        down(n + 1)

    try:
        down(0)
    except RecursionError as exc:
        details = technical_details(exc)
    assert "repeated" in details and len(details.splitlines()) < 40


def test_errno_is_named(tmp_path):
    details = technical_details(raised(OSError(errno.ENOSPC, "No space left on device")))
    assert "OSError [ENOSPC]" in details


def test_the_log_is_appended_and_kept_small(tmp_path, monkeypatch):
    log = tmp_path / "log" / "errors.log"
    monkeypatch.setattr(failures, "error_log_path", lambda: log)
    assert log_failure(raised(DatabaseError("x", {}, Exception(SECRET))), "import") == log
    assert log_failure(raised(RuntimeError(SECRET)), "search") == log
    text = log.read_text(encoding="utf-8")
    assert text.count("--- ") == 2 and " import\n" in text and SECRET not in text
    log.write_text("x" * (failures.LOG_LIMIT + 1), encoding="utf-8")
    log_failure(raised(RuntimeError(SECRET)), "search")
    assert log.with_name("errors.log.1").stat().st_size > failures.LOG_LIMIT
    assert log.stat().st_size < 2000


def test_a_log_that_cannot_be_written_is_said_so(tmp_path, monkeypatch):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setattr(failures, "error_log_path", lambda: blocked / "errors.log")
    exc = raised(RuntimeError(SECRET))
    assert log_failure(exc, "search") is None
    assert "could not be written" in failures.unexpected_message(exc, "search")
