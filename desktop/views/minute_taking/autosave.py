"""Saving the minutes in the background, so typing never waits for the disk.

The view hands over the latest text of an item; a writer thread saves it. Texts queued for
the same item before the writer got to them are replaced, so a burst of typing is one write.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from desktop.services.database import Database
from desktop.services.failures import describe, unexpected_message
from desktop.services.meetings import save_minutes


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
                save_minutes(self.database, item_id, html)
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
