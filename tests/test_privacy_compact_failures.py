"""A compaction that cannot finish leaves the database as it was: VACUUM is one transaction.

Each runs the compaction in a process of its own whose files may not grow past 1 MB
(RLIMIT_FSIZE), while the new database VACUUM writes into the log is over 3 MB: with the
system's SIGXFSZ ignored, the write fails as on a full disk and the compaction stops with a
message; with SIGXFSZ at its default, the system kills the process at that write, in the
middle of writing the new pages. Either way the file is opened again afterwards and every
row is there, both checks pass, and a compaction then succeeds.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from desktop.models.database import Database
from desktop.models.keystore import KeyStore
from desktop.models.opening import open_database
from desktop.services.privacy.compact import compact_database
from tests.compact_support import DELETED, checks, every_row, old_style_deletes
from tests.raw_pages import still_there

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 1024 * 1024

_COMPACT = """
import resource, signal, sys
from pathlib import Path
from desktop.models.database import Database, DatabaseProblem
from desktop.services.privacy.compact import compact_database
path, key = Path(sys.argv[1]), bytes.fromhex(sys.argv[2])
mode, limit = sys.argv[3], int(sys.argv[4])
database = Database.open(path, key)
# Python ignores SIGXFSZ from the start; "kill" gives it back its default: to end the process.
signal.signal(signal.SIGXFSZ, signal.SIG_IGN if mode == "full" else signal.SIG_DFL)
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
try:
    compact_database(database)
except DatabaseProblem as exc:
    print("refused:", exc)
else:
    print("compacted")
"""


def _prepared(database: Database, path: Path) -> tuple[bytes, dict[str, list[tuple[object, ...]]]]:
    old_style_deletes(database, filler=3000)
    key = database.key
    assert key is not None
    database.close()
    assert path.stat().st_size > 3 * LIMIT  # the new pages cannot fit under the limit
    return key, every_row(path, key)


def _run(path: Path, key: bytes, mode: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", _COMPACT, str(path), key.hex(), mode, str(LIMIT)],
        capture_output=True, text=True, timeout=300, cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"})


def _as_it_was(path: Path, key: bytes, rows: dict[str, list[tuple[object, ...]]]) -> None:
    """Opened as the app opens it (the log's unfinished frames set aside): every row, both
    checks, the old leftovers still there (nothing changed); compacting then succeeds."""
    database = open_database(path, KeyStore()).database
    try:
        assert every_row(path, key) == rows
        assert checks(path, key) == ([], ["ok"])
        assert still_there(path, key, DELETED) == [DELETED]
        done = compact_database(database)
        assert done.log_emptied
        assert still_there(path, key, DELETED) == []
        after = every_row(path, key)
        after["setting"] = [row for row in after["setting"] if row[0] != "privacy.compacted"]
        assert after == rows
    finally:
        database.close()


def test_a_full_disk_part_way_stops_it_with_the_database_as_it_was(
        database: Database, database_path: Path):
    key, rows = _prepared(database, database_path)
    result = _run(database_path, key, "full")
    assert result.returncode == 0, result.stderr
    said = result.stdout.strip()
    assert said.startswith("refused: Compacting")
    assert "stopped part-way" in said and "nothing was changed" in said
    assert "Traceback" not in result.stderr
    _as_it_was(database_path, key, rows)


def test_a_process_killed_while_writing_the_new_pages_leaves_it_as_it_was(
        database: Database, database_path: Path):
    key, rows = _prepared(database, database_path)
    result = _run(database_path, key, "kill")
    assert result.returncode == -signal.SIGXFSZ, (result.returncode, result.stderr)
    assert result.stdout == ""  # killed before it could say anything
    log = database_path.with_name(database_path.name + "-wal")
    assert log.stat().st_size >= LIMIT // 2  # it was killed with new pages half-written
    _as_it_was(database_path, key, rows)
