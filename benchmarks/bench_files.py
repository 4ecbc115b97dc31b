"""8. Whole-database work: (a) a backup of the ten-year database against `cp` of the same
file; (b) the import of a year's documents into an empty database against the same rows
written by bare `executemany` on a plain sqlcipher3 connection; (c) the Actions area opened
cold, in a fresh process, against two 60 Hz frames."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.bench_key import BENCH_KEY_HEX, key_store
from benchmarks.common import Figure, Settings, median, repeat
from benchmarks.generate import DAYS, FIRST_DAY, SCALES, Generator
from desktop.services.database import Database, open_database

ROOT = Path(__file__).resolve().parent.parent
FRAME_MS = 1000 / 60
# FTS5 keeps the index in these tables of its own; the bare copy inserts into the index.
_SHADOW = ("_data", "_idx", "_content", "_docsize", "_config")


def _backup_figure(settings: Settings, db: Database) -> Figure:
    from desktop.services.maintenance import backup_database

    with tempfile.TemporaryDirectory(dir=settings.database.parent) as folder:
        ours = repeat(lambda: backup_database(db, Path(folder) / "copy.db"), settings.runs,
                      settings.warmup)
        reference = repeat(lambda: subprocess.run(
            ["cp", str(settings.database), str(Path(folder) / "plain.db")], check=True),
            settings.runs, settings.warmup)
    ratio = median(ours) / median(reference)
    return Figure("8a. Backup of the ten-year database (written, then checked)", ours,
                  reference, "at most 3× cp", ratio <= 3, reference_name="cp of the same file",
                  ratio_text=f"{ratio:.2f}× cp",
                  notes=[f"{settings.database.stat().st_size / 1e6:.0f} MB; the backup is "
                         "a byte copy of the encrypted file at one moment (by the kernel, "
                         "each part sent on to the disk at once), fsynced, every page of the "
                         "copy read back and authenticated with the key (SQLCipher's "
                         "HMAC-SHA512: the first 45% by SQLCipher's own check, the rest in "
                         "Python, on two threads while the copy is written), its size "
                         "compared with what was read, before it counts; the b-tree check "
                         "(integrity_check) runs daily in the background instead (FINDINGS)"])


def year_documents(settings: Settings) -> list[tuple[str, dict[str, Any]]]:
    """The directory, and the first year's meetings and training, as generated documents."""
    scale = SCALES["full"] if "ten-years" in settings.database.name else SCALES["tiny"]
    with tempfile.TemporaryDirectory() as texts:
        generator = Generator(scale, 2026, Path(texts))
        year_end = FIRST_DAY + dt.timedelta(days=365)
        documents = [("directory", generator.directory())]
        meetings = [generator.meeting(day, board, index, False)
                    for day, board, index in generator.meeting_plan() if day < year_end]
        documents.append(("meetings", {"format": "boardwork/1", "meetings": meetings}))
        sessions = max(1, scale.sessions * 365 // DAYS)
        documents.append(("sessions", generator.sessions(0, sessions)))
    return documents


def _import_once(folder: Path, documents: list[tuple[str, dict[str, Any]]],
                 keep: Path | None = None) -> float:
    from desktop.services.interchange import import_documents

    path = folder / "import.db"
    for name in ("", "-wal", "-shm"):
        Path(f"{path}{name}").unlink(missing_ok=True)
    opened = open_database(path, key_store())  # made before the clock starts
    try:
        began = time.perf_counter()
        import_documents(opened.database, documents)
        elapsed = (time.perf_counter() - began) * 1000
    finally:
        opened.database.close()
    if keep is not None:
        shutil.copy(path, keep)
    return elapsed


def _connect(path: Path) -> Any:
    import sqlcipher3

    connection = sqlcipher3.connect(str(path), isolation_level=None)
    connection.execute(f"PRAGMA key = \"x'{BENCH_KEY_HEX}'\"")
    return connection


def _bare_once(folder: Path, source: Path) -> float:
    """The rows the import wrote, read back, then written again by executemany into an empty
    database with the same tables and indexes (no triggers; the search index filled with
    its rows like any table), in one transaction: the floor of writing them."""
    source_db = _connect(source)
    schema = source_db.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND type IN "
        "('table', 'index') ORDER BY type DESC").fetchall()
    tables = [(name, sql) for kind, name, sql in schema if kind == "table" and not
              any(name.startswith("search_index") and name.endswith(s) for s in _SHADOW)]
    rows = {name: source_db.execute(f'SELECT rowid, * FROM "{name}"' if "fts5" in sql else
                                    f'SELECT * FROM "{name}"').fetchall()
            for name, sql in tables}
    source_db.close()
    target = folder / "bare.db"
    for name in ("", "-wal", "-shm"):
        Path(f"{target}{name}").unlink(missing_ok=True)
    connection = _connect(target)
    connection.execute("PRAGMA journal_mode = WAL")
    for kind, _name, sql in schema:
        if (kind == "table" and any(sql == t for _, t in tables)) or kind == "index":
            connection.execute(sql)
    began = time.perf_counter()
    connection.execute("BEGIN")
    for name, sql in tables:
        if not rows[name]:
            continue
        width = len(rows[name][0])
        if "fts5" in sql:
            names = [r[1] for r in connection.execute(f'PRAGMA table_info("{name}")')]
            columns = ", ".join(["rowid", *names])
            connection.executemany(f'INSERT INTO "{name}" ({columns}) VALUES '
                                   f'({", ".join("?" * width)})', rows[name])
        else:
            connection.executemany(f'INSERT INTO "{name}" VALUES ({", ".join("?" * width)})',
                                   rows[name])
    connection.execute("COMMIT")
    elapsed = (time.perf_counter() - began) * 1000
    connection.close()
    return elapsed


