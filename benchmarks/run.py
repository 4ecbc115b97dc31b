"""Runs every benchmark on the generated database and writes benchmarks/RESULTS.md.

    .venv/bin/python -m benchmarks.run                 # ten-years database, 5 runs each
    .venv/bin/python -m benchmarks.run --name tiny --runs 1 --output /tmp/results.md

Each benchmark warms up, then runs several times; RESULTS.md gives the median and spread of
ours and of the reference measured in the same run, and their ratio against the goal.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import sqlite3
import sys
import time
from dataclasses import asdict
from pathlib import Path

from benchmarks.common import Figure, Settings, median, spread
from benchmarks.generate import DATA, database_path, open_bench_database, text_folder

HERE = Path(__file__).parent
BENCHMARKS = ("start", "frozen", "typing", "search", "lists", "documents", "reports", "files")


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = next((int(line.split()[1]) // 1024 for line in
                   Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), 0)
    import PySide6

    return (f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores, "
            f"{memory:,} MB memory; Python {platform.python_version()}, PySide6 "
            f"{PySide6.__version__}, SQLite {sqlite3.sqlite_version}; Qt platform "
            f"{os.environ.get('QT_QPA_PLATFORM', 'default')}")


def run_benchmarks(settings: Settings, only: tuple[str, ...]) -> list[Figure]:
    from PySide6.QtWidgets import QApplication

    from benchmarks import (
        bench_documents,
        bench_files,
        bench_frozen,
        bench_lists,
        bench_reports,
        bench_search,
        bench_start,
        bench_typing,
    )

    app = QApplication.instance() or QApplication(sys.argv)
    app.setOrganizationName("BoardworkBenchmarks")  # never the user's own remembered state
    figures: list[Figure] = []
    if "start" in only:
        figures += bench_start.run(settings)
    if "frozen" in only:  # builds the two bundles first when missing or out of date
        began = time.perf_counter()
        figures += bench_frozen.run(settings)
        print(f"frozen: {time.perf_counter() - began:.0f} s", flush=True)
    db = open_bench_database(settings.database)
    try:
        for name, module in (("typing", bench_typing), ("search", bench_search),
                             ("lists", bench_lists), ("documents", bench_documents),
                             ("reports", bench_reports), ("files", bench_files)):
            if name in only:
                began = time.perf_counter()
                figures += module.run(settings, db)
                print(f"{name}: {time.perf_counter() - began:.0f} s", flush=True)
    finally:
        db.close()
    return sorted(figures, key=lambda f: f.name)


def _cell(samples: list[float] | None, unit: str) -> str:
    if not samples:
        return "—"
    return f"{median(samples):.3g} {unit} ({spread(samples)})"


def results_markdown(figures: list[Figure], settings: Settings, generation: dict[str, object],
                     seconds: float, finished: dt.datetime | None = None) -> str:
    when = finished or dt.datetime.now(dt.UTC)
    lines = [
        "# Benchmark results", "",
        f"Run on {when:%d/%m/%Y %H:%M} UTC, {machine()}.", "",
        f"Database: `{settings.database.name}`, generated in {generation.get('seconds', '?')} s "
        f"({generation.get('size_mb', '?')} MB; {generation.get('words', 0):,} words of "
        "minutes); scale: " + ", ".join(f"{k} {v:,}" for k, v in
                                         dict(generation.get("scale", {})).items()) + ".",
        f"Each benchmark: {settings.warmup} warm-up, then {settings.runs} measured runs; "
        f"median (interquartile range, or range under 8 samples). Whole run {seconds:.0f} s.",
        "", "| Benchmark | Ours | Reference | Ratio | Goal | Met |",
        "|---|---|---|---|---|---|",
    ]
    for f in figures:
        met = "—" if f.met is None else ("yes" if f.met else "**no**")
        reference = (f"{_cell(f.reference, f.unit)}<br>{f.reference_name}"
                     if f.reference else "—")
        lines.append(f"| {f.name} | {_cell(f.ours, f.unit)} | {reference} | {f.ratio_text} | "
                     f"{f.goal} | {met} |")
    lines += ["", "## Notes", ""]
    lines += [f"- {f.name}: {note}" for f in figures for note in f.notes]
    findings = HERE / "FINDINGS.md"
    if findings.exists():
        lines += ["", findings.read_text(encoding="utf-8").strip()]
    return "\n".join(lines) + "\n"


def working_copy(generated: Path) -> Path:
    """A fresh copy of the generated database for this run, which writes to it (typing saves
    into a 20,000-word item, the search index is merged, the audit trail grows): every run
    starts from the same file, and the generated one stays as RESULTS.md describes it (before,
    each run's writes stayed: the file had grown from 227 to 342 MB). A migration added since
    is applied to the generated file once, not to every copy."""
    open_bench_database(generated).close()
    copy = generated.with_name(f"{generated.stem}-run{generated.suffix}")
    for leftover in (copy, Path(f"{copy}-wal"), Path(f"{copy}-shm")):
        leftover.unlink(missing_ok=True)
    shutil.copyfile(generated, copy)
    return copy


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run the Boardwork benchmarks.")
    parser.add_argument("--name", default="ten-years", help="database under benchmarks/data")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", nargs="+", choices=BENCHMARKS, default=list(BENCHMARKS))
    parser.add_argument("--output", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--rewrite", action="store_true",
                        help="only write RESULTS.md again from the last run's figures (after "
                             "editing FINDINGS.md), measuring nothing")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    settings = Settings(database_path(args.name, args.data), text_folder(args.name, args.data),
                        args.runs)
    if not settings.database.exists():
        raise SystemExit(f"No database at {settings.database}: run "
                         "`.venv/bin/python -m benchmarks.generate` first.")
    summary = args.data / f"{args.name}.json"
    generation = json.loads(summary.read_text()) if summary.exists() else {}
    saved = args.data / f"{args.name}-figures.json"
    if args.rewrite:
        kept = json.loads(saved.read_text())
        figures, seconds = [Figure(**f) for f in kept["figures"]], kept["seconds"]
        settings = Settings(settings.database, settings.texts, kept["runs"])
        # The run's own time, not the rewrite's (older files: when the figures were saved).
        finished = (dt.datetime.fromisoformat(kept["finished"]) if "finished" in kept else
                    dt.datetime.fromtimestamp(saved.stat().st_mtime, dt.UTC))
    else:
        generated = settings.database
        copy = Settings(working_copy(generated), settings.texts, settings.runs)
        began = time.perf_counter()
        figures = run_benchmarks(copy, tuple(args.only))
        seconds = time.perf_counter() - began
        finished = dt.datetime.now(dt.UTC)
        saved.write_text(json.dumps({"figures": [asdict(f) for f in figures], "runs": args.runs,
                                     "seconds": seconds, "finished": finished.isoformat()}),
                         encoding="utf-8")
    args.output.write_text(results_markdown(figures, settings, generation, seconds, finished),
                           encoding="utf-8")
    print(f"Wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
