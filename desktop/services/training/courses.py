"""The course catalogue: what the board offers, at what capacity and what charges."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from desktop.models import Course, CourseFormat, CourseLevel
from desktop.models.database import Database
from desktop.services.keys import unique_key
from desktop.services.training.common import TrainingError

LEVELS = {level.value: level.value.capitalize() for level in CourseLevel}
FORMATS = {
    CourseFormat.FULL_DAY.value: "Full day",
    CourseFormat.HALF_DAY.value: "Half day",
    CourseFormat.LITE_BITE.value: "Lite bite",
    CourseFormat.CONFERENCE.value: "Conference",
    CourseFormat.E_LEARNING.value: "E-learning",
}


@dataclass(frozen=True)
class CourseDetails:
    """What the coordinator types for a course; charges in whole pence."""

    title: str
    level: str | None = None
    format: str | None = None
    duration_minutes: int | None = None
    capacity: int | None = None
    non_attendance_charge_pence: int | None = None
    late_cancellation_charge_pence: int | None = None
    description: str = ""


@dataclass(frozen=True)
class CourseInfo:
    id: int
    key: str
    details: CourseDetails

    @property
    def title(self) -> str:
        return self.details.title


def _info(course: Course) -> CourseInfo:
    return CourseInfo(course.id, course.key, CourseDetails(
        course.title, course.level.value if course.level else None,
        course.format.value if course.format else None, course.duration_minutes,
        course.capacity, course.non_attendance_charge_pence,
        course.late_cancellation_charge_pence, course.description or "",
    ))


def list_courses(db: Database) -> tuple[CourseInfo, ...]:
    """Every course, by title."""
    with db.session() as s:
        return tuple(_info(c) for c in s.scalars(select(Course).order_by(Course.title, Course.id)))


def _check(details: CourseDetails) -> str:
    title = " ".join(details.title.split())
    if not title:
        raise TrainingError("A course needs a title.")
    if details.level is not None and details.level not in LEVELS:
        raise TrainingError(f"{details.level!r} is not a course level.")
    if details.format is not None and details.format not in FORMATS:
        raise TrainingError(f"{details.format!r} is not a course format.")
    for value, what in ((details.capacity, "The capacity"),
                        (details.duration_minutes, "The duration")):
        if value is not None and value <= 0:
            raise TrainingError(f"{what} must be more than nothing.")
    for pence in (details.non_attendance_charge_pence, details.late_cancellation_charge_pence):
        if pence is not None and pence < 0:
            raise TrainingError("A charge cannot be negative.")
    return title


def save_course(db: Database, details: CourseDetails, course_id: int | None = None) -> CourseInfo:
    """Add a course (course_id None) or change one; returns it as saved."""
    title = _check(details)
    with db.transaction() as s:
        if course_id is None:
            course = Course(key=unique_key(s, Course, title))
            s.add(course)
        else:
            found = s.get(Course, course_id)
            if found is None:
                raise TrainingError("That course no longer exists.")
            course = found
        course.title = title
        course.level = CourseLevel(details.level) if details.level else None
        course.format = CourseFormat(details.format) if details.format else None
        course.duration_minutes = details.duration_minutes
        course.capacity = details.capacity
        course.non_attendance_charge_pence = details.non_attendance_charge_pence
        course.late_cancellation_charge_pence = details.late_cancellation_charge_pence
        course.description = details.description.strip() or None
        s.flush()
        return _info(course)
