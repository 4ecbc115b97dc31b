"""An index of the letters and pairs of letters in a long list's filter texts, for the
first keys typed into its filter (pure Python: built on the worker thread that prepares
the rows).

A word typed has no white space in it, so a text holds a one- or two-letter word exactly
when one of the text's words (between white space) does: the rows holding it are the
bits of one int, looked up, not 50,000 substring tests ("sh" over the bookings: 6-7 ms a
keystroke; benchmarks/FINDINGS.md, issue 19 session 7). A longer word is narrowed by its
pairs before the texts left are scanned.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import compress
from operator import itemgetter

from desktop.services.actions.text_index import pair_bits, word_places

# Lists shorter than this are scanned (a few milliseconds at most): no index is built.
INDEXED_FROM = 10_000
_BYTE = bytes.maketrans(b"01", b"\x00\x01")


def index_of(texts: Sequence[str]) -> dict[str, int]:
    """For each character and each pair of adjacent characters within a word of the
    texts, the texts holding it, as the bits of an int (bit i: texts[i]). Built from each
    distinct word once, as the action log's Find index is."""
    return pair_bits(word_places(texts), len(texts))


def holding(index: dict[str, int], word: str) -> int:
    """The texts (as bits) that may hold `word`: exactly those holding it for a word of
    one or two characters; for a longer word, those holding each of its pairs."""
    if len(word) == 1:
        return index.get(word, 0)
    held = -1
    for pair in {word[at:at + 2] for at in range(len(word) - 1)}:
        held &= index.get(pair, 0)
    return held


def among(held: int, candidates: list[int], count: int, whole: bool = False) -> list[int]:
    """Those of `candidates` (text numbers below `count`, kept in order) whose bit is set
    in `held`: the bits laid out a byte each and picked in the candidates' order, in C.
    `whole`: the candidates are every text in order (0 … count - 1)."""
    if held <= 0 or not candidates:
        return []
    flags = format(held, "b")[::-1].ljust(count, "0").encode().translate(_BYTE)
    if whole:
        return list(compress(range(count), flags))
    if len(candidates) == 1:
        return candidates if flags[candidates[0]] else []
    return list(compress(candidates, itemgetter(*candidates)(flags)))
