"""The Actions area is shown at once and filled from a worker thread: what the user sees
before the rows arrive, and that what they chose meanwhile is kept."""

from __future__ import annotations

import random
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel

from desktop.models.database import Database
from desktop.services.actions import OwnerRef, find_action_ids
from desktop.views.actions import page as actions_page
from desktop.views.actions.loading import READING
from desktop.views.actions.page import ActionsPage
from desktop.views.areas import AppContext
from desktop.views.notices import ACTIONS, Notices
from tests.test_actions import load

HEREFORD = "herefordshire-board-2018-10-23.json"


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """The page's first read waits on the worker thread until the event is set."""
    release = threading.Event()
    read_first = actions_page.read_first

    def waiting(*args: Any) -> Any:
        release.wait(30)
        return read_first(*args)

    monkeypatch.setattr(actions_page, "read_first", waiting)
    yield release
    release.set()


def _page(qtbot: Any, database: Database, notices: Notices | None = None) -> ActionsPage:
    page = ActionsPage(AppContext(database, notices or Notices()))
    qtbot.addWidget(page)
    page.resize(1300, 700)
    page.show()
    return page


def _ids(page: ActionsPage, database: Database) -> tuple[list[int], list[int]]:
    criteria = page.filters.criteria(page.board_id, page.sort, page.descending, page.today)
    return page.model.ids(), find_action_ids(database, criteria)


def test_the_page_is_shown_before_its_rows_arrive_then_lists_them(
        qtbot: Any, database: Database, held: threading.Event) -> None:
    load(database, HEREFORD)
    page = _page(qtbot, database)
    qtbot.waitExposed(page)
    assert page.isVisible() and page.loading
    assert page.model.rowCount() == 0
    assert page.table.waiting == READING
    assert page.table.accessibleDescription() == READING  # said to a screen reader too
    assert page.count.text() == READING
    # The empty table's note says it is reading, not that there is nothing to list.
    note = page.table.viewport().findChild(QLabel, "emptyTableNote")
    assert note is not None and note.isVisible() and note.text() == READING
    held.set()
    qtbot.waitUntil(lambda: not page.loading)
    assert page.table.waiting == "" and page.table.accessibleDescription() == ""
    assert not note.isVisible()
    assert page.count.text() == "13 actions"
    assert page.model.rowCount() == 13
    assert page.filters.owner.count() > 1 and page.filters.agency.count() > 1


def test_filters_chosen_while_reading_are_kept(qtbot: Any, database: Database,
                                               held: threading.Event,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    load(database, HEREFORD)
    snapshot, readers = actions_page.snapshot, []

    def reading(db: Database) -> Any:
        readers.append(threading.current_thread() is threading.main_thread())
        return snapshot(db)

    monkeypatch.setattr(actions_page, "snapshot", reading)
    page = _page(qtbot, database)
    page.filters.status.setCurrentIndex(page.filters.status.findData("all"))
    page.filters.text.setText("thresholds")
    page.refresh()  # as the typing pause would: nothing to filter yet
    assert page.loading and page.model.rowCount() == 0
    held.set()
    qtbot.waitUntil(lambda: not page.loading)
    # never every action listed while the words typed are not yet matched
    assert page.model.rowCount() in (0, 1)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    shown, fresh = _ids(page, database)
    assert shown == fresh and len(shown) == 1
    assert page.filters.status.currentData() == "all"
    assert readers == [False]  # the texts for the words typed read on the worker thread


def test_an_overdue_owner_asked_for_while_reading_is_chosen_when_the_owners_arrive(
        qtbot: Any, database: Database, held: threading.Event) -> None:
    """A line of the Overview ("Overdue actions of Exec (group)") opens the area cold."""
    load(database, HEREFORD)
    page = _page(qtbot, database)
    page.show_overdue(OwnerRef(group="Exec"), None)
    held.set()
    qtbot.waitUntil(lambda: not page.loading)
    assert page.filters.owner.currentText().startswith("Exec (group)")
    assert page.filters.overdue.isChecked()
    shown, fresh = _ids(page, database)
    assert shown == fresh and len(shown) == 2


def test_a_board_chosen_while_reading_is_the_one_read(qtbot: Any, database: Database,
                                                      held: threading.Event) -> None:
    load(database, HEREFORD)
    load(database, "dudley-board-2014-11-21.json")
    page = _page(qtbot, database)
    every = find_action_ids(database, page.filters.criteria(None, "number", False))
    board = page._load_rows(every[:1])[0].board_id
    page.set_board(board)
    held.set()
    qtbot.waitUntil(lambda: not page.loading)
    shown, fresh = _ids(page, database)
    assert shown == fresh and set(shown) < set(every)


def test_the_chosen_action_stays_chosen_when_a_change_is_announced(
        qtbot: Any, database: Database) -> None:
    load(database, HEREFORD)
    notices = Notices()
    page = _page(qtbot, database, notices)
    qtbot.waitUntil(lambda: not page.loading)
    page.table.selectRow(5)
    chosen = page.current_id()
    page.filters.text.setText("e")
    page.refresh()
    notices.announce(ACTIONS)
    assert page.current_id() == chosen
    assert not page.detail.empty


def test_typing_gives_the_actions_a_fresh_search_gives(qtbot: Any, database: Database) -> None:
    """The keystroke path (ids held, texts held, typing on over the last matches) against
    the search done afresh for each text (one query, every action's words matched), on
    the sample boards with random typing: letters, figures, spaces and deletions."""
    from tests.gui.test_actions_page import _import_samples_for_find

    _import_samples_for_find(database)
    page = _page(qtbot, database)
    qtbot.waitUntil(lambda: not page.loading)
    page.filters.status.setCurrentIndex(page.filters.status.findData("all"))
    rng = random.Random(19)
    letters = "aeiounrstcl 0123456789"
    for _ in range(15):
        typed = ""
        for _ in range(10):
            typed = typed[:-1] if typed and rng.random() < 0.2 else typed + rng.choice(letters)
            page.filters.text.setText(typed)
            page.refresh()
            shown, fresh = _ids(page, database)
            assert shown == fresh, typed
        page.filters.text.clear()
        page.refresh()


def test_find_focused_reads_the_texts_on_the_worker_thread(
        qtbot: Any, database: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """The actions' texts (~5 MB on ten years) are read only when Find is focused, on the
    worker thread; words typed before they arrive wait for them, the table saying so."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QFocusEvent
    from PySide6.QtWidgets import QApplication

    load(database, HEREFORD)
    release, snapshot, readers = threading.Event(), actions_page.snapshot, []

    def reading(db: Database) -> Any:
        readers.append(threading.current_thread() is threading.main_thread())
        release.wait(30)
        return snapshot(db)

    monkeypatch.setattr(actions_page, "snapshot", reading)
    page = _page(qtbot, database)
    qtbot.waitUntil(lambda: not page.loading)
    assert readers == []  # nobody has searched: nothing held for it
    QApplication.sendEvent(page.filters.text, QFocusEvent(QEvent.Type.FocusIn))
    qtbot.waitUntil(lambda: readers == [False])
    page.filters.text.setText("thresholds")
    page.refresh()  # as the typing pause would
    assert page.model.rowCount() == 0 and page.table.waiting == READING
    release.set()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.table.waiting == "" and page.count.text() == "1 action"
    assert readers == [False]
