"""Searching with the index's word list (services/search_terms.py): the same pages as FTS5's
prefix query, used only while the index is as it was when the words were read."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import select

from desktop.models import AgendaItem
from desktop.models.database import Database
from desktop.services import search as service
from desktop.services.interchange import import_documents, read_document
from desktop.services.search_terms import (
    MERGE_ABOVE,
    current_terms,
    load_terms,
    merge_segments,
    reading,
    segments,
)
from tests.conftest import SAMPLES

WORDS = ("board", "safeguarding", "Safeguard", "County Lines", "county lin", "the", "c",
         "actions agreed", "zzzz", "neglect", "minutes of the", "café", "multi_agency",
         "board meeting", "partnership safeguarding", "zzzz board", "board zzzz")


def _import_samples(database: Database) -> None:
    paths = sorted(SAMPLES.glob("*.json"))
    import_documents(database, [(p.name, read_document(p)) for p in paths])


def _all_pages(database: Database, words: str, page: int) -> list[object]:
    """Every page in turn, as the dialog's More results asks for them."""
    pages: list[object] = []
    offset = 0
    while True:
        got = service.search_page(database, words, offset, page)
        pages.append(([dataclasses.astuple(h) for h in got.hits], got.more, got.ranked,
                      got.total))
        if not got.more:
            return pages
        offset += len(got.hits)


