"""Which parts of a line of minutes are words to check, and which are left alone."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

# A word may hold apostrophes and hyphens inside it ("children's", "multi-agency"). Parts of
# web and e-mail addresses are found by a second pattern, only when a line may hold one.
TOKEN = re.compile(r"[\w'’]+(?:-[\w'’]+)*")
_ADDRESS = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_APOSTROPHES = "'’"
_POSSESSIVE = ("'s", "’s")


def checkable(token: str) -> tuple[int, str] | None:
    """(offset in the token, word) of the word a spell checker should judge, or None.

    Left alone: anything with a digit or underscore ("2nd", "Q3"), single letters, and
    words in capitals ("CAMHS", "LSCB"), which in minutes are nearly always initials or
    acronyms (Word leaves them alone by default for the same reason).
    """
    stripped = token.lstrip(_APOSTROPHES)
    word = stripped.rstrip(_APOSTROPHES)
    if len(word) < 2 or word.isupper() or any(c.isdigit() or c == "_" for c in word):
        return None
    return len(token) - len(stripped), word


def address_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the web and e-mail addresses in a line: never checked."""
    if "@" not in text and "://" not in text and "www." not in text:
        return []
    return [match.span() for match in _ADDRESS.finditer(text)]


def in_address(position: int, addresses: list[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in addresses)


def words_to_check(text: str) -> Iterator[tuple[int, str]]:
    """(offset, word) for each word of a line a spell checker should judge."""
    addresses = address_spans(text)
    for match in TOKEN.finditer(text):
        if addresses and in_address(match.start(), addresses):
            continue
        found = checkable(match.group())
        if found is not None:
            yield match.start() + found[0], found[1]


def without_possessive(word: str) -> str:
    """'Okafor's' → 'Okafor': a name's possessive is as right as the name."""
    return word[:-2] if word.endswith(_POSSESSIVE) and len(word) > 3 else word


def name_words(names: Iterable[str]) -> set[str]:
    """The words of people's and agencies' names, casefolded, as the checker compares them."""
    found: set[str] = set()
    for name in names:
        for _start, word in words_to_check(name):
            found.add(word.casefold())
            found.update(part.casefold() for part in word.split("-") if part)
    return found
