"""Choosing a combo box entry by its data, where the data may be None ("any", "not set")."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox


def select_data(combo: QComboBox, value: Any, default: int = 0) -> None:
    """Make the entry whose data equals `value` current (or the `default` entry)."""
    for index in range(combo.count()):
        if combo.itemData(index) == value:
            combo.setCurrentIndex(index)
            return
    combo.setCurrentIndex(default)
