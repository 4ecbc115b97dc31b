"""The PDF objects' strings are encoded as reportlab encodes them (desktop/exports/pdf_writer.py),
and a document's whole file is byte for byte what reportlab's own encoding writes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab import rl_config
from reportlab.pdfbase import pdfdoc

from desktop.exports import pdf, pdf_writer
from desktop.exports.document import Document, Paragraph, Run
from desktop.exports.pdf import pdf_bytes

REPORTLAB = pdf_writer._REPORTLAB_ENCODE


def _encoded(encode: object, text: object) -> object:
    try:
        return encode(text)  # type: ignore[operator]
    except UnicodeEncodeError as error:
        return ("refused", error.start)


# ASCII (with the control characters PDFDocEncoding maps elsewhere), Latin-1, and beyond.
_TEXT = st.text(alphabet=st.one_of(st.characters(max_codepoint=0x7F),
                                   st.sampled_from("\x18\x1f\xa0éŁ€\u2022\ufffd😀")),
                max_size=30)


@settings(max_examples=500, derandomize=True)
@given(_TEXT)
def test_each_string_is_encoded_as_reportlab_encodes_it(text: str) -> None:
    assert _encoded(pdf_writer.pdfdoc_encoded, text) == _encoded(REPORTLAB, text)


def test_bytes_pass_through_and_ascii_becomes_ascii() -> None:
    assert pdf_writer.pdfdoc_encoded(b"\x00\xff") == b"\x00\xff"
    assert pdf_writer.pdfdoc_encoded("12 0 obj\n<< /Type /Page >>") == (
        b"12 0 obj\n<< /Type /Page >>")


def test_installed_in_reportlab_s_document_writer() -> None:
    pdf_writer.install()
    assert pdfdoc.pdfdocEnc is pdf_writer.pdfdoc_encoded


def test_a_file_is_byte_for_byte_what_reportlab_s_encoding_writes(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rl_config, "invariant", 1)  # no dates or random ids in the file
    document = Document(title="Minutes – Łukasz’s board", author="Safeguarding Board ©",
                        blocks=(Paragraph((Run("Agreed: the plan • 1 € "),
                                           Run("مرحبا 😀", bold=True))),))
    ours = pdf_bytes(document)
    monkeypatch.setattr(pdf, "install_writer", lambda: None)  # as pdf.py holds it
    calls = 0

    def counted(text: object) -> object:
        nonlocal calls
        calls += 1
        return REPORTLAB(text)

    monkeypatch.setattr(pdfdoc, "pdfdocEnc", counted)
    assert ours == pdf_bytes(document)
    assert calls > 50  # reportlab's own encoding wrote this one
