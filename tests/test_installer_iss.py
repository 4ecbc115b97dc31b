"""The Inno Setup script, read as a council IT reviewer would: per user, no elevation, the
version from pyproject.toml, shortcuts, and an uninstaller that keeps the database and says so.
It is compiled, installed and uninstalled under Wine by installer/windows-check.sh (./test.sh).
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest

import desktop
from desktop.models.opening import default_database_path

INSTALLER = Path(__file__).resolve().parent.parent / "installer"
ISS = (INSTALLER / "boardwork.iss").read_text(encoding="utf-8")


def section(name: str) -> list[str]:
    """The non-comment lines of one [Section] of the script."""
    match = re.search(rf"^\[{name}\]\n(.*?)(?=^\[|\Z)", ISS, re.MULTILINE | re.DOTALL)
    assert match, f"no [{name}] section"
    return [line for line in match.group(1).splitlines() if line and not line.startswith(";")]


def setup_value(key: str) -> str:
    values = [line.split("=", 1)[1] for line in section("Setup") if line.startswith(key + "=")]
    assert len(values) == 1, f"{key} is set {len(values)} times"
    return values[0]


def version_as_iss_reads_it(pyproject: str) -> str:
    """What the script's preprocessor loop finds: the first line starting 'version = "'."""
    line = next(line for line in pyproject.splitlines() if line.startswith('version = "'))
    rest = line[11:]  # Copy(VersionLine, 12): strings count from 1 in the preprocessor
    return rest[: rest.index('"')]  # Copy(VersionRest, 1, Pos('"', VersionRest) - 1)


def test_installs_per_user_without_elevation() -> None:
    assert setup_value("PrivilegesRequired") == "lowest"
    # No offer to elevate, and nothing machine-wide: program files, all users, HKLM.
    assert "PrivilegesRequiredOverridesAllowed" not in ISS
    assert setup_value("DefaultDirName") == r"{userpf}\{#AppName}"
    for machine_wide in ("{commonpf", "{pf}", "{autopf", "{commonprograms}", "{commondesktop}",
                         "{autodesktop}", "HKLM", "HKA", "{sys}", "{win}"):
        assert machine_wide not in ISS, machine_wide


def test_refuses_windows_older_than_10_1903_where_qt_cannot_start() -> None:
    # Qt >= 6.10 needs Windows' own icuuc.dll, there from build 18362 (installer/README.md).
    assert setup_value("MinVersion") == "10.0.18362"
    assert "Runs on Windows 10 version 1903 or later" in (
        INSTALLER.parent / "desktop" / "views" / "main_menus.py").read_text(encoding="utf-8")


def test_signs_the_setup_and_uninstaller_only_when_given_a_sign_tool() -> None:
    block = re.search(r"^#ifdef SignTool\n(.*?)^#endif", ISS, re.MULTILINE | re.DOTALL)
    assert block and block.group(1).splitlines()[-2:] == ["SignTool={#SignTool}",
                                                          "SignedUninstaller=yes"]


def test_the_version_comes_from_pyproject() -> None:
    pyproject = (INSTALLER.parent / "pyproject.toml").read_text(encoding="utf-8")
    assert version_as_iss_reads_it(pyproject) == desktop.__version__
    assert 'FileOpen(SourcePath + "..\\pyproject.toml")' in ISS
    assert "Copy(VersionLine, 12)" in ISS
    assert "Copy(VersionRest, 1, Pos('\"', VersionRest) - 1)" in ISS
    assert setup_value("AppVersion") == "{#AppVersion}"
    assert setup_value("OutputBaseFilename") == "{#AppName}-Setup-{#AppVersion}"
    assert '#define AppName "Boardwork"' in ISS


def test_installs_the_frozen_folder_with_start_menu_and_optional_desktop_shortcuts() -> None:
    files = section("Files")
    assert len(files) == 1 and files[0].startswith(r'Source: "..\dist\Boardwork\*"')
    assert "recursesubdirs" in files[0]
    icons = section("Icons")
    start_menu = [line for line in icons if line.startswith(r'Name: "{userprograms}')]
    desktop_icon = [line for line in icons if line.startswith(r'Name: "{userdesktop}')]
    assert len(start_menu) == 1 and "Tasks:" not in start_menu[0]
    assert len(desktop_icon) == 1 and "Tasks: desktopicon" in desktop_icon[0]
    desktop_task = next(line for line in section("Tasks") if 'Name: "desktopicon"' in line)
    assert "Flags: unchecked" in desktop_task  # optional: offered, not forced


def test_the_uninstaller_keeps_the_database_and_says_so() -> None:
    # It deletes only inside the program folder, never the data folder.
    for line in section("UninstallDelete"):
        assert 'Name: "{app}' in line, line
    assert "{localappdata}\\Boardwork" in ISS  # named in the message after uninstalling
    assert "DelTree" not in ISS and "DeleteFile" not in ISS
    confirm = next(line for line in section("Messages") if line.startswith("ConfirmUninstall="))
    assert "database" in confirm and "kept" in confirm
    assert "usPostUninstall" in ISS and "Your database was kept" in ISS


@pytest.mark.skipif(os.name == "nt", reason="the path below is the Linux one")
def test_the_data_folder_named_is_where_the_app_keeps_its_database() -> None:
    # platformdirs puts it in %LOCALAPPDATA%\Boardwork on Windows; the same name here.
    assert default_database_path().parent.name == "Boardwork"
    readme = (INSTALLER / "README.md").read_text(encoding="utf-8")
    assert r"%LOCALAPPDATA%\Boardwork\boardwork.db" in readme
    assert default_database_path().name == "boardwork.db"


def test_readme_lists_each_step_to_the_setup_program() -> None:
    readme = (INSTALLER / "README.md").read_text(encoding="utf-8")
    for step in ("pip install -e", "pyinstaller --noconfirm", r"installer\boardwork.spec",
                 "ISCC.exe", r"installer\boardwork.iss", "Boardwork-Setup-"):
        assert step in readme, step


def test_the_build_scripts_are_executable_and_run_by_test_sh() -> None:
    for script in ("build.sh", "smoke.sh"):
        assert (INSTALLER / script).stat().st_mode & stat.S_IXUSR, script
    test_sh = (INSTALLER.parent / "test.sh").read_text(encoding="utf-8")
    assert test_sh.index("installer/build.sh") < test_sh.index("installer/smoke.sh")
    # pytest runs last, so that its summary is the closing line CI reads.
    assert test_sh.index("installer/smoke.sh") < test_sh.rindex('/pytest"')
