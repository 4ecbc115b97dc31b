"""Property-based tests of the importer: generated documents, valid, mutated and hostile.

Whatever the document, the import ends in a report or in ImportRejected, never in another
exception; a refused import changes nothing (the exported database is the same before and
after); an accepted one round-trips (its export, imported into an empty database, exports
the same again). Derandomized with a bounded number of examples, so that the file runs the
same way every time, quickly.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete

from desktop.models import Base
from desktop.models.database import Database
from desktop.models.keystore import KeyStore
from desktop.models.opening import open_database
from desktop.services.interchange import (
    ImportRejected,
    export_data,
    import_documents,
    read_document,
)
from desktop.services.interchange.schema import LISTS

SETTINGS = settings(
    derandomize=True, database=None, deadline=None, max_examples=40,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                           HealthCheck.data_too_large],
)

Json = Any


# -- the databases: two per module, emptied between examples --------------------------------

class Pair:
    def __init__(self, first: Database, second: Database) -> None:
        self.first, self.second = first, second

    def empty(self) -> None:
        for db in (self.first, self.second):
            with db.transaction() as session:
                for table in reversed(Base.metadata.sorted_tables):
                    session.execute(delete(table))


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[Pair]:
    opened = [open_database(tmp_path / f"{name}.db", KeyStore()).database
              for name in ("first", "second")]
    yield Pair(*opened)
    for db in opened:
        db.close()


# -- strategies -------------------------------------------------------------------------------

# Any character but the ones the import refuses outright (surrogates, NUL): including the
# ones it cleans (controls, U+FFFE) and letters from every script.
CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
# Keys are compared as given: any letters (look-alikes included), after a first one; not the
# characters the import cleans away, which would make two keys of a valid document one.
KEY_CHARS = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff")
KEYS = st.text(KEY_CHARS, max_size=5).map(lambda t: "k" + t)
NAMES = st.text(CHARS, min_size=1, max_size=20).map(lambda t: "N" + t)
TEXTS = st.text(CHARS, max_size=30)
DATES = st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 31)).map(dt.date.isoformat)
TIMES = st.times().map(lambda t: t.strftime("%H:%M"))
HTML = st.lists(st.one_of(TEXTS, st.sampled_from(
    ["<p>", "</p>", "<b>", "</b>", "<ul><li>", "</li></ul>", "<script>x()</script>", "&amp;",
     "<br>", "<i onclick=x>", "</i>", "<u>", "&lt;"])), max_size=8).map("".join)


def _unique(strategy: Any, min_size: int, max_size: int) -> Any:
    return st.lists(strategy, min_size=min_size, max_size=max_size, unique=True)


def _maybe(fields: dict[str, Any], draw: Any, **optional: Any) -> dict[str, Any]:
    for name, strategy in optional.items():
        if draw(st.booleans()):
            fields[name] = draw(strategy)
    return fields


@st.composite
def items(draw: Any, numbered: bool, depth: int = 0, parent: str = "") -> list[Json]:
    result = []
    for position in range(draw(st.integers(0, 3 if depth == 0 else 2))):
        label = f"{parent}{'.' if parent else ''}{position + 1}{draw(st.sampled_from('ab'))}"
        item = _maybe({"title": draw(NAMES)}, draw, presenter=NAMES, minutes_html=HTML,
                      purpose=st.sampled_from(["decision", "discussion", "information"]),
                      confidential=st.booleans())
        if numbered and draw(st.integers(0, 4)):  # some items printed without a number
            item["number"] = label
        if depth < 2:
            item["items"] = draw(items(numbered, depth + 1, label))
        result.append(item)
    return result


@st.composite
def documents(draw: Any) -> Json:
    people = draw(_unique(KEYS, 1, 4))
    agencies = draw(_unique(KEYS, 0, 2))
    document: Json = {
        "format": "boardwork/1",
        "agencies": [_maybe({"key": k, "name": draw(NAMES)}, draw, short_name=TEXTS,
                            sector=st.sampled_from(["police", "health", "other"]))
                     for k in agencies],
        "people": [_maybe({"key": k, "name": draw(NAMES)}, draw, title=TEXTS, job_title=TEXTS,
                          email=TEXTS, agency=st.sampled_from(agencies or [None]))
                   for k in people],
        "boards": [_maybe({"key": "b", "name": draw(NAMES), "kind": "board"}, draw,
                          quorum=st.integers(0, 20))],
        "meetings": [],
    }
    for meeting_key in draw(_unique(KEYS, 0, 2)):
        attendance = [{"person": p, "status": draw(st.sampled_from(["present", "apologies"]))}
                      for p in draw(st.lists(st.sampled_from(people), unique=True, max_size=3))]
        meeting = _maybe({"key": meeting_key, "board": "b", "date": draw(DATES),
                          "attendance": attendance, "items": draw(items(draw(st.booleans())))},
                         draw, venue=TEXTS, start=TIMES, title=TEXTS,
                         status=st.sampled_from(["planned", "draft", "approved"]),
                         amendments=st.lists(st.fixed_dictionaries(
                             {"date": DATES, "text": NAMES}), max_size=2))
        meeting["actions"] = [
            _maybe({"text": draw(NAMES), "owners": draw(st.lists(
                st.one_of(st.sampled_from(people), NAMES), min_size=1, max_size=2))},
                draw, rag=st.sampled_from(["red", "green"]), title=TEXTS)
            for _ in range(draw(st.integers(0, 2)))
        ]
        document["meetings"].append(meeting)
    courses = draw(_unique(KEYS, 0, 1))
    document["courses"] = [_maybe({"key": c, "title": draw(NAMES)}, draw,
                                  capacity=st.integers(1, 3),
                                  non_attendance_charge=st.sampled_from(["0.00", "50.00"]))
                           for c in courses]
    sessions = draw(_unique(KEYS, 0, 2)) if courses else []
    document["sessions"] = [{"key": s, "course": courses[0], "start": "2020-03-01T09:30"}
                            for s in sessions]
    pairs = draw(st.lists(st.tuples(st.sampled_from(sessions), st.sampled_from(people)),
                          unique=True, max_size=3)) if sessions else []
    document["bookings"] = [
        {"session": s, "person": p, "status": draw(st.sampled_from(["booked", "attended"]))}
        for s, p in pairs
    ]
    return document


# Values that broke the import before it checked them: each at any place of a document.
DANGEROUS = st.sampled_from([
    "\ud800", "a\udfffb", "\x00", "x\x00y", "\ufffe", "a\uffff", "", "   ", "x" * 25_000,
    "9" * 30 + ".00", "2020-02-30", "24:00", 2**63, 2**64 + 1, -(2**63) - 1, 10**100, -1, 0,
    True, 1.5, float("inf"), None, [], {},
])
SCALARS = st.one_of(
    DANGEROUS,
    st.none(), st.booleans(), st.integers(-(2**70), 2**70), st.sampled_from([2**63, -(2**63)]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(st.characters(), max_size=20),  # surrogates, NUL and all
    st.sampled_from(["", " ", "\x00", "\ud800", "\ufffe\uffff", "x" * 5000, "9" * 30 + ".00",
                     "2020-02-30", "25:00", "boardwork/2", "approved", "draft"]),
)
HOSTILE = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.text(st.characters(), max_size=8), inner,
                                            max_size=4)),
    max_leaves=20,
)


def _places(value: Json, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _places(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _places(child, (*path, index))


def _at(document: Json, path: tuple[Any, ...]) -> Json:
    for step in path:
        document = document[step]
    return document


@st.composite
def mutated(draw: Any) -> tuple[Json, Json]:
    """A valid document, and a copy of it spoiled in one to three places."""
    original = draw(documents())
    spoiled = copy.deepcopy(original)
    for _ in range(draw(st.integers(1, 3))):
        action = draw(st.sampled_from(["dangerous", "dangerous", "replace", "delete", "add",
                                       "deepen"]))
        # Any place but the format (a dangerous value goes in place of a plain value);
        # shuffled, since generation favours the first choices.
        places = [p for p in _places(spoiled) if p and p != ("format",)
                  and (action != "dangerous" or not isinstance(_at(spoiled, p), (list, dict)))]
        if not places:
            break
        draw(st.randoms(use_true_random=False)).shuffle(places)
        *parent_path, last = places[draw(st.integers(0, len(places) - 1))]
        parent = _at(spoiled, tuple(parent_path))
        if action == "dangerous":
            parent[last] = draw(DANGEROUS)
        elif action == "replace":
            parent[last] = draw(HOSTILE)
        elif action == "delete":
            del parent[last]
        elif action == "add" and isinstance(parent, dict):
            parent[draw(st.sampled_from(["extra", "key", "number", "items", "status"]))] = (
                draw(HOSTILE))
        else:  # deepen (or add, in a list): hundreds of levels of lists or agenda items
            deep: Json = draw(HOSTILE)
            for _level in range(draw(st.integers(50, 300))):
                deep = [deep] if draw(st.booleans()) else {"items": [{"title": "t", "items": deep}]}
            parent[last] = deep
    return original, spoiled


# -- the properties ---------------------------------------------------------------------------

def attempt(db: Database, document: Json) -> bool:
    """Import `document`: True if accepted; if refused, checked to have changed nothing.
    Any exception but ImportRejected fails the test."""
    before = export_data(db)
    try:
        import_documents(db, [("generated.json", document)])
    except ImportRejected as exc:
        assert exc.errors and all(isinstance(e, str) and e for e in exc.errors)
        assert export_data(db) == before
        return False
    return True


def round_trips(pair: Pair) -> None:
    exported = export_data(pair.first)
    import_documents(pair.second, [("export.json", exported)])
    assert export_data(pair.second) == exported


@SETTINGS
@given(documents())
def test_valid_documents_are_accepted_and_round_trip(pair: Pair, document: Json) -> None:
    pair.empty()
    assert attempt(pair.first, document)
    round_trips(pair)
    # Importing the same document again changes nothing.
    again = import_documents(pair.first, [("again.json", document)])
    assert again.created == {} and again.updated == {} and again.amended == {}


@settings(SETTINGS, max_examples=80)
@given(mutated())
def test_mutated_documents_are_refused_cleanly_or_round_trip(
    pair: Pair, documents_: tuple[Json, Json]
) -> None:
    original, spoiled = documents_
    pair.empty()
    import_documents(pair.first, [("original.json", original)])
    if attempt(pair.first, spoiled):
        round_trips(pair)


def _records(spec: dict[str, Any]) -> Any:
    """Lists of records with the fields of `spec` (the required ones always), any values."""
    required = {name: SCALARS for name, field in spec.items() if field.required}
    optional = {name: SCALARS for name, field in spec.items() if not field.required}
    return st.lists(st.fixed_dictionaries(required, optional=optional), max_size=3)


@settings(SETTINGS, max_examples=60)
@given(st.one_of(st.fixed_dictionaries(
    {"format": st.just("boardwork/1")},
    optional={name: st.one_of(_records(spec), HOSTILE) for name, spec in LISTS.items()},
), HOSTILE))
def test_hostile_documents_never_end_in_a_traceback(pair: Pair, document: Json) -> None:
    pair.empty()
    attempt(pair.first, document)


# Raw JSON that Python's json module reads wrongly or crashes on, put in place of a value.
RAW = ["[" * 5000 + "]" * 5000, "1" * 5000, "NaN", "-Infinity", "1e999", '"\\ud800"',
       '{"title": "a", "title": "b"}', '"\\u0000"', '"\\ufffe"', "18446744073709551616"]
SENTINEL = "\u0001sentinel\u0001"


@SETTINGS
@given(documents(), st.sampled_from(RAW), st.integers(0, 10**6))
def test_files_are_read_or_refused_in_words(
    pair: Pair, tmp_path: Path, document: Json, raw: str, where: int
) -> None:
    places = [p for p in _places(document) if p and not isinstance(_at(document, p), (list, dict))]
    *parent_path, last = places[where % len(places)]
    _at(document, tuple(parent_path))[last] = SENTINEL
    text = json.dumps(document, ensure_ascii=False).replace(json.dumps(SENTINEL), raw)
    path = tmp_path / "generated.json"
    path.write_text(text, encoding="utf-8")
    pair.empty()
    try:
        read = read_document(path)
    except ImportRejected as exc:
        assert exc.errors
        return
    attempt(pair.first, read)
