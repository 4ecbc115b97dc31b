"""Charts in the annual report: attendance by agency and training by sector, counted from the
same figures as the tables beside them, drawn into Word (a picture with alternative text)
and PDF (vector drawing tagged as a Figure with /Alt), and laid out without cutting names."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import docx
import pytest
from PIL import Image
from pypdf import PdfReader

from desktop.charts import Bar, Chart
from desktop.exports.annual_report import annual_figures, annual_report_document
from desktop.exports.chart_layout import lay_out, wrap
from desktop.exports.render import write_document
from desktop.models.database import Database
from desktop.services.figures import attendance_by_agency
from desktop.services.figures.boards import AgencyNonAttendance, MissedMeeting
from desktop.services.figures.charts import (
    SECTOR_NOT_RECORDED,
    attendance_by_agency_chart,
    training_by_sector,
)
from tests.test_exports_reports import YEAR, herts  # noqa: F401 - the imported year

SECTORS = {"Local authority": 306, "Health": 148, "Education": 112, "Other": 100,
           "Voluntary sector": 19, "Police": 2, SECTOR_NOT_RECORDED: 6}


def test_training_by_sector_adds_up_the_agencies_attendees(herts: Database) -> None:  # noqa: F811
    by_agency = attendance_by_agency(herts, YEAR)
    sectors = training_by_sector(herts, by_agency)
    assert {row.sector: row.attendees for row in sectors} == SECTORS
    assert sum(row.attendees for row in sectors) == by_agency.total_attendees == 693
    # most first, and those of no sector last whatever their number
    assert [row.sector for row in sectors][:2] == ["Local authority", "Health"]
    assert sectors[-1].sector == SECTOR_NOT_RECORDED


def _missed(n: int) -> tuple[MissedMeeting, ...]:
    return tuple(MissedMeeting(i, "Board", dt.date(2016, 1, i + 1)) for i in range(n))


def test_attendance_chart_orders_agencies_by_share_attended_and_says_so_in_words() -> None:
    agencies = (AgencyNonAttendance(1, "Police", 4, _missed(1)),
                AgencyNonAttendance(2, "Health", 4, ()),
                AgencyNonAttendance(3, "Colleges", 4, _missed(3)),
                AgencyNonAttendance(4, "Nobody expected", 0, ()))
    chart = attendance_by_agency_chart(agencies, "2015-16")
    assert [(bar.label, bar.text) for bar in chart.bars] == [
        ("Health", "100%"), ("Police", "75%"), ("Colleges", "25%")]
    assert chart.maximum == 100
    assert chart.title == "Meetings attended by agency 2015-16"
    assert "Health 100%; Police 75%; Colleges 25%" in chart.description


def _measure(text: str) -> float:
    return 10.0 * len(text)


def test_long_names_wrap_onto_two_lines_and_only_then_are_shortened() -> None:
    assert wrap("Children and Family Court Advisory", 200, _measure) == (
        "Children and Family", "Court Advisory")
    lines = wrap("Bedfordshire Northamptonshire Cambridgeshire and Hertfordshire CRC", 200,
                 _measure)
    assert len(lines) == 2 and lines[1].endswith("…")
    assert all(_measure(line) <= 200 for line in lines)


def test_bars_are_in_proportion_and_a_full_bar_keeps_its_figure_inside() -> None:
    chart = Chart("t", (Bar("A", 100, "100%"), Bar("B", 50, "50%")), 100, "d")
    layout = lay_out(chart, 400, _measure, 12)
    full, half = layout.boxes
    assert half.bar_length == pytest.approx(full.bar_length / 2)
    assert full.bar_left + full.bar_length + _measure("100%") <= 400 or full.text_inside
    assert half.top == pytest.approx(full.top + full.height)
    assert layout.height == pytest.approx(full.height + half.height)


def test_the_annual_report_carries_both_charts_in_word_and_pdf(
        herts: Database, tmp_path: Path) -> None:  # noqa: F811
    document = annual_report_document(annual_figures(herts, YEAR, "hertscb"), "Herts SCB")
    write_document(document, "docx", tmp_path / "annual.docx")
    word = docx.Document(str(tmp_path / "annual.docx"))
    texts = [p.text for p in word.paragraphs]
    assert "Meetings attended by agency 2015-16" in texts
    assert "Training attendees by sector 2015-16" in texts
    descriptions = [shape._inline.docPr.get("descr") for shape in word.inline_shapes]
    sector = next(d for d in descriptions if d.startswith("Bar chart: Training attendees"))
    assert "Local authority 306; Health 148" in sector and "693 attendees in all" in sector
    agency = next(d for d in descriptions if d.startswith("Bar chart: Meetings attended"))
    assert "Children's Services 100%" in agency and "Colleges 25%" in agency
    with zipfile.ZipFile(tmp_path / "annual.docx") as archive:
        pictures = [Image.open(io.BytesIO(archive.read(name)))
                    for name in archive.namelist() if name.startswith("word/media/")]
    assert len(pictures) == 2 and all(p.width > 1000 for p in pictures)

    write_document(document, "pdf", tmp_path / "annual.pdf")
    reader = PdfReader(str(tmp_path / "annual.pdf"))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Training attendees by sector 2015-16" in text
    assert "Local authority" in text and "306" in text
    alts = _figure_alts(reader)
    assert any(alt.startswith("Bar chart: Training attendees by sector") for alt in alts)
    assert any(alt.startswith("Bar chart: Meetings attended by agency") for alt in alts)


def _figure_alts(reader: PdfReader) -> list[str]:
    found: list[str] = []

    def walk(node: object) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, dict):
            if node.get("/S") == "/Figure" and "/Alt" in node:
                found.append(str(node["/Alt"]))
            kids = node.get("/K")
            for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
                walk(kid)
        elif isinstance(node, list):
            for kid in node:
                walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found
