"""A file offered as a paper, checked and made into PDF bytes before anything is stored.

A PDF must open (pypdf reads every page) and not need a password; one locked only against
changes is kept as an unlocked copy, so that it can go into a pack. A Word document is
converted (desktop/services/papers/convert.py). Anything else, or anything over `MAX_BYTES`,
is refused with a plain message.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from desktop.services.errors import InvalidInput
from desktop.services.papers.convert import convert_to_pdf, is_word

MAX_BYTES = 50 * 1024 * 1024
MAX_MB = MAX_BYTES // (1024 * 1024)


@dataclass(frozen=True)
class PaperFile:
    filename: str  # the name of the file it came from
    pdf: bytes
    pages: int


def _too_big(name: str, size: int) -> InvalidInput:
    return InvalidInput(f"{name} is {size / (1024 * 1024):.0f} MB: a paper can be at most "
                        f"{MAX_MB} MB. Make it smaller (for example, save it again with "
                        "pictures compressed) and attach it again.", "file")


def read_paper_file(path: Path) -> PaperFile:
    """The file at `path` as a checked PDF; InvalidInput (nothing stored) when it cannot be."""
    name = path.name
    try:
        size = path.stat().st_size
    except OSError:
        raise InvalidInput(f"{name} cannot be read: it may have been moved or deleted.",
                           "file") from None
    if size > MAX_BYTES:
        raise _too_big(name, size)
    if is_word(path):
        data = convert_to_pdf(path)
    elif path.suffix.lower() == ".pdf":
        try:
            data = path.read_bytes()
        except OSError:
            raise InvalidInput(f"{name} cannot be read.", "file") from None
    else:
        raise InvalidInput(f"{name} is not a PDF or a Word document: papers are attached as "
                           "PDF (.pdf) or Word (.docx, .doc, .odt, .rtf).", "file")
    if len(data) > MAX_BYTES:
        raise _too_big(name, len(data))
    data, pages = checked_pdf(data, name)
    return PaperFile(name, data, pages)


def checked_pdf(data: bytes, name: str) -> tuple[bytes, int]:
    """The PDF (unlocked when only locked against changes) and its page count."""
    from pypdf import PdfReader, PdfWriter

    damaged = InvalidInput(f"{name} is not a readable PDF: it may be damaged or only partly "
                           "saved. Save it again as PDF and attach the new copy.", "file")
    if not data.startswith(b"%PDF") and b"%PDF" not in data[:1024]:
        raise damaged
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            if not reader.decrypt(""):
                raise InvalidInput(f"{name} is protected by a password, so it cannot be put "
                                   "into a pack. Ask its author for a copy without a "
                                   "password.", "file")
            buffer = io.BytesIO()
            PdfWriter(clone_from=reader).write(buffer)
            data = buffer.getvalue()
            reader = PdfReader(io.BytesIO(data))
        pages = len(reader.pages)
        for page in reader.pages:  # every page must open: a pack is built from them all
            _ = page.mediabox.width
            page.get_contents()
    except InvalidInput:
        raise
    except Exception:  # pypdf raises many kinds for a damaged file: all mean the same here
        raise damaged from None
    if pages == 0:
        raise InvalidInput(f"{name} has no pages.", "file")
    return data, pages
