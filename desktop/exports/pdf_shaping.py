"""Shaping right-to-left text (reportlab's `shaping`, through harfbuzz) made safe for any text a
user can type. Two faults of reportlab 5.1.0 failed the whole export of a document; each is mended
here where it arises, and the text is shaped as before everywhere else:

- A word already shaped, then cut by reportlab at a soft hyphen (U+00AD), is a plain word
  again holding shaped strings (`ShapedStr`, a `str` subclass). When the rest of the paragraph
  is laid out again (split at a page end, or measured at another width) reportlab shapes it a
  second time, and uharfbuzz's `Buffer.add_str` (Cython, exact `str` only) raises TypeError.
  `shape_word` passes an already-shaped word through as it is (shaping it again would also
  reverse its right-to-left glyphs a second time).
- A word whose letters change font with no space between (Arabic in DejaVu Sans next to an
  emoji in Symbola, "مرحبا👍") is shaped with the first font's glyphs only, and the glyph
  numbers are then looked up in the second font: the wrong glyphs, or AttributeError
  (`hbAddPrivate`) when that font has not yet shaped anything in the process, which is why
  the failure came and went with what had been exported before. `shape_word` shapes each
  single-font run of the word with its own font, the runs left in typed order: the
  drawing puts a line's runs in display order (pdf_bidi.py), each counting as a word.
  Those wrong glyphs also brought reportlab's drawing to ask `PDFTextObject.setRise` for
  the operator before a shaped string's first glyph when none was written (IndexError); with
  each run shaped in its own font that no longer arises (150 random documents tried).

A word too long for its line (a long unbroken Arabic or Hebrew word in a narrow table cell) is
cut by reportlab into pieces that fit, after shaping, in the order of its glyphs, which for a
right-to-left word is its end first: the first line held the word's last letters.
`split_word` cuts such a word from its first letter, each piece still drawn right to left.

Anything else reportlab's shaping may raise is caught a paragraph at a time by
`TextParagraph` (pdf_text.py): laying out, the paragraph is laid out again unshaped
(`unshaped`); drawing, what it drew is taken back and its lines drawn again as plain
text (`drawn_or_unshaped`). Unshaped, right-to-left letters are not joined and a word's
letters come in typed order, but every one is printed and the document is written.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from itertools import groupby
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import ShapedFragWord, ShapedStr, makeShapedFragWord
from reportlab.platypus import paragraph as reportlab_paragraph

_REPORTLAB_SHAPE = reportlab_paragraph.shapeFragWord
_REPORTLAB_SPLIT = reportlab_paragraph._splitFragWord


def shape_word(word: Any) -> Any:
    """reportlab's `shapeFragWord` for one word of a paragraph (its width, then (fragment,
    text) pairs), the word itself when it needs no shaping or has been shaped already."""
    if isinstance(word, ShapedFragWord):
        return word
    pieces = word[1:]
    if any(isinstance(text, ShapedStr) for _, text in pieces):
        return word  # shaped, then cut at a soft hyphen: its strings carry their glyphs
    fonts = {getattr(frag, "fontName", None) for frag, _ in pieces}
    if len(fonts) < 2:
        return _REPORTLAB_SHAPE(word)
    runs: list[Any] = []
    width = 0.0
    changed = False
    for _, run in groupby(pieces, key=lambda piece: getattr(piece[0], "fontName", None)):
        one_font = list(run)
        part = [_width(one_font), *one_font]
        shaped = _REPORTLAB_SHAPE(part)
        changed = changed or shaped is not part
        width += shaped[0]
        runs.extend(shaped[1:])
    if not changed:
        return word
    new = makeShapedFragWord(word)([])
    new.append(width)
    new.extend(runs)
    return new


def _width(pieces: list[Any]) -> float:
    return sum(pdfmetrics.stringWidth(text, frag.fontName, frag.fontSize)
               for frag, text in pieces if not hasattr(frag, "cbDefn"))


def split_word(word: Any, max_width: float, max_widths: list[float], lineno: int) -> Any:
    """reportlab's `_splitFragWord` (the pieces of a word too long for its lines, the first
    fitting `max_width`), cutting a shaped right-to-left word from its first letter: its
    glyphs, in drawing order, are taken in reading order (right to left), cut, and each
    piece turned back. Only a word shaped in one font, whose pieces are all in drawing order
    (shape_word leaves a word in several fonts in typed order: cut as reportlab cuts it)."""
    pieces = word[1:]
    if not (isinstance(word, ShapedFragWord) and len(
            {getattr(frag, "fontName", None) for frag, _ in pieces}) == 1
            and _right_to_left("".join(text for _, text in pieces))):
        return _REPORTLAB_SPLIT(word, max_width, max_widths, lineno)
    reading = type(word)([word[0], *((frag, text[::-1]) for frag, text in reversed(pieces))])
    return [type(part)([part[0], *(_turned(frag, text) for frag, text in reversed(part[1:]))])
            for part in _REPORTLAB_SPLIT(reading, max_width, max_widths, lineno)]


def _turned(frag: Any, text: str) -> tuple[Any, str]:
    if not hasattr(frag, "text"):
        return frag, text[::-1]
    turned = frag.clone(text=text[::-1])
    return turned, turned.text


def _right_to_left(glyphs: str) -> bool:
    """Right-to-left letters and no left-to-right ones (glyphs harfbuzz made with no letter of
    their own, a ligature say, are private-use characters: not letters)."""
    kinds = {unicodedata.bidirectional(char) for char in glyphs
             if unicodedata.category(char) != "Co"}
    return "L" not in kinds and bool(kinds & {"R", "AL"})


def unshaped(paragraph: Any) -> bool:
    """The paragraph to be laid out without shaping from now on, reportlab (5.1.0) having
    failed to lay it out shaped; False if it was not being shaped (the fault is another)."""
    style = paragraph.style
    if not getattr(style, "shaping", 0):
        return False
    paragraph.style = ParagraphStyle(f"{style.name}-unshaped", parent=style, shaping=0)
    return True


def drawn_or_unshaped(paragraph: Any, draw: Callable[[], None]) -> None:
    """`draw()` draws the laid-out paragraph; should reportlab (5.1.0) fail drawing its shaped
    text, what it wrote to the canvas is taken back (operators and saved states) and the
    lines are drawn again with each shaped string as plain text (the glyphs harfbuzz chose,
    without its offsets): the same lines and height as laid out."""
    canvas = paragraph.canv
    written, states = len(canvas._code), len(canvas.state_stack)
    try:
        draw()
    except Exception:
        laid_out = getattr(paragraph, "blPara", None)
        if laid_out is None or getattr(laid_out, "kind", 0) != 1 or not any(
                isinstance(getattr(frag, "text", None), ShapedStr)
                for line in laid_out.lines for frag in line.words):
            raise
        while len(canvas.state_stack) > states:
            canvas.restoreState()
        del canvas._code[written:]
        paragraph.blPara = laid_out.clone(lines=[
            line.clone(words=[_plain(frag) for frag in line.words]) for line in laid_out.lines])
        draw()


def _plain(frag: Any) -> Any:
    text = getattr(frag, "text", None)
    return frag.clone(text=str(text)) if isinstance(text, ShapedStr) else frag


def install() -> None:
    """Puts the mended shaping and splitting into reportlab (idempotent)."""
    reportlab_paragraph.shapeFragWord = shape_word
    reportlab_paragraph._splitFragWord = split_word
