"""Panes side by side while they fit, stacked when they do not; the minute-taking panes keep
their proportions at any width (desktop/views/stacking_splitter.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QListWidget, QVBoxLayout, QWidget

from desktop.views.page_layout import panes
from desktop.views.stacking_splitter import ProportionalSplitter


def _form(width: int) -> QWidget:
    form = QWidget()
    field = QLineEdit()
    field.setMinimumWidth(width)  # a detail that cannot be narrower than this
    QVBoxLayout(form).addWidget(field)
    return form


def test_panes_stack_when_the_detail_does_not_fit_beside_the_list(qtbot):
    split = panes(QListWidget(), _form(500))
    qtbot.addWidget(split)
    split.resize(1000, 600)
    split.show()
    qtbot.waitExposed(split)
    assert split.orientation() == Qt.Orientation.Horizontal
    split.resize(520, 600)  # 200 % zoom: the list and the form no longer fit side by side
    qtbot.waitUntil(lambda: split.orientation() == Qt.Orientation.Vertical)
    detail = split.widget(1)
    assert detail is not None and detail.width() >= 500  # the form whole, not scrolled
    assert detail.horizontalScrollBar().maximum() == 0  # type: ignore[attr-defined]
    split.resize(1000, 600)
    qtbot.waitUntil(lambda: split.orientation() == Qt.Orientation.Horizontal)
    assert split.widget(0).minimumHeight() == 0  # type: ignore[union-attr]


def test_minute_taking_panes_keep_their_proportions_until_dragged(qtbot):
    split = ProportionalSplitter([300, 740, 360])
    for _ in range(3):
        split.addWidget(QListWidget())
    qtbot.addWidget(split)
    split.resize(1400, 400)
    split.show()
    qtbot.waitExposed(split)
    split.resize(800, 400)
    qtbot.waitUntil(lambda: split.width() == 800)
    outline, minutes, side = split.sizes()
    assert minutes > outline + side - 100  # the minutes keep about half, not a sliver
    split.moveSplitter(100, 1)  # the user's drag is kept from now on
    split.resize(900, 400)
    qtbot.waitUntil(lambda: split.width() == 900)
    assert split.dragged
