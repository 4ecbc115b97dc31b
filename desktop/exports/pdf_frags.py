"""reportlab's fragments for the markup pdf_text.py's `markup` writes (our b, i and u tags
around escaped text), made without reportlab's XML parser, which took a tenth of a long
PDF's time. Anything else (fallback fonts, line breaks, escaped characters) is left to the
parser; tests/test_exports_pdf_text.py checks the two agree."""

from __future__ import annotations

import copy
import re
import weakref
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus.paragraph import cleanBlockQuotedText, textTransformFrags
from reportlab.platypus.paraparser import ParaParser

# The markup `markup` writes without a fallback font or a line break: our b, i and u tags
# around escaped text.
_OWN_MARKUP = re.compile(r"<(/?)([biu])>|([^<]+)")
_FLAGS = {"b": 0, "i": 1, "u": 2}
# Per style (a style made from another copies its attributes, so not kept on the style).
_TEMPLATES: weakref.WeakKeyDictionary[ParagraphStyle, dict[tuple[bool, ...], Any]] = (
    weakref.WeakKeyDictionary())


def own_frags(text: str, style: ParagraphStyle) -> tuple[str, list[Any]] | None:
    """The cleaned text and reportlab's fragments for markup `markup` wrote, made without its
    XML parser: each run of text is a copy of the fragment
    the parser makes for "<b>x</b>" (say) in this style, as the parser itself copies one.
    None for anything else (fallback fonts, line breaks, escaped characters): the parser
    reads it. tests/test_exports_pdf_text.py checks the two agree."""
    cleaned = cleanBlockQuotedText(text)
    templates = _TEMPLATES.setdefault(style, {})
    flags = [False, False, False]
    frags = []
    length = 0
    for match in _OWN_MARKUP.finditer(cleaned):
        length += match.end() - match.start()
        closing, tag, chunk = match.groups()
        if tag:
            flags[_FLAGS[tag]] = not closing
            continue
        key = tuple(flags)
        template = templates.get(key)
        if template is None:
            sample = "x"
            for name in "uib":  # nested as `markup` nests them
                if key[_FLAGS[name]]:
                    sample = f"<{name}>{sample}</{name}>"
            template = templates[key] = ParaParser().parse(sample, style)[1][0]
        if "&" in chunk:
            return None  # the parser makes a fragment of each escaped character
        frag = copy.copy(template)
        frag.text = chunk
        frags.append(frag)
    if length != len(cleaned) or any(flags) or not frags:
        return None
    textTransformFrags(frags, style)
    return cleaned, frags
