"""The database layer: SQLAlchemy models, one module per area, and the encrypted engine.

Importing this package registers every table on `Base.metadata`.
"""

from desktop.models.actions import (
    OPEN_STATUSES,
    Action,
    ActionOwner,
    ActionStatus,
    ActionUpdate,
    Rag,
)
from desktop.models.audit import AuditEntry
from desktop.models.base import Base
from desktop.models.boards import Board, BoardKind, Membership, NumberingStyle
from desktop.models.cycle import (
    BoardReview,
    Decision,
    Declaration,
    Interest,
    MinutesEvent,
    MinutesState,
    MinutesVersion,
)
from desktop.models.forward_plan import ForwardPlanEntry
from desktop.models.meetings import (
    AgendaItem,
    Amendment,
    Attendance,
    AttendanceStatus,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Purpose,
    StandingItem,
)
from desktop.models.outlook import CalendarEvent, PreparedMessage
from desktop.models.papers import Paper
from desktop.models.people import Agency, Person, Sector
from desktop.models.settings import Setting
from desktop.models.training import (
    Booking,
    BookingStatus,
    Course,
    CourseFormat,
    CourseLevel,
    SessionFormerKey,
    SessionStatus,
    TrainingSession,
)
from desktop.models.training_records import Trainer, Venue

__all__ = [
    "OPEN_STATUSES",
    "Action",
    "ActionOwner",
    "ActionStatus",
    "ActionUpdate",
    "Agency",
    "AgendaItem",
    "Amendment",
    "Attendance",
    "AttendanceStatus",
    "AuditEntry",
    "Base",
    "Board",
    "BoardKind",
    "BoardReview",
    "Booking",
    "BookingStatus",
    "CalendarEvent",
    "Course",
    "CourseFormat",
    "CourseLevel",
    "Decision",
    "Declaration",
    "ForwardPlanEntry",
    "Interest",
    "Meeting",
    "MeetingKind",
    "MeetingStatus",
    "Membership",
    "MinutesEvent",
    "MinutesState",
    "MinutesVersion",
    "NumberingStyle",
    "Paper",
    "Person",
    "PreparedMessage",
    "Purpose",
    "Rag",
    "Sector",
    "SessionFormerKey",
    "SessionStatus",
    "Setting",
    "StandingItem",
    "Trainer",
    "TrainingSession",
    "Venue",
]
