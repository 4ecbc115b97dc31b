"""Checks a Windows bundle (dist/Boardwork) for what only shows on a council laptop.

Run by installer/windows-check.sh with the Windows Python that built the bundle:
    python installer/windows_bundle_check.py dist/Boardwork
- Every DLL a bundled program or module imports is in the bundle or is part of Windows 10
  itself; the Visual C++ runtime is not part of Windows, so it must be in the bundle (Wine
  has its own copy, which would hide its absence).
- Both programs carry the version resource Windows shows in their properties, with the
  version written in pyproject.toml.
- Qt's Windows platform plugin and style are there.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pefile  # PyInstaller's own dependency on Windows

sys.path.insert(0, str(Path(__file__).resolve().parent))
from version import project_version, windows_version_tuple

# Not part of Windows: installed by the Visual C++ redistributable, or shipped with a program.
REDISTRIBUTABLE = {"vcruntime140.dll", "vcruntime140_1.dll", "msvcp140.dll", "msvcp140_1.dll",
                   "msvcp140_2.dll", "concrt140.dll", "python3.dll", "python311.dll"}
SYSTEM32 = Path(os.environ.get("SYSTEMROOT", r"C:\windows")) / "system32"


def imported_dlls(path: Path) -> list[str]:
    pe = pefile.PE(str(path), fast_load=True)
    pe.parse_data_directories(directories=[
        pefile.DIRECTORY_ENTRY["IMAGE_DIRECTORY_ENTRY_IMPORT"]])
    names = [entry.dll.decode().lower() for entry in getattr(pe, "DIRECTORY_ENTRY_IMPORT", [])]
    pe.close()
    return names


def missing_dlls(bundle: Path) -> list[str]:
    modules = [p for p in bundle.rglob("*") if p.suffix.lower() in (".dll", ".pyd", ".exe")]
    shipped = {p.name.lower() for p in modules}
    problems = []
    for module in modules:
        for dll in imported_dlls(module):
            if dll in shipped or dll.startswith(("api-ms-win-", "ext-ms-win-")):
                continue
            if dll in REDISTRIBUTABLE or not (SYSTEM32 / dll).exists():
                problems.append(f"{module.relative_to(bundle)} needs {dll}, not in the bundle")
    if not problems:
        print(f"{len(modules)} programs and modules: every DLL they import is in the bundle "
              "or is part of Windows")
    return problems


def version_problems(program: Path, version: str) -> list[str]:
    pe = pefile.PE(str(program))
    strings: dict[str, str] = {}
    for info in getattr(pe, "FileInfo", []):
        for entry in info:
            for table in getattr(entry, "StringTable", []):
                strings.update({k.decode(): v.decode() for k, v in table.entries.items()})
    fixed = pe.VS_FIXEDFILEINFO[0] if getattr(pe, "VS_FIXEDFILEINFO", None) else None
    pe.close()
    problems = []
    for key in ("FileVersion", "ProductVersion"):
        if strings.get(key) != version:
            problems.append(f"{program.name}: {key} is {strings.get(key)!r}, not {version!r}")
    if fixed is None:
        problems.append(f"{program.name}: no fixed version information")
    else:
        numbers = (fixed.FileVersionMS >> 16, fixed.FileVersionMS & 0xFFFF,
                   fixed.FileVersionLS >> 16, fixed.FileVersionLS & 0xFFFF)
        if numbers != windows_version_tuple(version):
            problems.append(f"{program.name}: file version {numbers}, not {version}")
    if not problems:
        print(f"{program.name}: version {version} ({strings.get('ProductName')}, "
              f"{strings.get('FileDescription')})")
    return problems


def main() -> int:
    bundle = Path(sys.argv[1])
    version = project_version()
    problems = missing_dlls(bundle)
    for name in ("Boardwork.exe", "boardwork-cli.exe"):
        problems += version_problems(bundle / name, version)
    for plugin in ("platforms/qwindows.dll", "styles/qmodernwindowsstyle.dll"):
        if not list(bundle.rglob(plugin.split("/")[1])):
            problems.append(f"Qt's {plugin} is not in the bundle")
    for problem in problems:
        print("problem:", problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
