"""What the meeting screens show: plain values read from the database."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

STATUS_ORDER = ("planned", "agenda_issued", "in_progress", "draft", "circulated", "approved")
STATUS_LABELS = {
    "planned": "Planned",
    "agenda_issued": "Agenda issued",
    "in_progress": "In progress",
    "draft": "Draft minutes",
    "circulated": "Circulated",
    "approved": "Approved",
}
KIND_LABELS = {
    "ordinary": "Ordinary",
    "extraordinary": "Extraordinary",
    "development": "Development day",
    "joint": "Joint",
}
ATTENDANCE_LABELS = {
    "present": "Present",
    "in_attendance": "In attendance",
    "apologies": "Apologies",
    "absent": "Absent",
    "expected": "Expected",
}
PURPOSE_LABELS = {
    "decision": "Decision",
    "discussion": "Discussion",
    "assurance": "Assurance",
    "information": "Information",
}


def shows_matters_arising(standing: str | None, title: str) -> bool:
    """The item where earlier meetings' open actions are read out and updated."""
    lowered = title.lower()
    return standing == "action_log" or "action log" in lowered or "matters arising" in lowered


@dataclass(frozen=True)
class MeetingRow:
    id: int
    key: str
    board_id: int
    board: str
    title: str
    kind: str
    date: dt.date
    start: dt.time | None
    venue: str
    status: str


@dataclass(frozen=True)
class MeetingDetails:
    id: int
    key: str
    board_id: int
    board: str
    title: str
    kind: str
    date: dt.date
    start: dt.time | None
    end: dt.time | None
    venue: str
    chair_id: int | None
    minute_taker_id: int | None
    closed_at: dt.time | None
    next_meeting: dt.date | None
    status: str

    @property
    def locked(self) -> bool:
        """Approved minutes change only through amendments."""
        return self.status == "approved"


@dataclass(frozen=True)
class AttendanceRow:
    id: int
    person_id: int
    name: str
    initials: str
    status: str
    role: str
    agency: str
    representing_id: int | None
    representing: str
    arrived: dt.time | None
    left: dt.time | None
    note: str


@dataclass(frozen=True)
class ItemRow:
    id: int
    parent_id: int | None
    depth: int
    number: str
    number_fixed: bool
    title: str
    presenter: str
    purpose: str | None
    confidential: bool
    standing: str | None
    minutes_html: str
    started_at: dt.time | None = None  # when the meeting reached it (minute-taking view)
    paper_expected: bool = False  # listed as missing until a paper is attached

    @property
    def matters_arising(self) -> bool:
        return shows_matters_arising(self.standing, self.title)


@dataclass(frozen=True)
class AmendmentRow:
    date: dt.date
    text: str


@dataclass(frozen=True)
class PersonChoice:
    id: int
    name: str
    agency: str


@dataclass(frozen=True)
class MeetingRecord:
    details: MeetingDetails
    attendance: list[AttendanceRow]
    items: list[ItemRow]  # depth-first, in agenda order
    amendments: list[AmendmentRow]
