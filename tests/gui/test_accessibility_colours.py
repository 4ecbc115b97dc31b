"""Every colour Boardwork sets reads at 4.5:1 (text) or 3:1 (focus ring) on the light, dark
and high-contrast palettes, and no colour is set anywhere but desktop/views/colours.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QPushButton,
    QStyleFactory,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.views import appearance, colours
from desktop.views.colours import contrast

ROLES = QPalette.ColorRole
VIEWS = Path(__file__).resolve().parents[2] / "desktop" / "views"


def light() -> QPalette:
    style = QStyleFactory.create("Fusion")
    assert style is not None
    return style.standardPalette()


PALETTES = {
    "light": light,
    "dark": appearance.dark_palette,
    "high contrast black": appearance.high_contrast_palette,
    "high contrast white": lambda: appearance.high_contrast_palette(black=False),
}


@pytest.mark.parametrize("theme", PALETTES)
def test_text_colours_read_on_every_background(qapp, theme):
    palette = PALETTES[theme]()
    grounds = [palette.color(r) for r in (ROLES.Window, ROLES.Base, ROLES.AlternateBase)]
    poor = [f"{meaning} {colours.text(meaning, palette)} on {ground.name()}: "
            f"{contrast(colours.text(meaning, palette) or '', ground):.2f}"
            for meaning in colours.TEXT for ground in grounds
            if contrast(colours.text(meaning, palette) or "", ground) < 4.5]
    assert not poor, "\n".join(poor)


@pytest.mark.parametrize("theme", PALETTES)
def test_painted_backgrounds_bring_their_text(qapp, theme):
    palette = PALETTES[theme]()
    poor = [f"{meaning} {colours.pair(meaning, palette)}" for meaning in colours.PAIRS
            if contrast(*colours.pair(meaning, palette)) < 4.5]
    assert not poor
    window = palette.color(ROLES.Window)
    assert contrast(colours.focus(palette), window) >= 3
    assert contrast(colours.focus(palette), palette.color(ROLES.Base)) >= 3
    assert contrast(colours.border("proposal", palette), colours.pair("proposal", palette)[1]) >= 3


@pytest.mark.parametrize("theme", PALETTES)
def test_placeholders_and_selected_rows_read(qapp, theme):
    palette = colours.readable_palette(PALETTES[theme]())
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        assert contrast(palette.color(group, ROLES.PlaceholderText),
                        palette.color(group, ROLES.Base)) >= 4.5
        assert contrast(palette.color(group, ROLES.HighlightedText),
                        palette.color(group, ROLES.Highlight)) >= 4.5


def test_fusion_light_needed_the_fix(qapp):
    """The faults the audit measured, so the test above is known to bite."""
    palette = light()
    assert contrast(palette.color(ROLES.PlaceholderText), palette.color(ROLES.Base)) < 4.5
    assert contrast(palette.color(ROLES.HighlightedText), palette.color(ROLES.Highlight)) < 4.5


def test_no_colour_is_set_outside_the_colours_module():
    pattern = re.compile(r"""["'][^"'\n]*#[0-9a-fA-F]{3,8}\b|GlobalColor\.|QColor\(\s*["'\d]|"""
                         r"""(?:color|background|border)[\w-]*\s*:[^;"]*\b(?:white|black|red|green|"""
                         r"""blue|gr[ae]y|yellow|orange)\b""")
    found = [f"{path.relative_to(VIEWS)}:{number}: {line.strip()}"
             for path in VIEWS.rglob("*.py") if path.name not in ("colours.py", "appearance.py")
             for number, line in enumerate(path.read_text().splitlines(), 1)
             if pattern.search(line) and not line.lstrip().startswith("#")]
    assert not found, "\n".join(found)


def _focus_change(qtbot, widget: QWidget, other: QWidget) -> float:
    """The strongest contrast between a pixel unfocused and the same pixel focused."""
    other.setFocus()
    qtbot.waitUntil(other.hasFocus)
    before = widget.grab().toImage()
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)
    after = widget.grab().toImage()
    best = 1.0
    for y in range(0, before.height(), 1):
        for x in range(0, before.width(), 2):
            old, new = before.pixelColor(x, y), after.pixelColor(x, y)
            if old != new:
                best = max(best, contrast(old, new))
    return best


@pytest.mark.parametrize("theme", ["light", "dark", "high contrast black"])
def test_focus_is_seen_on_every_kind_of_control(qtbot, qapp, theme):
    was_style, was_palette = qapp.style().name(), qapp.palette()
    qapp.setStyle(appearance.FocusStyle("Fusion"))
    qapp.setPalette(colours.readable_palette(PALETTES[theme]()))
    try:
        window = QWidget()
        qtbot.addWidget(window)
        layout = QVBoxLayout(window)
        field, button, table, other = QLineEdit(), QPushButton("Save"), QTableView(), \
            QLineEdit()
        for widget in (field, button, table, other):
            layout.addWidget(widget)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        weak = {type(w).__name__: round(_focus_change(qtbot, w, other), 2)
                for w in (field, button, table)}
        assert all(change >= 3 for change in weak.values()), weak
    finally:
        qapp.setStyle(was_style)
        qapp.setPalette(was_palette)
        QApplication.processEvents()



@pytest.mark.parametrize("theme", PALETTES)
def test_the_edges_of_controls_show(qapp, theme):
    palette = PALETTES[theme]()
    assert contrast(colours.edge(palette), palette.color(ROLES.Window)) >= 3
