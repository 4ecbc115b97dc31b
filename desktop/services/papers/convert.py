"""Word documents (.docx, .doc, .odt, .rtf) turned into PDF by LibreOffice, where it is
installed.

Word itself is not driven (no COM automation in this application): LibreOffice's
`soffice --headless --convert-to pdf` is found on the PATH or in its usual Windows folders.
Without it a Word paper is refused with a message saying what to do instead. Each conversion
runs with its own throw-away LibreOffice profile, so it works while the user has LibreOffice
open, and is stopped if it takes longer than `TIMEOUT` seconds.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from desktop.services.errors import InvalidInput

WORD_SUFFIXES = (".docx", ".doc", ".odt", ".rtf")
TIMEOUT = 180
# Where the Windows installer puts LibreOffice; looked at after the PATH.
_WINDOWS_FOLDERS = ("ProgramFiles", "ProgramFiles(x86)", "ProgramW6432")
NO_CONVERTER = (
    "{name} is a Word document, and no converter is installed on this computer to turn it "
    "into PDF. Save it as PDF from Word (File > Save As > PDF) and attach the PDF, or "
    "install LibreOffice.")


def find_converter() -> Path | None:
    """LibreOffice's `soffice` program, or None when it is not installed."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return Path(found)
    for variable in _WINDOWS_FOLDERS:
        folder = os.environ.get(variable)
        if folder:
            candidate = Path(folder) / "LibreOffice" / "program" / "soffice.exe"
            if candidate.is_file():
                return candidate
    return None


def is_word(path: Path) -> bool:
    return path.suffix.lower() in WORD_SUFFIXES


def convert_to_pdf(path: Path, converter: Path | None = None) -> bytes:
    """The PDF LibreOffice makes of the document at `path`; InvalidInput when there is no
    converter or it fails."""
    program = converter or find_converter()
    if program is None:
        raise InvalidInput(NO_CONVERTER.format(name=path.name), "file")
    with tempfile.TemporaryDirectory(prefix="boardwork-convert-") as folder:
        work = Path(folder)
        # A copy under a plain name: LibreOffice mis-reads some characters in file names.
        source = work / f"paper{path.suffix.lower()}"
        shutil.copyfile(path, source)
        profile = (work / "profile").as_uri()
        command = [str(program), f"-env:UserInstallation={profile}", "--headless",
                   "--norestore", "--convert-to", "pdf", "--outdir", str(work / "out"),
                   str(source)]
        try:
            subprocess.run(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, timeout=TIMEOUT, check=False,
                           # no console window flashing up on Windows
                           creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0))
        except subprocess.TimeoutExpired:
            raise InvalidInput(f"Turning {path.name} into PDF took more than {TIMEOUT // 60} "
                               "minutes and was stopped. Save it as PDF from Word and attach "
                               "the PDF.", "file") from None
        except OSError:
            raise InvalidInput(f"The converter at {program} could not be started. Save "
                               f"{path.name} as PDF from Word and attach the PDF.",
                               "file") from None
        result = work / "out" / "paper.pdf"
        if not result.is_file():
            raise InvalidInput(f"{path.name} could not be turned into PDF (the file may be "
                               "damaged or protected by a password). Save it as PDF from Word "
                               "and attach the PDF.", "file")
        return result.read_bytes()
