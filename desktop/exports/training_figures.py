"""The training figures of a period, as partnerships publish them: per course and per agency,
registrations, walk-ins, attendance, places used and the rates, with what each word means.

The title names the period as people say it ("Training figures April–June 2016"), landscape
so that the columns keep their figures on one line.
"""

from __future__ import annotations

import dataclasses

from desktop.dates import show_date
from desktop.exports.document import Block, Column, Document, Heading, Table, para, text_row
from desktop.services.database import Database
from desktop.services.figures import Period
from desktop.services.figures.presets import describe_period
from desktop.services.figures.training_rates import (
    AgencyRow,
    CourseRow,
    TrainingFigures,
    show_rate,
    training_figures,
)
from desktop.services.figures.training_reasons import BookingReasons, booking_reasons

# Two tables per course, so that every header keeps its words whole on a landscape page:
# what was offered and used, then what became of the registrations.
PLACES_COLUMNS = ("Course", "Sessions run", "Still to run", "Places offered", "Attended",
                  "Walk-ins", "Places used")
REGISTRATION_COLUMNS = ("Course", "Registrations", "Attended", "Attendance", "Did not attend",
                        "No-show rate", "Cancelled", "Cancellation rate")
AGENCY_COLUMNS = ("Agency", "Registrations", "Walk-ins", "Attended", "Attendance",
                  "Did not attend", "No-show rate", "Cancelled", "Cancellation rate")
# Widths in mm: the name, then each figure; each fits its header's longest word in bold.
PLACES_WIDTHS = (110, 22, 19, 22, 22, 22, 22)
REGISTRATION_WIDTHS = (96, 29, 22, 25, 19, 19, 22, 28)
AGENCY_WIDTHS = (75, 29, 21, 22, 25, 19, 19, 22, 28)

DEFINITIONS = (
    "Registrations are places booked before the session started (cancelled ones included, "
    "the waiting list not). Walk-ins came without a booking. Attended counts registrations "
    "that attended and walk-ins. Places offered are the places of the sessions that ran; "
    "sessions scheduled but not yet marked as run are counted apart, and cancelled sessions "
    "are left out. Places used is attended over places offered. Attendance, no-show and "
    "cancellation rates are over registrations. A session counts in the period it starts in."
)


def training_document(db: Database, period: Period, organisation: str = "") -> Document:
    document = training_figures_document(training_figures(db, period), organisation)
    reasons = reason_blocks(booking_reasons(db, period))
    return dataclasses.replace(document, blocks=(*document.blocks, *reasons))


def reason_blocks(reasons: BookingReasons) -> list[Block]:
    """Why places were cancelled or not attended, as recorded with each booking."""
    blocks: list[Block] = []
    for title, rows, total in (
            ("Reasons for cancellation", reasons.cancellations, reasons.total_cancellations),
            ("Reasons for not attending", reasons.non_attendance,
             reasons.total_non_attendance)):
        if rows:
            blocks += [Heading(title), Table((Column("Reason", 150), Column("Bookings", 30,
                                                                             "right")), (
                *(text_row(r.label, str(r.count)) for r in rows),
                text_row("Total", str(total), bold=True)))]
    return blocks


def training_figures_document(figures: TrainingFigures, organisation: str = "") -> Document:
    period = figures.period
    name = describe_period(period)
    blocks: list[Block] = [para(DEFINITIONS, italic=True)]
    if figures.by_course:
        blocks += [Heading("By course: places offered and used"), _places_table(figures),
                   Heading("By course: registrations and what became of them"),
                   _registrations_table(figures)]
    else:
        blocks += [Heading("By course"), para("No sessions ran or were scheduled in the period.")]
    blocks.append(Heading("By agency"))
    blocks.append(_agency_table(figures) if figures.by_agency else
                  para("No bookings in the period."))
    return Document(
        title=f"Training figures {name}",
        subtitle=(f"{show_date(period.start)} to {show_date(period.end)}",),
        blocks=tuple(blocks), header=organisation, footer=f"Training figures {name}",
        landscape=True)


def places_cells(row: CourseRow) -> tuple[str, ...]:
    return (row.title, str(row.sessions_run), str(row.sessions_scheduled),
            str(row.places_offered), str(row.attended), str(row.walk_ins),
            show_rate(row.places_used))


def registration_cells(row: CourseRow) -> tuple[str, ...]:
    return (row.title, str(row.registrations), str(row.attended - row.walk_ins),
            show_rate(row.attendance_rate), str(row.did_not_attend),
            show_rate(row.no_show_rate), str(row.cancelled), show_rate(row.cancellation_rate))


def agency_cells(row: AgencyRow) -> tuple[str, ...]:
    return (row.agency, str(row.registrations), str(row.walk_ins), str(row.attended),
            show_rate(row.attendance_rate), str(row.did_not_attend),
            show_rate(row.no_show_rate), str(row.cancelled), show_rate(row.cancellation_rate))


def _table(headers: tuple[str, ...], widths: tuple[int, ...],
           rows: list[tuple[str, ...]], total: tuple[str, ...]) -> Table:
    columns = (Column(headers[0], widths[0]),
               *(Column(h, w, "right") for h, w in zip(headers[1:], widths[1:], strict=True)))
    return Table(columns, (*(text_row(*row) for row in rows), text_row(*total, bold=True)))


def _places_table(figures: TrainingFigures) -> Table:
    return _table(PLACES_COLUMNS, PLACES_WIDTHS, [places_cells(r) for r in figures.by_course],
                  places_cells(figures.course_total))


def _registrations_table(figures: TrainingFigures) -> Table:
    return _table(REGISTRATION_COLUMNS, REGISTRATION_WIDTHS,
                  [registration_cells(r) for r in figures.by_course],
                  registration_cells(figures.course_total))


def _agency_table(figures: TrainingFigures) -> Table:
    return _table(AGENCY_COLUMNS, AGENCY_WIDTHS, [agency_cells(r) for r in figures.by_agency],
                  agency_cells(figures.agency_total))
