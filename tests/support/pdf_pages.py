"""Reading a PDF back as it is drawn: each text piece in content-stream order with its font
and position. pypdf's extract_text reorders right-to-left text by its own rules; this does
not, so a test sees the order in which the glyphs are actually laid down, left to right."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import ContentStream


@dataclass(frozen=True)
class Shown:
    text: str
    font: str  # the embedded font's name without its subset tag: "DejaVuSans-Bold"
    x: float  # where the text line starts (its text matrix and cm), points from the left
    y: float


def _unicode_maps(page: object) -> dict[str, tuple[str, dict[int, str]]]:
    fonts = page["/Resources"]["/Font"]  # type: ignore[index]
    maps: dict[str, tuple[str, dict[int, str]]] = {}
    for name, reference in fonts.items():
        font = reference.get_object()
        base = str(font.get("/BaseFont", "")).split("+")[-1]
        codes: dict[int, str] = {}
        if "/ToUnicode" in font:
            data = font["/ToUnicode"].get_object().get_data().decode("latin-1")
            for section in re.findall(r"beginbfchar(.*?)endbfchar", data, re.DOTALL):
                for code, text in re.findall(r"<([0-9A-Fa-f]{2})>\s*<([0-9A-Fa-f]+)>", section):
                    codes[int(code, 16)] = bytes.fromhex(text).decode("utf-16-be")
        maps[name] = (base, codes)
    return maps


def _raw(string: object) -> bytes:
    """The string's bytes as written (pypdf decodes some as text)."""
    original = getattr(string, "get_original_bytes", None)
    return original() if original else bytes(string)  # type: ignore[call-overload]


def shown_text(path: Path) -> list[list[Shown]]:
    """Per page, every string shown, as drawn (Tj and TJ), in order."""
    reader = PdfReader(str(path))
    pages = []
    for page in reader.pages:
        maps = _unicode_maps(page)
        shown: list[Shown] = []
        font = ("", {})
        origin = [0.0, 0.0]  # from cm, which reportlab uses to place each flowable
        stack: list[list[float]] = []
        line = [0.0, 0.0]  # the text line matrix's origin: Tm, moved by Td and T*
        leading = 0.0
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator == b"BT":
                line = [0.0, 0.0]
            elif operator == b"TL":
                leading = float(operands[0])
            elif operator == b"T*":
                line = [line[0], line[1] - leading]
            elif operator == b"q":
                stack.append(origin[:])
            elif operator == b"Q" and stack:
                origin = stack.pop()
            elif operator == b"cm":
                origin = [origin[0] + float(operands[4]), origin[1] + float(operands[5])]
            elif operator == b"Tm":
                line = [float(operands[4]), float(operands[5])]
            elif operator == b"Td":
                line = [line[0] + float(operands[0]), line[1] + float(operands[1])]
            elif operator == b"Tf":
                font = maps.get(str(operands[0]), ("", {}))
            elif operator in (b"Tj", b"TJ"):
                parts = operands[0] if operator == b"TJ" else [operands[0]]
                text = "".join(font[1].get(code, "\ufffd") for part in parts
                               if not isinstance(part, (int, float)) for code in _raw(part))
                shown.append(Shown(text, font[0], origin[0] + line[0], origin[1] + line[1]))
        pages.append(shown)
    return pages


def rightmost_lines(path: Path) -> list[float]:
    """Per page, the furthest right any line is drawn (a table's box), in points."""
    reader = PdfReader(str(path))
    result = []
    for page in reader.pages:
        origin = [0.0, 0.0]
        stack: list[list[float]] = []
        right = 0.0
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator == b"q":
                stack.append(origin[:])
            elif operator == b"Q" and stack:
                origin = stack.pop()
            elif operator == b"cm":
                origin = [origin[0] + float(operands[4]), origin[1] + float(operands[5])]
            elif operator in (b"m", b"l"):
                right = max(right, origin[0] + float(operands[0]))
        result.append(right)
    return result


def page_fonts(path: Path) -> set[str]:
    """The fonts in the pages' resources, without subset tags."""
    return {str(reference.get_object().get("/BaseFont", "")).split("+")[-1]
            for page in PdfReader(str(path)).pages
            for reference in page["/Resources"]["/Font"].values()}


def embedded_fonts(path: Path) -> set[str]:
    """The fonts whose TrueType program is inside the file (a FontFile2 stream)."""
    fonts = set()
    for page in PdfReader(str(path)).pages:
        for reference in page["/Resources"]["/Font"].values():
            font = reference.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is not None and "/FontFile2" in descriptor.get_object():
                fonts.add(str(font.get("/BaseFont", "")).split("+")[-1])
    return fonts
