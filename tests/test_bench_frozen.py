"""The frozen start benchmark's build cache and its reading of a start's output (row 1b),
without building anything: the two PyInstaller builds take minutes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from benchmarks import bench_frozen

ROOT = Path(__file__).resolve().parent.parent


def test_the_hash_follows_the_sources_and_ignores_compiled_files(tmp_path: Path) -> None:
    (tmp_path / "desktop" / "__pycache__").mkdir(parents=True)
    (tmp_path / "desktop" / "app.py").write_text("A = 1\n")
    (tmp_path / "spec").write_text("spec\n")
    inputs = ("desktop", "spec")
    first = bench_frozen.sources_hash(tmp_path, inputs)
    (tmp_path / "desktop" / "__pycache__" / "app.cpython-311.pyc").write_bytes(b"\0")
    assert bench_frozen.sources_hash(tmp_path, inputs) == first
    (tmp_path / "desktop" / "app.py").write_text("A = 2\n")
    changed = bench_frozen.sources_hash(tmp_path, inputs)
    assert changed != first
    (tmp_path / "spec").write_text("spec, changed\n")
    assert bench_frozen.sources_hash(tmp_path, inputs) not in (first, changed)


def test_every_input_named_exists() -> None:
    missing = [name for name in bench_frozen.INPUTS if not (ROOT / name).exists()]
    assert missing == []


def test_the_benchmark_spec_finds_the_shipped_specs_entry_once() -> None:
    """benchmarks/frozen/bench.spec swaps this one string of the shipped spec for its own
    entry script; if the shipped spec is reworded, this fails here, not at benchmark time."""
    spec = (ROOT / "benchmarks" / "frozen" / "bench.spec").read_text()
    entry = spec.split("ENTRY = ", 1)[1].split("\n", 1)[0].strip()
    shipped = (ROOT / "installer" / "boardwork.spec").read_text()
    assert shipped.count(eval(entry)) == 1  # the literal as bench.spec writes it


def _fake_pyinstaller(calls: list[list[str]]) -> Any:
    def run(command: list[str], **_: Any) -> subprocess.CompletedProcess[str]:
        calls.append(command)
        dist = Path(command[command.index("--distpath") + 1])
        for program in (bench_frozen.APP, bench_frozen.BARE):
            (dist / program).parent.mkdir(parents=True, exist_ok=True)
            (dist / program).write_text("")
        Path(command[command.index("--workpath") + 1]).mkdir(parents=True)
        return subprocess.CompletedProcess(command, 0)
    return run


def test_builds_when_missing_then_reuses_and_replaces_an_old_build(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[list[str]] = []
    monkeypatch.setattr(bench_frozen.subprocess, "run", _fake_pyinstaller(calls))
    monkeypatch.setattr(bench_frozen, "sources_hash", lambda: "old")
    bench_frozen.bundles(tmp_path)
    monkeypatch.setattr(bench_frozen, "sources_hash", lambda: "new")

    built = bench_frozen.bundles(tmp_path)
    assert built.built_now and len(calls) == 2
    assert calls[1][:3] == ["nice", "-n", "10"] and "PyInstaller" in calls[1]
    assert built.app == tmp_path / "new" / "dist" / "Boardwork" / "boardwork-cli"
    assert [p.name for p in tmp_path.iterdir()] == ["new"]  # the old build removed
    assert not (tmp_path / "new" / "build").exists()  # PyInstaller's work files dropped
    assert json.loads((tmp_path / "new" / "build.json").read_text())["key"] == "new"

    again = bench_frozen.bundles(tmp_path)
    assert not again.built_now and len(calls) == 2  # reused: PyInstaller not run
    assert again.build_seconds == built.build_seconds


def test_an_unfinished_build_is_built_again(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder without its record (a build cut off) is not taken for a cached build."""
    (tmp_path / "key" / "dist" / "Boardwork").mkdir(parents=True)
    calls: list[list[str]] = []
    monkeypatch.setattr(bench_frozen.subprocess, "run", _fake_pyinstaller(calls))
    monkeypatch.setattr(bench_frozen, "sources_hash", lambda: "key")
    assert bench_frozen.bundles(tmp_path).built_now and len(calls) == 1
    assert (tmp_path / "key" / "build.json").exists()


def test_a_starts_stages_are_read_as_milliseconds_after_launch() -> None:
    script = ("import time; t = time.time(); print(f'entry {t + 0.1} 0.05'); "
              "print(f'qt {t + 0.2} 0.08'); print(f'painted {t + 0.3}'); "
              "print('painted_cpu 0.125'); print('peak_kb 1000')")
    figures = bench_frozen.launch([sys.executable, "-c", script])
    assert figures["entry_cpu"] == pytest.approx(50)
    assert figures["qt_cpu"] == pytest.approx(80)
    assert figures["painted_cpu"] == pytest.approx(125)
    assert figures["entry"] < figures["qt"] < figures["painted"]
    assert figures["painted"] - figures["entry"] == pytest.approx(200, abs=1)
    assert "peak_kb" not in figures


def test_the_row_compares_first_paints_and_says_where_the_time_went(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from benchmarks import bench_start
    from benchmarks.common import Settings

    def start(painted: float, entry_cpu: float, qt_cpu: float, cpu: float) -> dict[str, float]:
        return {"entry": 50, "entry_cpu": entry_cpu, "qt": 60, "qt_cpu": qt_cpu,
                "painted": painted, "painted_cpu": cpu, "ready": painted + 900}

    samples = {"app": [start(300, 190, 190, 380)] * 3, "bare": [start(200, 170, 170, 230)] * 3,
               "app_source": [start(320, 35, 150, 310)] * 3,
               "bare_source": [start(210, 35, 150, 200)] * 3}
    cached = bench_frozen.Bundles(bench_frozen.CACHE / "abc" / "dist", 157.0, False)
    monkeypatch.setattr(bench_start, "compile_sources", lambda: None)
    monkeypatch.setattr(bench_frozen, "bundles", lambda: cached)
    monkeypatch.setattr(bench_frozen, "measure", lambda settings, found: samples)

    [figure] = bench_frozen.run(Settings(tmp_path / "ten-years.db", tmp_path, 3))
    assert figure.name.startswith("1b. Start, frozen build")
    assert figure.ours == [300] * 3 and figure.reference == [200] * 3
    assert figure.ratio_text == "1.50× the frozen bare window" and figure.met
    notes = " ".join(figure.notes)
    assert "reused from benchmarks/data/frozen/abc (built in 157 s)" in notes
    assert "frozen app 380 ms: 190 before the entry script ran" in notes
    assert "1.65× the bare window" in notes
    assert "app 320 ms to the paint, 310 ms: 35 before the entry script ran, 115" in notes
