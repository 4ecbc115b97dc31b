"""Quick suggestions: the dictionary words one slip of a finger away from a misspelling.

Hunspell's own suggester finds more, but it runs its n-gram and phonetic searches over the
whole dictionary on every call: 70–150 ms for a British word on a council laptop's kind of
processor, holding the interpreter (the binding never releases it), so running it on another
thread would still freeze typing. Most misspellings are one edit away ("recieve",
"definately", "accomodation"), and checking the ~1,000 strings one edit away costs a few
milliseconds, so those are tried first; Hunspell's search is the fallback when none is a word.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

REPLACEMENTS_LIMIT = 6


def _one_edit(word: str, letters: str) -> Iterator[str]:
    """In the order people slip: swapped letters, a letter missed, one too many, a wrong one."""
    for i in range(len(word) - 1):
        if word[i] != word[i + 1]:
            yield word[:i] + word[i + 1] + word[i] + word[i + 2:]
    for i in range(len(word) + 1):
        for letter in letters:
            yield word[:i] + letter + word[i:]
    for i in range(len(word)):
        yield word[:i] + word[i + 1:]
    for i in range(len(word)):
        for letter in letters:
            if letter != word[i]:
                yield word[:i] + letter + word[i + 1:]


def _replacements(word: str, table: Iterable[tuple[str, str]]) -> Iterator[str]:
    """The dictionary's REP table: common misspellings of sounds ("f" written for "ph")."""
    for wrong, right in table:
        start = word.find(wrong)
        while start >= 0:
            yield word[:start] + right + word[start + len(wrong):]
            start = word.find(wrong, start + 1)


def near_words(word: str, is_word: Callable[[str], bool], letters: str,
               table: Iterable[tuple[str, str]] = (),
               limit: int = REPLACEMENTS_LIMIT) -> list[str]:
    """Up to `limit` words (by `is_word`) one edit, or one REP replacement, from `word`."""
    found: list[str] = []
    seen = {word}
    for candidate in (*_replacements(word, table), *_one_edit(word, letters)):
        if candidate in seen:
            continue
        seen.add(candidate)
        if candidate[:1].isalpha() and candidate[-1:].isalpha() and is_word(candidate):
            found.append(candidate)
            if len(found) >= limit:
                return found
    if not found:  # "alot" → "a lot"
        found = [f"{word[:i]} {word[i:]}" for i in range(1, len(word))
                 if _whole(word[:i], is_word) and _whole(word[i:], is_word)][:limit]
    return found


def _whole(part: str, is_word: Callable[[str], bool]) -> bool:
    return part in ("a", "I") or (len(part) > 1 and is_word(part))