def _import_figure(settings: Settings) -> Figure:
    documents = year_documents(settings)
    meetings = len(documents[1][1]["meetings"])
    with tempfile.TemporaryDirectory(dir=settings.database.parent) as name:
        folder = Path(name)
        imported = folder / "imported.db"
        _import_once(folder, documents, keep=imported)  # the warm-up, and the rows to copy
        ours = [_import_once(folder, documents) for _ in range(settings.runs)]
        _bare_once(folder, imported)
        reference = [_bare_once(folder, imported) for _ in range(settings.runs)]
    ratio = median(ours) / median(reference)
    return Figure("8b. Import of a year's documents into an empty database", ours, reference,
                  "at most 5× executemany", ratio <= 5,
                  reference_name="the same rows by bare executemany (sqlcipher3, one "
                                 "transaction)",
                  ratio_text=f"{ratio:.2f}× executemany",
                  notes=[f"the directory (people, agencies, boards), {meetings} meetings and "
                         "a year's training sessions, through import_documents (checks, "
                         "keys, search index, audit)"])


def _open_actions(settings: Settings, pycache: Path) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, XDG_CONFIG_HOME=home, HOME=home,
                   PYTHONPYCACHEPREFIX=str(pycache))
        # The app as installed runs from compiled bytecode: a source tree run with
        # PYTHONDONTWRITEBYTECODE compiles every module of the app in each new process.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        done = subprocess.run([sys.executable, "-m", "benchmarks.open_actions",
                               str(settings.database)], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=300, check=True)
    values = dict(line.split(" ", 1) for line in done.stdout.splitlines() if " " in line)
    return {name: float(value) for name, value in values.items()}


def _open_actions_figure(settings: Settings) -> Figure:
    with tempfile.TemporaryDirectory() as pycache:
        subprocess.run([sys.executable, "-m", "compileall", "-q", "desktop", "benchmarks"],
                       cwd=ROOT, env=dict(os.environ, PYTHONPYCACHEPREFIX=pycache),
                       capture_output=True, check=True)
        for _ in range(settings.warmup):
            _open_actions(settings, Path(pycache))
        found = [_open_actions(settings, Path(pycache)) for _ in range(settings.runs)]
    samples = [f["opened_ms"] for f in found]
    frames = median(samples) / FRAME_MS
    return Figure("8c. Open the Actions area, cold (first visit in a new process)", samples,
                  None, "within 2 frames (33.3 ms) of the click", frames <= 2,
                  ratio_text=f"{frames:.1f} frames",
                  notes=["the click to the page painted: the page made (its modules were "
                         "imported on an idle turn after the window was filled, as the app "
                         "does: FINDINGS, issue 19 session 7), its heading, "
                         "filter bar and table shown, the table saying \"Reading actions…\" "
                         "while a worker thread reads the open actions and the owner choices; "
                         "the UI thread's processor time to that paint: median "
                         f"{median([f['opened_cpu_ms'] for f in found]):.1f} ms; the click "
                         "to the rows listed and painted: median "
                         f"{median([f['rows_ms'] for f in found]):.0f} ms "
                         f"({found[0]['rows_listed']:,.0f} open actions); the app's modules "
                         "run from compiled bytecode, as installed"])


def run(settings: Settings, db: Database) -> list[Figure]:
    return [_backup_figure(settings, db), _import_figure(settings),
            _open_actions_figure(settings)]
