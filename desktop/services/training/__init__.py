"""Training: the course catalogue, sessions, bookings and their rules, registers, charges.

Plain Python, no Qt. Every change is one call and one transaction; bad input or a broken rule
raises `TrainingError` (a ValueError) with a plain message, and nothing is changed.
"""

from desktop.services.training.bookings import (
    Cancellation,
    SessionCancellation,
    SessionChange,
    book,
    cancel_booking,
    cancel_session,
    change_session,
    charge_if_cancelled,
    earlier_attendance,
    list_bookings,
    substitute,
)
from desktop.services.training.charges import (
    AgencyInvoice,
    ChargeLine,
    InvoiceList,
    invoice_list,
    list_charges,
    reinstate_charge,
    waive_charge,
)
from desktop.services.training.common import (
    ABSENCE_REASONS,
    CANCELLATION_REASONS,
    BookingInfo,
    DecisionNeeded,
    NewDelegate,
    PersonMatch,
    Reason,
    TrainingError,
)
from desktop.services.training.courses import (
    FORMATS,
    LEVELS,
    CourseDetails,
    CourseInfo,
    list_courses,
    save_course,
)
from desktop.services.training.delegates import (
    AgencyChoice,
    list_agencies,
    possible_duplicates,
    search_people,
)
from desktop.services.training.register import add_walk_in, mark, register
from desktop.services.training.sessions import (
    SessionDetails,
    SessionInfo,
    find_session,
    get_session_info,
    list_sessions,
    mark_completed,
    schedule_session,
)

__all__ = [
    "ABSENCE_REASONS",
    "CANCELLATION_REASONS",
    "FORMATS",
    "LEVELS",
    "AgencyChoice",
    "AgencyInvoice",
    "BookingInfo",
    "Cancellation",
    "ChargeLine",
    "CourseDetails",
    "CourseInfo",
    "DecisionNeeded",
    "InvoiceList",
    "NewDelegate",
    "PersonMatch",
    "Reason",
    "SessionCancellation",
    "SessionChange",
    "SessionDetails",
    "SessionInfo",
    "TrainingError",
    "add_walk_in",
    "book",
    "cancel_booking",
    "cancel_session",
    "change_session",
    "charge_if_cancelled",
    "earlier_attendance",
    "find_session",
    "get_session_info",
    "invoice_list",
    "list_agencies",
    "list_bookings",
    "list_charges",
    "list_courses",
    "list_sessions",
    "mark",
    "mark_completed",
    "possible_duplicates",
    "register",
    "reinstate_charge",
    "save_course",
    "schedule_session",
    "search_people",
    "substitute",
    "waive_charge",
]
