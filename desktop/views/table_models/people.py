"""Tables of the People and groups area: people, agencies, seats, and attendance figures."""

from __future__ import annotations

from desktop.services.agencies import AgencyRow
from desktop.services.boards import MembershipRow
from desktop.services.figures.boards import (
    AgencyNonAttendance,
    MeetingQuorum,
    MemberAttendance,
    attendance_text,
)
from desktop.services.people import PersonRow
from desktop.views.table_models.rows import Column, RowsTableModel
from desktop.views.text import show_date


def _or_blank(text: str | None) -> str:
    return text or ""


class PeopleTableModel(RowsTableModel[PersonRow]):
    COL_NAME, COL_JOB, COL_AGENCY, COL_EMAIL = range(4)
    columns = (
        Column("Name", lambda r: r.display_name, lambda r: r.name.casefold()),
        Column("Job title", lambda r: _or_blank(r.job_title), lambda r: _or_blank(r.job_title)),
        Column("Agency", lambda r: _or_blank(r.agency), lambda r: _or_blank(r.agency)),
        Column("E-mail", lambda r: _or_blank(r.email), lambda r: _or_blank(r.email)),
    )


class AgenciesTableModel(RowsTableModel[AgencyRow]):
    COL_NAME, COL_SHORT, COL_SECTOR, COL_PEOPLE = range(4)
    columns = (
        Column("Agency", lambda r: r.name, lambda r: r.name.casefold()),
        Column("Short name", lambda r: _or_blank(r.short_name),
               lambda r: _or_blank(r.short_name)),
        Column("Sector", lambda r: r.sector_label, lambda r: r.sector_label),
        Column("People", lambda r: str(r.people), lambda r: r.people, align_right=True),
    )


class MembershipsTableModel(RowsTableModel[MembershipRow]):
    COL_PERSON, COL_AGENCY, COL_ROLE, COL_FROM, COL_TO, COL_DEPUTY = range(6)
    columns = (
        Column("Member", lambda r: r.person, lambda r: r.person.casefold()),
        Column("Agency", lambda r: _or_blank(r.agency), lambda r: _or_blank(r.agency)),
        Column("Role", lambda r: _or_blank(r.role), lambda r: _or_blank(r.role)),
        Column("From", lambda r: show_date(r.from_date), lambda r: r.from_date),
        Column("To", lambda r: show_date(r.to_date), lambda r: r.to_date),
        Column("Deputy", lambda r: _or_blank(r.deputy), lambda r: _or_blank(r.deputy)),
    )


class MemberAttendanceTableModel(RowsTableModel[MemberAttendance]):
    """The annual report's table: one row per seat, "3/4" and what it hides."""

    COL_ROLE, COL_PERSON, COL_ATTENDED = range(3)
    columns = (
        Column("Member / Agency / Organisation", lambda r: r.role or r.person,
               lambda r: r.membership_id),
        Column("Member", lambda r: r.person, lambda r: r.person.casefold()),
        Column("Meetings attended", attendance_text,
               lambda r: (r.attended / r.meetings_held) if r.meetings_held else 0),
    )


class QuorumTableModel(RowsTableModel[MeetingQuorum]):
    COL_DATE, COL_TITLE, COL_PRESENT, COL_QUORATE = range(4)
    columns = (
        Column("Meeting", lambda r: show_date(r.date), lambda r: r.date),
        Column("Title", lambda r: _or_blank(r.title), lambda r: _or_blank(r.title)),
        Column("Present", lambda r: str(r.present), lambda r: r.present, align_right=True),
        Column("Quorate", lambda r: _quorate_text(r), lambda r: _quorate_text(r)),
    )


def _quorate_text(row: MeetingQuorum) -> str:
    if row.quorate is None:
        return "No quorum set"
    return f"Yes (quorum {row.quorum})" if row.quorate else f"No (quorum {row.quorum})"


class AgencyNonAttendanceTableModel(RowsTableModel[AgencyNonAttendance]):
    COL_AGENCY, COL_ATTENDED, COL_MISSED = range(3)
    columns = (
        Column("Agency", lambda r: r.agency, lambda r: r.agency.casefold()),
        Column("Attended", lambda r: f"{r.attended}/{r.expected}", lambda r: r.attended,
               align_right=True),
        Column("Meetings missed",
               lambda r: "; ".join(f"{m.board} {show_date(m.date)}" for m in r.missed) or "None",
               lambda r: len(r.missed)),
    )
