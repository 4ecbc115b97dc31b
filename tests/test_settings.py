from __future__ import annotations

import pytest

from desktop.services.settings import InvalidSettings, Settings, load_settings, save_settings


def test_defaults_until_saved(database):
    assert load_settings(database) == Settings()
    saved = save_settings(database, organisation_name=" Herefordshire SCB ",
                          reporting_year_start_month=9)
    assert saved.organisation_name == "Herefordshire SCB"
    assert load_settings(database).reporting_year_start_month == 9


def test_bad_values_change_nothing(database):
    with pytest.raises(InvalidSettings) as caught:
        save_settings(database, organisation_name="Board", reporting_year_start_month=13)
    assert "1 to 12" in caught.value.problems["reporting_year_start_month"]
    assert load_settings(database) == Settings()


def test_numbering_styles_are_saved_with_the_settings(database):
    from desktop.models import Board, BoardKind
    from desktop.services.boards import numbering_styles

    with database.transaction() as session:
        board = Board(key="hscb", name="HSCB", kind=BoardKind.BOARD)
        session.add(board)
        session.flush()
        board_id = board.id
    save_settings(database, organisation_name="X", numbering={board_id: "letters"})
    assert numbering_styles(database) == {board_id: "letters"}
    with pytest.raises(InvalidSettings):
        save_settings(database, organisation_name="Y", numbering={board_id: "roman"})
    assert load_settings(database).organisation_name == "X"
