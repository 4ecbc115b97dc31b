"""A backup as a byte copy of the encrypted file, taken at one moment and proved whole.

Why bytes: every page of the database file is already encrypted with the key, so copying the
file is the backup. Re-writing it row by row (`sqlcipher_export`) decrypted and re-encrypted
every page and re-built every index: 28× a plain `cp` of the ten-year database
(benchmarks/FINDINGS.md, issue 19 session 5).

Why it is one moment, even while the app writes: the database is in WAL mode, where committed
changes first go to `<name>-wal` and a checkpoint later writes them into the file. Here the
log is checkpointed and emptied (TRUNCATE), then a read transaction begins and the log is seen
to be still empty. A reader that began on an empty log reads the file alone, and SQLite lets
no checkpoint write into the file until that reader ends (the checkpointer needs read-lock 0
exclusively). Writers go on appending to the log meanwhile: the file holds exactly what was
committed when the read began. When the log cannot be emptied (a long reader elsewhere), or
the database is read-only, the caller falls back to `sqlcipher_export`.

Why it is known good before it counts: every page of the copy is authenticated with the key
(SQLCipher's HMAC) from the copy's file while the rest is still being written: the first
pages by SQLCipher's own `PRAGMA cipher_integrity_check` on a thread of its own once they
are written (it holds no GIL), the others part by part as they are read back, in Python
(services/page_check.py) on another; the copy's size must be the size read; page 1, which
SQLite rewrites when the copy leaves WAL mode (`as_one_file`), is authenticated again after
that. The bytes are copied by the kernel where it can (Linux), so the copying thread barely
needs the processor or the GIL meanwhile. A page is authenticated with its own page number, and the
copy is a new file, so a copy whose pages all authenticate and whose size is right holds the
pages read, each in its place: a changed byte, a page out of place, a short copy or another
key is caught. When the database's cipher settings are not the ones page_check knows, or a
page fails, SQLCipher's own `PRAGMA cipher_integrity_check` gives the verdict. The b-tree
check (`integrity_check`) of the database itself is in services/structure_check.py, run
daily in the background; a restore runs it on the backup before using it.

What the reading back proves, and what it does not: it reads what the operating system
holds for the file (its cache), not the disk; that the disk holds it is what the fsync
before the backup counts is for (the OS's word, as for any program).
"""

from __future__ import annotations

import os
import re
import sys
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlcipher3

from desktop.models.database import CannotOpen, connect_raw
from desktop.services import page_check
from desktop.services.page_check import PageFormat

CHUNK = 4 << 20  # 4 MB parts: large enough that Python's loop costs nothing
TRIES = 3  # an empty log is usually had at once; a busy writer may need another go
# The share of the file whose pages SQLCipher's own check authenticates, on a thread of its
# own; the rest is checked part by part in Python on another. SQLCipher's check holds no
# GIL but sets up a new HMAC each page, and starts only once its share is written: 0.4–0.5
# of the pages makes both end together (0.3 or 0.6: ~15% slower; benchmarks/FINDINGS.md,
# issue 19 session 7).
SQLCIPHER_SHARE = 0.45
# The kernel copies the bytes itself (no Python buffer); elsewhere a read and a write a part.
KERNEL_COPY = sys.platform.startswith("linux") and hasattr(os, "sendfile")
WRITE_BACK_EARLY = sys.platform.startswith("linux") and hasattr(os, "posix_fadvise")
_PAGE_NUMBER = re.compile(r"page (\d+)")
_buffers = threading.local()  # one reusable buffer a checking thread for reading a part back


@dataclass(frozen=True)
class Copied:
    """What a byte copy read, and what authenticating its pages found."""
    size: int  # bytes read from the database (and written)
    form: PageFormat | None  # None: settings page_check does not know; pages not checked
    failing: tuple[int, ...] = ()  # pages of the copy whose HMAC did not match (0: unknown)


def snapshot_copy(path: Path, key: bytes, dest: Path) -> Copied | None:
    """Copy the database file at one moment to `dest` (fsynced), its pages authenticated as
    they were written; None when no moment with an empty log could be had (nothing written)."""
    try:
        connection = connect_raw(path, key)  # writable: the checkpoint writes into the file
    except CannotOpen:
        return None
    try:
        for _ in range(TRIES):
            copied = _copy_if_log_empty(connection, path, key, dest)
            if copied is not None:
                return copied
        return None
    finally:
        connection.close()


