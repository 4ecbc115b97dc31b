"""Which parts of a line of minutes are words to check, and which are left alone."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

# Web addresses and e-mail addresses are matched first so that their parts are never checked;
# a word may hold apostrophes and hyphens inside it ("children's", "multi-agency").
_TOKEN = re.compile(
    r"(?P<skip>(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)"
    r"|[\w'’]+(?:-[\w'’]+)*"
)
_APOSTROPHES = "'’"
_POSSESSIVE = ("'s", "’s")


def words_to_check(text: str) -> Iterator[tuple[int, str]]:
    """(offset, word) for each word a spell checker should judge.

    Left alone: addresses, anything with a digit or underscore ("2nd", "Q3"), single
    letters, and words in capitals ("CAMHS", "LSCB"), which in minutes are nearly always
    initials or acronyms (Word leaves them alone by default for the same reason).
    """
    for match in _TOKEN.finditer(text):
        if match.group("skip"):
            continue
        word = match.group()
        start = match.start()
        stripped = word.lstrip(_APOSTROPHES)
        start += len(word) - len(stripped)
        word = stripped.rstrip(_APOSTROPHES)
        if len(word) < 2 or word.isupper() or any(c.isdigit() or c == "_" for c in word):
            continue
        yield start, word


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
