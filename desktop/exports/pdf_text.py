"""Text in the PDFs: the embedded fonts, a fallback font for the characters DejaVu Sans lacks
(emoji, symbols), and right-to-left text (Arabic, Hebrew) joined and in the right order.

Every string is escaped before reportlab's Paragraph reads it as its own markup, and cleaned of
control characters; the only tags reportlab ever sees are the b, i, u and font written here.

- Fallback: a character the run's DejaVu face lacks is printed in the upright face if that has
  it (DejaVu's oblique faces have no Arabic), else in Symbola (monochrome emoji and symbols,
  resources/fonts/Symbola-LICENSE.txt), each as its own <font> run, so nothing prints as an
  empty box. Symbola (3 MB) is only read when a document needs it.
- Right to left: a paragraph holding Arabic or Hebrew is shaped by harfbuzz (reportlab's
  `shaping`, through uharfbuzz): letters joined, each word's glyphs right to left. Lines are
  broken in typed order; `TextParagraph` draws each line's words in display order
  (desktop/exports/pdf_bidi.py). Alignment stays the layout's, as in the Word documents: an
  Arabic name sits at the left of its cell like the names above and below it.
"""

from __future__ import annotations

import contextlib
import functools
import re
import unicodedata
from collections.abc import Iterator
from contextvars import ContextVar
from itertools import repeat
from typing import Any
from xml.sax.saxutils import escape

import uharfbuzz  # noqa: F401  reportlab shapes with it; imported so the build ships it
from reportlab.lib.rl_accel import escapePDF
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph
from reportlab.platypus import paragraph as reportlab_paragraph

from desktop.exports.document import Run, clean
from desktop.exports.pdf_bidi import base_direction, has_right_to_left, visual_order
from desktop.exports.pdf_frags import own_frags
from desktop.exports.pdf_lines import break_plain, draw_plain
from desktop.exports.pdf_runs import break_runs, draw_runs
from desktop.exports.pdf_shaping import drawn_or_unshaped, unshaped
from desktop.exports.pdf_shaping import install as install_shaping
from desktop.resources import resource

FONT = "DejaVuSans"
SYMBOLS = "Symbola"
FACES = {"": "DejaVuSans.ttf", "-Bold": "DejaVuSans-Bold.ttf",
         "-Oblique": "DejaVuSans-Oblique.ttf", "-BoldOblique": "DejaVuSans-BoldOblique.ttf"}

_REPORTLAB_CMAP = ttfonts.makeToUnicodeCMap


