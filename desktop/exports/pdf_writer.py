"""reportlab's document writer, the same bytes with less pure Python where it writes objects.

`pdfdocEnc` encodes every string an object writes ("12 0 obj", dictionaries, the structure
tree, the fonts' character maps) through the 'extpdfdoc' codec, a character map looked up
one character at a time: ~2,000 strings a meeting's minutes, ~2 ms. Nearly all are ASCII,
which PDFDocEncoding writes as the same bytes, except U+0018-U+001F (PDFDocEncoding's
accents there, which the codec refuses): so ASCII without those is encoded as ASCII, anything
else by the codec as before (tests/test_exports_pdf_writer.py compares both).
"""

from __future__ import annotations

import re
from typing import Any

from reportlab.pdfbase import pdfdoc

_REPORTLAB_ENCODE = pdfdoc.pdfdocEnc
# The ASCII characters PDFDocEncoding does not map to themselves.
_NOT_AS_ASCII = re.compile("[\x18-\x1f]")


def pdfdoc_encoded(text: Any) -> Any:
    """reportlab's `pdfdocEnc`: a string in PDFDocEncoding, anything else as it is."""
    if isinstance(text, str) and text.isascii() and _NOT_AS_ASCII.search(text) is None:
        return text.encode("ascii")
    return _REPORTLAB_ENCODE(text)


def install() -> None:
    """Put `pdfdoc_encoded` in place of reportlab's within its document writer (pdfdoc.py,
    whose functions look the name up when they run)."""
    if pdfdoc.pdfdocEnc is _REPORTLAB_ENCODE:
        pdfdoc.pdfdocEnc = pdfdoc_encoded
