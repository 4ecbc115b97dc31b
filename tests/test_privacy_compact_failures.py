"""A compaction that cannot finish leaves the database as it was: VACUUM is one transaction.

Each runs the compaction in a process of its own whose files may not grow past a limit
(RLIMIT_FSIZE), at one of the two places VACUUM writes the new database (over 3 MB): the
temporary copy in the temporary folder ("copy": a 1 MB limit), or the log beside the file
("log": a limit the copy fits under, exactly, and the log, with its frames' headers, does
not). With the system's SIGXFSZ ignored, the write fails as on a full disk and the
compaction stops with a message; with SIGXFSZ at its default, the system kills the process
at that write, in the middle of writing. Either way the file is opened again afterwards and
every row is there, both checks pass, nothing is left in the temporary folder, and a
compaction then succeeds.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.models.database import Database, connect_raw
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


def _limit(path: Path, key: bytes, where: str, tmp_path: Path) -> int:
    """1 MB for the copy; for the log, the size of the compacted file (a copy of it compacted
    first): the temporary copy is exactly that, the log that and 24 bytes a page more."""
    if where == "copy":
        return LIMIT
    trial = tmp_path / "trial.db"
    shutil.copyfile(path, trial)
    raw = connect_raw(trial, key)
    try:
        raw.execute("VACUUM")
        pages = int(raw.execute("PRAGMA page_count").fetchone()[0])
        size = int(raw.execute("PRAGMA page_size").fetchone()[0])
    finally:
        raw.close()
    return pages * size + size // 2


def _run(path: Path, key: bytes, mode: str, limit: int,
         temp: Path) -> subprocess.CompletedProcess[str]:
    temp.mkdir()
    return subprocess.run(
        [sys.executable, "-c", _COMPACT, str(path), key.hex(), mode, str(limit)],
        capture_output=True, text=True, timeout=300, cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1",
             "SQLITE_TMPDIR": str(temp)})


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


@pytest.mark.parametrize("where", ["copy", "log"])
def test_a_full_disk_part_way_stops_it_with_the_database_as_it_was(
        database: Database, database_path: Path, tmp_path: Path, where: str):
    key, rows = _prepared(database, database_path)
    temp = tmp_path / "temporary"
    result = _run(database_path, key, "full", _limit(database_path, key, where, tmp_path), temp)
    assert result.returncode == 0, result.stderr
    said = result.stdout.strip()
    assert said.startswith("refused: Compacting")
    assert "stopped part-way" in said and "nothing was changed" in said
    assert "Traceback" not in result.stderr
    assert list(temp.iterdir()) == []
    _as_it_was(database_path, key, rows)


@pytest.mark.parametrize("where", ["copy", "log"])
def test_a_process_killed_while_writing_the_new_pages_leaves_it_as_it_was(
        database: Database, database_path: Path, tmp_path: Path, where: str):
    key, rows = _prepared(database, database_path)
    temp = tmp_path / "temporary"
    limit = _limit(database_path, key, where, tmp_path)
    result = _run(database_path, key, "kill", limit, temp)
    assert result.returncode == -signal.SIGXFSZ, (result.returncode, result.stderr)
    assert result.stdout == ""  # killed before it could say anything
    log = database_path.with_name(database_path.name + "-wal")
    written = log.stat().st_size if log.exists() else 0
    if where == "log":  # killed with the new pages half-written into the log
        assert written >= limit // 2
    else:  # killed while the temporary copy was written: the log not yet begun
        assert written < LIMIT // 2
    assert list(temp.iterdir()) == []  # the system deleted the copy with the process
    _as_it_was(database_path, key, rows)
