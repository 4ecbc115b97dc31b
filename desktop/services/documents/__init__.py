"""Read-only gathering of what each Word or PDF document prints, as plain dataclasses."""

from desktop.services.documents.meeting_record import (
    AmendmentLine,
    AttendanceLine,
    DocumentError,
    ItemAction,
    ItemRecord,
    MeetingRecord,
    UpdateLine,
    meeting_record,
)

__all__ = [
    "AmendmentLine",
    "AttendanceLine",
    "DocumentError",
    "ItemAction",
    "ItemRecord",
    "MeetingRecord",
    "UpdateLine",
    "meeting_record",
]
