"""The calendar bookkeeping as a property: over any run of exports, the UID never changes,
the sequence never falls and rises exactly when the event changed (date, time, venue,
cancelled or not) or a place was cancelled, and the method is CANCEL exactly then."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete

from desktop.models import CalendarEvent
from desktop.models.database import Database
from desktop.services.outlook.facts import EventFacts
from desktop.services.outlook.invitations import bookkeep
from tests.outlook_data import make_records

BASE = dt.datetime(2026, 10, 25, 9, 30)
step = st.tuples(st.integers(0, 2), st.sampled_from(["Hall", "Room 2"]), st.booleans(),
                 st.booleans())


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(step, min_size=1, max_size=8))
def test_sequence_rises_exactly_when_something_changed(database: Database, steps) -> None:
    # The fixture is made once for all examples: the records too, each run's event is new.
    records = getattr(database, "_outlook_records", None) or make_records(database)
    database._outlook_records = records  # type: ignore[attr-defined]
    with database.transaction() as s:
        s.execute(delete(CalendarEvent))
    uids: set[str] = set()
    last_state: tuple[object, ...] | None = None
    expected = 0
    for hours, venue, cancelled, place in steps:
        start = BASE + dt.timedelta(hours=hours)
        facts = EventFacts(None, records.session_id, "Course", start,
                           start + dt.timedelta(hours=3), venue, "", cancelled, ())
        with database.transaction() as s:
            uid, sequence, method, changed = bookkeep(s, facts, place_cancelled=place)
        state = (start, venue, cancelled)
        expected_changed = last_state is None or state != last_state or place
        if last_state is not None and expected_changed:
            expected += 1
        if last_state is None or not place:  # a cancelled place leaves the event as it was
            last_state = state
        uids.add(uid)
        assert changed == expected_changed
        assert sequence == expected
        assert method == ("CANCEL" if cancelled or place else "REQUEST")
    assert len(uids) == 1
