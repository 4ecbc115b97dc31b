"""The frozen bare window's entry point: benchmarks/reference_app.py's main (the bare PySide6
window row 1 compares against, with the same first-paint signal), frozen as a plain one-folder
PyInstaller build by benchmarks/frozen/bench.spec. Prints `entry` and `qt` as
boardwork_start.py does.
"""

import sys
import time

print(f"entry {time.time():.6f} {time.process_time():.6f}", flush=True)

import PySide6.QtCore  # noqa: E402, F401

print(f"qt {time.time():.6f} {time.process_time():.6f}", flush=True)

from benchmarks.reference_app import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
