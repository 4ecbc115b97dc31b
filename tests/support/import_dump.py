"""A canonical dump of every table of a database after an import, to compare old and new.

Every row of every table (the search index too), ordered by rowid, with the values that
depend on when the import ran (the audit trail's time) left out. Two imports that give the
same dump wrote the same rows, with the same ids, the same audit trail and the same index.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import tempfile
from pathlib import Path
from typing import Any

from sqlalchemy import text

from desktop.models.database import Database
from desktop.models.settings import COMPACTED
from tests.conftest import SAMPLES

SAMPLE_NAMES = ("dudley-board-2014-11-21.json", "herefordshire-board-2018-10-23.json",
                "hertfordshire-2015-16.json")
# Columns left out, by table: the audit trail's time is the clock's when the import ran; its
# id and seq follow the order of the entries within a flush, which for updated rows is the
# order of SQLAlchemy's set of dirty objects (memory addresses), not the same twice. The trail
# is compared as a sorted list of what each entry says.
VOLATILE = {"audit_entry": {"id", "at", "seq"}}
UNORDERED = {"audit_entry"}
_SHADOW = ("_data", "_idx", "_content", "_docsize", "_config")


def _plain(value: Any) -> Any:
    if isinstance(value, bytes):
        return value.hex()
    return value


def dump(db: Database) -> dict[str, list[list[Any]]]:
    with db.session() as session:
        tables = [name for (name,) in session.execute(text(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name"))]
        # The schema's revision is not something an import writes: it moves with migrations.
        tables = [t for t in tables if t != "alembic_version"
                  and not (t.startswith("search_index") and t.endswith(_SHADOW))]
        result: dict[str, list[list[Any]]] = {}
        for table in tables:
            # The day the file was made (or compacted) is a fact about the file, not
            # something an import writes.
            only = f" WHERE name != '{COMPACTED}'" if table == "setting" else ""
            cursor = session.execute(text(
                f'SELECT rowid, * FROM "{table}"{only} ORDER BY rowid'))
            skip = {i for i, name in enumerate(cursor.keys())
                    if name in VOLATILE.get(table, set()) or (i == 0 and table in UNORDERED)}
            rows = [[_plain(v) for i, v in enumerate(row) if i not in skip] for row in cursor]
            if table in UNORDERED:
                rows.sort(key=lambda row: json.dumps(row, default=str))
            result[table] = rows
    return result


def sample_documents() -> list[tuple[str, Any]]:
    return [(name, json.loads((SAMPLES / name).read_text(encoding="utf-8")))
            for name in SAMPLE_NAMES]


def generated_documents() -> list[tuple[str, dict[str, Any]]]:
    """A small generated set as the benchmark makes them (tiny scale): the directory, every
    meeting, and the training sessions with their bookings."""
    from benchmarks.generate import SCALES, Generator

    scale = SCALES["tiny"]
    with tempfile.TemporaryDirectory() as texts:
        generator = Generator(scale, 2026, Path(texts))
        directory = generator.directory()  # first: it chooses each board's members
        plan = generator.meeting_plan()
        meetings = [generator.meeting(day, board, index, index == len(plan) - 1)
                    for day, board, index in plan]
        return [("directory", directory),
                ("meetings", {"format": "boardwork/1", "meetings": meetings}),
                ("sessions", generator.sessions(0, scale.sessions))]


def changed_documents(documents: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    """The generated set again with some of everything changed: the update paths."""
    changed = copy.deepcopy(documents)
    directory = changed[0][1]
    for person in directory["people"][::3]:
        person["name"] += " Jr"
        person["email"] = f"{person['key']}@example.org"
    directory["people"].append({"key": "p-new", "name": "New Person"})
    for agency in directory["agencies"][::2]:
        agency["short_name"] = agency["key"].upper()
    meetings = changed[1][1]["meetings"]
    for meeting in meetings[::2]:
        for row in meeting.get("attendance", [])[::2]:
            row["status"] = "apologies" if row["status"] != "apologies" else "present"
    return changed


def dump_json(dumps: dict[str, Any]) -> str:
    return json.dumps(dumps, ensure_ascii=False, sort_keys=True, indent=0,
                      default=lambda v: v.isoformat() if isinstance(v, dt.date) else str(v))
