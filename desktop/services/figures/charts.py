"""The figures people would rather look at than read, as bar charts (desktop/charts.py):
attendance by agency at the board and its groups, and training attendees by sector."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import select

from desktop.charts import Bar, Chart
from desktop.models.database import Database
from desktop.models.people import Agency
from desktop.services.agencies import SECTORS
from desktop.services.figures.boards import AgencyNonAttendance
from desktop.services.figures.training import AttendanceByAgency

# Attendees whose agency, or whose agency's sector, was never recorded: shown, last.
SECTOR_NOT_RECORDED = "Sector not recorded"


def _described(title: str, bars: tuple[Bar, ...], note: str) -> str:
    listed = "; ".join(f"{bar.label} {bar.text}" for bar in bars)
    return f"Bar chart: {title}. {listed}. {note}".strip()


def attendance_by_agency_chart(agencies: tuple[AgencyNonAttendance, ...],
                               label: str) -> Chart:
    """Each agency's share of the meetings where it held a seat that someone from it
    attended, best first (the non-attendance table's order is the agencies')."""
    seated = [a for a in agencies if a.expected]  # an agency with no seat has no share
    seated.sort(key=lambda a: (-a.attended / a.expected, a.agency.casefold()))
    bars = tuple(Bar(a.agency, 100 * a.attended / a.expected,
                     f"{round(100 * a.attended / a.expected)}%") for a in seated)
    title = f"Meetings attended by agency {label}".strip()
    return Chart(title, bars, 100.0, _described(
        title, bars, "Each bar is the share of meetings where the agency held a seat that "
        "someone from it attended."))


@dataclass(frozen=True)
class SectorAttendance:
    sector: str  # its label: "Health", "Sector not recorded"
    attendees: int


def training_by_sector(db: Database, by_agency: AttendanceByAgency
                       ) -> tuple[SectorAttendance, ...]:
    """The attendees of `by_agency` added up by their agency's sector, most first, those of
    no agency or no sector last."""
    ids = [row.agency_id for row in by_agency.rows if row.agency_id is not None]
    with db.session() as s:
        sectors = {agency_id: sector for agency_id, sector in s.execute(
            select(Agency.id, Agency.sector).where(Agency.id.in_(ids)))}
    counts: Counter[str] = Counter()
    for row in by_agency.rows:
        sector = sectors.get(row.agency_id) if row.agency_id is not None else None
        counts[SECTORS.get(sector or "", SECTOR_NOT_RECORDED)] += row.attendees
    known = [(s, n) for s, n in counts.items() if s != SECTOR_NOT_RECORDED]
    rows = [SectorAttendance(s, n) for s, n in sorted(known, key=lambda p: (-p[1], p[0]))]
    if counts[SECTOR_NOT_RECORDED]:
        rows.append(SectorAttendance(SECTOR_NOT_RECORDED, counts[SECTOR_NOT_RECORDED]))
    return tuple(rows)


def training_by_sector_chart(sectors: tuple[SectorAttendance, ...], label: str) -> Chart:
    bars = tuple(Bar(row.sector, row.attendees, str(row.attendees)) for row in sectors)
    title = f"Training attendees by sector {label}".strip()
    total = sum(row.attendees for row in sectors)
    return Chart(title, bars, float(max((b.value for b in bars), default=0)), _described(
        title, bars, f"{total} attendees in all."))
