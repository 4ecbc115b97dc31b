"""Typing on in the action log's Find searches only what the last words matched: that is
right only when every match of the longer text is a match of the shorter."""

from __future__ import annotations

import random

from desktop.services.actions.text_index import Texts, narrows


def test_typing_on_narrows_and_anything_else_searches_again() -> None:
    assert narrows("", "e")
    assert narrows("e", "es")
    assert narrows("county", "county ")
    assert narrows("county", "county c")
    assert narrows("county c", "county council")
    assert narrows("Straß", "STRASSE")  # compared casefolded, as matched
    assert not narrows("es", "e")  # deleting widens
    assert not narrows("county c", "county")
    assert not narrows("ab", "a b")
    assert not narrows("council", "county")
    # A word in figures also matches an action's number: 45 is not a match of 4 by number.
    assert not narrows("4", "45")
    assert not narrows("trafficking 4", "trafficking 45")
    assert narrows("4", "4a") and narrows("a", "a4") and narrows("4", "4 a")


def test_narrowed_matches_are_the_matches_of_a_fresh_search() -> None:
    """Generated texts and numbers, random typing (letters, figures, spaces, deletions):
    each step's matches, narrowed where allowed, equal those over every action."""
    rng = random.Random(19)
    alphabet = "abcde 12345"
    ids = list(range(1, 401))
    texts = Texts(0, {i: rng.randint(1, 60) for i in ids},
                  {i: "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
                   for i in ids})
    for _ in range(200):
        typed, last, found = "", "", ids
        for _ in range(12):
            if typed and rng.random() < 0.2:
                typed = typed[:-1]
            else:
                typed += rng.choice(alphabet)
            among = found if narrows(last, typed) else ids
            found = texts.matching(typed, among)
            assert found == texts.matching(typed, ids), (last, typed)
            last = typed


def _scanned(texts: Texts, typed: str, among: list[int]) -> list[int]:
    """The plain definition: every word of `typed` in the text (or, in figures, the
    number), by scanning each text."""
    found = among
    for word in typed.casefold().split():
        found = [i for i in found if word in texts.texts.get(i, "")
                 or (word.isdigit() and texts.numbers.get(i) == int(word))]
    return found


def test_the_pairs_index_finds_exactly_what_a_scan_finds() -> None:
    """Words of one, two and more letters (the index answers one and two exactly, longer
    ones from the distinct words holding them, or narrowed before a scan), in texts with
    new lines, tabs, punctuation and non-ASCII letters; among all, some, one or none; and
    actions without a text."""
    rng = random.Random(6)
    alphabet = "abcab.,-éß\n\t  \u00a0"
    ids = list(range(1, 301))
    texts = Texts(0, {i: i for i in ids},
                  {i: "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
                   .casefold() for i in ids if i % 17})
    words = ["a", "b", "ab", "ba", "ca", "é", "ss", "aé", "ab.", "b.c", "abc", "cab",
             "a-b", "ßa", "aaa", ".,", "zz", "a1", "12", "1", "ab ba", "a b c"]
    words += ["".join(rng.choice("abc.,é") for _ in range(rng.randint(2, 5)))
              for _ in range(200)]
    for word in words:
        for among in (ids, ids[::-1], ids[50:120], [17], [5], [3, 4, 9], []):
            assert texts.matching(word, among) == _scanned(texts, word, among), word
            assert texts.matching(word.upper(), among) == _scanned(texts, word, among)