def _quick_queries(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The queries that took the word list's path."""
    used: list[str] = []
    exact = service._exact

    def spy(words: str, terms: object) -> object:
        found = exact(words, terms)  # type: ignore[arg-type]
        if found is not None:
            used.append(words)
        return found

    monkeypatch.setattr(service, "_exact", spy)
    return used


@pytest.mark.parametrize("rank_at_most", [0, 5, 500])  # newest first; either; ranked
def test_the_word_list_gives_the_same_pages_as_the_prefix_query(database, monkeypatch,
                                                                 rank_at_most):
    _import_samples(database)
    monkeypatch.setattr(service, "RANK_AT_MOST", rank_at_most)
    before = {words: _all_pages(database, words, page=4) for words in WORDS}
    load_terms(database)
    used = _quick_queries(monkeypatch)
    after = {words: _all_pages(database, words, page=4) for words in WORDS}
    assert after == before
    # A whole word, a word's start that begins one word only, and a word not in the index
    # took the quick path; "board" (also "boards"), "c" (many words) and "café",
    # "multi_agency" (folded by the tokenizer) did not.
    for words in ("safeguarding", "Safeguard", "County Lines", "actions agreed", "zzzz"):
        assert words in used, sorted(set(used))
    for words in ("board", "c", "café", "multi_agency"):
        assert words not in used
    assert before["zzzz"] == [([], False, True, 0)]


def test_a_change_to_the_index_sets_the_word_list_aside(database):
    _import_samples(database)
    load_terms(database)
    with reading(database) as connection:
        assert current_terms(database, connection) is not None
    with database.transaction() as session:
        item = session.scalars(select(AgendaItem).where(AgendaItem.number == "3")).first()
        assert item is not None
        item.minutes_html = "<p>The zebracrossing review was <b>agreed</b>.</p>"
        item_id = item.id
    with reading(database) as connection:
        assert current_terms(database, connection) is None  # a word it does not hold
    hits = service.search(database, "zebracrossing")
    assert [h.item_id for h in hits] == [item_id]
    load_terms(database)
    assert [h.item_id for h in service.search(database, "zebracrossing")] == [item_id]


def test_an_empty_database_searches_without_a_word_list(database):
    load_terms(database)
    assert service.search(database, "board") == []


def _segments(database: Database) -> int:
    with reading(database) as connection:
        return segments(bytes(connection.execute(
            "SELECT block FROM search_index_data WHERE id = 10").fetchone()[0]))


def test_opening_search_merges_an_index_of_many_segments_finding_the_same(database,
                                                                           monkeypatch):
    _import_samples(database)
    with database.transaction() as session:  # FTS5 would merge them four at a time
        session.connection().exec_driver_sql(
            "INSERT INTO search_index(search_index, rank) VALUES('automerge', 0)")
    for n in range(MERGE_ABOVE + 2):  # one segment a write
        with database.transaction() as session:
            item = session.scalars(select(AgendaItem).order_by(AgendaItem.id)
                                   .offset(n)).first()
            assert item is not None
            item.minutes_html = f"<p>Review {n} of the safeguarding board agreed.</p>"
    assert _segments(database) > MERGE_ABOVE
    monkeypatch.setattr(service, "RANK_AT_MOST", 5)  # newest first and ranked pages both
    before = {words: _all_pages(database, words, page=4) for words in WORDS}
    load_terms(database)
    assert _segments(database) == 1
    after = {words: _all_pages(database, words, page=4) for words in WORDS}
    assert after == before
    assert not merge_segments(database)  # one segment: nothing to do


def test_few_segments_are_left_as_they_are(database):
    _import_samples(database)
    assert merge_segments(database)  # the import left many
    with database.transaction() as session:  # a write: one more segment
        item = session.scalars(select(AgendaItem)).first()
        assert item is not None
        item.minutes_html = "<p>The board agreed.</p>"
    count = _segments(database)
    assert 1 < count <= MERGE_ABOVE
    assert not merge_segments(database)
    assert _segments(database) == count


def test_a_read_only_database_is_not_merged(database, monkeypatch):
    _import_samples(database)
    count = _segments(database)
    monkeypatch.setattr(database, "read_only", True)
    assert not merge_segments(database)
    load_terms(database)  # still reads the words
    assert _segments(database) == count > MERGE_ABOVE
    assert service.search(database, "safeguarding")


def _every_hit(pages: list[object]) -> tuple[list[object], bool, int | None]:
    """Every page's hits in turn, and how the last page says they are ordered and counted
    (every page of a search says the same)."""
    hits: list[object] = []
    for page_hits, _more, _ranked, _total in pages:  # type: ignore[misc]
        hits += page_hits
    last = pages[-1]
    return hits, last[2], last[3]  # type: ignore[index]


@pytest.mark.parametrize("rank_at_most", [0, 5, 500])  # newest first; either; ranked
def test_pages_of_twenty_add_up_to_the_pages_of_fifty(database, monkeypatch, rank_at_most):
    """A page became 20 rows (service.PAGE) where it was 50: one search's pages, read in
    turn as the dialog reads them, give the same hits in the same order either way, with
    and without the word list, every word typed a key at a time."""
    _import_samples(database)
    monkeypatch.setattr(service, "RANK_AT_MOST", rank_at_most)
    typed = sorted({words[:end] for words in WORDS for end in range(1, len(words) + 1)
                    if words[:end].strip()})
    assert service.PAGE == 20 and len(typed) > 100
    for loaded in (False, True):
        if loaded:
            load_terms(database)
        for words in typed:
            fifty = _every_hit(_all_pages(database, words, page=50))
            assert _every_hit(_all_pages(database, words, page=service.PAGE)) == fifty, words
    everything = _every_hit(_all_pages(database, "the", page=service.PAGE))
    assert len(everything[0]) > 2 * service.PAGE  # more than two pages were compared


def test_the_search_has_a_connection_of_its_own_with_the_larger_cache(
        database: Database) -> None:
    """Session 7: the index's pages are kept decrypted in an 8 MB cache on the search's own
    connection; the connection the lists and the Overview share keeps SQLite's 2 MB, so
    their reads neither fill the larger cache nor push the index out of it."""
    from desktop.models.database import CACHE_KIB, SEARCH_CACHE_KIB
    from desktop.services.search import search

    search(database, "anything")  # opens the search's connection
    with reading(database) as connection:
        searching = connection.execute("PRAGMA cache_size").fetchone()[0]
    with database.engine.connect() as connection:
        listing = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    assert database.search_engine is not database.engine
    assert (searching, listing) == (-SEARCH_CACHE_KIB, -CACHE_KIB)
    searcher = database.search_engine
    database.close()  # a restore lets go of the file: the search's connection too
    assert searcher.pool.checkedin() == 0
