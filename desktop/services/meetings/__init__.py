"""Meetings: their details, attendance, agenda, status and approval.

Every function is one unit of work; bad input raises InvalidInput (a ValueError) with a
plain message and changes nothing.
"""

from desktop.services.meetings.agenda import (
    ItemFields,
    add_item,
    indent_item,
    move_item,
    outdent_item,
    remove_item,
    save_minutes,
    update_item,
)
from desktop.services.meetings.attendance import (
    NewPerson,
    add_attendee,
    add_deputy,
    deputy_offer,
    fill_from_members,
    remove_attendee,
    update_attendance,
)
from desktop.services.meetings.common import AmendmentNeeded
from desktop.services.meetings.details import (
    STANDING_ITEMS,
    MeetingFields,
    approve,
    copy_meeting,
    create_meeting,
    delete_meeting,
    is_minuted,
    save_details,
    set_status,
)
from desktop.services.meetings.queries import (
    list_meetings,
    meeting_record,
    meeting_years,
    people_choices,
    previous_meeting,
)
from desktop.services.meetings.records import (
    ATTENDANCE_LABELS,
    KIND_LABELS,
    PURPOSE_LABELS,
    STATUS_LABELS,
    STATUS_ORDER,
    AttendanceRow,
    ItemRow,
    MeetingDetails,
    MeetingRecord,
    MeetingRow,
    PersonChoice,
)

__all__ = [
    "ATTENDANCE_LABELS",
    "KIND_LABELS",
    "PURPOSE_LABELS",
    "STANDING_ITEMS",
    "STATUS_LABELS",
    "STATUS_ORDER",
    "AmendmentNeeded",
    "AttendanceRow",
    "ItemFields",
    "ItemRow",
    "MeetingDetails",
    "MeetingFields",
    "MeetingRecord",
    "MeetingRow",
    "NewPerson",
    "PersonChoice",
    "add_attendee",
    "add_deputy",
    "add_item",
    "approve",
    "copy_meeting",
    "create_meeting",
    "delete_meeting",
    "deputy_offer",
    "fill_from_members",
    "indent_item",
    "is_minuted",
    "list_meetings",
    "meeting_record",
    "meeting_years",
    "move_item",
    "outdent_item",
    "people_choices",
    "previous_meeting",
    "remove_attendee",
    "remove_item",
    "save_details",
    "save_minutes",
    "set_status",
    "update_attendance",
    "update_item",
]
