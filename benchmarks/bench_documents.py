"""5. Documents: the minutes of a full meeting (25 attendees, 20 items, their actions) to PDF
and to Word, as `boardwork export minutes` makes them, against LibreOffice converting our
Word file to PDF headless (what a business unit does today to get a PDF)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from sqlalchemy import text

from benchmarks.common import Figure, Settings, median, repeat
from desktop.exports.minutes import minutes_document
from desktop.exports.render import organisation, write_document
from desktop.services.database import Database
from desktop.services.documents import meeting_record


def middle_meeting(db: Database) -> str:
    """The key of the main board's approved meeting in the middle of the ten years."""
    with db.session() as s:
        keys = s.execute(text(
            "SELECT m.key FROM meeting m JOIN board b ON b.id = m.board_id "
            "WHERE b.key = 'b00' AND m.status = 'approved' ORDER BY m.date")).scalars().all()
    return str(keys[len(keys) // 2])


def export(db: Database, meeting: str, fmt: str, path: Path) -> None:
    """Everything the export does: read the meeting, lay the document out, write it."""
    write_document(minutes_document(meeting_record(db, meeting), organisation(db)), fmt, path)


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _convert(program: str, docx: Path, folder: Path) -> None:
    # Its own profile beside the output (made in the warm-up), never the user's.
    profile = (folder / "profile").as_uri()
    subprocess.run([program, f"-env:UserInstallation={profile}", "--headless", "--convert-to",
                    "pdf", "--outdir", str(folder), str(docx)],
                   check=True, capture_output=True, timeout=300)


def run(settings: Settings, db: Database) -> list[Figure]:
    meeting = middle_meeting(db)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        pdf = repeat(lambda: export(db, meeting, "pdf", out / "minutes.pdf"), settings.runs,
                     settings.warmup)
        docx = repeat(lambda: export(db, meeting, "docx", out / "minutes.docx"), settings.runs,
                      settings.warmup)
        pages = _pages(out / "minutes.pdf")
        program = soffice()
        reference = None
        if program is not None:
            converted = out / "lo"
            converted.mkdir()
            reference = repeat(lambda: _convert(program, out / "minutes.docx", converted),
                               settings.runs, settings.warmup)
    note = f"meeting {meeting}: {pages} pages of PDF"
    if reference is None:
        return [Figure("5. Documents: minutes to PDF", pdf, None, "LibreOffice missing", None,
                       notes=[note, "soffice not found: run benchmarks/setup.sh"])]
    ratio = median(reference) / median(pdf)
    word_ratio = median(reference) / median(docx)
    name = "soffice --headless --convert-to pdf of our .docx"
    return [
        Figure("5a. Documents: minutes of a full meeting to PDF", pdf, reference,
               "at most a tenth of LibreOffice's time", ratio >= 10, reference_name=name,
               ratio_text=f"{1 / ratio:.3f} of LibreOffice's time ({ratio:.1f}× faster)",
               notes=[note]),
        Figure("5b. Documents: the same minutes to Word", docx, reference,
               "(no goal; shown for comparison)", None, reference_name=name,
               ratio_text=f"{1 / word_ratio:.3f} of LibreOffice's time", notes=[note]),
    ]


def _pages(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(path).pages)
