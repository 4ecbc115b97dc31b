"""The cycle collector paused while a long list's rows are made, and those rows kept out of
its passes afterwards (desktop/views/table_models/long_lived.py)."""

from __future__ import annotations

import gc
import weakref

import pytest

from desktop.views.table_models.long_lived import read_long_lived


class Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the collector frees it


@pytest.fixture(autouse=True)
def _collector_as_found():
    was_on = gc.isenabled()
    yield
    gc.unfreeze()  # frozen objects go back to the oldest generation, as before the test
    if was_on:
        gc.enable()
    else:
        gc.disable()


def test_paused_while_reading_then_on_again() -> None:
    gc.enable()
    collecting: list[bool] = []

    def read() -> list[Node]:
        collecting.append(gc.isenabled())
        return [Node() for _ in range(3)]

    rows = read_long_lived(read)
    assert collecting == [False]
    assert gc.isenabled()
    assert len(rows) == 3


def test_on_again_when_the_read_raises() -> None:
    gc.enable()

    def read() -> None:
        raise OSError("disk gone")

    with pytest.raises(OSError, match="disk gone"):
        read_long_lived(read)
    assert gc.isenabled()


def test_garbage_collected_and_what_is_read_frozen() -> None:
    gc.enable()
    garbage = Node()
    gone = weakref.ref(garbage)
    del garbage
    frozen_before = gc.get_freeze_count()
    rows = read_long_lived(lambda: [Node() for _ in range(3)])
    assert gone() is None  # collected, not frozen for good
    assert gc.get_freeze_count() > frozen_before
    held = {id(o) for o in gc.get_objects()}
    assert not any(id(row) in held for row in rows)  # out of every generation
    assert gc.isenabled()


def test_someone_elses_pause_left_alone() -> None:
    gc.disable()  # an import's own pause, say
    frozen_before = gc.get_freeze_count()
    rows = read_long_lived(lambda: [Node()])
    assert not gc.isenabled()
    assert gc.get_freeze_count() == frozen_before
    assert rows and rows[0].me is rows[0]
