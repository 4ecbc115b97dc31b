"""The organisation's logo: kept in the settings, printed on every document's pages."""

from __future__ import annotations

import struct
import zlib

import pytest
from docx import Document as WordDocument
from pypdf import PdfReader

from desktop.exports.render import write_for
from desktop.services.documents import meeting_record
from desktop.services.settings import (
    KEEP_LOGO,
    InvalidSettings,
    load_logo,
    save_logo,
    save_settings,
)
from tests.conftest import import_sample


def tiny_png(width: int = 8, height: int = 4) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    rows = b"".join(b"\x00" + b"\x20\x40\xa0" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
            + chunk(b"IEND", b""))


def test_logo_is_saved_checked_and_removed(database):
    assert load_logo(database) is None
    with pytest.raises(InvalidSettings, match="PNG or JPEG"):
        save_logo(database, b"GIF89a not allowed")
    save_settings(database, organisation_name="Herefordshire SCB", logo=tiny_png())
    assert load_logo(database) == tiny_png()
    save_settings(database, organisation_name="Herefordshire SCB", logo=KEEP_LOGO)
    assert load_logo(database) == tiny_png()
    save_logo(database, None)
    assert load_logo(database) is None


def test_documents_carry_the_logo_in_both_formats(database, tmp_path):
    from desktop.exports.minutes import minutes_document

    import_sample(database, "herefordshire-board-2018-10-23.json")
    save_logo(database, tiny_png())
    document = minutes_document(meeting_record(database, "hscb-2018-10-23"), "Herefordshire SCB")
    write_for(database, document, "pdf", tmp_path / "minutes.pdf")
    write_for(database, document, "docx", tmp_path / "minutes.docx")
    first_page = PdfReader(tmp_path / "minutes.pdf").pages[0]
    assert len(first_page.images) == 1
    header = WordDocument(str(tmp_path / "minutes.docx")).sections[0].header
    assert header.part.package.image_parts  # the picture is in the file
    assert header._element.xpath(".//pic:pic")  # and placed in the header
