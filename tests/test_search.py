"""Full-text search over the sample minutes, kept in step with every change."""

from __future__ import annotations

import datetime as dt

from alembic import command
from sqlalchemy import select

from desktop.models import AgendaItem, Meeting
from desktop.models.database import Database
from desktop.models.keystore import KeyStore
from desktop.models.migrate import migrate, schema_state
from desktop.models.opening import open_database
from desktop.services.interchange import import_documents, read_document
from desktop.services.search import MATCH_END, MATCH_START, SearchHit, fts_query, search
from tests.conftest import SAMPLES, import_sample


def _import_samples(database: Database) -> None:
    paths = sorted(SAMPLES.glob("*.json"))
    import_documents(database, [(p.name, read_document(p)) for p in paths])


def test_county_lines_finds_the_herefordshire_action_log_item(database):
    _import_samples(database)
    hits = search(database, "County Lines")
    assert hits
    places = {(h.board, h.item_number, h.action_number) for h in hits}
    board = "Herefordshire Safeguarding Children Board"
    assert (board, "2", None) in places  # the minutes of item 2, the action log
    assert any(h.action_number == 105 for h in hits)  # action 105 "County Lines"
    item_hit = next(h for h in hits if h.item_number == "2")
    assert item_hit.meeting_date is not None and item_hit.meeting_date.isoformat() == "2018-10-23"
    assert f"{MATCH_START}County{MATCH_END}" in item_hit.snippet


def test_index_follows_edits_and_deletions(database):
    _import_samples(database)
    assert not search(database, "zebracrossing")
    with database.transaction() as session:
        item = session.scalars(select(AgendaItem).where(AgendaItem.number == "3")).first()
        assert item is not None
        item.minutes_html = "<p>The zebracrossing review was <b>agreed</b>.</p>"
        item_id = item.id
    hits = search(database, "zebracross")  # the last word may be the start of a word
    assert [h.item_id for h in hits] == [item_id]
    assert "<b>" not in hits[0].snippet
    with database.transaction() as session:
        item = session.get(AgendaItem, item_id)
        assert item is not None
        item.minutes_html = "<p>Nothing of note.</p>"
    assert not search(database, "zebracrossing")


def test_operators_and_punctuation_are_plain_words(database):
    _import_samples(database)
    assert fts_query('"County" OR NEAR(') == '"County" "OR" "NEAR"*'
    assert fts_query("  ,;  ") is None
    assert search(database, "") == []
    search(database, 'CSE AND ( "')  # no syntax error reaches the user


def test_upgrade_from_the_first_schema_indexes_existing_minutes(database):
    """A database written at revision 0001 (before search existed) gets its minutes indexed."""
    import_sample(database, "herefordshire-board-2018-10-23.json")
    migrate(database, lambda config: command.downgrade(config, "0001"))
    database.close()
    assert database.path is not None
    upgraded = open_database(database.path, KeyStore())
    assert upgraded.pre_upgrade_copy is not None and upgraded.pre_upgrade_copy.exists()
    assert schema_state(upgraded.database).up_to_date
    assert search(upgraded.database, "County Lines")
    with upgraded.database.session() as session:
        assert session.scalars(select(Meeting)).first() is not None
    upgraded.database.close()


def _every_match(database: Database, words: str) -> list[tuple[str, str]]:
    """The whole set of matches, straight from the index: what paging must add up to."""
    from sqlalchemy import text

    from desktop.models.search_index import KINDS

    with database.session() as session:
        rows = session.execute(text("SELECT kind, snippet(search_index, -1, '\x02', '\x03', "
                                    "'…', 14) FROM search_index WHERE search_index MATCH :q"),
                               {"q": fts_query(words)}).all()
    return sorted((KINDS[kind], snippet) for kind, snippet in rows)


def _paged(database: Database, words: str, page: int) -> tuple[list[object], bool]:
    from desktop.services.search import search_page

    hits: list[object] = []
    offset, ranked = 0, True
    while True:
        got = search_page(database, words, offset, page)
        hits += got.hits
        ranked = got.ranked
        if not got.more:
            return hits, ranked
        assert len(got.hits) == page
        offset += len(got.hits)


def test_pages_add_up_to_the_same_set_of_matches_ranked_or_newest_first(database,
                                                                         monkeypatch):
    from desktop.services import search as service

    _import_samples(database)
    for words in ("board", "safeguarding", "County Lines", "the"):
        expected = _every_match(database, words)
        assert expected, words
        for rank_at_most in (len(expected), len(expected) - 1):  # ranked; newest first
            monkeypatch.setattr(service, "RANK_AT_MOST", rank_at_most)
            hits, ranked = _paged(database, words, page=7)
            assert ranked == (rank_at_most >= len(expected))
            found = [(h.kind, h.snippet) for h in hits]  # type: ignore[attr-defined]
            assert len(found) == len(expected), words  # nothing twice, nothing left out
            assert sorted(found) == expected


def test_many_matches_come_newest_first(database, monkeypatch):
    from desktop.services import search as service

    _import_samples(database)
    monkeypatch.setattr(service, "RANK_AT_MOST", 1)
    page = service.search_page(database, "board", 0, 20)
    assert not page.ranked and page.total is None and page.more
    dates = [h.meeting_date for h in page.hits if h.meeting_date is not None]
    with database.session() as session:
        newest = max(session.scalars(select(Meeting.date)).all())
    assert dates[0] == newest  # the newest meeting's minutes and actions lead


def test_hits_are_the_dataclass_built_field_by_field(database):
    """The hits are made without the dataclass's __init__ (faster): they must be the same
    values, still frozen and hashable, as if made by it."""
    import dataclasses

    _import_samples(database)
    hits = search(database, "county lines")
    assert hits
    for hit in hits:
        fields = {f.name: getattr(hit, f.name) for f in dataclasses.fields(SearchHit)}
        rebuilt = SearchHit(**fields)
        assert hit == rebuilt and hash(hit) == hash(rebuilt)
        assert vars(hit) == vars(rebuilt)
        try:
            hit.board = "changed"  # type: ignore[misc]
        except dataclasses.FrozenInstanceError:
            pass
        else:
            raise AssertionError("a hit could be changed")
        assert hit.meeting_date is None or isinstance(hit.meeting_date, dt.date)
