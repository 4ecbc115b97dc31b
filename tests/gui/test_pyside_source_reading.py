"""PySide6 no longer reads (and keeps in memory) the source of every module imported after
it: its import hook only needs to know which modules use PySide6 (benchmarks/FINDINGS.md,
issue 19, row 7: 23 MB with SQLAlchemy and the app's modules)."""

from __future__ import annotations

import importlib
import linecache
import sys
from pathlib import Path

import pytest

from desktop.app import _holds_pyside, create_application


@pytest.fixture
def module_dir(tmp_path: Path) -> Path:
    sys.path.insert(0, str(tmp_path))
    yield tmp_path
    sys.path.remove(str(tmp_path))
    for name in ("plain_module_19", "qt_module_19"):
        sys.modules.pop(name, None)


def test_a_module_imported_after_start_is_not_read_into_memory(qapp, module_dir: Path) -> None:
    create_application()
    plain = module_dir / "plain_module_19.py"
    plain.write_text("VALUE = 'x' * 3\n" + "# padding\n" * 200)
    exec("import plain_module_19")  # through builtins.__import__, where PySide6 hooks in
    assert "plain_module_19" in sys.modules
    assert str(plain) not in linecache.cache


def test_modules_holding_pyside_are_still_told_apart(qapp, module_dir: Path) -> None:
    (module_dir / "plain_module_19.py").write_text("import json\nVALUE = json.dumps(1)\n")
    (module_dir / "qt_module_19.py").write_text("from PySide6.QtWidgets import QWidget\n")
    assert not _holds_pyside(importlib.import_module("plain_module_19"))
    assert _holds_pyside(importlib.import_module("qt_module_19"))
    assert _holds_pyside(importlib.import_module("desktop.views.main_window"))