def _copy_if_log_empty(connection: Any, path: Path, key: bytes, dest: Path) -> Copied | None:
    try:
        # Waits (busy timeout) for readers of the log to finish, then empties it.
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    except sqlcipher3.OperationalError:
        return None
    connection.execute("BEGIN")
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the read begins
        log = path.with_name(path.name + "-wal")
        if log.exists() and log.stat().st_size > 0:
            return None  # a writer came in between: the read may be using the log
        with open(path, "rb") as reading:
            salt = reading.read(page_check.SALT_SIZE)
        return copy_bytes(path, dest, page_check.page_format(connection, key, salt), key)
    finally:
        connection.execute("COMMIT")


def copy_bytes(source: Path, dest: Path, form: PageFormat | None = None,
               key: bytes | None = None) -> Copied:
    """Copy `source` to a new file `dest`, on disk before returning. With `form`, the pages
    of each part written are authenticated from `dest` on other threads meanwhile: with
    `key`, the first SQLCIPHER_SHARE of them by SQLCipher's own check once they are written
    (it checks the file as long as it is when it starts), the rest part by part in Python."""
    checks: list[Future[list[int]]] = []
    size = 0
    checkers = ThreadPoolExecutor(2, thread_name_prefix="backup-check")
    try:
        with open(source, "rb", buffering=0) as reading, open(dest, "xb", buffering=0) as writing:
            prefix = 0  # bytes left to SQLCipher's check: a whole number of parts, or none
            if form is not None and key is not None:
                prefix = int(os.fstat(reading.fileno()).st_size * SQLCIPHER_SHARE)
                prefix -= prefix % CHUNK
            copy = _Copy(reading, writing)
            while done := copy.part(size, CHUNK):
                if form is not None and size + done > prefix:
                    whole = done - done % form.page_size
                    checks.append(checkers.submit(_check_part, form, dest, size, whole))
                size += done
                if prefix and size == prefix:  # first: it has a thread to itself
                    checks.insert(0, checkers.submit(_sqlcipher_check, form, dest, key, size))
                copy.send_to_disk(size)
            if prefix and size < prefix:  # the file ended first (never while a read holds it)
                checks.append(checkers.submit(_sqlcipher_check, form, dest, key, size))
            os.fsync(writing.fileno())  # the checks go on meanwhile
        failing = tuple(number for check in checks for number in check.result())
    finally:
        checkers.shutdown(cancel_futures=True)  # a failed write: no checks left to wait for
    return Copied(size, form, failing)


def _sqlcipher_check(form: PageFormat | None, path: Path, key: bytes | None,
                     written: int) -> list[int]:
    """The pages of `path` failing SQLCipher's own check of the file as long as it is when
    the check starts (at least `written` bytes), in C with the GIL released (0: a failure
    it did not number). Should SQLCipher not open it, Python checks the `written` bytes."""
    assert form is not None and key is not None
    try:
        # A plain path (a URI cannot name a network share on Windows). The key and this
        # check read the file directly: no lock, no -wal or -shm beside a file being written.
        connection = sqlcipher3.connect(str(path), check_same_thread=False)
        try:
            connection.execute("PRAGMA cipher_log_level = NONE").fetchall()
            connection.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
            rows = connection.execute("PRAGMA cipher_integrity_check").fetchall()
        finally:
            connection.close()
    except sqlcipher3.Error:
        return [number for offset in range(0, written, CHUNK) for number in
                _check_part(form, path, offset, min(CHUNK, written - offset))]
    return [int(found.group(1)) if (found := _PAGE_NUMBER.search(str(text))) else 0
            for (text,) in rows]


