"""Minutes from draft to published: the steps they went through (when, by whom) and the
versions kept on the way, with word-level differences between any two versions.

A version is a snapshot of every item's label, title and minutes text (JSON), kept when the
minutes are drafted, sent to the chair, come back with the chair's changes, are circulated,
approved (after the amendments agreed are applied) and published. A step that finds the text
unchanged since the last version points at that version instead of keeping a copy.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.models import (
    AgendaItem,
    Meeting,
    MeetingStatus,
    MinutesEvent,
    MinutesState,
    MinutesVersion,
)
from desktop.models.audit import current_user
from desktop.models.database import Database
from desktop.services.errors import InvalidInput
from desktop.services.meetings.common import get_meeting
from desktop.services.richtext import html_to_text

# The step minutes reached before steps were recorded, read from the meeting's status.
STATE_BEFORE_STEPS = {MeetingStatus.DRAFT: "drafted", MeetingStatus.CIRCULATED: "circulated",
                      MeetingStatus.APPROVED: "approved"}
STATE_LABELS = {
    "drafted": "Drafted",
    "sent_to_chair": "Sent to the chair",
    "chair_changes": "Chair's changes recorded",
    "circulated": "Circulated to members",
    "approved": "Approved",
    "published": "Published",
}
# What the version kept at each step is called in the history.
VERSION_LABELS = {
    "drafted": "Draft",
    "sent_to_chair": "As sent to the chair",
    "chair_changes": "With the chair's changes",
    "circulated": "As circulated to members",
    "approved": "As approved",
    "published": "As published",
}
# The steps that may follow each state (None: nothing recorded yet). Approval is its own
# step (Approve minutes, at the next meeting), so it follows nothing here.
NEXT_STATES: dict[str | None, tuple[str, ...]] = {
    None: ("drafted", "sent_to_chair", "circulated"),
    "drafted": ("sent_to_chair", "circulated"),
    "sent_to_chair": ("chair_changes", "circulated"),
    "chair_changes": ("sent_to_chair", "circulated"),
    "circulated": (),
    "approved": ("published",),
    "published": ("published",),  # the public copy after the full one, or again
}


@dataclass(frozen=True)
class VersionLine:
    id: int
    number: int
    made_at: dt.datetime
    made_by: str
    label: str


@dataclass(frozen=True)
class StepLine:
    state: str
    label: str  # "Sent to the chair"; "Published (public copy)"
    at: dt.datetime
    by: str
    version: int | None  # the version number the step concerns
    approved_at: str | None  # the approving meeting, as "Board, 12/03/2027"
    public: bool | None
    note: str | None


@dataclass(frozen=True)
class MinutesHistory:
    meeting_id: int
    state: str | None  # the latest step, or what the meeting's status says
    versions: tuple[VersionLine, ...]
    steps: tuple[StepLine, ...]
    next_states: tuple[str, ...]


@dataclass(frozen=True)
class ItemDifference:
    label: str
    title: str
    change: str  # "same", "changed", "added" or "removed"
    # (kind, text) pieces in order; kind is "equal", "insert" or "delete".
    pieces: tuple[tuple[str, str], ...]


# -- snapshots ----------------------------------------------------------------------------


def snapshot(session: Session, meeting_id: int) -> list[dict[str, Any]]:
    """Every item of the meeting in agenda order (sub-items after their item)."""
    items = list(session.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id)))
    children: dict[int | None, list[AgendaItem]] = {}
    for item in items:
        children.setdefault(item.parent_id, []).append(item)
    ordered: list[dict[str, Any]] = []

    def walk(parent: int | None) -> None:
        for item in sorted(children.get(parent, []), key=lambda i: (i.position, i.id)):
            ordered.append({"id": item.id, "number": item.number, "title": item.title,
                            "minutes_html": item.minutes_html or ""})
            walk(item.id)

    walk(None)
    return ordered


def _latest_version(session: Session, meeting_id: int) -> MinutesVersion | None:
    return session.scalar(select(MinutesVersion).where(MinutesVersion.meeting_id == meeting_id)
                          .order_by(MinutesVersion.number.desc()).limit(1))


def keep_version(session: Session, meeting_id: int, label: str,
                 at: dt.datetime | None = None) -> MinutesVersion:
    """The minutes as they stand now, kept unless the latest version already says it."""
    text = json.dumps(snapshot(session, meeting_id), ensure_ascii=False)
    latest = _latest_version(session, meeting_id)
    if latest is not None and _same_text(latest.snapshot, text):
        return latest
    version = MinutesVersion(meeting_id=meeting_id, number=(latest.number + 1 if latest else 1),
                             made_at=at or _now(), made_by=current_user(), label=label,
                             snapshot=text)
    session.add(version)
    session.flush()
    return version


def _same_text(first: str, second: str) -> bool:
    def words(raw: str) -> list[tuple[str, str, str]]:
        return [(i["number"], i["title"], html_to_text(i["minutes_html"])) for i in json.loads(raw)]
    return words(first) == words(second)


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


# -- states -------------------------------------------------------------------------------


def current_state(session: Session, meeting: Meeting) -> str | None:
    latest = session.scalar(select(MinutesEvent.state).where(MinutesEvent.meeting_id == meeting.id)
                            .order_by(MinutesEvent.at.desc(), MinutesEvent.id.desc()).limit(1))
    if latest is not None:
        return str(latest)
    return STATE_BEFORE_STEPS.get(meeting.status)


def record_step(session: Session, meeting: Meeting, state: str, *,
                approved_at_id: int | None = None, public: bool | None = None,
                note: str | None = None, version: MinutesVersion | None = None) -> MinutesEvent:
    """Write the step and keep the version it concerns (the text as it is now, unless
    `version` is given); no checks: the callers check what may follow what."""
    at = _now()
    if version is None:
        version = keep_version(session, meeting.id, VERSION_LABELS[state], at)
    event = MinutesEvent(meeting_id=meeting.id, state=MinutesState(state), at=at,
                         by=current_user(), version_id=version.id,
                         approved_at_id=approved_at_id, public=public, note=note)
    session.add(event)
    session.flush()
    return event


def _has_text(session: Session, meeting_id: int) -> bool:
    return bool(session.scalar(
        select(func.count()).select_from(AgendaItem).where(AgendaItem.meeting_id == meeting_id)
        .where(func.length(func.trim(func.coalesce(AgendaItem.minutes_html, ""))) > 0)))


def move_to(database: Database, meeting_id: int, state: str, *, public: bool | None = None,
            note: str = "", version_number: int | None = None) -> None:
    """Record the next step of the minutes. Drafted, sent to the chair, the chair's changes
    and circulated keep the text as it is now; publishing names a version (the latest
    when None) and whether the copy was the public one (confidential items left out)."""
    if state not in STATE_LABELS:
        raise InvalidInput(f"{state!r} is not a step of the minutes (one of "
                           f"{', '.join(STATE_LABELS)}).", "state")
    if state == "approved":
        raise InvalidInput("Minutes are approved at a meeting: use Approve minutes there.")
    with database.transaction() as session:
        meeting = get_meeting(session, meeting_id)
        current = current_state(session, meeting)
        if state not in NEXT_STATES[current]:
            now = STATE_LABELS[current] if current else "not yet drafted"
            raise InvalidInput(f"The minutes are {now.lower()}: they cannot be marked "
                               f"{STATE_LABELS[state].lower()} now.", "state")
        if not _has_text(session, meeting_id):
            raise InvalidInput("Nothing has been minuted for that meeting yet.")
        version = None
        if state == "published":
            if public is None:
                raise InvalidInput("Say whether the public or the full copy was published.",
                                   "public")
            version = _version(session, meeting_id, version_number)
        record_step(session, meeting, state, public=public, version=version,
                    note=" ".join(note.split()) or None)
        # The meeting's own status follows: the lists and the approval flow read it.
        if state in ("drafted", "sent_to_chair", "chair_changes") and meeting.status in (
                MeetingStatus.PLANNED, MeetingStatus.AGENDA_ISSUED, MeetingStatus.IN_PROGRESS):
            meeting.status = MeetingStatus.DRAFT
        elif state == "circulated":
            meeting.status = MeetingStatus.CIRCULATED


def _version(session: Session, meeting_id: int, number: int | None) -> MinutesVersion:
    if number is None:
        version = _latest_version(session, meeting_id)
        return version or keep_version(session, meeting_id, VERSION_LABELS["published"])
    version = session.scalar(select(MinutesVersion).where(
        MinutesVersion.meeting_id == meeting_id, MinutesVersion.number == number))
    if version is None:
        raise InvalidInput(f"These minutes have no version {number}.", "version")
    return version


def history(database: Database, meeting_id: int) -> MinutesHistory:
    with database.session() as session:
        meeting = get_meeting(session, meeting_id)
        versions = tuple(VersionLine(v.id, v.number, v.made_at, v.made_by, v.label)
                         for v in session.scalars(
                             select(MinutesVersion).where(MinutesVersion.meeting_id == meeting_id)
                             .order_by(MinutesVersion.number)))
        numbers = {v.id: v.number for v in versions}
        steps = []
        for event in session.scalars(select(MinutesEvent).where(
                MinutesEvent.meeting_id == meeting_id).order_by(MinutesEvent.at, MinutesEvent.id)):
            label = STATE_LABELS[str(event.state)]
            if event.public is not None:
                label += " (public copy)" if event.public else " (full copy)"
            approving = event.approved_at
            steps.append(StepLine(
                str(event.state), label, event.at, event.by,
                numbers.get(event.version_id) if event.version_id else None,
                f"{approving.board.name}, {approving.date:%d/%m/%Y}" if approving else None,
                event.public, event.note))
        current = current_state(session, meeting)
        return MinutesHistory(meeting_id, current, versions, tuple(steps), NEXT_STATES[current])


# -- differences --------------------------------------------------------------------------

_TOKENS = re.compile(r"\s+|[^\s]+")


def compare(database: Database, meeting_id: int, first: int, second: int,
            ) -> list[ItemDifference]:
    """Item by item, the words of version `first` against version `second` (numbers)."""
    with database.session() as session:
        texts = {}
        for number in (first, second):
            version = session.scalar(select(MinutesVersion).where(
                MinutesVersion.meeting_id == meeting_id, MinutesVersion.number == number))
            if version is None:
                raise InvalidInput(f"These minutes have no version {number}.", "version")
            texts[number] = json.loads(version.snapshot)
    return compare_snapshots(texts[first], texts[second])


def compare_snapshots(old: list[dict[str, Any]], new: list[dict[str, Any]],
                      ) -> list[ItemDifference]:
    before = {item["id"]: item for item in old}
    result = []
    for item in new:
        earlier = before.pop(item["id"], None)
        text = html_to_text(item["minutes_html"])
        if earlier is None:
            result.append(ItemDifference(item["number"], item["title"], "added",
                                         (("insert", text),) if text else ()))
            continue
        pieces = word_differences(html_to_text(earlier["minutes_html"]), text)
        title_changed = earlier["title"] != item["title"]
        changed = title_changed or any(kind != "equal" for kind, _ in pieces)
        result.append(ItemDifference(item["number"], item["title"],
                                     "changed" if changed else "same", pieces))
    for item in before.values():
        text = html_to_text(item["minutes_html"])
        result.append(ItemDifference(item["number"], item["title"], "removed",
                                     (("delete", text),) if text else ()))
    return result


def word_differences(old: str, new: str) -> tuple[tuple[str, str], ...]:
    """`old` turned into `new` as pieces kept, deleted and inserted, a word at a time."""
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    pieces: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            pieces.append(("equal", "".join(a[i1:i2])))
            continue
        if tag in ("delete", "replace"):
            pieces.append(("delete", "".join(a[i1:i2])))
        if tag in ("insert", "replace"):
            pieces.append(("insert", "".join(b[j1:j2])))
    return tuple(pieces)
