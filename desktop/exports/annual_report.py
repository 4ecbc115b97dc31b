"""Annual report appendices and the training figures of a period, from the figures services.

Appendix 1: attendance at the board's meetings, per membership, over the meetings held (the
papers' denominator). Appendix 2: non-attendance by agency across the board and its groups.
Appendix 3: training attendees by course (with times run) and by agency, with totals.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.dates import show_date
from desktop.exports.document import Block, Column, Document, Heading, Table, para, text_row
from desktop.services.database import Database
from desktop.services.figures import (
    AttendanceByAgency,
    AttendanceByCourse,
    BoardAttendance,
    Period,
    attendance_by_agency,
    attendance_by_course,
    board_attendance,
)
from desktop.services.figures.boards import AgencyNonAttendance, agency_non_attendance
from desktop.services.figures.training import AgencyFigures, CourseFigures
from desktop.services.figures.training import agency_figures as agency_training_figures
from desktop.services.figures.training import course_figures as course_training_figures


@dataclass(frozen=True)
class AnnualFigures:
    """Everything the appendices print, gathered before any document is laid out."""

    period: Period
    board: BoardAttendance | None
    non_attendance: tuple[AgencyNonAttendance, ...]
    by_course: AttendanceByCourse
    by_agency: AttendanceByAgency


def annual_figures(db: Database, period: Period, board: str | int | None) -> AnnualFigures:
    return AnnualFigures(
        period=period,
        board=board_attendance(db, board, period) if board is not None else None,
        non_attendance=agency_non_attendance(db, board, period) if board is not None else (),
        by_course=attendance_by_course(db, period),
        by_agency=attendance_by_agency(db, period))


def _number(header: str, width_mm: float) -> Column:
    """A column of figures, right-aligned so that units line up."""
    return Column(header, width_mm, "right")


def _period_text(period: Period) -> str:
    return f"{show_date(period.start)} to {show_date(period.end)}"


def annual_report_document(figures: AnnualFigures, organisation: str = "") -> Document:
    label = figures.period.label
    blocks: list[Block] = []
    if figures.board is not None:
        blocks += _board_attendance(figures.board, label)
        blocks += _non_attendance(figures.non_attendance, label)
    blocks += _training_by_course(figures.by_course, label)
    blocks += _training_by_agency(figures.by_agency, label)
    return Document(title=f"Annual report {label}: appendices",
                    subtitle=(_period_text(figures.period),), blocks=tuple(blocks),
                    header=organisation, footer=f"Annual report {label}: appendices")


def _board_attendance(board: BoardAttendance, label: str) -> list[Block]:
    rows = tuple(text_row(row.role or row.person, row.fraction) for row in board.rows)
    return [Heading(f"Attendance at {board.board} meetings {label}"),
            para(f"{board.meetings_held} meeting{'s' if board.meetings_held != 1 else ''} "
                 "held in the year."),
            Table((Column("Member / Agency / Organisation", 140), _number("Meetings attended", 34)),
                  rows)]


def _non_attendance(agencies: tuple[AgencyNonAttendance, ...], label: str) -> list[Block]:
    if not agencies:
        return []
    rows = tuple(text_row(a.agency, str(a.expected), str(a.attended), str(len(a.missed)))
                 for a in agencies)
    return [Heading(f"Non-attendance by agency {label}"),
            para("Meetings of the board and its groups where the agency held a seat, and "
                 "those where nobody from it was present."),
            Table((Column("Agency", 100), _number("Meetings", 24), _number("Attended", 25),
                   _number("Not attended", 25)), rows)]


def _training_by_course(by_course: AttendanceByCourse, label: str) -> list[Block]:
    rows = [text_row(row.title, str(row.attendees), str(row.times_ran))
            for row in by_course.rows]
    rows.append(text_row("Total", str(by_course.total_attendees),
                         f"({by_course.total_times_ran})", bold=True))
    return [Heading(f"Training course {label} – attendance: total number of attendees by "
                    "course"),
            Table((Column("Name of course", 110), _number("Total number of attendees", 32),
                   _number("How many times the course ran", 32)), tuple(rows))]


def _training_by_agency(by_agency: AttendanceByAgency, label: str) -> list[Block]:
    rows = [text_row(row.agency, str(row.attendees)) for row in by_agency.rows]
    rows.append(text_row("Total", str(by_agency.total_attendees), bold=True))
    return [Heading(f"Training {label}: total number of attendees per agency"),
            Table((Column("Agency", 130), _number("Total number of attendees per agency", 44)),
                  tuple(rows))]


# --- the training figures report -------------------------------------------------------------


def training_document(db: Database, period: Period, organisation: str = "") -> Document:
    """Per course and per agency: attendees, places offered, did not attend, cancellations."""
    courses = course_training_figures(db, period)
    agencies = agency_training_figures(db, period)
    return Document(
        title=f"Training figures {period.label}", subtitle=(_period_text(period),),
        blocks=(Heading("By course"), _course_table(courses), Heading("By agency"),
                _agency_table(agencies)),
        header=organisation, footer=f"Training figures {_period_text(period)}")


def _course_table(courses: tuple[CourseFigures, ...]) -> Table:
    rows = [text_row(c.title, str(c.times_ran), str(c.places_offered), str(c.attendees),
                     str(c.did_not_attend), str(c.cancellations)) for c in courses]
    totals = [sum(getattr(c, name) for c in courses) for name in
              ("times_ran", "places_offered", "attendees", "did_not_attend", "cancellations")]
    rows.append(text_row("Total", *(str(t) for t in totals), bold=True))
    return Table((Column("Course", 74), _number("Times ran", 18), _number("Places offered", 22),
                  _number("Attendees", 20), _number("Did not attend", 20),
                  _number("Cancellations", 20)), tuple(rows))


def _agency_table(agencies: tuple[AgencyFigures, ...]) -> Table:
    rows = [text_row(a.agency, str(a.attendees), str(a.did_not_attend), str(a.cancellations))
            for a in agencies]
    totals = [sum(getattr(a, name) for a in agencies) for name in
              ("attendees", "did_not_attend", "cancellations")]
    rows.append(text_row("Total", *(str(t) for t in totals), bold=True))
    return Table((Column("Agency", 94), _number("Attendees", 26), _number("Did not attend", 27),
                  _number("Cancellations", 27)), tuple(rows))
