"""1. Start and 7. Memory: separate processes, ours against the bare PySide6 script."""

from __future__ import annotations

import compileall
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import Figure, Settings, median

ROOT = Path(__file__).resolve().parent.parent


READY: list[float] = []  # ms from process start to the page filled, for the notes

# Start times swing by a fifth from one process to the next on a shared machine (1.33× to
# 1.69× across this session's runs of the same code with 5 each): three times the runs for
# row 1, both sides alike (alternately), so that its median stops swinging. Memory is the
# same to 0.2 MB in every run and keeps the run count.
START_RUNS_FACTOR = 3


def _launch(module: str, *args: str) -> tuple[float, float]:
    """Milliseconds from process start to first paint, and peak resident memory in MB."""
    with tempfile.TemporaryDirectory() as home:
        # An empty QSettings: no remembered area or unfinished minutes to resume.
        env = dict(os.environ, XDG_CONFIG_HOME=home, HOME=home)
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        began = time.time()
        done = subprocess.run([sys.executable, "-m", module, *args], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=300, check=True)
    values = dict(line.split(" ", 1) for line in done.stdout.splitlines() if " " in line)
    if "ready" in values and "--largest-list" not in args:
        READY.append((float(values["ready"]) - began) * 1000)
    return (float(values["painted"]) - began) * 1000, int(values["peak_kb"]) / 1024


def _alternating(settings: Settings, ours: tuple[str, ...], runs: int
                 ) -> tuple[list[float], list[float], list[float], list[float]]:
    """Ours and the reference alternately, so that machine noise falls on both alike."""
    for _ in range(settings.warmup):
        _launch(*ours)
        _launch("benchmarks.reference_app")
    times, memory, ref_times, ref_memory = [], [], [], []
    for _ in range(runs):
        t, m = _launch(*ours)
        times.append(t)
        memory.append(m)
        t, m = _launch("benchmarks.reference_app")
        ref_times.append(t)
        ref_memory.append(m)
    return times, memory, ref_times, ref_memory


def compile_sources() -> None:
    """Compile the app's and the benchmarks' modules, as an installed copy has them (pip
    compiles on install; the frozen build holds only compiled modules). Without this, with
    PYTHONDONTWRITEBYTECODE set (as on the build machine), every start compiled the app's
    modules from source again: 334 against 251 ms of processor time to the first paint
    (benchmarks/FINDINGS.md, issue 19, session 5), which no user's start pays. The bare
    window's modules (benchmarks/reference_app.py, painted.py) are compiled alike."""
    for folder in ("desktop", "benchmarks"):
        compileall.compile_dir(ROOT / folder, quiet=1)


def run(settings: Settings) -> list[Figure]:
    compile_sources()
    db = str(settings.database)
    start_runs = settings.runs * START_RUNS_FACTOR
    times, _m, ref_times, _rm = _alternating(settings, ("benchmarks.start_app", db), start_runs)
    ready = READY[-start_runs:]
    _t, memory, _rt, ref_memory = _alternating(
        settings, ("benchmarks.start_app", db, "--largest-list"), settings.runs)
    start_ratio = median(times) / median(ref_times)
    memory_ratio = median(memory) / median(ref_memory)
    return [
        Figure("1. Start: process start to main window painted", times, ref_times,
               "at most 1.5×", start_ratio <= 1.5, reference_name="bare PySide6 window",
               ratio_text=f"{start_ratio:.2f}× the bare window",
               notes=[f"the window's frame is painted first (desktop/app.py); the database "
                      f"was open and the remembered page filled {median(ready):.0f} ms after "
                      f"the process started (median); both sides' modules compiled first, as "
                      f"installed; {start_runs} runs each side, alternately "
                      f"({START_RUNS_FACTOR}× the other rows', as start times swing most)"]
               if ready else []),
        Figure("7. Memory: peak resident, database open, all 10,000 actions listed", memory,
               ref_memory, "at most 2×", memory_ratio <= 2.0, unit="MB",
               reference_name="bare PySide6 window",
               ratio_text=f"{memory_ratio:.2f}× the bare window"),
    ]
