"""The action log as Excel, from the service and from `boardwork export action-log`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

from desktop.cli import main
from desktop.models.database import Database
from desktop.services.actions import ActionError, action_log
from tests.conftest import SAMPLES
from tests.test_actions import load

HEREFORD = SAMPLES / "herefordshire-board-2018-10-23.json"
DUDLEY = SAMPLES / "dudley-board-2014-11-21.json"


def sheet_rows(path: Path) -> list[tuple[object, ...]]:
    sheet = load_workbook(path).active
    assert sheet is not None
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


def test_export_open_actions_of_a_board(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                        ) -> None:
    db_path, out = tmp_path / "b.db", tmp_path / "log.xlsx"
    assert main(["--database", str(db_path), "import", str(HEREFORD)]) == 0
    assert main(["--database", str(db_path), "export", "action-log", "--board", "hscb",
                 "--open-only", "--format", "xlsx", "--output", str(out)]) == 0
    assert "13 actions" in capsys.readouterr().out
    rows = sheet_rows(out)
    assert rows[0][0] == "Herefordshire Safeguarding Children Board: open actions"
    assert rows[2][:4] == ("No.", "Raised", "Item", "Title")
    numbers = [r[0] for r in rows[3:]]
    assert numbers == [69, 105, 107, *range(109, 119)]
    by_number = {r[0]: r for r in rows[3:]}
    assert by_number[105][7] == "To close"
    assert by_number[105][9].startswith("In progress, on CE group Workplan")
    assert by_number[105][10] == dt.datetime(2018, 10, 23)
    assert by_number[118][5] == "LB, Exec"
    assert by_number[116][2] == "5.5" and by_number[116][6] == dt.datetime(2019, 1, 15)


def test_everything_one_owner_owes_across_boards(database: Database, tmp_path: Path) -> None:
    load(database, HEREFORD.name, DUDLEY.name)
    from desktop.exports.action_log_xlsx import write_action_log_xlsx

    log = action_log(database, owner="Sally Halls", today=dt.date(2018, 10, 24))
    out = tmp_path / "sally.xlsx"
    write_action_log_xlsx(log, out)
    rows = sheet_rows(out)
    assert rows[0][0] == "All boards: actions of Sally Halls"
    assert [r[0] for r in rows[3:]] == ["HSCB 104", "HSCB 110", "HSCB 114"]


def test_bad_board_or_owner_is_a_plain_message(database: Database, tmp_path: Path) -> None:
    load(database, HEREFORD.name)
    with pytest.raises(ActionError, match="no board with the key 'nope'"):
        action_log(database, "nope")
    with pytest.raises(ActionError, match="Nobody called 'Zed' owns an action"):
        action_log(database, "hscb", owner="Zed")
    with pytest.raises(ActionError, match="Choose a board"):
        action_log(database)
    with pytest.raises(SystemExit, match="no board with the key"):
        main(["--database", str(database.path), "export", "action-log", "--board", "nope",
              "--output", str(tmp_path / "x.xlsx")])
