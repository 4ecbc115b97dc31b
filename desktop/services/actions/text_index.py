"""The words of every action, held in memory, for filtering the log as a person types.

A LIKE over ten years of actions and their updates costs tens of milliseconds a keystroke;
a substring test over texts already in memory costs a few. The texts are read again whenever
anything in the database has changed since: every change writes an audit entry, so the
highest audit id says whether the copy is still true.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable

from sqlalchemy import func, select

from desktop.models import Action, ActionOwner, ActionUpdate, AuditEntry
from desktop.models.database import Database


class Texts:
    """Every action's searchable text as it was when read (a snapshot: a page holds it
    with the ids it read at the same time, so typing asks nothing of the database)."""

    def __init__(self, stamp: int | None, numbers: dict[int, int], texts: dict[int, str]):
        self.stamp, self.numbers, self.texts = stamp, numbers, texts

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
            else:
                found = [i for i in found if word in texts.get(i, "")]
        return found


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
