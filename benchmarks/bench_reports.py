"""6. Reports: the annual report appendices for one reporting year, as `boardwork report
annual` gathers and lays them out, against the bare SQL aggregate queries that produce the
same figures, run on a plain DB-API connection to the same encrypted database."""

from __future__ import annotations

import datetime as dt
from typing import Any

from benchmarks.bench_key import BENCH_KEY_HEX
from benchmarks.common import Figure, Settings, median, repeat
from desktop.exports.annual_report import annual_figures, annual_report_document
from desktop.models.database import connect_raw
from desktop.services.database import Database
from desktop.services.figures import Period

BOARD = "b00"  # the main board: every other group sits below it
YEAR = Period(dt.date(2023, 4, 1), dt.date(2024, 3, 31))

_BOARD_QUERIES = (
    # meetings held
    "SELECT count(*) FROM meeting WHERE board_id = :board AND date BETWEEN :start AND :end",
    # each member: meetings attended while a member
    """SELECT ms.id, p.name, a.name, count(DISTINCT att.id), count(DISTINCT m.id)
       FROM membership ms JOIN person p ON p.id = ms.person_id
       LEFT JOIN agency a ON a.id = p.agency_id
       LEFT JOIN meeting m ON m.board_id = ms.board_id AND m.date BETWEEN :start AND :end
       LEFT JOIN attendance att ON att.meeting_id = m.id AND att.person_id = ms.person_id
            AND att.status = 'present'
       WHERE ms.board_id = :board GROUP BY ms.id""",
    # each meeting: number present
    """SELECT m.id, count(att.id) FROM meeting m
       LEFT JOIN attendance att ON att.meeting_id = m.id AND att.status = 'present'
       WHERE m.board_id = :board AND m.date BETWEEN :start AND :end GROUP BY m.id""",
    # each agency with a seat in the board or a group below it: meetings it missed
    """SELECT p.agency_id, m.id FROM membership ms JOIN person p ON p.id = ms.person_id
       JOIN meeting m ON m.board_id = ms.board_id AND m.date BETWEEN :start AND :end
       WHERE p.agency_id IS NOT NULL AND NOT EXISTS (
           SELECT 1 FROM attendance att JOIN person q ON q.id = att.person_id
           WHERE att.meeting_id = m.id AND att.status = 'present'
             AND q.agency_id = p.agency_id)
       GROUP BY p.agency_id, m.id""",
)
_TRAINING_QUERIES = (
    """SELECT t.course_id, b.status, count(*), sum(b.charge_pence) FROM booking b
       JOIN training_session t ON t.id = b.session_id
       WHERE t.start >= :start AND t.start < :after GROUP BY t.course_id, b.status""",
    """SELECT b.agency_id, b.status, count(*), sum(b.charge_pence) FROM booking b
       JOIN training_session t ON t.id = b.session_id
       WHERE t.start >= :start AND t.start < :after GROUP BY b.agency_id, b.status""",
)


def bare_queries(connection: Any) -> int:
    params = {"start": YEAR.start.isoformat(), "end": YEAR.end.isoformat(),
              "after": (YEAR.end + dt.timedelta(days=1)).isoformat()}
    board_id = connection.execute("SELECT id FROM board WHERE key = ?", (BOARD,)).fetchone()[0]
    rows = 0
    for sql in _BOARD_QUERIES + _TRAINING_QUERIES:
        rows += len(connection.execute(sql, dict(params, board=board_id)).fetchall())
    return rows


def appendices(db: Database) -> object:
    return annual_report_document(annual_figures(db, YEAR, BOARD))


def run(settings: Settings, db: Database) -> list[Figure]:
    ours = repeat(lambda: appendices(db), settings.runs, settings.warmup)
    connection = connect_raw(settings.database, bytes.fromhex(BENCH_KEY_HEX))
    try:
        rows = bare_queries(connection)
        bare = repeat(lambda: bare_queries(connection), settings.runs, settings.warmup)
    finally:
        connection.close()
    ratio = median(ours) / median(bare)
    return [Figure(f"6. Reports: annual report appendices, {YEAR.start:%Y}-{YEAR.end:%y}",
                   ours, bare, "at most 3× the bare queries", ratio <= 3,
                   reference_name="the bare SQL aggregates (sqlcipher3, no ORM)",
                   ratio_text=f"{ratio:.2f}× the bare queries",
                   notes=[f"figures gathered and laid out as a document (not written to a "
                          f"file); the bare queries return {rows:,} rows"])]
