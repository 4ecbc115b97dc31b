"""4. Lists: filtering the action log and the bookings per keystroke, against one 60 Hz frame.

Actions: the Actions area itself (ActionsPage), every status shown; each keystroke sets the
filter text and runs the page's filter pass (its refresh: find_action_ids, then rows for
what is on screen) and repaints the table. The page waits for a 200 ms pause in typing
before filtering; that wait is left out, the work it then does is what is measured.

Bookings: the app has no list of all bookings yet (they are shown per session); this
measures the app's BookingsTableModel holding all of them behind the QSortFilterProxyModel
that RowsTable uses, filtered on every column per keystroke, and repainted.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from benchmarks.common import Figure, Settings, median, percentile
from desktop.services.database import Database
from desktop.services.training import list_bookings, list_sessions

FRAME_MS = 1000 / 60
ACTION_WORDS = ("escalation", "neglect", "trafficking 4")
BOOKING_WORDS = ("shah", "patel")


def show_all_actions(window: Any) -> Any:
    """Show the Actions area with every action listed (used for the memory figure too)."""
    row = next(i for i in range(window.navigation.count())
               if window.navigation.item(i).text() == "Actions")
    window.show_area(row)
    page = window.pages[row]
    status = page.filters.status
    status.setCurrentIndex(status.findData("all"))
    page.refresh()
    page.repaint()
    return page


def type_word(field: QLineEdit, word: str, apply: Callable[[], None],
              screen: QWidget) -> list[float]:
    """Milliseconds per keystroke: the text grows by one letter, the filter runs, the list
    is repainted. Then the field is cleared (not timed)."""
    samples = []
    for end in range(1, len(word) + 1):
        began = time.perf_counter()
        field.setText(word[:end])
        apply()
        screen.repaint()
        samples.append((time.perf_counter() - began) * 1000)
        QApplication.processEvents()
    field.setText("")
    apply()
    return samples


def _typing(settings: Settings, field: QLineEdit, words: tuple[str, ...],
            apply: Callable[[], None], screen: QWidget) -> list[float]:
    for _ in range(settings.warmup):
        for word in words:
            type_word(field, word, apply, screen)
    samples: list[float] = []
    for _ in range(settings.runs):
        for word in words:
            samples += type_word(field, word, apply, screen)
    return samples


def actions_samples(settings: Settings, db: Database) -> tuple[list[float], int]:
    from desktop.views.main_window import MainWindow

    window = MainWindow(db)
    window.resize(1280, 800)
    window.show()
    page = show_all_actions(window)
    shown = page.model.rowCount()
    samples = _typing(settings, page.filters.text, ACTION_WORDS, page.refresh,
                      page.table.viewport())
    window.close()
    return samples, shown


def all_bookings(db: Database) -> list[Any]:
    bookings: list[Any] = []
    for session in list_sessions(db):
        bookings += list_bookings(db, session.id)
    return bookings


def bookings_samples(settings: Settings, db: Database) -> tuple[list[float], int]:
    from desktop.views.table_models.training_bookings import BookingsTableModel
    from desktop.views.widgets import RowsTable

    model = BookingsTableModel()
    model.set_rows(all_bookings(db))
    table = RowsTable(model, "allBookings", "All bookings")
    table.proxy.setFilterKeyColumn(-1)
    table.proxy.setFilterCaseSensitivity(table.proxy.filterCaseSensitivity().CaseInsensitive)
    table.resize(1000, 700)
    table.show()
    field = QLineEdit()
    samples = _typing(settings, field, BOOKING_WORDS,
                      lambda: table.proxy.setFilterFixedString(field.text()), table.viewport())
    table.close()
    return samples, model.rowCount()


def _figure(name: str, samples: list[float], note: str) -> Figure:
    p99 = percentile(samples, 0.99)
    return Figure(name, samples, None, "within one frame (16.7 ms) per keystroke",
                  p99 <= FRAME_MS,
                  ratio_text=f"median {median(samples) / FRAME_MS:.2f} frames, "
                             f"99th percentile {p99 / FRAME_MS:.2f} frames",
                  notes=[note])


def run(settings: Settings, db: Database) -> list[Figure]:
    actions, shown = actions_samples(settings, db)
    bookings, held = bookings_samples(settings, db)
    return [
        _figure(f"4a. Lists: action log ({shown:,} actions), per keystroke", actions,
                f"words typed: {', '.join(ACTION_WORDS)}; goal judged on the 99th percentile"),
        _figure(f"4b. Lists: bookings ({held:,}), per keystroke", bookings,
                f"words typed: {', '.join(BOOKING_WORDS)}; goal judged on the 99th percentile"),
    ]
