"""The charges list for invoicing as Excel, from the service and from the command line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

from desktop.cli import main
from desktop.exports.charges_xlsx import write_charges_xlsx
from desktop.services.figures import Period
from desktop.services.training import invoice_list, list_charges, waive_charge
from tests.conftest import SAMPLES

HERTS = SAMPLES / "hertfordshire-2015-16.json"
YEAR = Period(dt.date(2015, 4, 1), dt.date(2016, 3, 31))


def _rows(path: Path, sheet: str) -> list[tuple[object, ...]]:
    return [tuple(r) for r in load_workbook(path)[sheet].iter_rows(values_only=True)]


def test_report_charges_from_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                              ) -> None:
    db_path, out = tmp_path / "b.db", tmp_path / "charges.xlsx"
    assert main(["--database", str(db_path), "import", str(HERTS)]) == 0
    assert main(["--database", str(db_path), "report", "charges", "--from", "2015-04-01",
                 "--to", "2016-03-31", "--output", str(out)]) == 0
    assert "£3,150.00 of charges to 15 agencies" in capsys.readouterr().out
    summary = _rows(out, "By agency")
    assert summary[2] == ("Agency", "Charges", "Total (£)")
    assert ("Children's Services", 38, 1575.0) in summary
    assert summary[-1] == ("Total", 81, 3150.0)
    lines = _rows(out, "Charges")
    assert lines[0][0] == "Non-attendance and late cancellation charges"
    assert lines[1][0].startswith("Sessions from 01/04/2015 to 31/03/2016")
    assert lines[-1][::6] == ("Total", 3150.0)
    assert ("Housing Provider total", None, None, None, None, None, 50.0) in lines


def test_a_waived_charge_is_not_in_the_workbook(database, tmp_path: Path) -> None:
    from desktop.services.interchange import import_documents, read_document

    import_documents(database, [(HERTS.name, read_document(HERTS))])
    housing = [c for c in list_charges(database, YEAR) if c.agency == "Housing Provider"]
    waive_charge(database, housing[0].booking_id, "Wrong agency on the booking")
    out = tmp_path / "charges.xlsx"
    write_charges_xlsx(invoice_list(database, YEAR), out, "Hertfordshire SCB")
    lines = _rows(out, "Charges")
    assert lines[0][0] == "Hertfordshire SCB: Non-attendance and late cancellation charges"
    assert all(row[0] != "Housing Provider" for row in lines)
    assert lines[-1][6] == 3100.0


def test_bad_dates_are_usage_errors(tmp_path: Path) -> None:
    with pytest.raises(SystemExit):
        main(["--database", str(tmp_path / "b.db"), "report", "charges", "--from",
              "31/03/2016", "--output", str(tmp_path / "x.xlsx")])
