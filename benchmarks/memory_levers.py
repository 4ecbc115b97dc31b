"""What each memory lever is worth at row 7's peak: start_app --largest-list run in a fresh
process once per variant, with one thing taken away, and the peak (VmHWM) of each printed
beside the bare window's.

Run as `python -m benchmarks.memory_levers DATABASE [--runs N]` (one app process at a time:
a second one on the same database waits for the first). For measuring only: the variants
stub modules out or switch the app's pieces off in ways no user's start does (the app needs
asyncio's names, keyring needs urllib.request importable), to size the prize before looking
for a supported way to take it (benchmarks/FINDINGS.md, issue 19, session 9):

- `no-fit-filter`: the app-wide window-fitting filter not installed (appearance.py);
- `stub-asyncio`: a module holding only the names SQLAlchemy reads from asyncio at import;
- `stub-urllib-request`: an empty `urllib.request` (jaraco.context, under keyring, imports it
  for one helper the app never calls; with it go http.client, email's parser and ssl);
- `docstrings-stripped`: the same start under PYTHONOPTIMIZE=2 (-OO), compiled apart;
- `no-compiled-cache`: SQLAlchemy's compiled statement cache off (query_cache_size=0).
"""

from __future__ import annotations

import inspect
import os
import subprocess
import sys
import tempfile
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

VARIANTS: dict[str, tuple[str, ...]] = {
    "as measured": (),
    "no-fit-filter": ("no-fit-filter",),
    "stub-asyncio": ("stub-asyncio",),
    "stub-urllib-request": ("stub-urllib-request",),
    "stub-asyncio + stub-urllib-request": ("stub-asyncio", "stub-urllib-request"),
    "docstrings-stripped": ("docstrings-stripped",),
    "no-compiled-cache": ("no-compiled-cache",),
    "all but -OO": ("no-fit-filter", "stub-asyncio", "stub-urllib-request",
                    "no-compiled-cache"),
}


def _stub_asyncio() -> None:
    stub = types.ModuleType("asyncio")

    class CancelledError(BaseException):
        pass

    # sqlalchemy/util/concurrency.py reads iscoroutine at import; the rest only on errors.
    stub.iscoroutine = inspect.iscoroutine  # type: ignore[attr-defined]
    stub.CancelledError = CancelledError  # type: ignore[attr-defined]
    stub.TimeoutError = TimeoutError  # type: ignore[attr-defined]
    sys.modules["asyncio"] = stub


def _stub_urllib_request() -> None:
    import urllib

    stub = types.ModuleType("urllib.request")
    sys.modules["urllib.request"] = stub
    urllib.request = stub  # type: ignore[attr-defined]


def _no_fit_filter() -> None:
    from desktop.app import _skip_pyside_source_reading
    from desktop.views import appearance  # imports PySide6, before create_application

    # PySide6's import hook would otherwise read the source of every module imported from
    # here to create_application into linecache (+12 to +20 MB with the data layer: the
    # measurement, not the lever).
    _skip_pyside_source_reading()
    appearance.fit_every_window = lambda app: None


def _no_compiled_cache() -> None:
    from desktop.models import database

    create = database.create_engine

    def create_engine(*args: object, **kwargs: object) -> object:
        kwargs["query_cache_size"] = 0
        return create(*args, **kwargs)

    database.create_engine = create_engine  # type: ignore[assignment]


def child(levers: list[str], db: str) -> int:
    """The measured start with the named levers applied (before the app is imported)."""
    if "stub-asyncio" in levers:
        _stub_asyncio()
    if "stub-urllib-request" in levers:
        _stub_urllib_request()
    if "no-compiled-cache" in levers:
        _no_compiled_cache()
    if "no-fit-filter" in levers:
        _no_fit_filter()
    sys.argv = ["start_app", db, "--largest-list"]
    from benchmarks.start_app import main

    status = main()
    # What the stubs kept out, checked by tests/test_benchmarks_smoke.py.
    print(f"imported ssl={'ssl' in sys.modules} asyncio={hasattr(sys.modules['asyncio'], 'run')}",
          flush=True)
    return status


def peak_mb(args: list[str], optimize: bool = False) -> float:
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, XDG_CONFIG_HOME=home, HOME=home)
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        if optimize:  # compiled apart, so that the normal .pyc files stay as they are
            env.update(PYTHONOPTIMIZE="2", PYTHONPYCACHEPREFIX=str(Path(home) / "pyc"))
        done = subprocess.run([sys.executable, "-m", *args], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=600, check=True)
    values = dict(line.split(" ", 1) for line in done.stdout.splitlines() if " " in line)
    return int(values["peak_kb"]) / 1024


def main() -> int:
    if sys.argv[1:2] == ["--child"]:
        *levers, db = sys.argv[2:]
        return child([lever for lever in levers if lever], db)
    db = sys.argv[1]
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 2
    bare = [peak_mb(["benchmarks.reference_app"]) for _ in range(runs)]
    print(f"{'bare window':40s} " + " ".join(f"{m:6.1f}" for m in bare) + " MB", flush=True)
    for name, levers in VARIANTS.items():
        optimize = "docstrings-stripped" in levers
        args = ["benchmarks.memory_levers", "--child",
                *(lever for lever in levers if lever != "docstrings-stripped"), db]
        peaks = [peak_mb(args, optimize) for _ in range(runs)]
        ratio = min(peaks) / min(bare)
        print(f"{name:40s} " + " ".join(f"{m:6.1f}" for m in peaks) + f" MB  {ratio:.3f}×",
              flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
