"""The application's version, read from pyproject.toml: the one place it is written.

`python installer/version.py` prints it, for build scripts (build.sh, the Windows steps in
installer/README.md); the spec and the tests import `project_version()`.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def project_version(pyproject: Path = ROOT / "pyproject.toml") -> str:
    with pyproject.open("rb") as file:
        return str(tomllib.load(file)["project"]["version"])


def windows_version_tuple(version: str) -> tuple[int, int, int, int]:
    """"0.1.0" -> (0, 1, 0, 0): Windows file versions are four small numbers."""
    numbers = [int(part) for part in version.split(".")[:4] if part.isdigit()]
    padded = [*numbers, 0, 0, 0, 0][:4]
    return padded[0], padded[1], padded[2], padded[3]


if __name__ == "__main__":
    sys.stdout.write(project_version() + "\n")
