"""Recognising an action typed in the minutes: "Action: LB to provide a report by December".

Plain text in, a proposal out: who owns it and when it is due, as far as the words say.
Nothing here touches the database.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from desktop.dates import month_end

# "Action:", "ACTION -", "Action –", "Actions:" at the start of a line.
_LEAD = re.compile(r"^\s*actions?\s*[:\-–—]\s*(?P<rest>\S.*)$", re.IGNORECASE)
# The owners are everything before the first " to " ("LB and SH to …").
_OWNERS = re.compile(r"^(?P<owners>.+?)\s+to\s+\S", re.IGNORECASE)
# Commas always separate owners; "and", "&" and "/" may be part of a name ("L&I Sub-group").
_COMMA = re.compile(r"\s*,\s*")
_SOFT = re.compile(r"(\s*(?:/|&|\band\b)\s*)", re.IGNORECASE)
_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
_BY = re.compile(r"\b(?:by|before)\s+(?:the\s+)?(?:end\s+of\s+)?(?P<when>[^.;,]+?)\s*[.;]?\s*$",
                 re.IGNORECASE)
_NUMERIC = re.compile(r"^(\d{1,2})[/.](\d{1,2})(?:[/.](\d{2,4}))?$")
_WORDS = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)(?:\s+(\d{4}))?$", re.IGNORECASE)
_MONTH_YEAR = re.compile(r"^([a-z]+)(?:\s+(\d{4}))?$", re.IGNORECASE)
_WEEKDAY = re.compile(r"^(?:next\s+|on\s+)?([a-z]+)$", re.IGNORECASE)
_WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}
_WEEKDAYS.update({name.lower(): number for number, name in enumerate(calendar.day_abbr)})


@dataclass(frozen=True)
class ActionProposal:
    text: str  # the action as typed, without "Action:"
    owners: tuple[str, ...]  # as written: initials or group names
    due: dt.date | None


def _year_for(month: int, meeting: dt.date) -> int:
    """A month without a year is the next such month from the meeting on."""
    return meeting.year if month >= meeting.month else meeting.year + 1


def _next_date(day: int, month: int, meeting: dt.date) -> dt.date:
    """A day and month without a year: the first such date from the meeting on."""
    this_year = dt.date(meeting.year, month, day) if (month, day) != (2, 29) else None
    if this_year is not None and this_year >= meeting:
        return this_year
    year = meeting.year + 1
    while (month, day) == (2, 29) and not calendar.isleap(year):
        year += 1
    return dt.date(year, month, day)


def due_from_words(when: str, meeting: dt.date, next_meeting: dt.date | None) -> dt.date | None:
    """ "December" → 31/12; "31/12/2018" or "31/12"; "5 January 2019"; "next Friday" (the
    first Friday after the meeting); "the next meeting" → its date."""
    words = " ".join(when.lower().split())
    if words in ("next meeting", "the next meeting", "next board", "next board meeting"):
        return next_meeting
    try:
        if match := _NUMERIC.match(words):
            day, month = int(match.group(1)), int(match.group(2))
            if match.group(3) is None:
                return _next_date(day, month, meeting)
            year = int(match.group(3))
            return dt.date(year + 2000 if year < 100 else year, month, day)
        if (match := _WEEKDAY.match(words)) and match.group(1) in _WEEKDAYS:
            ahead = (_WEEKDAYS[match.group(1)] - meeting.weekday() - 1) % 7 + 1
            return meeting + dt.timedelta(days=ahead)
        if (match := _WORDS.match(words)) and match.group(2) in _MONTHS:
            month, day = _MONTHS[match.group(2)], int(match.group(1))
            if not match.group(3):
                return _next_date(day, month, meeting)
            return dt.date(int(match.group(3)), month, day)
        if (match := _MONTH_YEAR.match(words)) and match.group(1) in _MONTHS:
            month = _MONTHS[match.group(1)]
            year = int(match.group(2)) if match.group(2) else _year_for(month, meeting)
            return month_end(year, month)
    except ValueError:  # "31 February": no date rather than a wrong one
        return None
    return None


def split_owners(words: str, is_known: Callable[[str], bool] | None = None) -> tuple[str, ...]:
    """The owners a phrase names: "LB, SH and EH" → LB, SH, EH.

    With `is_known` (a person, group or agency the database knows), a name is kept whole
    where splitting it would make names nobody knows: "Learning and Improvement Sub-group"
    and "L&I Sub-group" stay one owner, "LB and SH" are two. Pieces nobody knows, side by
    side, are joined again as written, so the user is asked about the name as written.
    """
    owners: list[str] = []
    for part in _COMMA.split(words):
        part = part.strip(" .")
        if not part:
            continue
        if is_known is None:
            owners += [p.strip(" .") for p in _SOFT.split(part)[::2] if p.strip(" .")]
        elif is_known(part):
            owners.append(part)
        else:
            owners += _known_runs(_SOFT.split(part), is_known)
    return tuple(owners)


def _known_runs(pieces: list[str], is_known: Callable[[str], bool]) -> list[str]:
    """`pieces` alternates names and the separators between them. The longest run of pieces
    that is a known name is taken at each place; unknown pieces together make one name."""
    names, unknown = pieces[::2], ""
    result: list[str] = []
    i = 0
    while i < len(names):
        for j in range(len(names) - 1, i - 1, -1):
            whole = "".join(pieces[2 * i:2 * j + 1]).strip(" .")
            if whole and is_known(whole):
                if unknown.strip(" ."):
                    result.append(unknown.strip(" ."))
                result.append(whole)
                unknown, i = "", j + 1
                break
        else:
            unknown += (pieces[2 * i - 1] if unknown else "") + names[i]
            i += 1
    if unknown.strip(" ."):
        result.append(unknown.strip(" ."))
    return result


def parse_action_line(line: str, meeting: dt.date, next_meeting: dt.date | None = None,
                      is_known: Callable[[str], bool] | None = None) -> ActionProposal | None:
    """The proposal a line makes, or None when it is not an action line (`is_known`: see
    `split_owners`)."""
    lead = _LEAD.match(line)
    if lead is None:
        return None
    text = " ".join(lead.group("rest").split())
    owners_part = _OWNERS.match(text)
    owners: tuple[str, ...] = ()
    if owners_part is not None:
        owners = split_owners(owners_part.group("owners"), is_known)
    due = None
    if by := _BY.search(text):
        due = due_from_words(by.group("when"), meeting, next_meeting)
    return ActionProposal(text, owners, due)
