"""The words of every action, held in memory, for filtering the log as a person types.

A LIKE over ten years of actions and their updates costs tens of milliseconds a keystroke;
a substring test over texts already in memory costs a few. The texts are read again whenever
anything in the database has changed since: every change writes an audit entry, so the
highest audit id says whether the copy is still true.
"""

from __future__ import annotations

import weakref
from array import array
from collections.abc import Iterable
from itertools import compress
from operator import itemgetter

from sqlalchemy import func, select

from desktop.models import Action, ActionOwner, ActionUpdate, AuditEntry
from desktop.models.database import Database


class Texts:
    """Every action's searchable text as it was when read (a snapshot: a page holds it
    with the ids it read at the same time, so typing asks nothing of the database), with
    an index of the pairs of letters in each (`pairs_of`)."""

    def __init__(self, stamp: int | None, numbers: dict[int, int], texts: dict[int, str]):
        self.stamp, self.numbers, self.texts = stamp, numbers, texts
        self.positions, self.pairs, self.words = pairs_of(texts)
        self.order = list(texts)  # each place's action id

    def matching(self, text: str, among: Iterable[int]) -> list[int]:
        """Those of `among` (kept in order) whose number, title, text, group owners or
        updates hold every word of `text`; a word in figures also matches the number."""
        texts, numbers = self.texts, self.numbers
        found = list(among)
        # One comprehension a word, narrowing as it goes (a Python call per action per
        # keystroke was most of the filter's time with 10,000 actions).
        for word in text.casefold().split():
            if word.isdigit():
                number = int(word)
                found = [i for i in found
                         if word in texts.get(i, "") or numbers.get(i) == number]
            elif len(word) == 1:  # the texts holding the letter (as the bits of an int)
                found = self._among(self.pairs.get(word, 0), found)
            else:
                holding = self._holding_word(word, len(found)) if len(word) > 2 else None
                if holding is not None:  # from the words that hold it: no scan
                    found = [i for i in found if i in holding]
                    continue
                held = self._holding_pairs(word)
                if len(word) == 2:  # holding the pair is holding the word
                    found = self._among(held, found)
                    continue
                if held.bit_count() * 2 < len(found):  # the pairs narrow it: fewer to scan
                    found = self._among(held, found)
                found = [i for i in found if word in texts.get(i, "")]
        return found

    def _holding_word(self, word: str, among: int) -> set[int] | None:
        """The actions whose text holds `word` (typed: no white space in it), found from
        the distinct words of every text that hold it: a text holds the word exactly when
        one of its words does. None when those words are in so many texts that a scan of
        `among` texts costs less. A third letter scanned thousands of texts, 4-6 ms
        ("neg" among the 7,373 holding "ne"; benchmarks/FINDINGS.md, session 7)."""
        places: list[array[int]] = []
        count = 0
        for held, at in self.words.items():
            if word in held:
                places.append(at)
                count += len(at)
                if count > 2 * among:
                    return None
        order = self.order
        return {order[at] for found in places for at in found}

    def _holding_pairs(self, word: str) -> int:
        """The texts (as bits) holding every pair of adjacent letters of `word`: for a word
        of two letters, exactly those holding the word. Bit tests, not a scan of every
        text (a second letter scanned all 4.5 million characters of ten years' actions,
        5-8 ms; benchmarks/FINDINGS.md, issue 19 session 6)."""
        held = -1
        for pair in {word[at:at + 2] for at in range(len(word) - 1)}:
            held &= self.pairs.get(pair, 0)
        return held

    def _among(self, held: int, among: list[int]) -> list[int]:
        """Those of `among` (in order) whose bit is set in `held`."""
        if not held or not among:
            return []
        if held < 0:  # every text (no pair asked)
            return self._among_slowly(held & ((1 << len(self.order)) - 1), among)
        try:  # each one's place, in among's order (found in C, not by a Python loop)
            places = itemgetter(*among)(self.positions)
        except KeyError:  # an action without a text (added since they were read)
            return self._among_slowly(held, among)
        if len(among) == 1:
            places = (places,)
        # One byte a place, 1 where its bit is set, picked in among's order.
        flags = format(held, "b")[::-1].ljust(len(self.order), "0").encode().translate(_BYTE)
        return list(compress(among, itemgetter(*places)(flags) if len(among) > 1
                             else (flags[places[0]],)))

    def _among_slowly(self, held: int, among: list[int]) -> list[int]:
        positions = self.positions
        bits = held.to_bytes((len(positions) + 7) // 8, "little")
        return [i for i in among
                if (at := positions.get(i)) is not None and bits[at >> 3] >> (at & 7) & 1]


_BYTE = bytes.maketrans(b"01", b"\x00\x01")


def pairs_of(texts: dict[int, str]) -> tuple[dict[int, int], dict[str, int],
                                             dict[str, array[int]]]:
    """Each action's place (a bit number); for each pair of adjacent characters found
    in a text, the set of texts holding it, as the bits of an int (10,000 actions: 1.25 KB
    a pair, a few hundred pairs); and each distinct word (between white space) with the
    places of the texts holding it (4 bytes a place). Only pairs within a word are kept: a
    word typed has no white space in it. Built word by word (each distinct word once),
    ~0.2 s for ten years' actions, with the texts, on the worker thread."""
    positions = {action_id: at for at, action_id in enumerate(texts)}
    holding = word_places(texts.values())
    pairs = pair_bits(holding, len(texts))
    return positions, pairs, {word: array("I", places) for word, places in holding.items()}


def word_places(texts: Iterable[str]) -> dict[str, list[int]]:
    """Each distinct word (between white space) of the texts, with the places (in order)
    of the texts holding it."""
    holding: dict[str, list[int]] = {}
    for at, text in enumerate(texts):
        for word in set(text.split()):
            places = holding.get(word)
            if places is None:
                holding[word] = [at]
            else:
                places.append(at)
    return holding


def pair_bits(holding: dict[str, list[int]], count: int) -> dict[str, int]:
    """For each pair of adjacent characters within a word, and each character, the texts
    holding it (of `count`), as the bits of an int: built from each distinct word once."""
    size = (count + 7) // 8
    pairs: dict[str, int] = {}
    for word, places in holding.items():
        flags = bytearray(size)
        for at in places:
            flags[at >> 3] |= 1 << (at & 7)
        bits = int.from_bytes(flags, "little")
        # Each pair in the word, and each of its characters (a word of one letter typed).
        for pair in {word[at:at + 2] for at in range(len(word) - 1)} | set(word):
            pairs[pair] = pairs.get(pair, 0) | bits
    return pairs


def narrows(before: str, after: str) -> bool:
    """Whether every action matching `after` also matches `before`, so that typing on can
    search only what `before` matched: the words typed on (the last one longer, or more
    words), unless a word in figures grew (action 45 matches "45" by its number, not "4")."""
    old, new = before.casefold().split(), after.casefold().split()
    if not " ".join(new).startswith(" ".join(old)):
        return False
    if not old:
        return True
    last, grown = old[-1], new[len(old) - 1]
    return not (last.isdigit() and grown.isdigit() and grown != last)


_CACHE: weakref.WeakKeyDictionary[Database, Texts] = weakref.WeakKeyDictionary()


def snapshot(db: Database) -> Texts:
    """The texts as they are now: read again only if anything changed since the last read
    (safe on a worker thread: each call has its own session)."""
    return _read(db)


def _read(db: Database) -> Texts:
    with db.session() as s:
        stamp = s.scalar(select(func.max(AuditEntry.id)))
        cached = _CACHE.get(db)
        if cached is not None and cached.stamp == stamp:
            return cached
        parts: dict[int, list[str]] = {}
        numbers: dict[int, int] = {}
        for action_id, number, title, text in s.execute(
                select(Action.id, Action.number, Action.title, Action.text)):
            numbers[action_id] = number
            parts[action_id] = [title or "", text]
        for action_id, words in s.execute(
                select(ActionOwner.action_id, ActionOwner.group_name)
                .where(ActionOwner.group_name.is_not(None))):
            parts[action_id].append(words or "")
        for action_id, words in s.execute(select(ActionUpdate.action_id, ActionUpdate.text)):
            parts[action_id].append(words)
    texts = {action_id: "\n".join(words).casefold() for action_id, words in parts.items()}
    fresh = Texts(stamp, numbers, texts)
    _CACHE[db] = fresh
    return fresh


def matching(db: Database, text: str, among: Iterable[int]) -> list[int]:
    """Those of `among` (kept in order) whose number, title, text, group owners or updates
    hold every word of `text`; a word in figures also matches the action's number."""
    return _read(db).matching(text, among)
