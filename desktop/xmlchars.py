"""Characters XML 1.0 forbids, which break .docx and .xlsx files (both are XML inside).

Kept out of the record on import, and out of every Word and Excel file on export too, for
text that came in some other way (pasted, or stored before the import cleaned it).
"""

from __future__ import annotations

import re

# XML 1.0 allows tab, newline, carriage return, U+0020-U+D7FF, U+E000-U+FFFD and the planes
# above; lone surrogates (U+D800-U+DFFF) are not valid Unicode at all and are refused apart.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
SURROGATE = re.compile("[\ud800-\udfff]")
# Word writes a line break (Shift+Enter) as a vertical tab and a page break as a form feed
# when its text is pasted or saved as plain text: between two words they are a space, or
# "first line\vsecond" would come out as "first linesecond".
BREAK_BETWEEN_WORDS = re.compile(r"(?<=\S)[\x0b\x0c]+(?=\S)")
# Any character the three patterns above act on. Nearly every text holds none, and one pass
# of this class finds that ~10 times faster than the look-behind above scans the text (the
# look-behind is tried at every character): 4-5 ms of a full meeting's minutes to PDF.
_ANY_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(text: str) -> str:
    """`text` without the characters XML forbids (lone surrogates included); a vertical tab
    or form feed between two words becomes a space."""
    if _ANY_UNSAFE.search(text) is None:
        return text
    text = FORBIDDEN.sub("", BREAK_BETWEEN_WORDS.sub(" ", text))
    return SURROGATE.sub("", text) if SURROGATE.search(text) else text


def xml_safe_row(values: tuple[object, ...]) -> tuple[object, ...]:
    """A row of spreadsheet cells with every string made XML-safe (openpyxl refuses control
    characters when a cell is set, and lxml the rest when the workbook is saved)."""
    return tuple(xml_safe(v) if isinstance(v, str) else v for v in values)
