"""Saving the minutes in the background, so typing never waits for the disk.

The view hands over the latest text of an item; a writer thread saves it. Texts queued for
the same item before the writer got to them are replaced, so a burst of typing is one write.

How soon: the view hands the text over at most SAVE_WITHIN_MS after the first keystroke not
yet saved, however steadily the minute-taker types (a pause is never waited for: someone
typing at a steady 15 characters a second never pauses). With the write itself that keeps
what a crash can lose under a second of typing; tests/gui/test_minute_taking_crash.py kills
a typing process to check it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from desktop.services.database import Database
from desktop.services.failures import describe, unexpected_message
from desktop.services.meetings import save_minutes

# Half the promised second: the other half is headroom for the write on a busy laptop.
# Serialising the item is the UI thread's only cost, so this is also how often it is paid.
SAVE_WITHIN_MS = 500


class MinutesSaver:
    """One writer thread per open meeting. `on_error` is called (from the writer thread)
    with the item id and the message when a save fails; that text is kept in `failed` and
    is written with the item's next change."""

    def __init__(self, database: Database, on_error: Callable[[int, str], None],
                 on_saved: Callable[[int], None] | None = None) -> None:
        self.database = database
        self.on_error = on_error
        self.on_saved = on_saved
        self._pending: dict[int, str] = {}
        self.failed: dict[int, str] = {}
        self._condition = threading.Condition()
        self._busy = False
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="minutes-saver", daemon=True)
        self._thread.start()

    def queue(self, item_id: int, html: str) -> None:
        with self._condition:
            self._pending[item_id] = html
            self._condition.notify_all()

    def write_now(self, item_id: int, html: str, timeout: float = 10.0) -> bool:
        """Written before this returns (moving to another item must not wait for a later
        save); False if the write failed or took longer than `timeout`."""
        self.queue(item_id, html)
        return self.flush(timeout) and item_id not in self.failed

    def hold(self, item_id: int, timeout: float = 10.0) -> bool:
        """For a caller about to write the item's text in its own unit of work (an action
        and the minutes around it, together): what is queued for the item is dropped, as
        the caller's text is newer, and the writer is idle when this returns True."""
        with self._condition:
            self._pending.pop(item_id, None)
            return self._condition.wait_for(lambda: not self._pending and not self._busy,
                                            timeout)

    def written_elsewhere(self, item_id: int) -> None:
        """The caller of `hold` saved the item's text: nothing failed is left to write."""
        with self._condition:
            self.failed.pop(item_id, None)

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until everything queued is written; False if that took longer than `timeout`."""
        with self._condition:
            return self._condition.wait_for(lambda: not self._pending and not self._busy,
                                            timeout)

    def close(self) -> bool:
        written = self.flush()
        with self._condition:
            self._closed = True
            self._condition.notify_all()
        self._thread.join(timeout=5)
        return written

    def _run(self) -> None:
        while True:
            with self._condition:
                self._condition.wait_for(lambda: self._pending or self._closed)
                if self._closed and not self._pending:
                    return
                item_id, html = next(iter(self._pending.items()))
                del self._pending[item_id]
                self._busy = True
            try:
                save_minutes(self.database, item_id, html, live=True)
            except Exception as exc:  # kept, and shown: never dropped in silence
                with self._condition:
                    self.failed[item_id] = html
                self.on_error(item_id, _plain(exc))
            else:
                with self._condition:
                    self.failed.pop(item_id, None)
                if self.on_saved is not None:
                    self.on_saved(item_id)
            finally:
                with self._condition:
                    self._busy = False
                    self._condition.notify_all()


def _plain(exc: Exception) -> str:
    """Never the exception's own text: a SQL error's holds the statement and the minutes."""
    failure = describe(exc)
    return failure.message if failure.expected else unexpected_message(exc, "saving minutes")
