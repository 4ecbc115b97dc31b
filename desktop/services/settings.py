"""Application settings kept in the database, over one typed registry of options."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from desktop.models import Board, NumberingStyle, Setting
from desktop.models.database import Database


@dataclass(frozen=True)
class Settings:
    organisation_name: str = ""
    # Month in which the reporting (financial) year starts: April by default.
    reporting_year_start_month: int = 4
    # A cancellation this close to the start of a training session is chargeable.
    late_cancellation_hours: int = 48


LIMITS: dict[str, tuple[int, int]] = {
    "reporting_year_start_month": (1, 12),
    "late_cancellation_hours": (0, 24 * 30),
}

LABELS = {
    "organisation_name": "Organisation name",
    "reporting_year_start_month": "Reporting year starts in month",
    "late_cancellation_hours": "Late cancellation window (hours)",
}


class InvalidSettings(ValueError):
    """`problems` maps an option's name to a plain message."""

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__("; ".join(problems.values()))
        self.problems = problems


def load_settings(database: Database) -> Settings:
    with database.session() as session:
        stored = dict(session.execute(select(Setting.name, Setting.value)).all())
    values: dict[str, Any] = {}
    for option in dataclasses.fields(Settings):
        if option.name in stored:
            text = stored[option.name]
            values[option.name] = int(text) if option.type in (int, "int") else text
    return Settings(**values)


def _check(name: str, value: Any) -> str | None:
    if name in LIMITS:
        low, high = LIMITS[name]
        if not isinstance(value, int) or not low <= value <= high:
            return f"{LABELS[name]} must be a whole number from {low} to {high}."
    elif not isinstance(value, str) or len(value) > 200:
        return f"{LABELS[name]} must be text of at most 200 characters."
    return None


def save_settings(
    database: Database, numbering: dict[int, str] | None = None, **changes: Any
) -> Settings:
    """Validate every change, then save them all in one transaction (or none).

    `numbering` maps board ids to their sub-item numbering style ("decimal" or "letters").
    """
    known = {f.name for f in dataclasses.fields(Settings)}
    problems = {name: f"Unknown setting {name!r}." for name in changes if name not in known}
    for name, value in changes.items():
        if name in known and (message := _check(name, value)):
            problems[name] = message
    styles = {board_id: style for board_id, style in (numbering or {}).items()}
    if any(style not in NumberingStyle.values() for style in styles.values()):
        problems["numbering"] = "A numbering style is either decimal (5.1) or letters (6(a))."
    if problems:
        raise InvalidSettings(problems)
    with database.transaction() as session:
        for board_id, style in styles.items():
            board = session.get(Board, board_id)
            if board is None:
                raise InvalidSettings({"numbering": "A board has been removed meanwhile."})
            board.numbering_style = NumberingStyle(style)
        for name, value in changes.items():
            row = session.get(Setting, name)
            text = value.strip() if isinstance(value, str) else str(value)
            if row is None:
                session.add(Setting(name=name, value=text))
            else:
                row.value = text
    return load_settings(database)
