"""Initials as the minutes print them, unique within a meeting."""

from __future__ import annotations

import pytest

from desktop.services.initials import assign_initials, base_initials


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Sally Halls", "SH"),
        ("Dr Sally Stucke", "SS"),
        ("Councillor E Swinglehurst", "ES"),
        ("Cllr. Tim Crumpton", "TC"),
        ("Prof Mary Anne Smith", "MS"),
        ("Revd Sir John de Souza", "JS"),  # the surname is the last word
        ("Madonna", "M"),
        ("Elaine Cook-Tippins", "EC"),
    ],
)
def test_base_initials_ignore_titles(name: str, expected: str) -> None:
    assert base_initials(name) == expected


def test_the_person_listed_later_takes_further_letters_of_the_surname() -> None:
    assert assign_initials([("Emma Shearer", None), ("Emma Swinglehurst", None)]) == [
        "ES", "ESw",
    ]
    assert assign_initials([("Andy Parsons", None), ("Andy Proctor", None)]) == ["AP", "APr"]


def test_dudley_clashes_follow_the_listed_order() -> None:
    listed = [
        ("Andy Parsons", None), ("Andy Proctor", None), ("Pauline Sharratt", None),
        ("Natasha Brookes", None), ("Nicki Burrows", None), ("Pam Smith", None),
    ]
    assert assign_initials(listed) == ["AP", "APr", "PS", "NB", "NBu", "PSm"]


def test_given_initials_are_kept_and_reserved_first() -> None:
    # Herefordshire: the councillor, listed first, printed as "ESw".
    assert assign_initials([("E Swinglehurst", "ESw"), ("Emma Shearer", "ES")]) == ["ESw", "ES"]
    # A made one never takes initials given to someone listed later.
    assert assign_initials([("Emma Shearer", None), ("Eve Smith", "ES")]) == ["ESh", "ES"]


def test_numbers_follow_when_the_surname_runs_out() -> None:
    made = assign_initials([("Al Li", None), ("Amy Li", None), ("Ann Li", None), ("A Li", None)])
    assert made == ["AL", "ALi", "AL2", "AL3"]
    assert len(set(made)) == len(made)


def test_initials_are_unique_within_a_long_list() -> None:
    names = [(f"Sam Smith{'x' * n}", None) for n in range(12)]
    made = assign_initials(names)
    assert len(set(made)) == 12
    assert made[0] == "SS"
