"""Going to another area of the main window from a screen (the Overview's lines, the People
and Agencies tabs), without the screen knowing how that area is laid out."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from desktop.views.areas import AREAS


def area_page(widget: QWidget, object_name: str) -> Any:
    """The main window's page of that area ("actionsArea"…), made and brought forward; None
    outside a window that has areas (a screen shown on its own, in a test)."""
    window = widget.window()
    show_area = getattr(window, "show_area", None)
    if not callable(show_area):
        return None
    row = next(i for i, area in enumerate(AREAS) if area.object_name == object_name)
    show_area(row)
    return getattr(window, "pages", {}).get(row)
