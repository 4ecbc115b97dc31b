"""The Reports page shows the training figures of the chosen period on screen, with the
reporting year and its quarters to choose from."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt

from desktop.models.database import Database
from desktop.services.figures import Period
from desktop.services.interchange import import_documents, read_document
from desktop.views.areas import AppContext
from desktop.views.notices import TRAINING, Notices
from desktop.views.reports_page import CUSTOM, ReportsPage
from tests.conftest import SAMPLES

HERTS = SAMPLES / "hertfordshire-2015-16.json"
MULTI_AGENCY = "Safeguarding and Child Protection Multi-agency course"


@pytest.fixture
def page(qtbot, database: Database) -> ReportsPage:
    import_documents(database, [(HERTS.name, read_document(HERTS))])
    widget = ReportsPage(AppContext(database, Notices()), today=dt.date(2016, 2, 10))
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    return widget


def _counted(qtbot, page: ReportsPage, period: Period) -> None:
    qtbot.waitUntil(lambda: page.figures.figures is not None
                    and page.figures.figures.period == period, timeout=20_000)


def _row(table, title: str) -> list[str]:
    proxy = table.proxy
    for row in range(proxy.rowCount()):
        if proxy.index(row, 0).data() == title:
            return [proxy.index(row, c).data() for c in range(proxy.columnCount())]
    raise AssertionError(f"{title} is not in the table")


def test_the_year_s_figures_are_on_screen_before_any_export(qtbot, page: ReportsPage) -> None:
    year = Period(dt.date(2015, 4, 1), dt.date(2016, 3, 31))
    _counted(qtbot, page, year)
    assert page.preset.currentText() == "Reporting year 2015/16 (April 2015–March 2016)"
    assert "Training figures April 2015–March 2016" in page.figures.heading.text()
    courses = page.figures.courses
    headers = [courses.proxy.headerData(c, Qt.Orientation.Horizontal)
               for c in range(courses.proxy.columnCount())]
    assert headers == ["Course", "Sessions run", "Still to run", "Places offered", "Attended",
                       "Walk-ins", "Places used"]
    assert _row(courses, MULTI_AGENCY) == [MULTI_AGENCY, "8", "0", "240", "171", "0", "71%"]
    registrations = page.figures.registrations
    assert [registrations.proxy.headerData(c, Qt.Orientation.Horizontal)
            for c in range(registrations.proxy.columnCount())] == [
        "Course", "Registrations", "Attended", "Attendance", "Did not attend", "No-show rate",
        "Cancelled", "Cancellation rate"]
    assert _row(registrations, MULTI_AGENCY) == [MULTI_AGENCY, "196", "171", "87%", "17", "9%",
                                                 "8", "4%"]
    assert page.figures.total.text().startswith(
        "All courses: 36 sessions run (0 still to run), 1080 places, 64% used, "
        "796 registrations, 0 walk-ins, 693 attended")
    page.figures.tabs.setCurrentWidget(page.figures.agencies)
    agencies = page.figures.agencies.proxy
    names = [agencies.index(r, 0).data() for r in range(agencies.rowCount())]
    assert names[0] == "Adult Care Services" and names[-1] == "Not recorded"
    assert _row(page.figures.agencies, "Children's Services")[:4] == [
        "Children's Services", "330", "0", "279"]
    assert page.figures.total.text().startswith("All agencies: 796 registrations")


def test_a_quarter_chosen_from_the_list_sets_the_dates_and_the_figures(
    qtbot, page: ReportsPage,
) -> None:
    labels = [page.preset.itemText(i) for i in range(page.preset.count())]
    assert labels[:3] == [CUSTOM, "Reporting year 2015/16 (April 2015–March 2016)",
                          "Q1 2015/16 (April–June 2015)"]
    assert "Q4 2014/15 (January–March 2015)" in labels
    # Keyboard: Down from the year to its first quarter.
    page.preset.setFocus()
    qtbot.keyClick(page.preset, Qt.Key.Key_Down)
    assert page.preset.currentText() == "Q1 2015/16 (April–June 2015)"
    q1 = Period(dt.date(2015, 4, 1), dt.date(2015, 6, 30))
    assert (page.start.date(), page.end.date()) == (QDate(2015, 4, 1), QDate(2015, 6, 30))
    _counted(qtbot, page, q1)
    assert "Training figures April–June 2015" in page.figures.heading.text()
    assert sum(r.sessions_run for r in page.figures.figures.by_course) < 36


def test_dates_typed_that_match_no_preset_show_as_typed(qtbot, page: ReportsPage) -> None:
    page.start.setDate(QDate(2015, 5, 3))
    page.start.editingFinished.emit()
    assert page.preset.currentText() == CUSTOM
    _counted(qtbot, page, Period(dt.date(2015, 5, 3), dt.date(2016, 3, 31)))
    assert "3 May 2015 to 31 March 2016" in page.figures.heading.text()
    page.end.setDate(QDate(2015, 1, 1))
    page.end.editingFinished.emit()
    assert "cannot end (01/01/2015) before it starts" in page.page.message_bar.message()


def test_a_training_change_counts_again(qtbot, page: ReportsPage, database: Database) -> None:
    year = Period(dt.date(2015, 4, 1), dt.date(2016, 3, 31))
    _counted(qtbot, page, year)
    first = page.figures.figures
    page.figures.figures = None
    page._changed(frozenset({TRAINING}))
    _counted(qtbot, page, year)
    assert page.figures.figures == first


def test_training_by_sector_is_charted_on_screen_with_its_figures_in_words(
    qtbot, page: ReportsPage,
) -> None:
    year = Period(dt.date(2015, 4, 1), dt.date(2016, 3, 31))
    _counted(qtbot, page, year)
    chart = page.figures.sectors
    page.figures.tabs.setCurrentWidget(chart)
    assert chart.chart is not None
    assert [(bar.label, bar.text) for bar in chart.chart.bars][:2] == [
        ("Local authority", "306"), ("Health", "148")]
    assert chart.accessibleName() == "Training attendees by sector April 2015–March 2016"
    assert "Local authority 306; Health 148" in chart.accessibleDescription()
    assert page.figures.total.text() == (
        "693 attendees, counted by the sector of the agency they were booked from.")
    layout = chart.layout_for(chart.width() - 8)
    assert layout is not None and layout.height <= chart.height()  # nothing cut off
    image = chart.grab().toImage()
    bar = layout.boxes[0]
    # the longest bar is drawn in the palette's highlight colour
    x, y = round(4 + bar.bar_left + bar.bar_length / 2), round(4 + bar.top + bar.height / 2)
    assert image.pixelColor(x, y) == chart.palette().highlight().color()
