"""The light paths of pdf_lines.py for paragraphs of a few runs of plain text in different
fonts (an action update: bold number, plain text, italic status): reportlab's "kind 1"
line breaking and drawing with only the branches plain text takes. The same lines, word
lists and operators as reportlab's (tests/test_exports_pdf_lines.py)."""

from __future__ import annotations

from typing import Any

from reportlab.lib.enums import TA_LEFT
from reportlab.lib.rl_accel import sameFrag
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus.paragraph import (
    _FK_TEXT,
    FragLine,
    ParaLines,
    _getFragWords,
    _HSFrag,
    _processed_frags,
)
from reportlab.rl_config import paraFontSizeHeightOffset

from desktop.exports import pdf_lines
from desktop.exports.pdf_lines import Widths, _plain_style


def break_runs(paragraph: Any, max_widths: list[float], widths: Widths | None) -> Any:
    """reportlab's `breakLines` for a few runs of plain text in different fonts (its "kind 1"
    result, with the paragraph's fragments turned into its word list as reportlab leaves
    them), or None. The words are reportlab's own (`_getFragWords`); the loop is reportlab's
    with only the branches plain text can take, and the lines it makes are the same."""
    frags = paragraph.frags
    style = paragraph.style
    if (not pdf_lines.LIGHT or widths is None or len(frags) < 2 or paragraph.bulletText
            or not _plain_style(style) or style.justifyBreaks
            or getattr(paragraph, "autoLeading", getattr(style, "autoLeading", ""))
            not in ("", "off", None)):
        return None
    if _processed_frags(frags):
        if not all(type(word) in (list, _HSFrag) for word in frags):
            return None
    elif not all(_text_frag(frag) for frag in frags):
        return None
    words_of = _getFragWords(frags, max_widths[0])
    for word in words_of:
        if type(word) not in (list, _HSFrag) or len(word) < 2:
            return None
        for frag, text in word[1:]:
            if frag._fkind != _FK_TEXT or "\xad" in text or not _text_frag(frag):
                return None
    paragraph._width_max = 0
    paragraph.height = 0
    paragraph._splitLongWordCount = paragraph._hyphenations = 0
    return _break_words(paragraph, words_of, max_widths, widths)


def _text_frag(frag: Any) -> bool:
    held = frag.__dict__
    return "text" in held and not ("cbDefn" in held or "lineBreak" in held
                                   or "backColor" in held)


def _break_words(paragraph: Any, words_of: list[Any], max_widths: list[float],
                 widths: Widths) -> Any:
    """reportlab's loop (paragraph.py, `breakLines`, "kind 1") for words of plain text.

    Two shortcuts, neither changing a result: a word in the fragment the line's last piece
    was cloned from is the same fragment (reportlab's `sameFrag` compares eight attributes
    the clone copied), and a fragment's ascent and descent already taken into the line's
    need not be taken again (max and min of a value already in)."""
    measure = pdfmetrics.stringWidth
    get = widths.get
    shrinkage = paragraph.style.spaceShrinkage
    last = len(max_widths) - 1
    lineno = 0
    max_width = max_widths[0]
    lines: list[Any] = []
    words: list[Any] = []
    done: list[Any] = []
    start = 0
    n = 0
    space_width = current = 0.0
    height = _Height()
    taken = height.taken  # the fragments already in the line's height
    g: Any = None
    source: Any = None  # the fragment g was cloned from
    for w in words_of:
        done.append(w)
        f = w[-1][0]
        font_name = f.fontName
        font_size = f.fontSize
        if not words:
            n = 0
            space_width = current = 0
            height.start(f)
        word_width = w[0]
        f = w[1][0]
        new_width = current + space_width + word_width if word_width > 0 else current
        limit = max_width
        if shrinkage:
            shrink = space_width
            for wi in words:
                spaces = wi.text.count(" ")
                if spaces:
                    key = (" ", wi.fontName, wi.fontSize)
                    one = get(key)
                    if one is None:
                        one = widths[key] = measure(" ", wi.fontName, wi.fontSize)
                    shrink += spaces * one
            shrink *= shrinkage
            limit += shrink
        if new_width > limit and word_width > max_widths[min(lineno, last)]:
            return None  # a word wider than the line: reportlab splits it
        if not (new_width > limit and n > 0):
            text = w[1][1]
            if text:
                n += 1
            font_size = f.fontSize
            if id(f) not in taken:
                height.take(f)
            if not words:
                g = f.clone()
                source = f
                words = [g]
                g.text = text
            elif not (f is source or sameFrag(g, f)):
                if space_width and not words[-1].text.endswith(" "):
                    words[-1].text += " "
                g = f.clone()
                source = f
                words.append(g)
                g.text = text
            elif space_width:
                g.text += (" " + text) if not g.text.endswith(" ") else text
            else:
                g.text += text
            space_width = _space(widths, font_name, font_size) if type(w) is _HSFrag else 0
            joined = 0
            for piece, piece_text in w[2:]:
                g = piece.clone()
                source = piece
                g.text = piece_text
                if piece_text:
                    joined = 1
                words.append(g)
                if id(piece) not in taken:
                    height.take(piece)
            if not text and joined:
                n += 1
            current = new_width
            continue
        if current > paragraph._width_max:
            paragraph._width_max = current
        lines.append(FragLine(extraSpace=max_width - current, wordCount=n, lineBreak=False,
                              words=words, fontSize=height.size, ascent=height.ascent,
                              descent=height.descent, maxWidth=max_width, sFW=start))
        start = len(done) - 1
        lineno += 1
        max_width = max_widths[min(last, lineno)]
        space_width = _space(widths, font_name, font_size) if type(w) is _HSFrag else 0
        current = word_width
        n = 1
        g = f.clone()
        source = f
        height.start(f)
        words = [g]
        g.text = w[1][1]
        for piece, piece_text in w[2:]:
            g = piece.clone()
            source = piece
            g.text = piece_text
            words.append(g)
            if id(piece) not in taken:
                height.take(piece)
    if words:
        if current > paragraph._width_max:
            paragraph._width_max = current
        lines.append(FragLine(extraSpace=max_width - current, wordCount=n, lineBreak=False,
                              words=words, fontSize=height.size, ascent=height.ascent,
                              descent=height.descent, maxWidth=max_width, sFW=start))
    paragraph.frags = done
    return ParaLines(kind=1, lines=lines)


