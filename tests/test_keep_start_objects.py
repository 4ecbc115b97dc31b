"""The objects made to start are kept out of the cycle collector's full collections
(desktop/app.py keep_start_objects): an object alive now is frozen, one made after is not,
and the collector, off while starting, is on again."""

import gc

from desktop.app import keep_start_objects


def test_objects_made_to_start_are_frozen_and_later_ones_collected() -> None:
    gc.unfreeze()
    assert gc.get_freeze_count() == 0
    kept = [object(), {}]
    gc.disable()  # as create_application does in a new process
    try:
        keep_start_objects()
        assert gc.isenabled()  # collection is on again once the window is filled
        assert gc.get_freeze_count() >= len(gc.get_objects())  # everything so far
        assert not any(o is kept for o in gc.get_objects())  # held out of every generation

        class Cycle:
            pass

        made_after = Cycle()
        made_after.me = made_after  # type: ignore[attr-defined]
        assert any(o is made_after for o in gc.get_objects())  # still collected
    finally:
        gc.unfreeze()
        gc.enable()
    assert gc.get_freeze_count() == 0
