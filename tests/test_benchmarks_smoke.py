"""The benchmarks still run: the generator and every benchmark on a tiny database.

No timings are checked here (they belong in benchmarks/RESULTS.md); only that each
benchmark produces its figures, and that generation is deterministic.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from benchmarks import run
from benchmarks.generate import SCALES, generate, open_bench_database
from desktop.services.search import search


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("bench")
    generate("tiny", SCALES["tiny"], seed=7, data=data, quiet=True)
    return data


def test_generator_makes_the_scale_asked_for(tiny: Path) -> None:
    db = open_bench_database(tiny / "tiny.db")
    try:
        hits = search(db, "safeguarding")
        with db.session() as s:
            from sqlalchemy import text

            counts = {table: s.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
                      for table in ("meeting", "agenda_item", "action", "action_update",
                                    "person", "agency", "training_session", "booking")}
    finally:
        db.close()
    scale = SCALES["tiny"]
    assert counts == {"meeting": scale.meetings, "agenda_item": scale.items,
                      "action": scale.actions, "action_update": scale.updates,
                      "person": scale.people, "agency": scale.agencies,
                      "training_session": scale.sessions, "booking": scale.bookings}
    assert hits
    assert len(list((tiny / "tiny-text").glob("*.txt"))) == scale.items


def test_generation_is_deterministic(tiny: Path, tmp_path: Path) -> None:
    generate("tiny", SCALES["tiny"], seed=7, data=tmp_path, quiet=True)
    first = sorted((tiny / "tiny-text").glob("*.txt"))
    again = sorted((tmp_path / "tiny-text").glob("*.txt"))
    assert [p.read_text() for p in first] == [p.read_text() for p in again]


def test_every_benchmark_runs_and_writes_results(tiny: Path, tmp_path: Path) -> None:
    output = tmp_path / "RESULTS.md"
    # All but the frozen build's start, whose two PyInstaller builds take minutes
    # (tests/test_bench_frozen.py tests its build cache and parsing without building).
    groups = [name for name in run.BENCHMARKS if name != "frozen"]
    generated = tiny / "tiny.db"
    before = hashlib.sha256(generated.read_bytes()).hexdigest()
    assert run.main(["--name", "tiny", "--data", str(tiny), "--runs", "1",
                     "--output", str(output), "--only", *groups]) == 0
    written = output.read_text()
    for heading in ("1. Start", "2a. Typing", "2b. Typing", "3. Search", "4a. Lists",
                    "4b. Lists", "5", "6. Reports", "7. Memory", "8a. Backup", "8b. Import",
                    "8c. Open the Actions area"):
        assert heading in written
    assert "| Benchmark | Ours | Reference | Ratio | Goal | Met |" in written
    # The runs wrote to a copy (typing saves, the audit trail): the generated file is as made.
    assert hashlib.sha256(generated.read_bytes()).hexdigest() == before
    assert (tiny / "tiny-run.db").exists()


def test_memory_steps_prints_every_step_up_to_the_peak(tiny: Path, tmp_path: Path) -> None:
    """benchmarks/memory_steps.py (row 7's profile) still follows start_app's steps: each
    is printed with its resident memory, in order, then the peak, and the app quits."""
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    env = dict(os.environ, XDG_CONFIG_HOME=str(tmp_path), HOME=str(tmp_path),
               QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-m", "benchmarks.memory_steps",
                           str(tiny / "tiny.db")], cwd=root, env=env, capture_output=True,
                          text=True, timeout=120, check=True)
    steps = ["frame painted, data layer imported", "database open", "mappers configured",
             "window filled (Overview)", "Actions page shown", "first read on the worker",
             "every status listed (the peak)", "VmHWM"]
    lines = [line for line in done.stdout.splitlines() if line.startswith(tuple(steps))]
    assert [next(s for s in steps if line.startswith(s)) for line in lines] == steps
    megabytes = [float(line.split(" MB")[0].split()[-1]) for line in lines]
    assert all(m > 0 for m in megabytes)
    assert megabytes[-1] >= max(megabytes[:-1])  # the peak is at least every step's RSS


def test_memory_levers_start_with_each_lever_taken_away(tiny: Path, tmp_path: Path) -> None:
    """benchmarks/memory_levers.py (what each lever is worth at row 7's peak) still starts
    the app with the levers applied: the peak is printed, and with asyncio and
    urllib.request stubbed neither asyncio nor ssl is imported (the figures in
    benchmarks/FINDINGS.md, issue 19, session 9, rest on that)."""
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    env = dict(os.environ, XDG_CONFIG_HOME=str(tmp_path), HOME=str(tmp_path),
               QT_QPA_PLATFORM="offscreen")

    def start(*levers: str) -> list[str]:
        done = subprocess.run([sys.executable, "-m", "benchmarks.memory_levers", "--child",
                               *levers, str(tiny / "tiny.db")], cwd=root, env=env,
                              capture_output=True, text=True, timeout=120, check=True)
        return done.stdout.splitlines()

    stubbed = start("stub-asyncio", "stub-urllib-request", "no-fit-filter",
                    "no-compiled-cache")
    assert any(line.startswith("peak_kb ") and int(line.split()[1]) > 0 for line in stubbed)
    assert "imported ssl=False asyncio=False" in stubbed
    assert "imported ssl=True asyncio=True" in start()  # as the app starts