class _Height:
    """A line's height as reportlab's loop gathers it: the largest font size and ascent and
    the lowest descent of the fragments taken into the line. A fragment already taken is
    not taken again (the max and min of a value already in change nothing)."""

    __slots__ = ("ascent", "descent", "size", "taken")

    def __init__(self) -> None:
        self.taken: set[int] = set()  # the fragments taken (their ids)

    def start(self, frag: Any) -> None:
        """A new line, of this fragment so far."""
        self.size = size = frag.fontSize
        self.ascent, self.descent = pdfmetrics.getAscentDescent(frag.fontName, size)
        self.taken.clear()
        self.taken.add(id(frag))

    def take(self, frag: Any) -> None:
        """The fragment into the line's height (not yet taken: the caller looks, which
        saves a call for each word of a fragment already in)."""
        self.taken.add(id(frag))
        size = frag.fontSize
        ascent, descent = pdfmetrics.getAscentDescent(frag.fontName, size)
        self.size = max(self.size, size)
        self.ascent = max(self.ascent, ascent)
        self.descent = min(self.descent, descent)


def _space(widths: Widths, font_name: str, font_size: float) -> float:
    key = (" ", font_name, font_size)
    width = widths.get(key)
    if width is None:
        width = widths[key] = pdfmetrics.stringWidth(" ", font_name, font_size)
    return width


def draw_runs(paragraph: Any) -> bool:
    """Draws a laid-out paragraph of a few plain runs (left aligned) as reportlab's
    `drawPara` would, without its per-fragment bookkeeping for underlines, links, background
    colours and dot leaders (each fragment measured again to place them), which plain runs
    do not use; False (nothing drawn) for anything else. The operators written are the
    same: per line the word spacing of an overfull line, per fragment a change of font and
    colour and its text."""
    laid_out = getattr(paragraph, "blPara", None)
    style = paragraph.style
    if (not pdf_lines.LIGHT or laid_out is None or laid_out.kind != 1 or not laid_out.lines
            or style.alignment != TA_LEFT or paragraph.bulletText or style.firstLineIndent
            or getattr(paragraph, "_offsets", None) or style.backColor or style.endDots
            or (style.borderColor and style.borderWidth) or style.wordWrap
            or getattr(paragraph, "autoLeading", getattr(style, "autoLeading", ""))
            not in ("", "off", None)
            or "preformatted" in type(paragraph).__name__.lower()):
        return False
    for line in laid_out.lines:
        if line.lineBreak:
            return False
        for frag in line.words:
            held = frag.__dict__
            if ("cbDefn" in held or "lineBreak" in held or held.get("backColor")
                    or held.get("us_lines") or held.get("link") or held.get("rise")):
                return False
    canvas = paragraph.canv
    leading = style.leading
    canvas.saveState()
    top = laid_out.lines[0].fontSize if paraFontSizeHeightOffset else getattr(
        laid_out.lines[0], "ascent", laid_out.lines[0].fontSize)
    text = paragraph.beginText(style.leftIndent, paragraph.height - top)
    text._leading = None
    text._fontname, text._fontsize = None, None
    colour = None
    for line in laid_out.lines:
        spaces = 0
        if line.extraSpace <= -1e-8:
            spaces = line.wordCount + sum(w.text.count("\xa0") for w in line.words) - 1
        if spaces > 0:
            text.setWordSpace(line.extraSpace / float(spaces))
        if text._leading != leading:
            text.setLeading(leading)
        words = line.words
        for frag in words:
            if (text._fontname, text._fontsize) != (frag.fontName, frag.fontSize):
                text._setFont(frag.fontName, frag.fontSize)
            if colour != frag.textColor:
                colour = frag.textColor
                text.setFillColor(colour)
            text._textOut(frag.text, frag is words[-1])
        if spaces > 0:
            text.setWordSpace(0)
    canvas.drawText(text)
    canvas.restoreState()
    return True
