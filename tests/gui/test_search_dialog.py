"""The search dialog reads the index's word list off the UI thread; its pages are the same
before and after the list is in."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.services.interchange import import_documents, read_document
from desktop.services.search import search
from desktop.services.search_terms import current_terms, reading
from desktop.views.search_dialog import HIT_ROLE, SearchDialog
from tests.conftest import SAMPLES


def _shown(dialog: SearchDialog) -> list[object]:
    return [dialog.results.item(i).data(HIT_ROLE) for i in range(dialog.results.count())]


def _loaded(database: object) -> bool:
    with reading(database) as connection:  # type: ignore[arg-type]
        return current_terms(database, connection) is not None  # type: ignore[arg-type]


def test_the_dialog_reads_the_word_list_and_pages_stay_the_same(qtbot, database):
    paths = sorted(SAMPLES.glob("*.json"))
    import_documents(database, [(p.name, read_document(p)) for p in paths])
    every = search(database, "safeguarding", limit=10_000)  # FTS5's prefix path
    assert len(every) > 6
    dialog = SearchDialog(database)
    qtbot.addWidget(dialog)
    dialog.page_size = 3
    dialog.show()
    qtbot.waitUntil(lambda: _loaded(database))
    qtbot.keyClicks(dialog.query, "safeguarding")
    assert dialog.results.count() == 3 and dialog.more.isVisible()
    while dialog.more.isVisible():
        qtbot.mouseClick(dialog.more, Qt.MouseButton.LeftButton)
    assert _shown(dialog) == every  # the same matches, in the same order, nothing twice
