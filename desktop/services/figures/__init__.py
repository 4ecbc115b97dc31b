"""The annual report's figures, counted from the database.

Plain Python, no Qt: each function takes a `Database` and plain values, reads in its own
session and returns frozen dataclasses of plain values (names, counts, pence), never rows of
the ORM, so a view or an export can keep them after the session is gone.
"""

from desktop.services.figures.boards import (
    BoardAttendance,
    MeetingQuorum,
    MemberAttendance,
    board_attendance,
    meeting_quorum,
)
from desktop.services.figures.period import Period, format_pounds, reporting_year
from desktop.services.figures.training import (
    NOT_RECORDED,
    AgencyAttendance,
    AgencyCharges,
    AttendanceByAgency,
    AttendanceByCourse,
    ChargesReport,
    CourseAttendance,
    CourseCharges,
    attendance_by_agency,
    attendance_by_course,
    non_attendance_charges,
)

__all__ = [
    "NOT_RECORDED",
    "AgencyAttendance",
    "AgencyCharges",
    "AttendanceByAgency",
    "AttendanceByCourse",
    "BoardAttendance",
    "ChargesReport",
    "CourseAttendance",
    "CourseCharges",
    "MeetingQuorum",
    "MemberAttendance",
    "Period",
    "attendance_by_agency",
    "attendance_by_course",
    "board_attendance",
    "format_pounds",
    "meeting_quorum",
    "non_attendance_charges",
    "reporting_year",
]
