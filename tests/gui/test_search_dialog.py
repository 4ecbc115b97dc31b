"""The search dialog reads the index's word list off the UI thread; its pages are the same
before and after the list is in; the next page comes as the list is scrolled to its end."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.services.interchange import import_documents, read_document
from desktop.services.search import PAGE, search
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
    dialog.resize(760, 200)  # a list lower than 3 rows: pages come one at a time
    dialog.show()
    qtbot.waitUntil(lambda: _loaded(database))
    qtbot.keyClicks(dialog.query, "safeguarding")
    assert dialog.results.count() == 3 and dialog.more.isVisible()
    while dialog.more.isVisible():
        qtbot.mouseClick(dialog.more, Qt.MouseButton.LeftButton)
    assert _shown(dialog) == every  # the same matches, in the same order, nothing twice


def _visible_rows(dialog: SearchDialog) -> int:
    view = dialog.results.viewport().rect()
    return sum(1 for i in range(dialog.results.count())
               if dialog.results.visualItemRect(dialog.results.item(i)).intersects(view))


def _searched(qtbot, database, words: str, size: tuple[int, int]) -> SearchDialog:
    paths = sorted(SAMPLES.glob("*.json"))
    import_documents(database, [(p.name, read_document(p)) for p in paths])
    dialog = SearchDialog(database)
    qtbot.addWidget(dialog)
    dialog.resize(*size)
    dialog.show()
    qtbot.waitUntil(lambda: _loaded(database))
    dialog.query.setText(words)
    # The list lays its rows out on a later turn of the event loop: then it scrolls.
    qtbot.waitUntil(lambda: dialog.results.verticalScrollBar().maximum() > 0)
    return dialog


def test_a_page_is_more_than_the_list_shows_on_a_1366x768_screen(qtbot, database):
    # The whole screen less a taskbar: the tallest the dialog's list can be there.
    dialog = _searched(qtbot, database, "the", (1366, 728))
    assert dialog.results.count() == PAGE and dialog.page is not None and dialog.page.more
    assert 0 < _visible_rows(dialog) < PAGE  # more than a screenful before a fetch
    assert dialog.results.currentRow() == 0


def test_scrolling_to_the_end_adds_the_next_page(qtbot, database):
    dialog = _searched(qtbot, database, "the", (760, 520))
    every = search(database, "the", limit=10_000)
    assert len(every) > 2 * PAGE
    bar = dialog.results.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    assert dialog.results.count() == PAGE  # not yet at the end: nothing fetched
    bar.setValue(bar.maximum())
    assert dialog.results.count() == 2 * PAGE
    assert dialog.results.currentRow() == 0  # the selection stays where it was
    assert _shown(dialog) == every[:2 * PAGE]  # the next rows, in order, nothing twice


def test_the_keyboard_reaches_every_match_page_by_page(qtbot, database):
    dialog = _searched(qtbot, database, "the", (760, 520))
    every = search(database, "the", limit=10_000)
    dialog.results.setFocus()
    qtbot.keyClick(dialog.results, Qt.Key.Key_End)  # the last row: the next page follows
    assert dialog.results.count() == 2 * PAGE
    assert dialog.results.currentRow() == PAGE - 1
    for _ in range(len(every)):  # PageDown moves at least a row
        shown = dialog.results.count()
        if shown == len(every):
            break
        qtbot.keyClick(dialog.results, Qt.Key.Key_PageDown)
        assert dialog.results.count() in (shown, min(shown + PAGE, len(every)))
    assert not dialog.page.more and not dialog.more.isVisible()  # type: ignore[union-attr]
    assert _shown(dialog) == every


def test_a_list_taller_than_a_page_is_filled_at_once(qtbot, database):
    paths = sorted(SAMPLES.glob("*.json"))
    import_documents(database, [(p.name, read_document(p)) for p in paths])
    dialog = SearchDialog(database)
    qtbot.addWidget(dialog)
    dialog.page_size = 2  # two rows are far lower than this list
    dialog.resize(760, 600)
    dialog.show()
    dialog.query.setText("the")
    assert dialog.results.count() > 2 and dialog.results.count() % 2 == 0
    height = dialog.results.viewport().height()
    assert dialog._rows_height() > height  # filled: now scrolling adds the next
    assert dialog.results.currentRow() == 0
    assert _shown(dialog) == search(database, "the", limit=dialog.results.count())
    dialog.resize(760, 900)  # made taller: filled again
    assert dialog._rows_height() > dialog.results.viewport().height() > height


def test_each_result_is_as_high_as_its_text_at_the_list_s_width(qtbot, database):
    dialog = _searched(qtbot, database, "the", (760, 520))
    line = dialog.fontMetrics().height()
    for row in range(dialog.results.count()):
        item = dialog.results.item(row)
        label = dialog.results.itemWidget(item)
        height = item.sizeHint().height()
        assert 2 * line <= height <= 5 * line  # where, then the words: no blank rows
        assert label.height() >= label.heightForWidth(label.width())  # nothing cut off
    narrow = dialog.results.item(0).sizeHint().height()
    dialog.resize(400, 520)  # narrower: the text wraps to more lines, rows grow with it
    assert dialog.results.item(0).sizeHint().height() > narrow
    qtbot.waitUntil(lambda: all(
        dialog.results.itemWidget(dialog.results.item(row)).height()
        >= dialog.results.itemWidget(dialog.results.item(row)).heightForWidth(
            dialog.results.itemWidget(dialog.results.item(row)).width())
        for row in range(dialog.results.count())))
