"""The one kind of error a service raises for bad input: a plain message, nothing changed."""

from __future__ import annotations


class InvalidInput(ValueError):
    """`field` names the input at fault (e.g. "end", "initials"), for the view to point at."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
