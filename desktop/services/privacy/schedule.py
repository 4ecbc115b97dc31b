"""The retention schedule: how long each kind of record is kept, in whole years.

Kept as Setting rows ("retention.bookings" = "6"), so it travels with backups and needs no
schema change; 0 years means "kept permanently".
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.models.database import Database
from desktop.models.settings import Setting
from desktop.services.errors import InvalidInput

PERMANENT = 0
MAX_YEARS = 100


@dataclass(frozen=True)
class RetentionKind:
    name: str  # the Setting's suffix and the CLI's word
    label: str
    counted_from: str  # what the period runs from, in words
    default_years: int
    what_happens: str  # what the review's one step does once the period has passed


KINDS: tuple[RetentionKind, ...] = (
    RetentionKind("bookings", "Training bookings and delegate details", "the session's date",
                  6, "the delegate is anonymised; the booking, its charge and every count "
                  "stay"),
    RetentionKind("minutes", "Board minutes and attendance", "the meeting's date", PERMANENT,
                  "listed for review only: minutes are never changed automatically"),
    RetentionKind("actions", "Action logs (closed actions and their updates)",
                  "the action's last update", PERMANENT,
                  "the closed action and its updates are deleted; its number is not reused"),
    RetentionKind("audit", "The audit trail", "the date of the change", 7,
                  "the entries older than the period are deleted"),
)
BY_NAME = {kind.name: kind for kind in KINDS}
PREFIX = "retention."


@dataclass(frozen=True)
class Schedule:
    years: dict[str, int]  # kind name -> years, 0 = permanent

    def of(self, kind: str) -> int:
        return self.years[kind]

    def describe(self, kind: str) -> str:
        years = self.years[kind]
        if years == PERMANENT:
            return "kept permanently"
        return f"{years} year{'' if years == 1 else 's'} after {BY_NAME[kind].counted_from}"


    def kept(self, kind: str) -> str:
        text = self.describe(kind)
        return text if self.years[kind] == PERMANENT else f"kept for {text}"


def load_schedule(database: Database) -> Schedule:
    with database.session() as session:
        years = {}
        for kind in KINDS:
            row = session.get(Setting, PREFIX + kind.name)
            years[kind.name] = _stored_years(row.value if row else None, kind.default_years)
    return Schedule(years)


def _stored_years(text: str | None, default: int) -> int:
    if text is None:
        return default
    try:
        value = int(text)
    except ValueError:  # a hand-edited database: the default is the safe reading
        return default
    return value if 0 <= value <= MAX_YEARS else default


def save_schedule(database: Database, years: dict[str, int]) -> Schedule:
    """Check every period, then save them all in one transaction (or none)."""
    for name, value in years.items():
        if name not in BY_NAME:
            raise InvalidInput(f"There is no kind of record called {name!r} in the schedule.")
        if not isinstance(value, int) or not 0 <= value <= MAX_YEARS:
            raise InvalidInput(f"{BY_NAME[name].label}: give a whole number of years from 0 "
                               f"(kept permanently) to {MAX_YEARS}.", name)
    with database.transaction() as session:
        for name, value in years.items():
            row = session.get(Setting, PREFIX + name)
            if row is None:
                session.add(Setting(name=PREFIX + name, value=str(value)))
            else:
                row.value = str(value)
    return load_schedule(database)
