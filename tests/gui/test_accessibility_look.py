"""The accessibility audit, continued for "the look" (issue 22): every area is laid out by the
shared page layout, no area's toolbar needs scrolling at 200 % on 1600x1000 or at 125 % on a
1366x768 laptop, the message bar is read as its text and is on the Tab path, and every table
of every area stretches, tells cut text and explains itself while empty."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QTableView, QTabWidget, QTreeView, QWidget

from desktop.views.areas import AREAS
from desktop.views.empty_tables import EXPLANATIONS, NEVER_EMPTY
from desktop.views.main_window import MainWindow
from desktop.views.page_layout import PageLayout
from tests.conftest import import_sample
from tests.support import accessibility as a11y


def _window(qtbot, database, size: tuple[float, float]) -> MainWindow:  # type: ignore[no-untyped-def]
    import_sample(database, "herefordshire-board-2018-10-23.json")
    window = MainWindow(database)
    qtbot.addWidget(window)
    window.resize(int(size[0]), int(size[1]))
    window.show()
    qtbot.waitExposed(window)
    return window


def _pages(window: MainWindow):  # type: ignore[no-untyped-def]
    for row, area in enumerate(AREAS):
        window.show_area(row)
        yield area, window.pages[row]


def test_every_area_uses_the_page_layout(qtbot, database):
    window = _window(qtbot, database, (1200, 800))
    for area, page in _pages(window):
        layout = page.findChild(PageLayout)
        assert layout is not None, f"{area.title} is not laid out by the page layout"
        assert layout.heading.text() == area.title
        assert page.message_bar is layout.message_bar  # type: ignore[attr-defined]


@pytest.mark.parametrize("screen", ["200 % on 1600x1000", "125 % on 1366x768"])
def test_no_toolbar_needs_scrolling(qtbot, database, screen):
    size = a11y.LARGE_SCALE if screen.startswith("200") else a11y.SMALL_SCREEN
    window = _window(qtbot, database, size)
    scroll = window.page_scroll
    found = []
    for area, page in _pages(window):
        qtbot.wait(1)  # the page's layout settles in the event loop
        scroll.horizontalScrollBar().setValue(0)
        scroll.verticalScrollBar().setValue(0)
        toolbar = page.page_layout.toolbar  # type: ignore[attr-defined]
        if not toolbar.isVisible():
            continue  # no page-wide buttons (the tabbed areas, the overview)
        viewport = scroll.viewport().rect()
        where = QRect(toolbar.mapTo(scroll.viewport(), toolbar.rect().topLeft()),
                      toolbar.size())
        if not viewport.contains(where):
            found.append(f"{area.title}: the toolbar at {where} is not inside {viewport}")
        shown = [w for w, _o in toolbar.items if w.isVisible()] + (
            [toolbar.more] if toolbar.more.isVisible() else [])
        for widget in shown:
            if widget.geometry().right() >= toolbar.width():
                found.append(f"{area.title}: {widget.objectName()} is past the toolbar's end")
        assert toolbar.overflowed or all(b.isVisible() for b in toolbar.buttons())
    assert not found, f"at {screen}:\n" + "\n".join(found)


def test_the_message_bar_is_read_as_its_text_and_reachable(qtbot, database):
    window = _window(qtbot, database, (1200, 800))
    for area, page in _pages(window):
        bar = page.message_bar  # type: ignore[attr-defined]
        bar.success(f"Saved {area.title}")
        reader = QAccessible.queryAccessibleInterface(bar.text)
        assert reader.text(QAccessible.Text.Name) == f"Done: Saved {area.title}"
        assert not a11y.names(bar, area.title)  # no name hides its text
        # On the Tab path: from the widget before it, Tab reaches the message.
        chain, widget = [], bar.text.previousInFocusChain()
        for _ in range(5):
            widget = widget.nextInFocusChain()
            chain.append(widget)
        assert bar.text in chain and bar.close_button in chain
        bar.clear()


def test_every_table_of_every_area_explains_itself_when_empty(qtbot, database):
    window = _window(qtbot, database, (1200, 800))
    missing = []
    for area, page in _pages(window):
        for tabs in page.findChildren(QTabWidget):
            for index in range(tabs.count()):
                tabs.setCurrentIndex(index)  # tables made on a tab's first showing
        page.page_layout.fit_tables()  # type: ignore[attr-defined]
        views: list[QWidget] = page.findChildren(QTableView) + page.findChildren(QTreeView)
        for view in views:
            if view.objectName() not in EXPLANATIONS | dict.fromkeys(NEVER_EMPTY, ""):
                missing.append(f"{area.title}: {view.objectName() or type(view).__name__}")
            assert view.property("tableLook"), view.objectName()
    assert not missing, "tables without an explanation:\n" + "\n".join(missing)
