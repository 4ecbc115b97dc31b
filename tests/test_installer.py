"""The PyInstaller spec, read by running it with PyInstaller's build steps replaced by recorders.

What the spec collects is what the frozen app will find at run time, so these tests check the
bundle's layout against the paths the app computes (desktop.resources, desktop.models.migrate)
without building anything; installer/smoke.sh then runs a real build.
"""

from __future__ import annotations

import importlib.util
import re
import sys
import types
from pathlib import Path
from typing import Any

import pytest

import desktop
from desktop import resources
from desktop.models import migrate

ROOT = Path(__file__).resolve().parent.parent
INSTALLER = ROOT / "installer"
SPEC = INSTALLER / "boardwork.spec"


def load_version_module() -> types.ModuleType:
    spec = importlib.util.spec_from_file_location("installer_version", INSTALLER / "version.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Recorded:
    """What the spec handed to Analysis, EXE and COLLECT."""

    def __init__(self) -> None:
        self.analysis: dict[str, Any] = {}
        self.programs: list[dict[str, Any]] = []
        self.collected: dict[str, Any] = {}
        self.analysis_object = types.SimpleNamespace()


# Files Qt's hooks collect: the spec must drop the first four and keep the last two.
HOOK_BINARIES = [
    ("PySide6/Qt/translations/qtbase_de.qm", "src", "DATA"),
    ("opengl32sw.dll", "src", "BINARY"),
    ("PySide6/Qt/lib/libQt6Quick.so.6", "src", "BINARY"),
    ("PySide6/Qt/plugins/platforms/libqvnc.so", "src", "BINARY"),
    ("PySide6/Qt/lib/libQt6Widgets.so.6", "src", "BINARY"),
    ("PySide6/Qt/plugins/platforms/libqxcb.so", "src", "BINARY"),
]


def run_spec(monkeypatch: pytest.MonkeyPatch) -> Recorded:
    recorded = Recorded()

    def analysis(scripts: list[str], **options: Any) -> types.SimpleNamespace:
        recorded.analysis = {"scripts": scripts, **options}
        toc = [(str(Path(dest) / Path(src).name), src, "DATA") for src, dest in options["datas"]]
        recorded.analysis_object = types.SimpleNamespace(
            scripts=scripts, pure=[], binaries=list(HOOK_BINARIES), datas=toc
        )
        return recorded.analysis_object

    def exe(*parts: Any, **options: Any) -> str:
        recorded.programs.append(options)
        return str(options["name"])

    def collect(*parts: Any, **options: Any) -> None:
        recorded.collected = {"parts": parts, **options}

    monkeypatch.setattr(sys, "path", list(sys.path))  # the spec adds installer/ to it
    namespace = {
        "SPECPATH": str(INSTALLER), "__file__": str(SPEC), "__name__": "__main__",
        "Analysis": analysis, "PYZ": lambda pure: "pyz", "EXE": exe, "COLLECT": collect,
    }
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    sys.modules.pop("version", None)  # installer/version.py, imported by the spec
    return recorded


@pytest.fixture(scope="module")
def linux_spec() -> Recorded:
    with pytest.MonkeyPatch.context() as monkeypatch:
        return run_spec(monkeypatch)


def bundled(recorded: Recorded) -> set[str]:
    """Paths inside the bundle (relative to sys._MEIPASS) of every data file collected."""
    return {f"{dest}/{Path(src).name}" for src, dest in recorded.analysis["datas"]}


def test_the_version_is_read_from_pyproject_and_matches_the_package() -> None:
    version = load_version_module()
    assert version.project_version() == desktop.__version__
    assert version.windows_version_tuple("1.2.3") == (1, 2, 3, 0)
    assert version.windows_version_tuple("2.0") == (2, 0, 0, 0)


def test_every_resource_file_is_bundled_where_resources_dir_finds_it(
    linux_spec: Recorded, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    shipped = bundled(linux_spec)
    wanted = [
        *resources.sample_documents(),
        *resources.resource("fonts").glob("*.ttf"),
        *resources.resource("templates").glob("*.docx"),
    ]
    assert len(wanted) >= 8
    for path in wanted:
        assert f"resources/{path.relative_to(resources.resources_dir()).as_posix()}" in shipped
    # The build script of the Word template is not part of the app.
    assert not any(name.endswith(".py") for name in shipped if name.startswith("resources/"))

    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.resources_dir() == tmp_path / "resources"
    font = resources.resource("fonts", "DejaVuSans.ttf")
    assert font == tmp_path / "resources" / "fonts" / "DejaVuSans.ttf"


def test_migrations_are_bundled_where_alembic_is_told_to_look(linux_spec: Recorded) -> None:
    # Frozen, migrate.py's __file__ lies in the bundle at the same relative place as in the
    # source tree, so its "migrations" folder must be collected to that relative path.
    folder = migrate.SCRIPT_LOCATION.resolve().relative_to(ROOT).as_posix()
    assert folder == "desktop/models/migrations"
    shipped = bundled(linux_spec)
    scripts = sorted((ROOT / folder / "versions").glob("*.py"))
    assert scripts, "no migration scripts found"
    for script in scripts:
        assert f"{folder}/versions/{script.name}" in shipped
    assert f"{folder}/env.py" in shipped
    assert f"{folder}/script.py.mako" in shipped


def test_third_party_data_and_run_time_imports_are_collected(linux_spec: Recorded) -> None:
    shipped = bundled(linux_spec)
    assert any(name.startswith("docx/templates/default") for name in shipped)
    assert any(name.startswith("reportlab/fonts/") for name in shipped)
    hidden = set(linux_spec.analysis["hiddenimports"])
    assert {"keyring.backends.Windows", "keyring.backends.SecretService"} <= hidden
    assert {"sqlcipher3", "sqlcipher3.dbapi2", "alembic.op"} <= hidden
    # Pages and documents imported lazily are in, migrations (loaded as files) are not.
    assert {"desktop.cli", "desktop.views.main_window", "desktop.exports.pdf"} <= hidden
    assert not any(".migrations" in name for name in hidden)
    # python-docx finds its templates through "docx/parts/..": it must be files on disk.
    assert linux_spec.analysis["module_collection_mode"] == {"docx": "py"}
    assert linux_spec.analysis["scripts"] == [str(INSTALLER / "entry.py")]


def test_unused_parts_of_qt_and_python_are_left_out(linux_spec: Recorded) -> None:
    excludes = set(linux_spec.analysis["excludes"])
    assert {"PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtNetwork", "tkinter"} <= excludes
    assert {"PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets"} <= excludes
    # Nothing the app itself imports is excluded.
    assert not excludes & {"PySide6.QtWidgets", "PySide6.QtGui", "PySide6.QtCore", "PIL"}
    kept = [dest for dest, _src, _kind in linux_spec.analysis_object.binaries]
    assert kept == ["PySide6/Qt/lib/libQt6Widgets.so.6", "PySide6/Qt/plugins/platforms/libqxcb.so"]


def test_modules_nothing_runs_are_left_out_and_the_app_needs_none_of_them(
    linux_spec: Recorded,
) -> None:
    # Bundled, multiprocessing brought PyInstaller's runtime hook that imports it at every
    # start; pygments (340 modules) and icalendar's tests lengthened the module table read at
    # every start (benchmarks/FINDINGS.md, issue 19, session 7).
    excludes = set(linux_spec.analysis["excludes"])
    assert {"multiprocessing", "pygments"} <= excludes
    hidden = set(linux_spec.analysis["hiddenimports"])
    assert "icalendar.cal" in hidden and not any(".tests" in name for name in hidden)
    # The app's own code never asks for them (keyring imports pkgutil, which stays).
    used = re.compile(r"^\s*(?:import|from)\s+(?:multiprocessing|pygments)\b|ProcessPool",
                      re.M)
    for source in (ROOT / "desktop").rglob("*.py"):
        assert not used.search(source.read_text(encoding="utf-8")), source


def test_off_windows_one_console_program_is_built(linux_spec: Recorded) -> None:
    assert [(p["name"], p["console"]) for p in linux_spec.programs] == [("boardwork-cli", True)]
    assert linux_spec.collected["name"] == "Boardwork"
    assert all(p["upx"] is False for p in linux_spec.programs)


def test_on_windows_a_windowed_app_and_a_console_command_are_built(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The spec's Windows branch, run here: PyInstaller's collectors and version-resource
    # classes (which need pefile, Windows only) are replaced by simple recorders.
    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.collect_data_files = lambda *args, **kwargs: []  # type: ignore[attr-defined]
    hooks.collect_submodules = lambda package, **kwargs: [package]  # type: ignore[attr-defined]
    versioninfo = types.ModuleType("PyInstaller.utils.win32.versioninfo")
    for name in ("StringStruct", "StringTable", "StringFileInfo", "VarStruct", "VarFileInfo"):
        setattr(versioninfo, name, lambda *args, **kwargs: args)
    versioninfo.FixedFileInfo = lambda **kwargs: kwargs  # type: ignore[attr-defined]
    versioninfo.VSVersionInfo = lambda **kwargs: kwargs  # type: ignore[attr-defined]
    win32 = types.ModuleType("PyInstaller.utils.win32")
    win32.versioninfo = versioninfo  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.hooks", hooks)
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.win32", win32)
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.win32.versioninfo", versioninfo)
    monkeypatch.setattr(sys, "platform", "win32")

    recorded = run_spec(monkeypatch)

    programs = {p["name"]: p for p in recorded.programs}
    assert {name: p["console"] for name, p in programs.items()} == {
        "Boardwork": False, "boardwork-cli": True,
    }
    assert programs["Boardwork"]["icon"] == str(INSTALLER / "boardwork.ico")
    numbers = load_version_module().windows_version_tuple(desktop.__version__)
    assert programs["Boardwork"]["version"]["ffi"]["filevers"] == numbers
    assert "win32ctypes" in recorded.analysis["hiddenimports"]
    kept = [dest for dest, _src, _kind in recorded.analysis_object.binaries]
    assert "opengl32sw.dll" not in kept
    # The installer's shortcuts open the windowed program.
    iss = (INSTALLER / "boardwork.iss").read_text(encoding="utf-8")
    assert '#define AppExe "Boardwork.exe"' in iss


def test_the_spelling_dictionary_and_its_licence_are_bundled(linux_spec: Recorded) -> None:
    from desktop.services.spelling.checker import LANGUAGE, PROJECT_WORDS

    shipped = bundled(linux_spec)
    folder = resources.resource("spelling")
    for name in (f"{LANGUAGE}.aff", f"{LANGUAGE}.dic", PROJECT_WORDS, "README_en_GB.txt",
                 "COPYING.txt", "LICENSE-LGPL-3.txt", "LICENSE-GPL-3.txt"):
        assert (folder / name).is_file()
        assert f"resources/spelling/{name}" in shipped
    assert {"spylls.hunspell", "spylls.hunspell.dictionary"} <= set(
        linux_spec.analysis["hiddenimports"])
