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
    list_bookings,
    substitute,
)
from desktop.services.training.bulk import (
    BulkBooking,
    Candidate,
    NotBooked,
    book_many,
    people_to_book,
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
from desktop.services.training.clashes import Clash, SessionWarnings, session_warnings
from desktop.services.training.common import BookingInfo, NewDelegate, PersonMatch, TrainingError
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
from desktop.services.training.records import (
    TrainerDetails,
    TrainerInfo,
    VenueDetails,
    VenueInfo,
    delete_trainer,
    delete_venue,
    list_trainers,
    list_venues,
    save_trainer,
    save_venue,
)
from desktop.services.training.register import add_walk_in, mark, register
from desktop.services.training.sessions import (
    SessionDetails,
    SessionInfo,
    get_session_info,
    list_sessions,
    mark_completed,
    schedule_session,
)

__all__ = [
    "FORMATS",
    "LEVELS",
    "AgencyChoice",
    "AgencyInvoice",
    "BookingInfo",
    "BulkBooking",
    "Cancellation",
    "Candidate",
    "ChargeLine",
    "Clash",
    "CourseDetails",
    "CourseInfo",
    "InvoiceList",
    "NewDelegate",
    "NotBooked",
    "PersonMatch",
    "SessionCancellation",
    "SessionChange",
    "SessionDetails",
    "SessionInfo",
    "SessionWarnings",
    "TrainerDetails",
    "TrainerInfo",
    "TrainingError",
    "VenueDetails",
    "VenueInfo",
    "add_walk_in",
    "book",
    "book_many",
    "cancel_booking",
    "cancel_session",
    "change_session",
    "delete_trainer",
    "delete_venue",
    "get_session_info",
    "invoice_list",
    "list_agencies",
    "list_bookings",
    "list_charges",
    "list_courses",
    "list_sessions",
    "list_trainers",
    "list_venues",
    "mark",
    "mark_completed",
    "people_to_book",
    "possible_duplicates",
    "register",
    "reinstate_charge",
    "save_course",
    "save_trainer",
    "save_venue",
    "schedule_session",
    "search_people",
    "session_warnings",
    "substitute",
    "waive_charge",
]
