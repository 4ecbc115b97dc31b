"""A deterministic ten-year Boardwork database, made through the project's own importer.

    .venv/bin/python -m benchmarks.generate            # full scale: benchmarks/data/ten-years.db
    .venv/bin/python -m benchmarks.generate --scale tiny

Everything goes in through `import_documents` with generated boardwork/1 documents: the
per-record services (create_meeting, add_item, book ...) are one transaction each, and
50,000 bookings or 12,000 items through them would take hours; the importer is the service
a business unit uses to bring in its existing records, and it runs the same checks, keys,
search-index triggers and audit hook. The minutes are also written out as one plain-text
file per item, for the `grep -ri` reference of the search benchmark.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from benchmarks import corpus
from benchmarks.bench_key import key_store
from desktop.services.database import Database, open_database
from desktop.services.interchange import import_documents

DATA = Path(__file__).parent / "data"
FIRST_DAY = dt.date(2016, 4, 1)
DAYS = 3650
MEETINGS_PER_IMPORT = 25
SESSIONS_PER_IMPORT = 250


@dataclass(frozen=True)
class Scale:
    boards: int
    meetings: int
    attendees: int
    items: int
    words: int
    actions: int
    updates: int
    agencies: int
    people: int
    courses: int
    sessions: int
    bookings: int
    long_item_words: int  # the item the typing benchmark types into


SCALES = {
    "full": Scale(40, 600, 25, 12_000, 5_000_000, 10_000, 40_000, 60, 6_000, 10, 2_000, 50_000,
                  20_000),
    "tiny": Scale(3, 6, 5, 24, 4_000, 12, 24, 4, 40, 2, 4, 40, 600),
}


def database_path(name: str, data: Path = DATA) -> Path:
    return data / f"{name}.db"


def text_folder(name: str, data: Path = DATA) -> Path:
    return data / f"{name}-text"


def open_bench_database(path: Path) -> Database:
    return open_database(path, key_store(), create=False).database


def spread(total: int, parts: int, index: int) -> int:
    """The index-th of `parts` near-equal shares of `total`."""
    return (index + 1) * total // parts - index * total // parts


class Generator:
    def __init__(self, scale: Scale, seed: int, texts: Path) -> None:
        self.scale = scale
        self.rng = random.Random(seed)
        self.texts = texts
        self.people = [f"p{i:05d}" for i in range(scale.people)]
        self.members: dict[str, list[str]] = {}
        self.raised: dict[str, list[int]] = {}  # board key -> action numbers so far
        self.owed: dict[str, int] = {}  # updates a board's meetings still owe
        self.words_written = 0

    # -- people, agencies, boards, courses ------------------------------------------------
    def directory(self) -> dict[str, Any]:
        s, rng = self.scale, self.rng
        agencies = [{"key": f"a{i:03d}", "name": f"{rng.choice(corpus.PLACES)} "
                     f"{rng.choice(('Council', 'Police', 'NHS Trust', 'Academy Trust'))} {i}",
                     "sector": rng.choice(corpus.SECTORS)} for i in range(s.agencies)]
        people = [{"key": key, "name": corpus.person_name(rng),
                   "job_title": rng.choice(corpus.JOBS),
                   "agency": agencies[rng.randrange(s.agencies)]["key"]} for key in self.people]
        boards, memberships = [], []
        for b in range(s.boards):
            key = f"b{b:02d}"
            board: dict[str, Any] = {"key": key, "name": f"{corpus.TOPICS[b % 20]} group {b}",
                                     "kind": "board" if b == 0 else rng.choice(
                                         ("sub_group", "panel", "forum", "executive")),
                                     "quorum": max(2, s.attendees // 4)}
            if b:
                board["parent"] = "b00"
            boards.append(board)
            self.members[key] = rng.sample(self.people, s.attendees)
            self.raised[key] = []
            memberships += [{"board": key, "person": p, "from": FIRST_DAY.isoformat()}
                            for p in self.members[key]]
        courses = [{"key": f"c{i:02d}", "title": f"{corpus.COURSES[i % 10]} ({i})",
                    "format": "full_day", "capacity": 30, "non_attendance_charge": "50.00"}
                   for i in range(s.courses)]
        return {"format": "boardwork/1", "agencies": agencies, "people": people,
                "boards": boards, "memberships": memberships, "courses": courses}

    # -- meetings -------------------------------------------------------------------------
    def meeting_plan(self) -> list[tuple[dt.date, str, int]]:
        """(date, board key, index) of every meeting, in date order."""
        s = self.scale
        plan = []
        for m in range(s.meetings):
            board = f"b{m % s.boards:02d}"
            day = FIRST_DAY + dt.timedelta(days=m * DAYS // s.meetings)
            plan.append((day, board, m))
        return plan

    def meeting(self, day: dt.date, board: str, index: int, last: bool) -> dict[str, Any]:
        s, rng = self.scale, self.rng
        key = f"m{index:04d}"
        attendance = [{"person": p, "status": rng.choices(
            ("present", "apologies", "absent", "in_attendance"), (75, 15, 5, 5))[0]}
            for p in self.members[board]]
        count = spread(s.items, s.meetings, index)
        ordinary_words = (s.words - s.long_item_words) // max(1, s.items - 1)
        items = []
        for n in range(1, count + 1):
            size = s.long_item_words if (last and n == 2) else rng.randint(
                ordinary_words // 2, ordinary_words * 3 // 2)
            texts = corpus.paragraphs(rng, size)
            self.words_written += size
            title = corpus.TOPICS[(n - 1) % len(corpus.TOPICS)]
            (self.texts / f"{key}-{n:02d}.txt").write_text(
                title + "\n\n" + "\n\n".join(texts) + "\n", encoding="utf-8")
            items.append({"number": str(n), "title": title,
                          "minutes_html": corpus.minutes_html(texts)})
        meeting: dict[str, Any] = {
            "key": key, "board": board, "title": "Meeting", "date": day.isoformat(),
            "start": "09:30", "end": "12:30", "venue": f"{rng.choice(corpus.PLACES)} offices",
            "status": "in_progress" if last else "approved", "attendance": attendance,
            "items": items}
        meeting["action_updates"] = self._updates(board, index)
        meeting["actions"] = self._actions(board, index, count)
        return meeting

    def _actions(self, board: str, index: int, items: int) -> list[dict[str, Any]]:
        rng, numbers = self.rng, self.raised[board]
        actions = []
        for _ in range(spread(self.scale.actions, self.scale.meetings, index)):
            number = len(numbers) + 1
            numbers.append(number)
            actions.append({"number": number, "item": str(rng.randint(1, items)),
                            "text": corpus.sentence(rng, rng.randint(10, 25)),
                            "owners": [rng.choice(self.members[board])],
                            "status": rng.choice(("open", "in_progress", "completed")),
                            "rag": rng.choice(("red", "amber", "green"))})
        return actions

    def _updates(self, board: str, index: int) -> list[dict[str, Any]]:
        rng, numbers = self.rng, self.raised[board]
        # A board's first meeting has no actions to update: its share moves to the next.
        wanted = spread(self.scale.updates, self.scale.meetings, index) + self.owed.get(board, 0)
        self.owed[board] = 0 if numbers else wanted
        if not numbers:
            return []
        return [{"action": rng.choice(numbers), "text": corpus.sentence(rng, rng.randint(8, 20)),
                 "status": rng.choice(("in_progress", "ongoing", "completed"))}
                for _ in range(wanted)]

    # -- training -------------------------------------------------------------------------
    def sessions(self, first: int, last: int) -> dict[str, Any]:
        s, rng = self.scale, self.rng
        sessions, bookings = [], []
        for i in range(first, last):
            day = FIRST_DAY + dt.timedelta(days=i * DAYS // s.sessions)
            key = f"s{i:05d}"
            sessions.append({"key": key, "course": f"c{i % s.courses:02d}",
                             "start": f"{day.isoformat()}T09:30", "end": f"{day.isoformat()}T16:30",
                             "status": "completed", "capacity": 40})
            booked = (day - dt.timedelta(days=rng.randint(7, 60))).isoformat() + "T10:00"
            for person in rng.sample(self.people, spread(s.bookings, s.sessions, i)):
                status = rng.choices(("attended", "did_not_attend", "cancelled"), (85, 8, 7))[0]
                booking = {"session": key, "person": person, "status": status,
                           "booked_at": booked}
                if status == "did_not_attend":
                    booking["charge"] = "50.00"
                bookings.append(booking)
        return {"format": "boardwork/1", "sessions": sessions, "bookings": bookings}

    def documents(self) -> Iterator[tuple[str, dict[str, Any]]]:
        yield "directory", self.directory()
        plan = self.meeting_plan()
        last_of_board = {board: index for _day, board, index in plan}
        for start in range(0, len(plan), MEETINGS_PER_IMPORT):
            chunk = plan[start:start + MEETINGS_PER_IMPORT]
            meetings = [self.meeting(day, board, index, last_of_board[board] == index
                                     and board == "b00") for day, board, index in chunk]
            yield f"meetings-{start}", {"format": "boardwork/1", "meetings": meetings}
        for start in range(0, self.scale.sessions, SESSIONS_PER_IMPORT):
            yield f"sessions-{start}", self.sessions(
                start, min(self.scale.sessions, start + SESSIONS_PER_IMPORT))


def generate(name: str, scale: Scale, seed: int = 2026, data: Path = DATA,
             quiet: bool = False) -> dict[str, Any]:
    """Make `data/<name>.db` afresh; returns (and saves beside it) what was made and how long
    it took."""
    path, texts = database_path(name, data), text_folder(name, data)
    data.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    texts.mkdir(exist_ok=True)
    for old in texts.glob("*.txt"):
        old.unlink()
    started = time.perf_counter()
    opened = open_database(path, key_store())
    generator = Generator(scale, seed, texts)
    timings: dict[str, float] = {}
    try:
        for label, document in generator.documents():
            began = time.perf_counter()
            import_documents(opened.database, [(label, document)])
            kind = label.split("-")[0]
            timings[kind] = timings.get(kind, 0.0) + time.perf_counter() - began
            if not quiet:
                print(f"  {label}: {time.perf_counter() - started:.0f} s", flush=True)
    finally:
        opened.database.close()
    summary = {"name": name, "scale": asdict(scale), "seed": seed,
               "words": generator.words_written, "import_seconds": timings,
               "seconds": round(time.perf_counter() - started, 1),
               "size_mb": round(path.stat().st_size / 1e6, 1)}
    (data / f"{name}.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", choices=sorted(SCALES), default="full")
    parser.add_argument("--name", help="database name under benchmarks/data (default: "
                        "ten-years, or tiny)")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    name = args.name or ("ten-years" if args.scale == "full" else args.scale)
    summary = generate(name, SCALES[args.scale], args.seed)
    print(f"Generated {database_path(name)} ({summary['size_mb']} MB, "
          f"{summary['words']:,} words of minutes) in {summary['seconds']} s")


if __name__ == "__main__":
    main()