def _utf16_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode map, with characters beyond U+FFFF (emoji) written as UTF-16.

    reportlab writes them as five hex digits, which PDF readers reject, so the text of the
    PDF could not be searched or copied; the glyphs themselves were always right.
    """
    cmap = _REPORTLAB_CMAP(fontname, subset)
    return re.sub(r"> <([0-9A-F]{5,6})>$",
                  lambda m: "> <" + chr(int(m.group(1), 16)).encode("utf-16-be").hex().upper()
                  + ">", cmap, flags=re.MULTILINE)


class _Font(TTFont):
    """reportlab's TTFont, encoding a drawn string in one pass when the document's font
    subset already holds all its characters (nearly every string after the first lines).

    reportlab's `splitString` looks every character up in a Python loop (a tenth of the
    time spent drawing a long document's text); here the characters the document has
    already given codes in the first subset are encoded by `str.translate`, with the same
    codes, so the bytes written are the same. A string with any other character (new to the
    document, beyond the first 256, or missing from the font) goes through reportlab's own
    loop, which assigns its codes. The table belongs to the document's font state: nothing
    is carried from one document to the next.
    """

    def splitString(self, text: str, doc: Any, encoding: str = "utf-8") -> list[Any]:
        state = self.state.get(doc)
        if state is None or not isinstance(text, str):
            return super().splitString(text, doc, encoding)
        assignments = state.assignments
        known = getattr(state, "_boardwork_known", None)
        if known is None or known[0] != len(assignments):
            known = state._boardwork_known = (len(assignments), *_first_subset(assignments))
        if not text or not known[1].issuperset(text):
            return super().splitString(text, doc, encoding)
        return [(0, text.translate(known[2]).encode("latin-1"))]

    def stringWidth(self, text: str, size: float, encoding: str = "utf8") -> float:
        """reportlab's width of a text (`_py_instanceStringWidthTTF`), the characters' widths
        summed in the same order by `map` rather than a generator: ~20% faster for the same
        float (the words new to a document, the column widths, measured this way)."""
        if not isinstance(text, str):
            return float(super().stringWidth(text, size, encoding))
        face = self.face
        return 0.001 * size * sum(map(face.charWidths.get, map(ord, text),
                                      repeat(face.defaultWidth)))

    def light_codes(self, doc: Any) -> tuple[frozenset[str], dict[int, str]] | None:
        """The characters the document's first subset holds, and each one's code as written
        inside a PDF string (escaped), for drawing a line in one pass (pdf_lines.py)."""
        state = self.state.get(doc)
        if state is None:
            return None
        assignments = state.assignments
        known = getattr(state, "_boardwork_known", None)
        if known is None or known[0] != len(assignments):
            known = state._boardwork_known = (len(assignments), *_first_subset(assignments))
        escaped = getattr(state, "_boardwork_escaped", None)
        if escaped is None or escaped[0] is not known:
            table = {char: escapePDF(code.encode("latin-1")) for char, code in known[2].items()}
            escaped = state._boardwork_escaped = (known, table)
        return known[1], escaped[1]


def _light_codes(font: Any, doc: Any) -> tuple[frozenset[str], dict[int, str]] | None:
    return font.light_codes(doc) if isinstance(font, _Font) else None


def _first_subset(assignments: dict[int, int]) -> tuple[frozenset[str], dict[int, str]]:
    """The characters coded in the first subset (0-255) and their codes, with no-break space
    coded as a space, as reportlab's `splitString` codes it."""
    codes = {code: chr(n) for code, n in assignments.items() if n < 256}
    if 32 in codes:
        codes[0xA0] = codes[32]
    return frozenset(map(chr, codes)), codes


# The widths of the words measured while one document is laid out (see `word_widths`).
_WIDTHS: ContextVar[dict[tuple[str, str, float], float] | None] = ContextVar(
    "word_widths", default=None)
_REPORTLAB_WIDTH = pdfmetrics.stringWidth
WORD_MEMO = True  # off only to compare with reportlab measuring every time (tests)


def _word_width(text: str, font_name: str, font_size: float, encoding: str = "utf8") -> float:
    """reportlab's `stringWidth` as its paragraphs call it (once per word each time a
    paragraph is broken into lines), answered from the document's own table of the words
    it has measured, when one is being laid out."""
    widths = _WIDTHS.get()
    if widths is None:
        return _REPORTLAB_WIDTH(text, font_name, font_size, encoding)
    key = (text, font_name, font_size)
    width = widths.get(key)
    if width is None:
        width = widths[key] = _REPORTLAB_WIDTH(text, font_name, font_size, encoding)
    return width


@contextlib.contextmanager
def word_widths() -> Iterator[None]:
    """While one document is laid out, each distinct word's width (in its font and size) is
    measured once: a meeting's minutes say "the", "board" and "action" thousands of times.
    The table is the document's own and is dropped with it."""
    token = _WIDTHS.set({} if WORD_MEMO else None)
    try:
        yield
    finally:
        _WIDTHS.reset(token)


def register_fonts() -> None:
    ttfonts.makeToUnicodeCMap = _utf16_cmap
    install_shaping()
    reportlab_paragraph.stringWidth = _word_width
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    for suffix, file_name in FACES.items():
        pdfmetrics.registerFont(_Font(FONT + suffix, str(resource("fonts", file_name))))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=f"{FONT}-Bold",
                                  italic=f"{FONT}-Oblique", boldItalic=f"{FONT}-BoldOblique")


