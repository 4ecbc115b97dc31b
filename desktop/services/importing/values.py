"""Reading the values people type into spreadsheets: dates in every local shape, RAG ratings,
statuses in a booking system's words, owners written "Nancy / Carol".

Each reader returns a value and, where it had to guess, a note the user should see; a value it
cannot read at all raises ValueError with the reason in plain words.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Any

from desktop.models import ActionStatus, BookingStatus, Rag
from desktop.services.action_lines import split_owners

# Excel counts days from 30 December 1899 (its 1900 leap-year bug included).
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_NUMERIC = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")
_WORDS = re.compile(r"^(?:[a-z]+,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{2}|\d{4})$",
                    re.IGNORECASE)
_MONTH_YEAR = re.compile(r"^([a-z]+)\.?[\s\-']+(\d{2}|\d{4})$", re.IGNORECASE)
_MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.lower(): n for n, name in enumerate(calendar.month_abbr) if name}
_MONTHS["sept"] = 9
_TIME = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$", re.IGNORECASE)


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if year < 100 and len(text) == 2 else year


def read_date(value: Any) -> tuple[dt.date, str | None]:
    """A date and, for a month without a day ("Jan 2011" → 31/01/2011), a note saying so.

    Numbers are Excel serial dates (a CSV saved from Excel may hold them); numeric dates are
    day first, as written in the UK (07.12.10 is 7 December 2010).
    """
    if isinstance(value, dt.datetime):
        return value.date(), None
    if isinstance(value, dt.date):
        return value, None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if not 1 <= value < 2_958_466:  # up to 31/12/9999
            raise ValueError(f"{value} is not a date")
        return _EXCEL_EPOCH + dt.timedelta(days=int(value)), None
    text = " ".join(str(value).strip().split())
    if text.isdigit() and 20_000 <= int(text) < 80_000:  # a serial date written out as text
        return _EXCEL_EPOCH + dt.timedelta(days=int(text)), None
    try:
        if match := _NUMERIC.match(text):
            day, month, year = int(match[1]), int(match[2]), _year(match[3])
            return dt.date(year, month, day), None
        if match := _ISO.match(text):
            return dt.date(int(match[1]), int(match[2]), int(match[3])), None
        if (match := _WORDS.match(text)) and match[2].lower() in _MONTHS:
            return dt.date(_year(match[3]), _MONTHS[match[2].lower()], int(match[1])), None
        if (match := _MONTH_YEAR.match(text)) and match[1].lower() in _MONTHS:
            year, month = _year(match[2]), _MONTHS[match[1].lower()]
            day = calendar.monthrange(year, month)[1]
            end = dt.date(year, month, day)
            return end, f"{text!r} has no day: taken as the end of the month, {end:%d/%m/%Y}"
    except ValueError:
        raise ValueError(f"{text!r} is not a date that exists") from None
    raise ValueError(f"{text!r} is not a date (dd/mm/yyyy, or a month and year)")


def read_time(value: Any) -> dt.time:
    """9.30, 09:30, 9.30am, 2pm, or a time Excel stored."""
    if isinstance(value, dt.datetime):
        return value.time().replace(second=0, microsecond=0)
    if isinstance(value, dt.time):
        return value.replace(second=0, microsecond=0)
    if isinstance(value, float) and 0 <= value < 1:  # Excel keeps a time as part of a day
        minutes = round(value * 24 * 60)
        return dt.time(minutes // 60 % 24, minutes % 60)
    text = str(value).strip().replace(" ", "")
    match = _TIME.match(text)
    if match:
        hour, minute = int(match[1]), int(match[2] or 0)
        if match[3] and match[3].lower() == "pm" and hour < 12:
            hour += 12
        if match[3] and match[3].lower() == "am" and hour == 12:
            hour = 0
        if hour < 24 and minute < 60:
            return dt.time(hour, minute)
    raise ValueError(f"{str(value).strip()!r} is not a time (such as 9.30 or 14:00)")


_RAG = {
    "r": Rag.RED, "red": Rag.RED, "a": Rag.AMBER, "amber": Rag.AMBER, "g": Rag.GREEN,
    "green": Rag.GREEN, "y": Rag.AMBER, "yellow": Rag.AMBER,
}


def read_rag(value: Any) -> Rag:
    word = str(value).strip().lower().rstrip(".")
    if word in _RAG:
        return _RAG[word]
    raise ValueError(f"{str(value).strip()!r} is not a RAG rating (R, A, G or red, amber, green)")


# Words of action logs for an action's progress, first match wins.
_ACTION_WORDS: tuple[tuple[str, ActionStatus], ...] = (
    ("withdrawn", ActionStatus.WITHDRAWN), ("to close", ActionStatus.TO_CLOSE),
    ("closed", ActionStatus.CLOSED), ("complete", ActionStatus.COMPLETED),
    ("done", ActionStatus.COMPLETED), ("ongoing", ActionStatus.ONGOING),
    ("in progress", ActionStatus.IN_PROGRESS), ("progress", ActionStatus.IN_PROGRESS),
    ("started", ActionStatus.IN_PROGRESS), ("open", ActionStatus.OPEN),
    ("not started", ActionStatus.OPEN), ("outstanding", ActionStatus.OPEN),
)


def read_action_status(value: Any) -> ActionStatus:
    words = " ".join(str(value).lower().replace("-", " ").split())
    for word, status in sorted(_ACTION_WORDS, key=lambda pair: -len(pair[0])):
        if words.startswith(word):
            return status
    raise ValueError(
        f"{str(value).strip()[:40]!r} is not a progress the action log knows "
        "(open, in progress, ongoing, completed, to close, closed, withdrawn)"
    )


# Attendee statuses of online booking systems (Eventbrite, Learning Pool, ...).
_BOOKING_WORDS = {
    "checked in": BookingStatus.ATTENDED, "attended": BookingStatus.ATTENDED,
    "attending": BookingStatus.BOOKED, "present": BookingStatus.ATTENDED,
    "not checked in": BookingStatus.DID_NOT_ATTEND, "did not attend": BookingStatus.DID_NOT_ATTEND,
    "dna": BookingStatus.DID_NOT_ATTEND, "no show": BookingStatus.DID_NOT_ATTEND,
    "absent": BookingStatus.DID_NOT_ATTEND, "cancelled": BookingStatus.CANCELLED,
    "canceled": BookingStatus.CANCELLED, "refunded": BookingStatus.CANCELLED,
    "waitlist": BookingStatus.WAITING, "waiting list": BookingStatus.WAITING,
    "wait list": BookingStatus.WAITING, "waitlisted": BookingStatus.WAITING,
    "waiting": BookingStatus.WAITING, "booked": BookingStatus.BOOKED,
    "confirmed": BookingStatus.BOOKED, "registered": BookingStatus.BOOKED,
}


def read_booking_status(value: Any) -> BookingStatus:
    words = " ".join(str(value).lower().replace("-", " ").replace("_", " ").split())
    if words in _BOOKING_WORDS:
        return _BOOKING_WORDS[words]
    raise ValueError(
        f"{str(value).strip()[:40]!r} is not an attendee status Boardwork knows (Checked In, "
        "Not Checked In, Cancelled, Waitlist, Booked, Attended, Did not attend)"
    )


def read_owners(value: Any) -> list[str]:
    """ "Nancy / Carol", "LB, SH and EH", "Lorna Hunt; Mairead Panetta" → each owner."""
    text = str(value).replace(";", ",").replace("\n", ",")
    return list(split_owners(text))


def read_number(value: Any) -> int:
    """An action number as logs write it: 12, 12.0, "12", "A12", "No. 12"."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        if value < 1:
            raise ValueError(f"{value} is not an action number")
        return value
    match = re.search(r"\d+", str(value))
    if match is None or int(match[0]) < 1:
        raise ValueError(f"{str(value).strip()[:20]!r} is not an action number")
    return int(match[0])


def cell_text(value: Any) -> str:
    """A cell as text: a number without a needless ".0", a date as dd/mm/yyyy."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y %H:%M") if value.time() != dt.time() else \
            value.strftime("%d/%m/%Y")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return " ".join(str(value).split())
