"""Limits of what an import accepts, and the cleaning of every string on the way in.

A document may come from anywhere: these bounds keep a hostile or broken file from filling
the database, overflowing a column or breaking a Word or Excel export later, and make each
refusal a plain message with its path, never a traceback and never the record's contents.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from desktop.services import lengths
from desktop.services.meetings.numbering import MAX_DEPTH
from desktop.xmlchars import FORBIDDEN, SURROGATE, xml_safe

# JSON nesting of a real document is under 15 levels, and 45 with items MAX_ITEM_DEPTH deep;
# 64 keeps the parser (and everything that walks the document) far from the recursion limit.
MAX_JSON_DEPTH = 64
# Agenda items within items: as many levels as the agenda editor allows.
MAX_ITEM_DEPTH = MAX_DEPTH
MAX_FILE_BYTES = 200 * 1024 * 1024
# Counts (quorum, capacity, minutes, action numbers): far above any real one, far below the
# 2**63 that SQLite can store.
MAX_COUNT = 1_000_000
MAX_PENCE = 99_999_999  # £999,999.99
# Digits of a JSON number: Python refuses to read more than 4300 of them, with a ValueError.
MAX_NUMBER_DIGITS = 30
MAX_ERRORS = 200

KEY = 120  # the database's key column
# Longest text per field name (the last part of the path); others get DEFAULT_LENGTH.
LENGTHS: dict[str, int] = {
    "key": KEY, "agency": KEY, "board": KEY, "person": KEY, "parent": KEY, "deputy": KEY,
    "chair": KEY, "minute_taker": KEY, "representing": KEY, "course": KEY, "session": KEY,
    # As the screens take them (desktop/services/lengths.py): what the app lets a user type
    # always imports again.
    "name": lengths.NAME, "short_name": lengths.SHORT_NAME, "title": 500,
    "job_title": lengths.JOB_TITLE, "email": lengths.EMAIL, "phone": lengths.PHONE,
    "venue": 300, "trainer": 300, "contact": 300, "address": 2_000, "role": 400, "presenter": 200,
    # Labels are typed up to 20 characters, but made ones grow with the depth ("1.2.1.3...").
    "initials": 12, "number": 80, "item": 80, "owners": 200, "note": 4_000,
    "text": 20_000, "description": 20_000, "notes": lengths.NOTES, "charge_waived": 2_000,
    # Minutes of one item typed live for a whole afternoon stay far below this.
    "minutes_html": 2_000_000,
}
DEFAULT_LENGTH = 1_000

_INDEX = re.compile(r"\[[0-9]+\]$")
# Any character `clean_string` refuses or replaces (SURROGATE, NUL, FORBIDDEN), and the
# shortest length a field allows: text with neither is taken as it is.
_UNUSUAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_SHORTEST = min(DEFAULT_LENGTH, *LENGTHS.values())


def field_of(path: str) -> str:
    """The field name a path ends with: "meetings[0].items[2].title" -> "title"."""
    return _INDEX.sub("", path.rsplit(".", 1)[-1])


def shown(value: Any, limit: int = 40) -> str:
    """A value as a message may quote it: short, and escaped (repr shows control characters
    and lone surrogates as escapes, so a message can always be printed)."""
    if isinstance(value, str):
        return repr(value[:limit]) + ("…" if len(value) > limit else "")
    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, int):
        return str(value) if abs(value) < 10**15 else "a very large number"
    if isinstance(value, float):
        return repr(value)
    return "a list" if isinstance(value, list) else "an object"


def shown_name(name: str, limit: int = 40) -> str:
    """A field name as a path shows it: unquoted, short and escaped."""
    return repr(name[:limit])[1:-1] + ("…" if len(name) > limit else "")


def nested(parse: Callable[[Any, str, list[str]], Any], field: str, depth: int
           ) -> Callable[[Any, str, list[str]], Any]:
    """`parse` for a field that holds records of its own kind (items within items), refused
    below `depth` levels: the parser and every step after it walk the levels recursively."""

    def parse_nested(value: Any, path: str, errors: list[str]) -> Any:
        if path.count(f".{field}[") >= depth:
            errors.append(f"{path}: nested more than {depth} levels deep")
            return []
        return parse(value, path, errors)

    return parse_nested


def clean_string(value: str, path: str, errors: list[str]) -> str | None:
    """`value` without the characters XML forbids, or None (with a message) if it cannot be
    taken: not valid Unicode, a NUL byte, or longer than its field allows."""
    if _UNUSUAL.search(value) is not None:  # one scan for nearly every value: none
        return _clean_unusual(value, path, errors)
    return value if len(value) <= _SHORTEST else _within_limit(value, path, errors)


def _clean_unusual(value: str, path: str, errors: list[str]) -> str | None:
    if SURROGATE.search(value):
        errors.append(f"{path}: is not valid Unicode text (it holds a lone surrogate)")
        return None
    if "\x00" in value:
        errors.append(f"{path}: holds a NUL character, which no text may contain")
        return None
    if FORBIDDEN.search(value):  # a line break pasted from Word between words: a space
        value = xml_safe(value)
    return _within_limit(value, path, errors)


def _within_limit(value: str, path: str, errors: list[str]) -> str | None:
    limit = LENGTHS.get(field_of(path), DEFAULT_LENGTH)
    if len(value) > limit:
        errors.append(f"{path}: is too long ({len(value):,} characters; at most {limit:,})")
        return None
    return value