def _register_symbols() -> None:
    if SYMBOLS not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(_Font(SYMBOLS, str(resource("fonts", "Symbola.ttf"))))
        # One face for all: inside <b> or <i> an emoji stays in Symbola.
        pdfmetrics.registerFontFamily(SYMBOLS, normal=SYMBOLS, bold=SYMBOLS, italic=SYMBOLS,
                                      boldItalic=SYMBOLS)


@functools.cache
def _characters(font_name: str) -> frozenset[str]:
    """The characters the font has a glyph for."""
    if font_name == SYMBOLS:
        _register_symbols()
    else:
        register_fonts()
    return frozenset(chr(code) for code in _font_face(font_name).charToGlyph)


def _font_face(font_name: str) -> Any:
    return pdfmetrics.getFont(font_name).face


def _face(bold: bool, italic: bool) -> str:
    return FONT + {(False, False): "", (True, False): "-Bold", (False, True): "-Oblique",
                   (True, True): "-BoldOblique"}[(bold, italic)]


def font_runs(text: str, face: str) -> list[tuple[str | None, str]]:
    """The text cut where the font changes: (None, text) in the face itself, (font, text)
    where a fallback has the glyphs the face lacks."""
    has = _characters(face)
    if set(text) <= has:
        return [(None, text)]
    upright = face.replace("-BoldOblique", "-Bold").replace("-Oblique", "")
    fonts: list[str | None] = []
    for char in text:
        if char in has:
            fonts.append(None)
        elif upright != face and char in _characters(upright):
            fonts.append(upright)
        elif char in _characters(SYMBOLS):
            fonts.append(SYMBOLS)
        else:
            fonts.append(None)  # no font has it: DejaVu's box says so
    _join_punctuation(text, fonts, upright)
    runs: list[tuple[str | None, str]] = []
    for char, font in zip(text, fonts, strict=True):
        if runs and runs[-1][0] == font:
            runs[-1] = (font, runs[-1][1] + char)
        else:
            runs.append((font, char))
    return runs


def _join_punctuation(text: str, fonts: list[str | None], upright: str) -> None:
    """Brackets and punctuation round an Arabic word printed upright go upright with it: a
    shaped word must be in one font ("(مرحبا)" in italics)."""
    if upright not in fonts:
        return
    for order in (range(len(text)), range(len(text) - 1, -1, -1)):
        neighbour: str | None = None
        for index in order:
            if fonts[index] is not None:
                neighbour = fonts[index]
            elif text[index].isspace() or unicodedata.bidirectional(text[index]) == "L":
                neighbour = None
            elif neighbour == upright:
                fonts[index] = upright


def markup(runs: tuple[Run, ...], font: str = FONT) -> str:
    """reportlab's mini-markup for the runs: their text escaped, only our own tags added.
    `font` is the paragraph style's font (bold in headings)."""
    bold_style = font.endswith(("-Bold", "-BoldOblique"))
    parts = []
    for run in runs:
        face = _face(run.bold or bold_style, run.italic)
        pieces = []
        for fallback, piece in font_runs(clean(run.text), face):
            piece = escape(piece).replace("\n", "<br/>")
            pieces.append(f'<font name="{fallback}">{piece}</font>' if fallback else piece)
        text = "".join(pieces)
        for flag, tag in ((run.underline, "u"), (run.italic, "i"), (run.bold, "b")):
            if flag:
                text = f"<{tag}>{text}</{tag}>"
        parts.append(text)
    return "".join(parts)


def plain(text: str, style: ParagraphStyle) -> TextParagraph:
    return TextParagraph(markup((Run(text),), style.fontName), style)


def text_width(text: str, font: str, size: float) -> float:
    """The printed width of a one-line text, fallback fonts included (shaping aside)."""
    return sum(pdfmetrics.stringWidth(piece, fallback or font, size)
               for fallback, piece in font_runs(text, font))


