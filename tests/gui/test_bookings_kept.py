"""The Delegate bookings tab: its rows read with the cycle collector paused, then kept out of
its passes; the collector is on again after the read, and after a failed read too."""

from __future__ import annotations

import gc

import pytest

from desktop.services.training.history import booking_history
from desktop.views.training import bookings_list
from tests.gui.test_training_finding import _herts, _history


@pytest.fixture(autouse=True)
def _unfrozen_after():
    was_on = gc.isenabled()
    yield
    gc.unfreeze()  # the rows go back to the oldest generation for the tests after this one
    if was_on:
        gc.enable()


def test_rows_read_then_frozen_and_the_collector_on(qtbot, database) -> None:
    page = _history(qtbot, database)
    panel = page.history
    assert len(panel.model.all_rows) == len(booking_history(database)) == 796
    assert gc.isenabled()
    held = {id(o) for o in gc.get_objects()}
    assert not any(id(row) in held for row in panel.model.all_rows)
    panel.filters.text.setText("children")  # filtering is unchanged over frozen rows
    assert panel.model.rows and all(
        "children" in panel.model.haystack(row) for row in panel.model.rows)


def test_collector_on_after_a_failed_read(qtbot, database, monkeypatch) -> None:
    collecting: list[bool] = []

    def broken(*_args: object, **_kwargs: object) -> None:
        collecting.append(gc.isenabled())
        raise OSError("disk gone")

    monkeypatch.setattr(bookings_list, "booking_history", broken)
    page = _herts(qtbot, database)
    panel = page.show_bookings()
    qtbot.waitUntil(lambda: "could not be read" in panel.feedback.text(), timeout=20_000)
    assert gc.isenabled()
    assert collecting == [False]  # paused while the rows were being made


def _bookings_alive() -> int:
    gc.unfreeze()
    gc.collect()
    return sum(type(o).__name__ == "BookingLine" for o in gc.get_objects())


def test_rows_of_earlier_reads_freed_though_frozen(qtbot, database) -> None:
    page = _history(qtbot, database)
    panel = page.history
    alive = _bookings_alive()  # this read's 796 (and any an earlier test's page still holds)
    assert alive >= len(panel.model.all_rows) == 796
    for _ in range(3):  # read again, as after a change elsewhere: each read frozen
        earlier = panel.model.all_rows
        panel.refresh()
        qtbot.waitUntil(lambda: not panel.loading, timeout=20_000)
        assert panel.model.all_rows is not earlier and gc.get_freeze_count() > 0
        del earlier
    assert _bookings_alive() <= alive  # the earlier reads' rows went with their model
