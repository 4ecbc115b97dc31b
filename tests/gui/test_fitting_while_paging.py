"""An area's page made and shown for the first time is not handed to the window fitter
event by event (a third of opening the Actions area; benchmarks/FINDINGS.md, issue 19
session 9), yet every window is still fitted to its screen: the fitter is back once the
page is painted, and a window shown meanwhile is fitted then."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QDialog, QWidget

from desktop.views import appearance
from desktop.views.areas import AREAS
from desktop.views.main_window import MainWindow


def _too_big(qtbot) -> QDialog:
    screen = QApplication.primaryScreen().availableGeometry()
    dialog = QDialog()
    qtbot.addWidget(dialog)
    dialog.resize(screen.width() + 300, screen.height() + 300)
    return dialog


def _fits(window: QWidget) -> bool:
    screen = QApplication.primaryScreen().availableGeometry()
    return window.width() <= screen.width() and window.height() <= screen.height()


def test_a_window_shown_while_a_page_is_made_is_fitted_once_it_is_painted(qtbot):
    appearance.fit_every_window(QApplication.instance())  # type: ignore[arg-type]
    appearance.unwatched_while_paging()
    meanwhile = _too_big(qtbot)
    meanwhile.show()
    assert not _fits(meanwhile)  # the fitter is off while the page is made and painted
    QApplication.processEvents()
    assert _fits(meanwhile)
    later = _too_big(qtbot)
    later.show()  # the fitter is back on the application: fitted as it is shown
    assert _fits(later)


def test_the_fitter_taken_away_meanwhile_is_not_put_back(qtbot):
    app = QApplication.instance()
    appearance.fit_every_window(app)  # type: ignore[arg-type]
    appearance.unwatched_while_paging()
    appearance._fitter = None  # as the tests' clean-up does (conftest.py)
    QApplication.processEvents()
    dialog = _too_big(qtbot)
    dialog.show()
    assert not _fits(dialog)


def test_windows_are_fitted_after_an_area_is_first_opened(qtbot, database):
    appearance.fit_every_window(QApplication.instance())  # type: ignore[arg-type]
    window = MainWindow(database)
    qtbot.addWidget(window)
    window.show()
    actions = next(i for i, area in enumerate(AREAS) if area.title == "Actions")
    window.navigation.setCurrentRow(actions)
    page = window.pages[actions]
    assert window.stack.currentWidget() is page
    qtbot.waitUntil(lambda: not page.loading)  # type: ignore[attr-defined]
    dialog = _too_big(qtbot)
    dialog.show()
    assert _fits(dialog)
