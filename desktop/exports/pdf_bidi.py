"""The order in which the words of one printed line are drawn, for lines that mix right-to-left
text (Arabic, Hebrew) with English: the Unicode bidirectional algorithm, at word level.

reportlab lays a line out left to right in the order the words were typed, and its own bidi
support needs a library (rlbidi) that is not on PyPI and is switched off for paragraphs with
any markup. So the lines are broken in typed (logical) order as usual and only their drawing is
reordered (`visual_order`); harfbuzz, through reportlab's shaping, joins the letters of each
word and puts them right to left within the word.

Words are the unit: a word is right-to-left if its first strong letter is, numbers take the
direction around them, spaces and punctuation between two words of one direction join them
(rules W1-W7, N1-N2 and L2 of UAX #9 for paragraphs without explicit embeddings).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

# Scripts written right to left (Hebrew, Arabic, Syriac, Thaana, N'Ko ... and their
# presentation forms): a quick test before any per-character work.
RIGHT_TO_LEFT = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\U00010800-\U00010fff\U0001e800-\U0001efff]")
_MARKUP = re.compile(r"<[^>]*>|&#?\w+;")

LTR, RTL = 0, 1


def has_right_to_left(text: str) -> bool:
    return RIGHT_TO_LEFT.search(text) is not None


def _strong(text: str) -> str | None:
    """'L' or 'R' for the first strong letter of the text, 'EN' for a number, else None."""
    number = False
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return "L"
        if kind in ("R", "AL"):
            return "R"
        if kind in ("EN", "AN"):
            number = True
    return "EN" if number else None


def base_direction(text: str) -> int:
    """The paragraph's direction: right to left only if it has no left-to-right letter.

    Not UAX #9's first strong letter (P2-P3): these are English documents, and an action
    line "119: أحمد, due 31/12/2018" or "Councillor فاطمة" reads left to right, as Word
    shows a paragraph whatever it holds. A paragraph all in Arabic or Hebrew (a name, a
    quotation) is right to left, so its punctuation falls at its end. Markup and character
    entities are not letters."""
    letters = _MARKUP.sub("", text)
    if any(unicodedata.bidirectional(char) == "L" for char in letters):
        return LTR
    return RTL if has_right_to_left(letters) else LTR


def _levels(kinds: Sequence[str | None], base: int) -> list[int]:
    """Embedding levels of the words: L, R, EN (a number) or None (space, punctuation)."""
    resolved: list[str | None] = []
    previous = "R" if base == RTL else "L"
    for kind in kinds:
        if kind == "EN":  # W2/W7: a number after right-to-left letters belongs to them
            kind = "EN-R" if previous == "R" else "L"
        elif kind is not None:
            previous = kind
        resolved.append(kind)
    # N1/N2: neutrals between two of one direction take it (numbers count as R), else base.
    start = "R" if base == RTL else "L"
    directions: list[str | None] = ["R" if k == "EN-R" else k for k in resolved]
    for index, kind in enumerate(directions):
        if kind is not None:
            continue
        before = next((d for d in reversed(directions[:index]) if d is not None), start)
        after = next((d for d in directions[index + 1:] if d is not None), start)
        resolved[index] = before if before == after else ("R" if base == RTL else "L")
    levels = []
    for kind in resolved:
        if kind == "R":
            levels.append(1)
        elif kind == "EN-R":
            levels.append(2)
        else:  # L: even level, above an RTL base
            levels.append(2 if base == RTL else 0)
    return levels


def visual_order(words: Sequence[str], base: int) -> list[int]:
    """The indexes of the line's words (spaces included as words) in the order they are
    drawn from left to right. Trailing spaces stay at the end (rule L1)."""
    kinds = [_strong(word) for word in words]
    levels = _levels(kinds, base)
    end = len(words)
    while end and not words[end - 1].strip():
        end -= 1
    order = list(range(len(words)))
    for level in range(max(levels[:end], default=0), 0, -1):  # rule L2
        index = 0
        while index < end:
            if levels[order[index]] >= level:
                stop = index
                while stop < end and levels[order[stop]] >= level:
                    stop += 1
                order[index:stop] = reversed(order[index:stop])
                index = stop
            else:
                index += 1
    return order
