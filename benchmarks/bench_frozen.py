"""1b. Start, frozen build: the PyInstaller one-folder app against a frozen bare window.

benchmarks/frozen/bench.spec builds both bundles in one PyInstaller run (how, and what is the
same as the shipped build, is said there): Boardwork/boardwork-cli is installer/boardwork.spec
with its entry swapped for benchmarks/start_app.py's main (the app's own start_window and
first-paint signal, the ten-year database's key given as row 1 gives it); Bare/bare-window is
benchmarks/reference_app.py's bare window. They are built into benchmarks/data/frozen/<hash>/
when missing, or when what goes into them changed (the hash of desktop/, resources/, the
shipped spec and these benchmark files, and the Python, PyInstaller and PySide6 versions), and
reused otherwise. Then measured like row 1: process start to first paint, alternately.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from benchmarks.common import Figure, Settings, median

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "benchmarks" / "data" / "frozen"
SPEC = ROOT / "benchmarks" / "frozen" / "bench.spec"
# Everything that goes into the two bundles, besides the installed packages (their versions
# are hashed instead).
INPUTS = ("desktop", "resources", "installer/boardwork.spec", "installer/version.py",
          "installer/boardwork.ico", "pyproject.toml", "benchmarks/frozen",
          "benchmarks/start_app.py", "benchmarks/painted.py", "benchmarks/bench_key.py",
          "benchmarks/reference_app.py")
APP = Path("Boardwork") / "boardwork-cli"
BARE = Path("Bare") / "bare-window"
STAGES = ("entry", "qt", "painted")


def _files(root: Path, inputs: Iterable[str]) -> list[Path]:
    found = []
    for name in inputs:
        path = root / name
        candidates = sorted(path.rglob("*")) if path.is_dir() else [path]
        found += [p for p in candidates if p.is_file() and "__pycache__" not in p.parts
                  and p.suffix != ".pyc"]
    return found


def sources_hash(root: Path = ROOT, inputs: Iterable[str] = INPUTS) -> str:
    """A hash of every file that goes into the bundles (names and contents) and of the
    Python, PyInstaller and PySide6 that build them: a new one means a new build."""
    import PyInstaller
    import PySide6

    digest = hashlib.sha256(f"{platform.python_version()} {PyInstaller.__version__} "
                            f"{PySide6.__version__}\n".encode())
    for path in _files(root, inputs):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class Bundles:
    folder: Path  # benchmarks/data/frozen/<hash>/dist
    build_seconds: float  # how long PyInstaller took to make them (when they were made)
    built_now: bool  # made in this run, rather than reused

    @property
    def app(self) -> Path:
        return self.folder / APP

    @property
    def bare(self) -> Path:
        return self.folder / BARE


def bundles(cache: Path = CACHE) -> Bundles:
    """The two bundles for the sources as they are, built first if missing or out of date.
    Built under `nice`, into a temporary folder renamed into place only when whole, so an
    interrupted build is never taken for a cached one; older builds are removed (≈400 MB)."""
    key = sources_hash()
    done = cache / key
    record = done / "build.json"
    if record.exists() and (done / "dist" / APP).exists() and (done / "dist" / BARE).exists():
        return Bundles(done / "dist", json.loads(record.read_text())["seconds"], False)
    cache.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="building-", dir=cache))
    print(f"frozen: building both bundles with PyInstaller into {done} (a few minutes)",
          flush=True)
    began = time.perf_counter()
    subprocess.run(["nice", "-n", "10", sys.executable, "-m", "PyInstaller", "--noconfirm",
                    "--clean", "--log-level", "WARN", "--distpath", str(work / "dist"),
                    "--workpath", str(work / "build"), str(SPEC)], cwd=ROOT, check=True)
    seconds = round(time.perf_counter() - began, 1)
    shutil.rmtree(work / "build")  # PyInstaller's intermediate files: not needed to run
    (work / "build.json").write_text(json.dumps({"seconds": seconds, "key": key}))
    for old in cache.iterdir():
        if old.is_dir() and old != work:
            shutil.rmtree(old)
    work.rename(done)
    return Bundles(done / "dist", seconds, True)


def launch(command: list[str], env_extra: dict[str, str] | None = None) -> dict[str, float]:
    """Run one start; for each stage printed (entry, qt, painted, ready), the wall time in
    ms after the process was launched, and (as `<stage>_cpu`) its processor time in ms."""
    with tempfile.TemporaryDirectory() as home:
        # An empty QSettings: no remembered area or unfinished minutes to resume.
        env = dict(os.environ, XDG_CONFIG_HOME=home, HOME=home, **(env_extra or {}))
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        began = time.time()
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True,
                              timeout=300, check=True)
    figures: dict[str, float] = {}
    for line in done.stdout.splitlines():
        name, _, rest = line.partition(" ")
        values = rest.split()
        if name in ("entry", "qt", "painted", "ready") and values:
            figures[name] = (float(values[0]) - began) * 1000
            if len(values) > 1:
                figures[f"{name}_cpu"] = float(values[1]) * 1000
        elif name == "painted_cpu":
            figures[name] = float(values[0]) * 1000
    return figures


def _source(script: str) -> list[str]:
    return [sys.executable, str(ROOT / "benchmarks" / "frozen" / script)]


def measure(settings: Settings, found: Bundles,
            with_source: bool = True) -> dict[str, list[dict[str, float]]]:
    """Each side's starts, alternately so that machine noise falls on all alike: the frozen
    app and bare window, and (for where the time goes) the same two entry scripts from
    source, their modules compiled as row 1 has them."""
    db = str(settings.database)
    sides = {"app": [str(found.app), db], "bare": [str(found.bare)]}
    if with_source:
        sides |= {"app_source": [*_source("boardwork_start.py"), db],
                  "bare_source": _source("bare_window.py")}
    on_path = {"PYTHONPATH": str(ROOT)}
    samples: dict[str, list[dict[str, float]]] = {side: [] for side in sides}
    for turn in range(settings.warmup + settings.runs):
        for side, command in sides.items():
            figures = launch(command, on_path if side.endswith("source") else None)
            if turn >= settings.warmup:
                samples[side].append(figures)
    return samples


def _median(runs: list[dict[str, float]], key: str) -> float:
    return median([r[key] for r in runs if key in r])


def _stages(runs: list[dict[str, float]]) -> str:
    """Processor time (ms, medians) spent before the entry script ran, importing PySide6.QtCore,
    and from there to the first paint."""
    entry, qt = _median(runs, "entry_cpu"), _median(runs, "qt_cpu")
    painted = _median(runs, "painted_cpu")
    return (f"{painted:.0f} ms: {entry:.0f} before the entry script ran, {qt - entry:.0f} "
            f"importing PySide6.QtCore, {painted - qt:.0f} from there to the paint")


def run(settings: Settings) -> list[Figure]:
    from benchmarks.bench_start import compile_sources

    compile_sources()  # the source sides run from compiled modules, as row 1's do
    found = bundles()
    samples = measure(settings, found)
    app, bare = samples["app"], samples["bare"]
    times = [r["painted"] for r in app]
    ref_times = [r["painted"] for r in bare]
    ratio = median(times) / median(ref_times)
    cpu_ratio = _median(app, "painted_cpu") / _median(bare, "painted_cpu")
    built = (f"built in this run, {found.build_seconds:.0f} s" if found.built_now else
             f"reused from {found.folder.parent.relative_to(ROOT)} (built in "
             f"{found.build_seconds:.0f} s)")
    notes = [
        f"both one-folder PyInstaller bundles {built} (benchmarks/frozen/bench.spec: the "
        f"shipped installer/boardwork.spec with only its entry swapped for "
        f"benchmarks/start_app.py's main; the bare window of row 1 with the same Qt parts)",
        f"processor time to the first paint (medians): frozen app {_stages(app)}; frozen "
        f"bare window {_stages(bare)}; {cpu_ratio:.2f}× the bare window (frozen, QtCore is "
        "imported before the entry script, by PyInstaller's runtime hook for PySide6)",
        f"the same entry scripts from source (compiled modules): app "
        f"{_median(samples['app_source'], 'painted'):.0f} ms to the paint, "
        f"{_stages(samples['app_source'])}; bare window "
        f"{_median(samples['bare_source'], 'painted'):.0f} ms, "
        f"{_stages(samples['bare_source'])}",
        f"the database open and the page filled {_median(app, 'ready'):.0f} ms after the "
        f"frozen app's process started (from source "
        f"{_median(samples['app_source'], 'ready'):.0f} ms)",
    ]
    return [Figure("1b. Start, frozen build: process start to main window painted", times,
                   ref_times, "at most 1.5×", ratio <= 1.5,
                   reference_name="frozen bare PySide6 window",
                   ratio_text=f"{ratio:.2f}× the frozen bare window", notes=notes)]
