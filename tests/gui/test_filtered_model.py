"""The filtered table model under the training lists: words, tests, typing on and back,
and sorting, checked against a plain Python filter."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt

from desktop.views.table_models.filtered import FilteredRowsModel
from desktop.views.table_models.rows import Column


@dataclass(frozen=True)
class Thing:
    name: str
    size: int | None


@dataclass(frozen=True)
class Big:
    at_least: int

    def __call__(self, thing: Thing) -> bool:
        return (thing.size or 0) >= self.at_least


class Things(FilteredRowsModel[Thing]):
    columns = (Column("Name", lambda t: t.name, lambda t: t.name.lower()),
               Column("Size", lambda t: str(t.size or ""), lambda t: t.size))


NAMES = ["Ann Shah", "Ben Patel", "Cat Shaw", "Dee Shah-Patel", "Éva Ó Súilleabháin"]


def _model(qtmodeltester=None) -> Things:
    model = Things()
    model.set_rows([Thing(n, i * 10 if i % 2 else None) for i, n in enumerate(NAMES)])
    if qtmodeltester is not None:
        qtmodeltester.check(model)
    return model


def _names(model: Things) -> list[str]:
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def test_typing_on_and_back_matches_a_plain_filter(qtmodeltester) -> None:
    model = _model(qtmodeltester)
    typed = "shah p"
    for end in [*range(1, len(typed) + 1), *range(len(typed) - 1, -1, -1)]:
        text = typed[:end]
        model.set_filter(text)
        words = text.lower().split()
        assert _names(model) == [n for n in NAMES if all(w in n.lower() for w in words)], text
    assert _names(model) == NAMES and not model.filtering


def test_case_and_accents_as_typed_and_words_in_any_order() -> None:
    model = _model()
    model.set_filter("PATEL shah")
    assert _names(model) == ["Dee Shah-Patel"]
    model.set_filter("ó súil")
    assert _names(model) == ["Éva Ó Súilleabháin"]
    model.set_filter("40")  # the size column is searched too
    assert _names(model) == []
    model.set_filter("30")
    assert _names(model) == ["Dee Shah-Patel"]


def test_a_test_with_words_and_a_changed_test_widens_again() -> None:
    model = _model()
    model.set_filter("a", Big(30))
    assert _names(model) == ["Dee Shah-Patel"]
    model.set_filter("a", Big(10))
    assert _names(model) == ["Ben Patel", "Dee Shah-Patel"]
    model.set_filter("a")
    assert len(_names(model)) == 5


def test_sorting_keeps_the_filter_and_mixed_values_sort() -> None:
    model = _model()
    model.set_filter("sha")
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert _names(model) == ["Dee Shah-Patel", "Cat Shaw", "Ann Shah"]
    model.sort(1, Qt.SortOrder.AscendingOrder)  # None and numbers: compared as text
    assert set(_names(model)) == {"Dee Shah-Patel", "Cat Shaw", "Ann Shah"}
    model.set_filter("")
    model.sort(-1)
    assert _names(model) == NAMES
    assert model.position_of(lambda t: t.name == "Cat Shaw") == 2
    assert model.position_of(lambda t: t.name == "Nobody") == -1


class NamedThings(Things):
    fields = {"name": lambda t: t.name}  # noqa: RUF012


def test_words_in_one_field_rows_found_and_totals() -> None:
    model = NamedThings()
    model.set_rows([Thing(n, i * 10 if i % 2 else None) for i, n in enumerate(NAMES)])
    model.set_filter("", fields={"name": "sha"})
    assert _names(model) == ["Ann Shah", "Cat Shaw", "Dee Shah-Patel"]
    model.set_filter("", fields={"name": "30"})  # the size is not in the name field
    assert _names(model) == []
    for typed in ("s", "sh", "sha", "shah", "sha", ""):  # on and back, with words too
        model.set_filter("a", fields={"name": typed})
        assert _names(model) == [n for n in NAMES if typed in n.lower() and "a" in n.lower()]
    model.set_filter("", fields={"name": "a"}, test=Big(10))
    assert _names(model) == ["Ben Patel", "Dee Shah-Patel"]
    assert model.total("size", lambda t: t.size or 0) == 40
    dee = model.all_rows[3]
    assert model.position_of_row(dee) == 1
    assert model.position_of_row(model.all_rows[0]) == -1  # held but not shown
    assert model.position_of_row(Thing("Dee Shah-Patel", 30)) == -1  # equal, not held
    # The same by held index (what the filter bars keep the cursor with).
    assert model.held_index(1) == 3
    assert model.position_of_held(3) == 1
    assert model.position_of_held(0) == -1  # held but not shown


def test_the_bookings_filter_text_is_what_the_columns_show(database) -> None:
    from desktop.services.interchange import import_documents, read_document
    from desktop.services.training.history import booking_history
    from desktop.views.table_models.filtered import FilteredRowsModel
    from desktop.views.table_models.training_history import HistoryTableModel
    from tests.gui.test_training_page import HERTS

    import_documents(database, [(HERTS.name, read_document(HERTS))])
    model = HistoryTableModel()
    for line in booking_history(database)[:200]:
        assert model.haystack(line) == FilteredRowsModel.haystack(model, line)
