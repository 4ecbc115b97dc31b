"""The common paragraph laid out and drawn without reportlab's general machinery.

Most paragraphs of a meeting's minutes are one run of plain text in one font, left aligned;
most of the rest are a few runs (an action update: bold number, plain text, italic status).
reportlab breaks a paragraph into lines in a loop that handles hyphenation, soft hyphens,
long words, pictures, links and right-to-left text for every word, and draws each line
through its text object's per-fragment code (font lookup, subset encoding, escaping), a few
dozen Python calls a line. Here the same lines are found by loops with only the branches
plain text takes, over the document's table of word widths, and each line of one font is
written as the one text operator reportlab writes for it.

The results are reportlab's own, to the byte: the same floating-point sums in the same
order, the same operators (tests/test_exports_pdf_lines.py compares line breaks over
thousands of random paragraphs, and whole files with `LIGHT` off). Anything else (justified
or centred text, bullets, pictures, line breaks, a word wider than the line, soft hyphens,
right-to-left text; in drawing also underlines, links, backgrounds and raised text) returns
None and reportlab does it. Paragraphs of a few runs: desktop/exports/pdf_runs.py.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.enums import TA_LEFT
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus.paragraph import _processed_frags, split, strip
from reportlab.rl_config import paraFontSizeHeightOffset

from desktop.exports.pdf_numbers import fp_str

LIGHT = True  # off only to compare with reportlab doing every paragraph (tests)

Widths = dict[tuple[str, str, float], float]


def _plain_style(style: Any) -> bool:
    """The style asks for nothing the light paths leave to reportlab."""
    return not (style.endDots or style.wordWrap or getattr(style, "shaping", 0)
                or style.hyphenationLang or style.uriWasteReduce
                or style.embeddedHyphenation or not style.splitLongWords)


def break_plain(paragraph: Any, max_widths: list[float], widths: Widths | None) -> Any:
    """reportlab's `breakLines` for one run of plain text (its "kind 0" result), or None."""
    frags = paragraph.frags
    if (not LIGHT or widths is None or len(frags) != 1 or paragraph.bulletText
            or not _plain_style(paragraph.style) or _processed_frags(frags)):
        return None
    frag = frags[0]
    if hasattr(frag, "cbDefn") or hasattr(frag, "backColor"):
        return None
    text = getattr(frag, "text", None)
    if text is not None:
        text = strip(text)
        words = split(text)
    else:  # the rest of a paragraph split across pages: its words, as they were
        words = getattr(frag, "words", None)
        if type(words) is not list or not all(type(word) is str for word in words):
            return None  # split or hyphenated words, right-to-left order: reportlab's
        text = " ".join(words)
        words = list(words)
    if not text or "\xad" in text or "\xa0" in text or not strip(text):
        return None  # empty; soft hyphens, no-break spaces: reportlab's
    font_name, font_size = frag.fontName, frag.fontSize
    ascent, descent = pdfmetrics.getAscentDescent(font_name, font_size)
    measure = pdfmetrics.stringWidth
    space = (" ", font_name, font_size)
    space_width = widths.get(space)
    if space_width is None:
        space_width = widths[space] = measure(" ", font_name, font_size)
    shrink = paragraph.style.spaceShrinkage * space_width
    last = len(max_widths) - 1
    max_width = max_widths[0]
    lines: list[tuple[float, list[str]]] = []
    line: list[str] = []
    current = -space_width
    number = 0
    widest = 0.0
    get = widths.get
    for word in words:
        key = (word, font_name, font_size)
        word_width = get(key)
        if word_width is None:
            word_width = widths[key] = measure(word, font_name, font_size)
        new_width = current + space_width + word_width
        if new_width > max_width + shrink * len(line):
            if word_width > max_widths[min(number, last)]:
                return None  # a word wider than the line: reportlab splits it
            if current > widest:
                widest = current
            lines.append((max_width - current, line))
            line = [word]
            current = word_width
            number += 1
            max_width = max_widths[min(last, number)]
        else:
            line.append(word)
            current = new_width
    if line:
        if current > widest:
            widest = current
        lines.append((max_width - current, line))
    paragraph._width_max = widest
    paragraph._splitLongWordCount = paragraph._hyphenations = 0
    paragraph.height = 0
    return frag.clone(kind=0, lines=lines, ascent=ascent, descent=descent, fontSize=font_size)


def draw_plain(paragraph: Any, codes: Any) -> bool:
    """Draws a laid-out one-font, left-aligned paragraph as reportlab's `drawPara` would, each
    line one string operator; False (nothing drawn) for anything else.

    `codes(font, doc)` gives the font's table from characters to their escaped codes in the
    document's first subset, with the characters it holds (pdf_text's `_Font`)."""
    laid_out = getattr(paragraph, "blPara", None)
    style = paragraph.style
    if (not LIGHT or laid_out is None or laid_out.kind != 0 or not laid_out.lines
            or style.alignment != TA_LEFT or paragraph.bulletText or style.firstLineIndent
            or getattr(paragraph, "_offsets", None) or style.backColor
            or (style.borderColor and style.borderWidth) or laid_out.us_lines or laid_out.link
            or getattr(paragraph, "autoLeading", getattr(style, "autoLeading", ""))
            or "preformatted" in type(paragraph).__name__.lower()):
        return False
    canvas = paragraph.canv
    font = pdfmetrics.getFont(laid_out.fontName)
    found = codes(font, canvas._doc)
    if found is None:
        return False
    known, escaped = found
    canvas.saveState()
    canvas.setFillColor(laid_out.textColor)
    top = laid_out.fontSize if paraFontSizeHeightOffset else getattr(
        laid_out, "ascent", laid_out.fontSize)
    text = paragraph.beginText(style.leftIndent, paragraph.height - top)
    text.setFont(laid_out.fontName, laid_out.fontSize, style.leading)
    code = text._code
    for extra, words in laid_out.lines:
        line = " ".join(words)
        # An overfull line (reportlab's space shrinkage allows a little) is squeezed by
        # word spacing, as reportlab's `_leftDrawParaLine` does.
        spaces = 0 if extra > -1e-8 else len(words) + line.count("\xa0") - 1
        if not known.issuperset(line):  # characters new to the document: reportlab codes them
            if spaces > 0:
                text.setWordSpace(extra / float(spaces))
            text._textOut(line, 1)
            if spaces > 0:
                text.setWordSpace(0)
            continue
        drawn = f"({line.translate(escaped)}) Tj T*"
        if text._curSubset != 0:
            name = font.getSubsetInternalName(0, canvas._doc)
            drawn = f"{name} {fp_str(text._fontsize)} Tf {fp_str(text._leading)} TL {drawn}"
            text._curSubset = 0
        if spaces > 0:
            code.append(f"{fp_str(extra / float(spaces))} Tw")
            code.append(drawn)
            code.append("0 Tw")
        else:
            code.append(drawn)
    canvas.drawText(text)
    canvas.restoreState()
    return True
