"""The accessibility audit, continued for "the look" (issue 22): every area is laid out by the
shared page layout, no area's toolbar needs scrolling at 200 % on 1600x1000 or at 125 % on a
1366x768 laptop, no area's page (each tab of it), the minute-taking view or the settings and
data protection dialogs scrolls sideways at those sizes, the message bar is read as its text
and is on the Tab path, and every table of every area stretches, tells cut text and explains
itself while empty."""

from __future__ import annotations

import contextlib

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


def _settled(qtbot, window: QWidget, where: str, *also: QWidget) -> list[str]:  # type: ignore[no-untyped-def]
    """What scrolls sideways once the layouts have settled (a pane's new smallest width
    reaches its splitter a turn or two of the event loop later)."""
    with contextlib.suppress(AssertionError):
        qtbot.waitUntil(lambda: not a11y.scrolls_sideways(window, where, *also), timeout=500)
    return a11y.scrolls_sideways(window, where, *also)


def _every_tab(page: QWidget):  # type: ignore[no-untyped-def]
    """Each tab of each tab widget in the page shown in turn (tabs made on first showing)."""
    yield ""
    for tabs in page.findChildren(QTabWidget):
        if not tabs.isVisible():
            continue
        was = tabs.currentIndex()
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            yield f" / {tabs.tabText(index).replace('&', '')}"
        tabs.setCurrentIndex(was)


@pytest.mark.parametrize("screen", ["200 % on 1600x1000", "125 % on 1366x768"])
def test_no_area_scrolls_sideways(qtbot, database, screen):
    """Every area's page, and every tab of it (the Meetings editor's, Training's, People and
    groups', Reports'), fits the width: content wraps or panes stack, nothing is reached
    only by scrolling sideways."""
    size = a11y.LARGE_SCALE if screen.startswith("200") else a11y.SMALL_SCREEN
    window = _window(qtbot, database, size)
    scroll = window.page_scroll
    found = []
    for area, page in _pages(window):
        for tab in _every_tab(page):
            found += _settled(qtbot, page, f"{area.title}{tab}", scroll)
    assert not found, f"at {screen}:\n" + "\n".join(sorted(set(found)))


@pytest.mark.parametrize("screen", ["200 % on 1600x1000", "125 % on 1366x768"])
def test_taking_minutes_and_the_settings_never_scroll_sideways(qtbot, database, screen):
    """The minute-taking view (its find bar open) and the settings and data protection
    dialogs, at the size of the screen, fit its width."""
    from desktop.services.meetings import list_meetings
    from desktop.views.areas import AppContext
    from desktop.views.minute_taking.view import MinuteTakingView
    from desktop.views.notices import Notices
    from desktop.views.privacy.audit_dialog import AuditDialog
    from desktop.views.privacy.erase_dialog import EraseDialog
    from desktop.views.privacy.retention_dialog import RetentionDialog
    from desktop.views.privacy.subject_access_dialog import SubjectAccessDialog
    from desktop.views.settings_dialog import SettingsDialog

    width, height = a11y.LARGE_SCALE if screen.startswith("200") else a11y.SMALL_SCREEN
    import_sample(database, "herefordshire-board-2018-10-23.json")
    view = MinuteTakingView(database, Notices(), list_meetings(database)[0].id)
    windows: list[QWidget] = [view, SettingsDialog(AppContext(database, Notices())),
                              RetentionDialog(database), SubjectAccessDialog(database),
                              AuditDialog(database), EraseDialog(database)]
    found = []
    for window in windows:
        qtbot.addWidget(window)
        window.resize(int(width), int(height))
        window.show()
        if window is view:
            view.find_bar.open(replace=True)
        for tab in _every_tab(window):
            found += _settled(qtbot, window, f"{type(window).__name__}{tab}")
    view.saver.close()
    assert not found, f"at {screen}:\n" + "\n".join(sorted(set(found)))
