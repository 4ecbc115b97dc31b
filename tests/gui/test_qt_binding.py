"""The Qt binding itself: a known-bad PySide6 release must never be installed again."""

from __future__ import annotations

import sys

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QComboBox


def test_reading_an_empty_value_keeps_the_count_of_none(qapp):
    """PySide6 6.12.0 lost a reference to None on every empty QVariant read; after a few
    thousand reads (any table, any combo box with an "(any)" entry) Python aborted."""
    combo = QComboBox()
    combo.addItem("(any)", None)
    before = sys.getrefcount(None)
    for _ in range(500):
        QModelIndex().data()
        combo.currentData()
    assert sys.getrefcount(None) - before >= 0
