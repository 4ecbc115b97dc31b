"""The longest text each kind of field takes, typed in the app or imported alike: room for any
real name or title, but a pasted document cannot become someone's name (a 10 MB "name" once
made a PDF of the minutes run for over ten minutes)."""

from __future__ import annotations

from desktop.services.errors import InvalidInput

NAME = 300
SHORT_NAME = 60
JOB_TITLE = 300
EMAIL = 320
PHONE = 60
NOTES = 100_000


def check_length(value: str | None, limit: int, label: str, field: str) -> None:
    """InvalidInput naming the field when `value` is longer than `limit` characters."""
    if value is not None and len(value) > limit:
        raise InvalidInput(f"{label} can be at most {limit:,} characters; this one has "
                           f"{len(value):,}.", field)