class _Copy:
    """Copies a part of the file at a time: by the kernel where it can (Linux's sendfile
    between files: no bytes through Python), else read into one buffer and written."""

    def __init__(self, reading: Any, writing: Any) -> None:
        self.reading, self.writing = reading, writing
        self.kernel = KERNEL_COPY
        self.buffer: bytearray | None = None
        self.sent = 0  # the bytes before this are on their way to the disk

    def send_to_disk(self, end: int) -> None:
        """Starts writing the bytes copied before `end` and not yet sent to the disk now
        (Linux; without waiting), so the disk works while the rest is copied and checked,
        and the fsync has little left to wait for. DONTNEED drops only pages already clean
        from the cache: none of these yet."""
        if WRITE_BACK_EARLY and end > self.sent:
            os.posix_fadvise(self.writing.fileno(), self.sent, end - self.sent,
                             os.POSIX_FADV_DONTNEED)
        self.sent = max(self.sent, end)

    def part(self, offset: int, length: int) -> int:
        """Bytes copied from `offset` (fewer than `length` only at the end of the file)."""
        if self.kernel:
            try:
                return _kernel_copy(self.reading.fileno(), self.writing.fileno(), offset,
                                    length)
            except OSError:
                if offset:
                    raise  # a part already copied this way: a real error
                self.kernel = False  # a file system sendfile cannot write to: read and write
        if self.buffer is None:
            self.buffer = bytearray(length)
        view = memoryview(self.buffer)[:length]
        self.reading.seek(offset)
        got = _read_into(self.reading, view)
        self.writing.seek(offset)  # where a refused kernel copy may have left it part-way
        _write_all(self.writing, view[:got])
        return got


def _kernel_copy(reading: int, writing: int, offset: int, length: int) -> int:
    done = 0
    while done < length:
        sent = os.sendfile(writing, reading, offset + done, length - done)
        if not sent:
            break  # the end of the file
        done += sent
    return done


def _read_into(reading: Any, view: memoryview) -> int:
    got = 0
    while got < len(view):
        count = reading.readinto(view[got:])
        if not count:
            break
        got += count
    return got


def _write_all(writing: Any, data: bytes | memoryview) -> None:
    view = memoryview(data)
    while view:
        view = view[writing.write(view):]


def _check_part(form: PageFormat, path: Path, offset: int, length: int) -> list[int]:
    buffer = getattr(_buffers, "buffer", None)
    if buffer is None or len(buffer) < length:
        buffer = _buffers.buffer = bytearray(length)
    view = memoryview(buffer)[:length]
    with open(path, "rb", buffering=0) as reading:  # its own file: no shared position
        reading.seek(offset)
        got = _read_into(reading, view)
    return page_check.failing_pages(form, view[:got], offset // form.page_size + 1,
                                    length // form.page_size)


def copy_problems(dest: Path, key: bytes, copied: Copied) -> list[str]:
    """The problems of the copy at `dest` once it is in its final form (none: it is good)."""
    size = dest.stat().st_size
    if size != copied.size:
        return [f"the copy on the disk is {size:,} bytes where {copied.size:,} were read (a "
                "failing disk or drive?)"]
    form = copied.form
    if form is None or copied.failing or copied.size % form.page_size:
        return page_problems(dest, key)  # SQLCipher's own check gives the verdict
    with open(dest, "rb") as reading:  # rewritten by SQLite since: authenticated again
        first = reading.read(form.page_size)
    if page_check.failing_pages(form, first, 1, 1):
        return page_problems(dest, key)
    return []


def as_one_file(path: Path, key: bytes) -> None:
    """The copy in rollback-journal mode, as a `sqlcipher_export` copy is: opening it to read
    (a restore, a check) then leaves no `-wal` or `-shm` files beside it in the backup folder.
    SQLite rewrites page 1 for this, so page 1 is authenticated again after it."""
    connection = connect_raw(path, key)
    try:
        connection.execute("PRAGMA journal_mode = DELETE").fetchall()
    finally:
        connection.close()


def page_problems(path: Path, key: bytes) -> list[str]:
    """Every page of the file at `path` authenticated with `key` by SQLCipher."""
    try:
        connection = connect_raw(path, key, read_only=True)
    except CannotOpen as exc:
        return [str(exc)]
    try:
        return pages_not_authentic(connection)
    except sqlcipher3.DatabaseError as exc:
        return [f"the file is damaged: {exc}"]
    finally:
        connection.close()


def pages_not_authentic(connection: Any) -> list[str]:
    """SQLCipher's HMAC check of every page on an open connection, in words."""
    return [f"damaged page: {message}" for (message,) in
            connection.execute("PRAGMA cipher_integrity_check").fetchall()]
