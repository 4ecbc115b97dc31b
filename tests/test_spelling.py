"""Spell checking without Qt: the en_GB dictionary, names, the user's words, suggestions."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.models import Meeting
from desktop.services import meetings as svc
from desktop.services.spelling import PersonalDictionary, meeting_names, open_checker
from desktop.services.spelling.words import words_to_check
from tests.conftest import import_sample


@pytest.fixture
def checker(tmp_path: Path):
    return open_checker(tmp_path / "dictionary.txt")


def flagged(checker, text: str) -> list[str]:
    return [text[start:start + length] for start, length in checker.misspelt(text)]


def test_misspellings_are_flagged(checker):
    text = "We will recieve the report and definately reply; the comittee agreed."
    assert flagged(checker, text) == ["recieve", "definately", "comittee"]


def test_british_spellings_are_right_and_american_ones_are_not(checker):
    british = ("The organisation's programme of training showed good judgement; the centre's "
               "behaviour policy, the paediatrician's colour-coded licence and the "
               "travelling defence were recognised as favourite practice.")
    assert flagged(checker, british) == []
    assert flagged(checker, "The color of the center's program") == ["color", "center's"]


def test_what_is_left_alone(checker):
    text = ("CAMHS and LSCB met on the 2nd; Q3 figures at www.example.gov.uk/xqzt and "
            "j.smyth@exmple.gov.uk; the 1990s review of children’s services (sic).")
    assert flagged(checker, text) == []
    assert [word for _s, word in words_to_check("'quoted' multi-agency x 3rd")] == [
        "quoted", "multi-agency"]


def test_the_names_of_this_meetings_people_and_agencies_are_never_flagged(database, checker):
    import_sample(database, "herefordshire-board-2018-10-23.json")
    with database.session() as session:
        meeting_id = session.scalars(select(Meeting.id)).one()
    record = svc.meeting_record(database, meeting_id)
    names = " ".join(f"{row.name}, {row.agency} ({row.initials})." for row in record.attendance)
    before = flagged(checker, names)
    assert before, "the sample's names should include words the dictionary lacks"
    assert checker.set_names(meeting_names(record))
    assert flagged(checker, names) == []
    assert not checker.set_names(meeting_names(record))  # the same names: nothing to redo
    person = next(row.name for row in record.attendance if row.name.split()[-1] in before)
    surname = person.split()[-1]
    assert flagged(checker, f"{surname}'s report, {surname}-led review") == []
    assert flagged(checker, "Mr Qwertyx-Zumbido") == ["Qwertyx-Zumbido"]  # others' still are


def test_suggestions_put_the_likeliest_word_first(checker):
    assert checker.suggestions("recieve")[0] == "receive"
    assert "definitely" in checker.suggestions("definately")
    assert checker.suggestions("accomodation")[0] == "accommodation"
    assert checker.suggestions("Recieve")[0] == "Receive"
    # Two slips away: Hunspell's own search finds it.
    assert "accommodation" in checker.suggestions("acomadation")


def test_suggestions_include_the_meetings_names(checker):
    checker.set_names(["Chidi Okafor", "Wye Valley NHS Trust"])
    assert checker.suggestions("Okafr") == ["Okafor"]


def test_added_words_are_kept_per_user(tmp_path: Path):
    path = tmp_path / "folder" / "dictionary.txt"
    checker = open_checker(path)
    assert flagged(checker, "The Cwtch and Zumbido") == ["Cwtch", "Zumbido"]
    checker.add_to_dictionary("Cwtch")
    checker.add_to_dictionary("cwtch")  # already there, whatever the case
    assert flagged(checker, "The Cwtch and Zumbido, cwtch") == ["Zumbido"]
    assert path.read_text(encoding="utf-8") == "Cwtch\n"
    again = open_checker(path)
    assert flagged(again, "Cwtch") == []
    assert flagged(open_checker(tmp_path / "someone-else.txt"), "Cwtch") == ["Cwtch"]


def test_an_unreadable_personal_dictionary_is_ignored(tmp_path: Path):
    path = tmp_path / "dictionary.txt"
    path.write_bytes(b"\xff\xfe\x00broken")
    personal = PersonalDictionary(path)
    assert personal.words == []
    personal.add("Cwtch")
    assert PersonalDictionary(path).words == ["Cwtch"]


def test_the_spell_command_checks_words_without_a_database(tmp_path: Path, monkeypatch, capsys):
    from desktop.cli import main

    monkeypatch.setattr("desktop.services.spelling.personal.default_personal_path",
                        lambda: tmp_path / "dictionary.txt")
    assert main(["--database", str(tmp_path / "none.db"), "spell", "organisation"]) == 0
    assert main(["spell", "programme", "recieve"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == ["organisation: correct", "programme: correct",
                   "recieve: not in the dictionary; suggestions: receive, relieve"]
    assert not (tmp_path / "none.db").exists()


def test_the_dictionary_loaded_in_the_background_is_loaded_once(monkeypatch):
    """warm_up (started when a meeting is opened) and a view opening at the same moment share
    one load: the view waits for it rather than reading the dictionary a second time."""
    from desktop.resources import resource
    from desktop.services.spelling import checker as checker_module

    reads: list[Path] = []
    real_read = checker_module._read

    def counted(folder: Path):
        reads.append(folder)
        return real_read(folder)

    monkeypatch.setattr(checker_module, "_LOADED", {})
    monkeypatch.setattr(checker_module, "_read", counted)
    checker_module.warm_up()
    loaded = checker_module._load(resource("spelling"))
    checker_module.warm_up()  # loaded already: nothing more is started
    assert reads == [resource("spelling")]
    assert loaded[0].lookup("organisation") and not loaded[0].lookup("recieve")


def test_the_dictionary_is_read_with_the_collector_paused_and_then_frozen(monkeypatch):
    """Read with the cycle collector on, the dictionary's growth set off full collections
    (each holding the interpreter from the UI thread) and stayed in every later one."""
    import gc

    from spylls.hunspell import Dictionary

    from desktop.resources import resource
    from desktop.services.spelling import checker as checker_module

    seen: list[bool] = []
    read = Dictionary.from_files.__func__  # type: ignore[attr-defined]

    def watched(cls, path):
        seen.append(gc.isenabled())
        return read(cls, path)

    monkeypatch.setattr(Dictionary, "from_files", classmethod(watched))
    frozen = gc.get_freeze_count()
    was = gc.isenabled()
    dictionary, _letters, _table = checker_module._read(resource("spelling"))
    assert seen == [False]
    assert gc.isenabled() == was
    assert gc.get_freeze_count() > frozen
    assert dictionary.lookup("committee") and not dictionary.lookup("comittee")


def test_a_line_rechecked_after_an_edit_is_flagged_as_if_read_whole(checker):
    """The paragraph being typed is read again only from the last space before the change:
    at every edit (typed, deleted, pasted, anywhere in the line) the words flagged are the
    ones a whole reading flags."""
    import random

    pieces = ["The", "chair", "noted", "recieved", "children's", "multi-agency", "Okafor-led",
              "www.example.org/a b", "ann@example.org", "teh", "CAMHS", "2nd", "’tis", "  ",
              "colour", "color", "-", "'", "neighbour", "accomodation", "x"]
    chance = random.Random(19)
    line = ""
    for _ in range(600):
        where = chance.randrange(len(line) + 1)
        what = chance.random()
        if what < 0.6:  # a letter or a space typed
            line = line[:where] + chance.choice("abcdefghij '-.@ ") + line[where:]
        elif what < 0.8:  # a word pasted
            line = line[:where] + " " + chance.choice(pieces) + " " + line[where:]
        else:  # a stretch deleted
            line = line[:where] + line[where + chance.randrange(6):]
        assert checker.misspelt(line) == checker._misspelt_whole(line), line
    assert checker.misspelt(line)  # the line holds misspellings to compare
    # A word added to the dictionary is not kept flagged by what was read before.
    line = "the chair recieved the report "
    assert flagged(checker, line) == ["recieved"]
    checker.add_to_dictionary("recieved")
    assert flagged(checker, line + "x") == []
