"""Papers for agenda items: checked (PDF, or Word converted), kept inside the encrypted
database, and listed with what is still missing."""

from desktop.services.papers.convert import find_converter
from desktop.services.papers.intake import MAX_BYTES, PaperFile, read_paper_file
from desktop.services.papers.store import (
    MissingPaper,
    PackPaper,
    PaperRow,
    attach_paper,
    item_id_of,
    item_papers,
    meeting_id_of,
    meeting_papers,
    missing_papers,
    paper_deadline,
    paper_pdf,
    papers_for_pack,
    remove_paper,
    set_paper_deadline,
    set_paper_expected,
)

__all__ = [
    "MAX_BYTES", "MissingPaper", "PackPaper", "PaperFile", "PaperRow", "attach_paper",
    "find_converter", "item_id_of", "item_papers", "meeting_id_of", "meeting_papers",
    "missing_papers", "paper_deadline", "paper_pdf", "papers_for_pack", "read_paper_file",
    "remove_paper", "set_paper_deadline", "set_paper_expected",
]
