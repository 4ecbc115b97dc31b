"""One spell checker: the dictionary, the user's own words, and the names of this meeting."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterable
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.resources import resource
from desktop.services.meetings import MeetingRecord
from desktop.services.spelling import personal as personal_files
from desktop.services.spelling.personal import PersonalDictionary
from desktop.services.spelling.suggest import REPLACEMENTS_LIMIT, near_words
from desktop.services.spelling.words import (
    TOKEN,
    address_spans,
    checkable,
    in_address,
    name_words,
    without_possessive,
)

if TYPE_CHECKING:
    from spylls.hunspell import Dictionary

LANGUAGE = "en_GB"
PROJECT_WORDS = "safeguarding.txt"  # beside the dictionary: the sector's words it lacks
# Each distinct word is looked up once; the cap only guards a session that never ends.
CACHE_LIMIT = 200_000


class SpellChecker:
    """Judges words on the UI thread, so every answer is cached: typing a letter re-checks
    the paragraph it is in, and nearly all of its words were seen before."""

    def __init__(self, dictionary_dir: Path, personal: PersonalDictionary) -> None:
        self._dictionary, self._letters, self._table = _load(dictionary_dir)
        self.personal = personal
        self._project = _word_list(dictionary_dir / PROJECT_WORDS)
        self._names: set[str] = set()
        self._known: dict[str, bool] = {}
        self._verdicts: dict[str, tuple[int, int] | tuple[()]] = {}
        self._last: tuple[str, list[tuple[int, int]]] = ("", [])  # misspelt's last line
        self._accepted: set[str] = set()
        self._refresh_accepted()

    # -- what is right --------------------------------------------------------------------
    def is_correct(self, word: str) -> bool:
        known = self._known.get(word)
        if known is None:
            if len(self._known) > CACHE_LIMIT:
                self._known.clear()
            known = self._known[word] = self._judge(word)
        return known

    def misspelt(self, text: str) -> list[tuple[int, int]]:
        """(offset, length) of each misspelt word in a line of text (do not change the list).

        Run for the paragraph being typed at every key: only the part from the last space
        before the first change since the previous call is read again. Neither a word nor
        an address holds a space, so the words before it are read as they were; the
        highlighter's Python a key no longer grows with the paragraph (0.10 ms at 200
        characters, 0.17 at 1,000, held on the UI thread; benchmarks/FINDINGS.md).
        """
        last_text, last_found = self._last
        cut = _shared_space(last_text, text)
        if cut < 0:
            found = self._misspelt_whole(text)
        else:
            found = [word for word in last_found if word[0] < cut]
            found += [(start + cut + 1, length)
                      for start, length in self._misspelt_whole(text[cut + 1:])]
        self._last = (text, found)
        return found

    def _misspelt_whole(self, text: str) -> list[tuple[int, int]]:
        """(offset, length) of each misspelt word in a line of text, all of it read.

        Run for the paragraph being typed at every key, so the common case is one dictionary
        look-up per word: each token's verdict ((offset, length) of its misspelt word, or
        () when it is right or left alone) is cached as it stands in the text.
        """
        verdicts = self._verdicts
        addresses = address_spans(text)
        found = []
        for match in TOKEN.finditer(text):
            token = match.group()
            bad = verdicts.get(token)
            if bad is None:
                if len(verdicts) > CACHE_LIMIT:
                    verdicts.clear()
                bad = verdicts[token] = self._verdict(token)
            if bad and not (addresses and in_address(match.start(), addresses)):
                found.append((match.start() + bad[0], bad[1]))
        return found

    def _verdict(self, token: str) -> tuple[int, int] | tuple[()]:
        word = checkable(token)
        if word is None or self.is_correct(word[1]):
            return ()
        return word[0], len(word[1])

    def _judge(self, word: str) -> bool:
        if self._spelt(word):
            return True
        # A hyphenated word whose parts are each right ("Okafor-led", "Herefordshire-wide").
        parts = word.split("-")
        return len(parts) > 1 and all(part and self._spelt(part) for part in parts)

    def _spelt(self, word: str) -> bool:
        folded = word.casefold()
        if folded in self._accepted or without_possessive(folded) in self._accepted:
            return True
        try:
            return bool(self._dictionary.lookup(word))
        except UnicodeError:  # a character the dictionary cannot hold: not ours to judge
            return True

    # -- what it might have been ----------------------------------------------------------
    def suggestions(self, word: str, limit: int = REPLACEMENTS_LIMIT) -> list[str]:
        """The likeliest words meant, best first; a few milliseconds for most misspellings
        (see suggest.py), Hunspell's full search (a few tenths of a second) when no word is one
        edit away."""
        found = near_words(word, self._spelt, self._letters, self._table, limit)
        if found:
            return found
        try:
            return list(islice(self._dictionary.suggest(word), limit))
        except UnicodeError:
            return []

    # -- words added --------------------------------------------------------------------
    def set_names(self, names: Iterable[str]) -> bool:
        """The names of the people and agencies at this meeting: never flagged. False when
        they are the ones already set (an arrival time noted), so nothing need be re-checked."""
        words = name_words(names)
        if words == self._names:
            return False
        self._names = words
        self._refresh_accepted()
        return True

    def add_to_dictionary(self, word: str) -> None:
        self.personal.add(word)
        self._refresh_accepted()

    def _refresh_accepted(self) -> None:
        self._accepted = (self._project | self._names
                          | {w.casefold() for w in self.personal.words})
        self._known.clear()
        self._verdicts.clear()
        self._last = ("", [])


def _shared_space(old: str, new: str) -> int:
    """The index of the last space in the part `old` and `new` begin with alike, or -1.
    The shared part is found by halving, each comparison of two slices done in C."""
    low, high = 0, min(len(old), len(new))
    if old[:high] != new[:high]:
        while low < high:  # old[:low] == new[:low] throughout
            middle = (low + high + 1) // 2
            if old[:middle] == new[:middle]:
                low = middle
            else:
                high = middle - 1
        high = low
    return new.rfind(" ", 0, high)


_LOADING = threading.Lock()
_LOADED: dict[Path, tuple[Dictionary, str, list[tuple[str, str]]]] = {}


def _load(dictionary_dir: Path) -> tuple[Dictionary, str, list[tuple[str, str]]]:
    """Loaded once a run (about 0.6 s) and shared by every checker; a view opened while
    warm_up is loading waits for that load rather than making a second."""
    with _LOADING:
        if dictionary_dir not in _LOADED:
            _LOADED[dictionary_dir] = _read(dictionary_dir)
        return _LOADED[dictionary_dir]


def _read(dictionary_dir: Path) -> tuple[Dictionary, str, list[tuple[str, str]]]:
    from spylls.hunspell import Dictionary

    # The dictionary is 430,000 objects the collector tracks, living as long as the
    # process. Read with the cycle collector on, its growth set off 5 full collections
    # (1.5 s of processor time against 0.8 s, each collection holding the interpreter from
    # the UI thread); left in the collector's generations, every later full collection
    # walked it (450 ms with the minute-taking view open). So it is read with the collector
    # paused, then frozen out of it as app.py does with what the start made
    # (benchmarks/FINDINGS.md, issue 19 session 6).
    collecting = gc.isenabled()
    gc.disable()
    try:
        dictionary = Dictionary.from_files(str(dictionary_dir / LANGUAGE))
    finally:
        if collecting:
            gc.enable()
    gc.freeze()
    affixes = (dictionary_dir / f"{LANGUAGE}.aff").read_text(encoding="utf-8")
    return dictionary, _try_letters(affixes), _rep_table(affixes)


def warm_up(dictionary_dir: Path | None = None) -> None:
    """Load the dictionary on a background thread, so that the first minute-taking view
    opens at once instead of spending 0.6 s loading it on the UI thread."""
    folder = dictionary_dir or resource("spelling")
    if folder in _LOADED:
        return

    def load() -> None:
        try:
            _load(folder)
        except Exception:  # a dictionary that cannot be read is reported when a view opens
            return

    threading.Thread(target=load, name="dictionary-loader", daemon=True).start()


def _word_list(path: Path) -> set[str]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return set()
    return {line.strip().casefold() for line in lines
            if line.strip() and not line.startswith("#")}


def _try_letters(affixes: str) -> str:
    """The dictionary's TRY letters (most used first), lower case: what a slip might have hit."""
    for line in affixes.splitlines():
        if line.startswith("TRY "):
            letters = line[4:].strip()
            # Not the hyphen: with it Hunspell accepts "minuet-s" as two words, no help.
            return "".join(c for c in letters if c.islower() or c == "'")
    return "etaoinshrdlcumwfgypbvkjxqz'"


def _rep_table(affixes: str) -> list[tuple[str, str]]:
    table = []
    for line in affixes.splitlines():
        fields = line.split()
        if len(fields) == 3 and fields[0] == "REP":
            table.append((fields[1].replace("_", " "), fields[2].replace("_", " ")))
    return table


def open_checker(personal_path: Path | None = None) -> SpellChecker:
    """A checker over the shipped dictionary and the user's own words (or `personal_path`):
    one per minute-taking view, as each has its meeting's names."""
    personal = PersonalDictionary(personal_path or personal_files.default_personal_path())
    return SpellChecker(resource("spelling"), personal)


def meeting_names(record: MeetingRecord) -> list[str]:
    """Who is at the meeting and for which agencies, as the minutes will name them."""
    names = [record.details.board]
    for row in record.attendance:
        names += [row.name, row.initials, row.agency, row.representing]
    return [name for name in names if name]
