"""Going to the Training area from elsewhere in the main window (the People and Agencies
tabs, the Overview), without those screens knowing how Training is laid out."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from desktop.views.navigate import area_page


def training_page(widget: QWidget) -> Any:
    """The main window's Training page, made and brought forward; None outside a window
    that has areas (a screen shown on its own, in a test)."""
    return area_page(widget, "trainingArea")


def open_bookings_of(widget: QWidget, person: tuple[int, str] | None = None,
                     agency_id: int | None = None) -> None:
    """Every booking of one person (id, name) or of one agency, on the Delegate bookings tab."""
    page = training_page(widget)
    if page is None:
        return
    panel = page.show_bookings()
    if person is not None:
        panel.show_person(*person)
    elif agency_id is not None:
        panel.show_agency(agency_id)
    panel.table.setFocus()
