"""Application settings kept in the database, over one typed registry of options."""

from __future__ import annotations

import base64
import dataclasses
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

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


KEEP_LOGO = b"keep"  # save_settings leaves the logo as it is


def save_settings(
    database: Database, numbering: dict[int, str] | None = None,
    logo: bytes | None = KEEP_LOGO, **changes: Any
) -> Settings:
    """Validate every change, then save them all in one transaction (or none).

    `numbering` maps board ids to their sub-item numbering style ("decimal" or "letters");
    `logo` is the new logo's bytes, None to remove it, or KEEP_LOGO.
    """
    known = {f.name for f in dataclasses.fields(Settings)}
    problems = {name: f"Unknown setting {name!r}." for name in changes if name not in known}
    for name, value in changes.items():
        if name in known and (message := _check(name, value)):
            problems[name] = message
    styles = {board_id: style for board_id, style in (numbering or {}).items()}
    if any(style not in NumberingStyle.values() for style in styles.values()):
        problems["numbering"] = "A numbering style is either decimal (5.1) or letters (6(a))."
    if logo is not KEEP_LOGO and (problem := logo_problem(logo)):
        problems[LOGO] = problem
    if problems:
        raise InvalidSettings(problems)
    with database.transaction() as session:
        if logo is not KEEP_LOGO:
            _store_logo(session, logo)
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


LOGO = "logo"  # the Setting holding the organisation's logo, base64 of a PNG or JPEG
LOGO_LIMIT = 2_000_000
_IMAGE_STARTS = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")


def load_logo(database: Database) -> bytes | None:
    with database.session() as session:
        row = session.get(Setting, LOGO)
        return base64.b64decode(row.value) if row is not None and row.value else None


def logo_problem(image: bytes | None) -> str | None:
    if image is None:
        return None
    if not image.startswith(_IMAGE_STARTS):
        return "The logo must be a PNG or JPEG picture."
    if len(image) > LOGO_LIMIT:
        return "The logo is too large (at most 2 MB)."
    return None


def _store_logo(session: Session, image: bytes | None) -> None:
    row = session.get(Setting, LOGO)
    if image is None:
        if row is not None:
            session.delete(row)
        return
    text = base64.b64encode(image).decode("ascii")
    if row is None:
        session.add(Setting(name=LOGO, value=text))
    else:
        row.value = text


def save_logo(database: Database, image: bytes | None) -> None:
    """The logo printed on every document's pages; None removes it."""
    if problem := logo_problem(image):
        raise InvalidSettings({LOGO: problem})
    with database.transaction() as session:
        _store_logo(session, image)
