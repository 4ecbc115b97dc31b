"""Initials of the people at a meeting, as the minutes print them: "SH", and "ES"/"ESw" on a clash.

Within one meeting initials must be unique, because actions and presenters are written with
them. The reference minutes settle a clash by giving the person listed later further letters
of the surname, in lower case.
"""

from __future__ import annotations

from collections.abc import Sequence

TITLES = frozenset(
    {
        "dr",
        "cllr",
        "councillor",
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "prof",
        "professor",
        "sir",
        "dame",
        "rev",
        "revd",
    }
)
# Used when a name gives no letter at all; the database refuses empty initials.
NO_LETTER = "?"


def _words(name: str) -> list[str]:
    words = name.split()
    # "Dr." is as much a title as "Dr"; a name that is nothing but titles keeps them.
    named = [w for w in words if w.lower().rstrip(".") not in TITLES]
    return named or words


def _first_letter(word: str) -> str:
    return next((c for c in word if c.isalpha()), word[:1])


def base_initials(name: str) -> str:
    """First letter of the first name and of the surname (last word), titles ignored."""
    words = _words(name)
    if not words:
        return ""
    if len(words) == 1:
        return _first_letter(words[0]).upper()
    return (_first_letter(words[0]) + _first_letter(words[-1])).upper()


def _surname_letters(name: str) -> str:
    """The surname's letters after its first one ("Cook-Tippins" -> "ooktippins")."""
    words = _words(name)
    if not words:
        return ""
    letters = [c for c in words[-1] if c.isalpha()]
    return "".join(letters[1:]).lower()


def _candidates(name: str) -> list[str]:
    base = base_initials(name) or NO_LETTER
    more = _surname_letters(name) if len(_words(name)) > 1 else ""
    return [base] + [base + more[:n] for n in range(1, len(more) + 1)]


def _first_free(name: str, taken: set[str]) -> str:
    candidates = _candidates(name)
    for candidate in candidates:
        if candidate not in taken:
            return candidate
    # The surname ran out of letters: number the plain form.
    n = 2
    while f"{candidates[0]}{n}" in taken:
        n += 1
    return f"{candidates[0]}{n}"


def assign_initials(names_and_given: Sequence[tuple[str, str | None]]) -> list[str]:
    """Initials for each (name, given initials) in order, unique within the list.

    Given initials are kept as they are and reserved before any are made, so a made one never
    takes them. Made ones are settled in listed order: a later person whose plain initials are
    taken gets the longer form.
    """
    taken = {given for _name, given in names_and_given if given}
    result: list[str] = []
    for name, given in names_and_given:
        if given:
            result.append(given)
            continue
        made = _first_free(name, taken)
        taken.add(made)
        result.append(made)
    return result
