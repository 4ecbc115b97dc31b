"""`WidgetMixin`: the base of a screen's commands kept in a module of their own (the
Actions page's changes.py, the training sessions' session_bookings.py and
session_papers.py, minute taking's raising.py and room.py).

At run time it is `object`, so the screen's class (the mixins first, then its Qt class)
stays one plain widget; to the type checker it is a QWidget, so a mixin's methods may pass
`self` as a dialog's parent. Each mixin declares the attributes of its screen it uses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    WidgetMixin = QWidget
else:
    WidgetMixin = object
