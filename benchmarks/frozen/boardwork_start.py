"""The frozen start benchmark's entry point: benchmarks/start_app.py's main, unchanged, frozen
with installer/boardwork.spec's own settings by benchmarks/frozen/bench.spec.

It prints, besides start_app's `painted` and `ready` lines, when Python first runs it
(`entry`, after PyInstaller's bootloader and runtime hooks) and when PySide6.QtCore is
imported (`qt`), each as epoch seconds and the process's processor time, so that
benchmarks/bench_frozen.py can say where the start's time goes. Importing QtCore here first
changes nothing: start_app imports it first (benchmarks/painted.py). Not QtWidgets: its
absence is how create_application knows a new process is starting (it then holds off the
cycle collector). Run from source too
(`PYTHONPATH=. python benchmarks/frozen/boardwork_start.py DATABASE`), for the same stages
from compiled modules.
"""

import sys
import time

print(f"entry {time.time():.6f} {time.process_time():.6f}", flush=True)

import PySide6.QtCore  # noqa: E402, F401

print(f"qt {time.time():.6f} {time.process_time():.6f}", flush=True)

from benchmarks.start_app import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
