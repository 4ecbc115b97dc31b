"""The import pauses Python's cycle collector while it runs (a third of its time was spent
in collections that could free nothing), and always switches it back on."""

from __future__ import annotations

import gc

import pytest

from desktop.models.database import Database
from desktop.services.interchange import import_documents
from desktop.services.interchange.schema import ImportRejected
from desktop.services.people import list_people

DOCUMENT = {"format": "boardwork/1",
            "people": [{"key": "ann", "name": "Ann Example"}, {"key": "bo", "name": "Bo"}]}


def test_the_collector_is_paused_during_an_import_and_back_on_after(
        database: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []
    from desktop.services.interchange import importer
    apply = importer._apply
    monkeypatch.setattr(importer, "_apply",
                        lambda *args: seen.append(gc.isenabled()) or apply(*args))
    assert gc.isenabled()
    import_documents(database, [("people.json", DOCUMENT)])
    assert seen == [False] and gc.isenabled()
    assert [p.name for p in list_people(database)] == ["Ann Example", "Bo"]


def test_the_collector_is_back_on_after_a_refused_import(database: Database) -> None:
    twice = {"format": "boardwork/1", "people": [{"key": "ann", "name": "Ann"},
                                                 {"key": "ann", "name": "Ann again"}]}
    with pytest.raises(ImportRejected):
        import_documents(database, [("bad.json", twice)])
    assert gc.isenabled()


def test_an_import_with_the_collector_off_leaves_it_off(database: Database) -> None:
    gc.disable()
    try:
        import_documents(database, [("people.json", DOCUMENT)])
        assert not gc.isenabled()
    finally:
        gc.enable()
