"""Annual report appendices and the training figures of a period, from the figures services.

Appendix 1: attendance at the board's meetings, per membership, over the meetings held (the
papers' denominator), with part-year and deputy notes; then non-attendance by agency across
the board and its groups, and a chart of each agency's attendance. Appendix 2: training
attendees by course (with times run) and by agency, with totals, and a chart by sector.
"""

from __future__ import annotations

from collections import Counter
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
from desktop.services.figures.boards import (
    AgencyNonAttendance,
    MemberAttendance,
    agency_non_attendance,
    attendance_note,
)
from desktop.services.figures.charts import (
    SectorAttendance,
    attendance_by_agency_chart,
    training_by_sector,
    training_by_sector_chart,
)


@dataclass(frozen=True)
class AnnualFigures:
    """Everything the appendices print, gathered before any document is laid out."""

    period: Period
    board: BoardAttendance | None
    non_attendance: tuple[AgencyNonAttendance, ...]
    by_course: AttendanceByCourse
    by_agency: AttendanceByAgency
    by_sector: tuple[SectorAttendance, ...] = ()


def annual_figures(db: Database, period: Period, board: str | int | None) -> AnnualFigures:
    by_agency = attendance_by_agency(db, period)
    return AnnualFigures(
        period=period,
        board=board_attendance(db, board, period) if board is not None else None,
        non_attendance=agency_non_attendance(db, board, period) if board is not None else (),
        by_course=attendance_by_course(db, period),
        by_agency=by_agency,
        by_sector=training_by_sector(db, by_agency))


def _number(header: str, width_mm: float) -> Column:
    """A column of figures, right-aligned so that units line up."""
    return Column(header, width_mm, "right")


def _period_text(period: Period) -> str:
    return f"{show_date(period.start)} to {show_date(period.end)}"


def annual_report_document(figures: AnnualFigures, organisation: str = "") -> Document:
    """The appendices numbered as the papers number them: "Appendix 1" the board's members
    and their attendance (with non-attendance by agency), "Appendix 2" training attendance;
    without a board, training is Appendix 1. The board names the document and every page."""
    label = figures.period.label
    blocks: list[Block] = []
    board = figures.board.board if figures.board is not None else None
    if figures.board is not None:
        blocks += _board_attendance(figures.board, label)
        blocks += _non_attendance(figures.non_attendance, label)
    blocks.append(Heading(f"Appendix {2 if board else 1}: Training attendance"))
    if figures.by_course.rows:
        blocks += _training_by_course(figures.by_course, label)
        blocks += _training_by_agency(figures.by_agency, label)
        if figures.by_sector:
            blocks.append(training_by_sector_chart(figures.by_sector, label))
    else:  # not two tables of nothing but a total of 0
        blocks.append(para(f"No one attended training in {_period_text(figures.period)}."))
    title = f"{board + ' annual' if board else 'Annual'} report {label}: appendices"
    return Document(title=title, subtitle=(_period_text(figures.period),),
                    blocks=tuple(blocks), header=_header(board, organisation), footer=title,
                    author=organisation)


def _header(board: str | None, organisation: str) -> str:
    if not board or not organisation or organisation.casefold() == board.casefold():
        return board or organisation
    return f"{organisation} – {board}"


def member_labels(rows: tuple[MemberAttendance, ...]) -> list[str]:
    """Each row's seat as printed: its role, else the member's name and agency; where two
    rows would read the same ("CHFT", "CHFT"), the member's name tells them apart."""
    labels = [row.role or ", ".join(p for p in (row.person, row.agency) if p) for row in rows]
    counts = Counter(label.casefold() for label in labels)
    return [f"{label} – {row.person}" if counts[label.casefold()] > 1 and row.role
            else label for label, row in zip(labels, rows, strict=True)]


def _board_attendance(board: BoardAttendance, label: str) -> list[Block]:
    rows = tuple(text_row(name, row.fraction, attendance_note(row))
                 for name, row in zip(member_labels(board.rows), board.rows, strict=True))
    held = board.meetings_held
    headings: list[Block] = [Heading(f"Appendix 1: Membership and attendance of {board.board}"),
                             Heading(f"Attendance at {board.board} meetings {label}", 2)]
    if not rows:
        return [*headings, para("No members of the board are recorded for the year.")]
    return [*headings,
            para(f"{held} meeting{'' if held == 1 else 's'} held in the year. Meetings "
                 "attended counts those where the member was present, out of all the "
                 "meetings held; the notes give the meetings held while a member joined or "
                 "left during the year, and those where a deputy came instead."),
            Table((Column("Member / Agency / Organisation", 88),
                   _number("Meetings attended", 22), Column("Notes", 64)), rows)]


def _non_attendance(agencies: tuple[AgencyNonAttendance, ...], label: str) -> list[Block]:
    if not agencies:
        return []
    rows = tuple(text_row(a.agency, str(a.expected), str(a.attended), str(len(a.missed)))
                 for a in agencies)
    return [Heading(f"Non-attendance by agency {label}", 2),
            para("Meetings of the board and its groups where the agency held a seat, and "
                 "those where nobody from it was present."),
            Table((Column("Agency", 100), _number("Meetings", 24), _number("Attended", 25),
                   _number("Not attended", 25)), rows),
            attendance_by_agency_chart(agencies, label)]


def _training_by_course(by_course: AttendanceByCourse, label: str) -> list[Block]:
    rows = [text_row(row.title, str(row.attendees), str(row.times_ran))
            for row in by_course.rows]
    rows.append(text_row("Total", str(by_course.total_attendees),
                         f"({by_course.total_times_ran})", bold=True))
    return [Heading(f"Training course {label} – attendance: total number of attendees by "
                    "course", 2),
            Table((Column("Name of course", 110), _number("Total number of attendees", 32),
                   _number("How many times the course ran", 32)), tuple(rows))]


def _training_by_agency(by_agency: AttendanceByAgency, label: str) -> list[Block]:
    rows = [text_row(row.agency, str(row.attendees)) for row in by_agency.rows]
    rows.append(text_row("Total", str(by_agency.total_attendees), bold=True))
    return [Heading(f"Training {label}: total number of attendees per agency", 2),
            Table((Column("Agency", 130), _number("Total number of attendees per agency", 44)),
                  tuple(rows))]
