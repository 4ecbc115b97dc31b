"""What each table of the areas says while it is empty: what it will list, and what to do
first to fill it. Keyed by the table's object name; desktop/views/table_look.py shows the
sentence inside the empty table and gives it to screen readers, and the accessibility test
checks that every table of every area has one."""

from __future__ import annotations

EXPLANATIONS: dict[str, str] = {
    # Meetings
    "meetingsTable": "The meetings of the board or group chosen at the top (Ctrl+B) will be "
                     "listed here. Choose a board, then New meeting (Ctrl+N), or change the "
                     "year and status above if they hide its meetings.",
    "agendaTable": "The agenda items of this meeting will be listed here. Add the first "
                   "item with Add item, or take items from the forward plan.",
    "attendanceTable": "Who is expected at this meeting will be listed here: the board's "
                       "members are added when the meeting is made, or use Add person.",
    # Actions
    "actionsTable": "Actions agreed at meetings will be listed here. None matches the choices "
                    "above: choose Status All, clear Find, or record actions in a meeting's "
                    "agenda.",
    # People and groups
    "peopleTable": "People will be listed here. Add a person with New person, or import "
                   "existing records (File → Import, Ctrl+I).",
    "agenciesTable": "Agencies (the council, police, health…) will be listed here. Add one "
                     "with New agency.",
    "membershipsTable": "The seats of the board or group chosen will be listed here. Choose a "
                        "board on the left, then Add seat.",
    "boardsTree": "Boards and groups will be listed here. Add one with New board or group.",
    "memberAttendanceTable": "Each member's attendance will be listed here once meetings of "
                             "the group chosen have attendance recorded in the period.",
    "agencyNonAttendanceTable": "Meetings missed by each agency will be listed here once "
                                "attendance is recorded for the group and period chosen.",
    "quorumTable": "Whether each meeting was quorate will be listed here once meetings of "
                   "the group chosen are held in the period.",
    "interestsTable": "Declared interests will be listed here. Fill in the fields below and "
                      "Save entry, or record a declaration in a meeting's agenda.",
    "decisionLog": "Decisions made at meetings will be listed here. Record a decision at an "
                   "item of a meeting's agenda.",
    "reviewsTable": "Boards and groups with a membership or terms-of-reference review date "
                    "will be listed here. Set the review dates in Boards and groups.",
    # Training
    "sessionsTable": "Training sessions will be listed here. Add a course (Courses tab) first, "
                     "then New session; or show past sessions too.",
    "bookingsTable": "The bookings and waiting list of the session chosen will be listed "
                     "here. Choose a session, then Book delegate.",
    "registerTable": "The delegates booked on the session chosen will be listed here, to mark "
                     "as attended or not. Choose a session in the Sessions tab first.",
    "coursesTable": "Courses will be listed here. Add the first with New course.",
    "chargesTable": "Charges for non-attendance will be listed here once a register is "
                    "marked with delegates who did not attend, for the period chosen.",
    "historyTable": "Every booking of every session will be listed here. Book delegates on a "
                    "session first, or change the choices above.",
    "trainersTable": "Trainers will be listed here. Add one with New trainer.",
    "venuesTable": "Venues will be listed here. Add one with New venue.",
    # Reports
    "agencyFiguresTable": "Training figures by agency will be listed here for the period "
                          "chosen above, once sessions in it have bookings.",
    "courseFiguresTable": "Places offered and used on each course will be listed here for the "
                          "period chosen above, once sessions are held in it.",
    "registrationFiguresTable": "Registrations on each course and what became of them will be "
                                "listed here for the period chosen above.",
}

# Tables that always have rows (a month's calendar grid): nothing to explain.
NEVER_EMPTY = frozenset({"sessionsCalendar"})
