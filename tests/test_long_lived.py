"""The cycle collector paused while a long list's rows are made, and those rows kept out of
its passes afterwards (desktop/views/table_models/long_lived.py)."""

from __future__ import annotations

import gc
import weakref

import pytest

from desktop.views.table_models.long_lived import collector_paused, keep_long_lived


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


def test_paused_inside_and_on_again_after() -> None:
    gc.enable()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_on_again_when_the_block_raises() -> None:
    gc.enable()
    with pytest.raises(RuntimeError, match="read failed"), collector_paused():
        assert not gc.isenabled()
        raise RuntimeError("read failed")
    assert gc.isenabled()


def test_left_off_when_someone_else_had_paused_it() -> None:
    gc.disable()  # an import's own pause, say
    with collector_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_garbage_collected_and_what_is_kept_frozen() -> None:
    gc.enable()
    kept = [Node() for _ in range(3)]
    garbage = Node()
    gone = weakref.ref(garbage)
    del garbage
    frozen_before = gc.get_freeze_count()
    keep_long_lived()
    assert gone() is None  # collected, not frozen for good
    assert gc.get_freeze_count() > frozen_before
    held = {id(o) for o in gc.get_objects()}
    assert not any(id(node) in held for node in kept)  # out of every generation
    assert gc.isenabled()


def test_nothing_frozen_while_paused() -> None:
    gc.disable()
    frozen_before = gc.get_freeze_count()
    keep_long_lived()
    assert gc.get_freeze_count() == frozen_before
    assert not gc.isenabled()
