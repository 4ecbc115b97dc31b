"""The letter-pair index of a long list's filter texts finds exactly what a scan finds."""

from __future__ import annotations

import random
from typing import Any

from desktop.views.table_models.letter_pairs import among, holding, index_of


def _scanned(texts: list[str], word: str, candidates: list[int]) -> list[int]:
    return [i for i in candidates if word in texts[i]]


def _indexed(index: dict[str, int], texts: list[str], word: str,
             candidates: list[int]) -> list[int]:
    # As FilteredRowsModel uses it: one or two letters exactly, longer ones narrowed first.
    held = holding(index, word)
    if len(word) <= 2:
        return among(held, candidates, len(texts))
    return _scanned(texts, word, among(held, candidates, len(texts)))


def test_the_index_finds_exactly_what_a_scan_finds() -> None:
    rng = random.Random(7)
    alphabet = "abcab.,-éß\n\t  \u00a0"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))).casefold()
             for _ in range(300)]
    index = index_of(texts)
    everyone = list(range(len(texts)))
    words = ["a", "b", "é", "ß", "ss", "ab", "ba", ".,", "zz", "z", "abc", "b.c", "a-b"]
    words += ["".join(rng.choice("abc.,é") for _ in range(rng.randint(1, 5)))
              for _ in range(200)]
    for word in words:
        for candidates in (everyone, everyone[::-1], everyone[40:90], [7], [], [0, 299]):
            assert (_indexed(index, texts, word, candidates)
                    == _scanned(texts, word, candidates)), word
        held = holding(index, word)
        if len(word) <= 2:
            assert among(held, everyone, len(texts), whole=True) == _scanned(
                texts, word, everyone)


def test_a_long_training_list_filters_as_a_scan_does(monkeypatch: Any) -> None:
    from dataclasses import dataclass

    from PySide6.QtCore import Qt

    from desktop.views.table_models import filtered
    from desktop.views.table_models.rows import Column

    @dataclass(frozen=True)
    class Line:
        name: str
        course: str

    class Lines(filtered.FilteredRowsModel[Line]):
        columns = (Column("Name", lambda r: r.name, lambda r: r.name),
                   Column("Course", lambda r: r.course, lambda r: r.course))

    rng = random.Random(19)
    names = ["Shah", "Patel", "O'Neil", "Smith-Jones", "Ødegård", "Straße", "Ann Shaw"]
    rows = [Line(f"{rng.choice(names)} {i}", rng.choice(["Neglect", "Exploitation", ""]))
            for i in range(400)]
    scanned, indexed = Lines(), Lines()
    scanned.set_rows(rows)
    monkeypatch.setattr(filtered, "INDEXED_FROM", 100)
    indexed.set_rows(rows)
    assert indexed._pairs is not None and scanned._pairs is None
    typing = ("s", "sh", "sha", "shah", "shah 1", "", "p", "pa", "patel", "ø", "strasse",
              "ne", "neg", "x", "o'", "-j", "a s", "sha 3")
    for column in (-1, 0, 1):  # in the rows' own order, then sorted by each column
        for model in (scanned, indexed):
            model.sort(column, Qt.SortOrder.DescendingOrder)
        for typed in typing:
            scanned.set_filter(typed)
            indexed.set_filter(typed)
            assert indexed.rows == scanned.rows, (column, typed)
            assert set(indexed.rows) == {r for r in rows if all(
                w in scanned.haystack(r) for w in typed.casefold().split())}, typed
