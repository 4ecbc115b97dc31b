"""The longest list the app shows: the Actions area with every action, for the lists'
benchmark and for the memory figure (start_app --largest-list). Kept apart from
bench_lists so that the measured start process imports nothing of the harness (its
statistics module and the decimal and fractions behind it: 0.3 MB of the memory figure)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QApplication


def show_all_actions(window: Any) -> Any:
    """Show the Actions area with every action listed (used for the memory figure too)."""
    row = next(i for i in range(window.navigation.count())
               if window.navigation.item(i).text() == "Actions")
    window.show_area(row)
    page = window.pages[row]
    wait_read(page)  # its first read runs on a worker thread
    status = page.filters.status
    status.setCurrentIndex(status.findData("all"))
    page.refresh()
    page.repaint()
    return page


def wait_read(page: Any) -> None:
    """Until a page reading on a worker thread (its `loading`) has its rows."""
    from PySide6.QtCore import QThreadPool

    while page.loading:
        QThreadPool.globalInstance().waitForDone(10)
        QApplication.processEvents()