_WORDS = re.compile(r" +|[^ ]+")

class TextParagraph(Paragraph):
    """A Paragraph that shapes and orders right-to-left text (see the module's docstring)."""

    def __init__(self, text: str | None, style: ParagraphStyle, *args: Any,
                 **kwargs: Any) -> None:
        frags = kwargs.get("frags")
        source = text if text is not None else "".join(
            str(getattr(frag, "text", "")) for frag in frags or ())
        self._bidi = has_right_to_left(source)
        self._direction = base_direction(source) if self._bidi else 0
        if self._bidi and not getattr(style, "shaping", 0):
            style = ParagraphStyle(f"{style.name}-shaped", parent=style, shaping=1)
        made = own_frags(text, style) if (
            text is not None and frags is None and not args and not self._bidi) else None
        if made is None:
            super().__init__(text, style, *args, **kwargs)
            return
        super().__init__(text, style, frags=made[1], **kwargs)
        self.text = made[0]  # as the parser leaves it

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """Laid out once per width: reportlab lays a table cell out again to size its row,
        to split the table and to draw it, and the lines come out the same each time."""
        if getattr(self, "_wrapped_at", None) == availWidth and hasattr(self, "blPara"):
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        self._wrapped_at = availWidth
        return size

    def breakLines(self, width: Any) -> Any:
        """Plain text in one font or a few is broken by pdf_lines.py's or pdf_runs.py's
        loops, into reportlab's lines; anything else by reportlab."""
        if not self._bidi:
            widths = list(width) if isinstance(width, (list, tuple)) else [width]
            memo = _WIDTHS.get()
            made = break_plain(self, widths, memo)
            if made is None and len(self.frags) > 1:
                made = break_runs(self, widths, memo)
            if made is not None:
                return made
        try:
            return super().breakLines(width)
        except Exception:  # reportlab's shaping failed: laid out unshaped (pdf_shaping.py)
            if not unshaped(self):
                raise
            return super().breakLines(width)

    def drawPara(self, debug: int = 0) -> None:
        if not self._bidi and not debug and (draw_plain(self, _light_codes) or draw_runs(self)):
            return
        if not self._bidi:
            super().drawPara(debug)
            return
        drawn_or_unshaped(self, lambda: self._draw_visual(debug))

    def _draw_visual(self, debug: int) -> None:
        """reportlab's drawing, with a right-to-left paragraph's words in display order."""
        laid_out = getattr(self, "blPara", None)
        if laid_out is None or laid_out.kind != 1:
            super().drawPara(debug)
            return
        self.blPara = laid_out.clone(lines=[self._visual(line) for line in laid_out.lines])
        try:
            super().drawPara(debug)
        finally:
            self.blPara = laid_out

    def _visual(self, line: Any) -> Any:
        """The line with its words (and the spaces between them) in display order."""
        pieces: list[tuple[Any, str | None]] = []
        for frag in line.words:
            text = getattr(frag, "text", None)
            if text is None or hasattr(frag, "cbDefn") or not text:
                pieces.append((frag, None))
                continue
            pieces.extend((frag, text[m.start():m.end()]) for m in _WORDS.finditer(text))
        order = visual_order([piece or "" for _, piece in pieces], self._direction)
        words = [pieces[i][0] if pieces[i][1] is None else pieces[i][0].clone(text=pieces[i][1])
                 for i in order]
        return line.clone(words=words)


def draw_line(canvas: Canvas, text: str, left: float, right: float, baseline: float,
              style: ParagraphStyle) -> None:
    """One line of text drawn on the page itself (running header, footer) between left and
    right, aligned as the style says, with its first baseline at `baseline`: shaped and with
    its fallback fonts like any paragraph."""
    paragraph = plain(text, style)
    _, height = paragraph.wrap(right - left, 10_000)
    paragraph.drawOn(canvas, left, baseline + style.fontSize - height)
