"""What is erased, anonymised or deleted by the retention review is gone from the database
file itself: not only from every table, but from the pages SQLite freed, the unused space
inside pages, the search index's old segments and the write-ahead log. Each test reads every
page of the file and its log, decrypted with the key (tests/raw_pages.py), as anyone holding
the file and its key could, after the step and after the database is closed.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select, text

from desktop.models import Meeting, Person
from desktop.models.database import Database
from desktop.models.keystore import KeyStore
from desktop.models.opening import open_database
from desktop.services.maintenance import backup_database
from desktop.services.meetings.agenda import ItemFields, add_item, save_minutes
from desktop.services.people import PersonInput, save_person
from desktop.services.privacy.anonymise import anonymise_person
from desktop.services.privacy.erase import erase_record
from desktop.services.privacy.leftovers import clear_log, forget_deleted_words
from desktop.services.privacy.review import apply_retention
from tests.conftest import import_sample
from tests.raw_pages import everything_in, still_there

HEREFORDSHIRE = "herefordshire-board-2018-10-23.json"
# Words no sample, schema or dictionary holds, so finding one means finding what was written.
NAME = "Zebulon Qwertyvanderhoek"
EMAIL = "zebulon.qwertyvanderhoek@example.org"
PHONE = "07700 918273"
NOTES = "Lives with Yxbridgeford grandparents"
# Long notes (a case history pasted in) spill into overflow pages, which are freed whole.
LONG_NOTES = "Contact history, Trembelowitz family: " + "seen at home; " * 400


def _key(database: Database) -> bytes:
    assert database.key is not None
    return database.key


def _person(database: Database, name: str = NAME) -> int:
    made = save_person(database, None, PersonInput(name, email=EMAIL, phone=PHONE,
                                                   notes="First notes: Vrombleshaw " + LONG_NOTES))
    save_person(database, made.id, PersonInput(name, email=EMAIL, phone=PHONE, notes=NOTES))
    return made.id


def _meeting(database: Database, key: str) -> tuple[int, int]:
    """A meeting made by hand (the sample's is approved) with one agenda item."""
    import_sample(database, HEREFORDSHIRE)
    with database.transaction() as session:
        board_id = session.scalars(select(Meeting.board_id)).first()
        meeting = Meeting(key=key, board_id=board_id, date=dt.date(2019, 1, 15))
        session.add(meeting)
        session.flush()
        meeting_id = meeting.id
    item_id = add_item(database, meeting_id, ItemFields("Review of Kwazimodo Xylanderbeck"))
    return meeting_id, item_id


def _open(path: Path) -> Database:
    return open_database(path, KeyStore()).database


def _written_before(database: Database, path: Path) -> Database:
    """The database closed and opened again: what was written is in the file itself (the
    log folded in), as it is for anything written on an earlier day."""
    database.close()
    return _open(path)


def _gone(database: Database, path: Path, *texts: str) -> None:
    """None of `texts` can be read in the file or its log, with the database still open
    and again once it is closed."""
    key = _key(database)
    assert still_there(path, key, *texts) == []
    database.close()
    assert still_there(path, key, *texts) == []


def test_the_check_reads_what_the_file_holds(database: Database, database_path: Path):
    """The reading itself: text still in the database is found, in the file or its log."""
    _person(database)
    key = _key(database)
    assert still_there(database_path, key, NAME, EMAIL, NOTES) == [NAME, EMAIL, NOTES]
    database.close()
    assert still_there(database_path, key, NAME, EMAIL, NOTES) == [NAME, EMAIL, NOTES]
    assert b"sqlite_autoindex" in everything_in(database_path, key)


def test_an_anonymised_person_is_gone_from_the_file(database: Database,
                                                     database_path: Path):
    person_id = _person(database)
    database = _written_before(database, database_path)
    anonymise_person(database, person_id, "At the person's request")
    _gone(database, database_path, NAME, "Qwertyvanderhoek", EMAIL, PHONE, NOTES,
          "Vrombleshaw", "Trembelowitz")


def test_an_erased_person_is_gone_from_the_file(database: Database, database_path: Path):
    _person(database, "Quillon Zyxwardine")
    database = _written_before(database, database_path)
    erase_record(database, "person", "quillon-zyxwardine", "Typed by mistake")
    gone = ("Zyxwardine", EMAIL, PHONE, NOTES, "Vrombleshaw", "Trembelowitz")
    # A backup made afterwards (a byte copy of the file) holds none of it either.
    backup = backup_database(database, database_path.with_name("afterwards.db"))
    assert still_there(backup, _key(database), *gone) == []
    _gone(database, database_path, *gone)


def test_an_erased_meeting_and_the_minutes_once_written_are_gone(database: Database,
                                                                 database_path: Path):
    """Minutes typed (saved several times, as the autosave does), then deleted by the
    minute-taker, then the meeting erased as made by mistake: its title, its agenda and
    every version of the minutes go, from the tables, the search index and the log."""
    _meeting_id, item_id = _meeting(database, "hscb-2019-01-15")
    typed = "Jaxonette Plumbervrick disclosed that"
    for end in range(12, len(typed) + 1, 6):
        save_minutes(database, item_id, f"<p>{typed[:end]}</p>")
    database = _written_before(database, database_path)
    save_minutes(database, item_id, "")
    erase_record(database, "meeting", "hscb-2019-01-15", "Entered for the wrong board")
    _gone(database, database_path, "Plumbervrick", "Jaxonette", "Kwazimodo", "Xylanderbeck")


def test_minutes_deleted_and_their_trail_past_retention_are_gone(database: Database,
                                                                 database_path: Path):
    """A sentence the minute-taker deleted stays in the audit trail (who changed what)
    until the trail's retention period passes; once the review deletes those entries, the
    sentence is gone from the file, the search index included."""
    _meeting_id, item_id = _meeting(database, "hscb-2019-01-15")
    save_minutes(database, item_id, "<p>Named Ozymandrella Fitzwobble by mistake.</p>")
    save_minutes(database, item_id, "<p>Nothing to report.</p>")
    database = _written_before(database, database_path)
    eight_years_on = dt.date.today() + dt.timedelta(days=366 * 8)
    done = apply_retention(database, "Annual review", today=eight_years_on)
    assert done.audit_deleted > 0
    assert still_there(database_path, _key(database), "Nothing to report") == [
        "Nothing to report"]
    _gone(database, database_path, "Ozymandrella", "Fitzwobble")


def test_the_rest_is_kept(database: Database, database_path: Path):
    """The leftovers are cleared without losing anything else: after an erase and a reopen,
    everyone not erased is still there, and the file is whole."""
    _person(database, "Quillon Zyxwardine")
    kept = _person(database)
    erase_record(database, "person", "quillon-zyxwardine", "Typed by mistake")
    database.close()
    again = _open(database_path)
    try:
        with again.session() as session:
            assert session.get(Person, kept) is not None
            assert session.scalars(select(Person.name)).all() == [NAME]
            assert session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    finally:
        again.close()


def _matches(database: Database, *words: str) -> list[list[int]]:
    with database.session() as session:
        return [list(session.scalars(text(
            "SELECT rowid FROM search_index WHERE search_index MATCH :q ORDER BY rowid"),
            {"q": word})) for word in words]


def test_clearing_the_index_keeps_every_match(database: Database, database_path: Path):
    """The search index rewritten without deleted rows' entries: the words of a sentence
    retyped go from the index (the trail still holds them: who changed what), and every
    search finds the same rows as before."""
    _meeting_id, item_id = _meeting(database, "hscb-2019-01-15")
    save_minutes(database, item_id, "<p>Named Ozymandrella Fitzwobble by mistake.</p>")
    save_minutes(database, item_id, "<p>Nothing to report about the audit.</p>")
    words = ("safeguarding", "audit", "report", "ozymandrella", "board", "child*")
    before = _matches(database, *words)
    assert before[1] and before[-1] and before[3] == []
    with database.session() as session:
        in_trail = sum(value.lower().count("ymandrella") for value in session.execute(text(
            "SELECT coalesce(old, '') || ' ' || coalesce(new, '') FROM audit_entry"))
            .scalars())
    assert in_trail == 2  # the first save's new value, the second's old one
    key = _key(database)
    clear_log(database)
    assert everything_in(database_path, key).count(b"ymandrella") > in_trail
    with database.transaction() as session:
        forget_deleted_words(session)
    assert _matches(database, *words) == before
    database.close()
    assert everything_in(database_path, key).count(b"ymandrella") == in_trail
