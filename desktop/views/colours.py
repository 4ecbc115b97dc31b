"""Every colour Boardwork sets, in one place, readable on light, dark and high-contrast themes.

A colour is named by what it means ("error", "present"); each meaning has one shade for a
light window and one for a dark one (Windows dark mode, High Contrast Black), and the shade
is picked from the palette in use when the colour is asked for. A background the app sets
comes with its own text colour ("pick both"), so no pair depends on the theme. Every pair is
at least 4.5:1 (WCAG 2.2 AA for text), which tests/gui/test_accessibility_colours.py checks
on a light, a dark and two high-contrast palettes.
"""

from __future__ import annotations

import copy

from PySide6.QtGui import QColor, QGuiApplication, QPalette

# Text drawn on the window or a table (meaning: shade on light, shade on dark).
TEXT: dict[str, tuple[str, str]] = {
    "error": ("#a00000", "#ff9e9e"),
    "success": ("#0b5d1e", "#8fdc97"),
    "overdue": ("#a00000", "#ff9e9e"),
    "present": ("#1b5e20", "#8fdc97"),
    "in_attendance": ("#0d47a1", "#9ccbff"),
    "apologies": ("#6b5000", "#ffd866"),
    "absent": ("#545454", "#c8c8c8"),
    "expected": ("#545454", "#c8c8c8"),
    "not_quorate": ("#a00000", "#ff9e9e"),
    "muted": ("#545454", "#c8c8c8"),  # days outside the month, hints, nothing to open
    "attended": ("#0b5d1e", "#8fdc97"),
    "did_not_attend": ("#a00000", "#ff9e9e"),
}

# Backgrounds the app paints, each with its text: (text, background) on light, on dark.
PAIRS: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "rag_red": (("#000000", "#f4b6b6"), ("#ffffff", "#7a1f1f")),
    "rag_amber": (("#000000", "#ffd98a"), ("#ffffff", "#6b4a00")),
    "rag_green": (("#000000", "#b9e0b0"), ("#ffffff", "#1e5a24")),
    "proposal": (("#000000", "#fff8e1"), ("#ffffff", "#3d3000")),
    "today": (("#000000", "#fff4c2"), ("#ffffff", "#4a3b00")),
    "not_saved": (("#ffffff", "#a00000"), ("#ffffff", "#a00000")),
    # Words taken out of and put into the minutes (the minutes history).
    "deleted": (("#8b0000", "#fde7e9"), ("#ffd0d0", "#5a1a1a")),
    "inserted": (("#0b5a0b", "#e3f4e6"), ("#d0ffd0", "#1a4a1a")),
    # A review that is due; an import row with a problem, or one to check.
    "due": (("#000000", "#fde7e9"), ("#ffffff", "#5a1a1a")),
    "problem": (("#000000", "#f8d7da"), ("#ffffff", "#6b1f24")),
    "note": (("#000000", "#fff3cd"), ("#ffffff", "#4a3b00")),
    # The message bar at the top of a page (desktop/views/message_bar.py), one per kind.
    "message_info": (("#000000", "#e3eefb"), ("#ffffff", "#16324f")),
    "message_success": (("#000000", "#dff3e2"), ("#ffffff", "#1a4a1a")),
    "message_warning": (("#000000", "#fff3cd"), ("#ffffff", "#4a3b00")),
    "message_problem": (("#000000", "#f8d7da"), ("#ffffff", "#6b1f24")),
}
BORDERS = {"proposal": ("#8d6e00", "#ffd866"),
           # The message bar's edge, 3:1 against its own background and the window.
           "message_info": ("#0a4fa3", "#9ccbff"),
           "message_success": ("#0b5d1e", "#8fdc97"),
           "message_warning": ("#6b5000", "#ffd866"),
           "message_problem": ("#a00000", "#ff9e9e")}

# The focus ring (3:1 against the window at least, WCAG 2.4.13 / 1.4.11).
FOCUS = ("#0a4fa3", "#ffd866")


def _palette(palette: QPalette | None) -> QPalette:
    return palette if palette is not None else QGuiApplication.palette()


def is_dark(palette: QPalette | None = None) -> bool:
    """A dark window (dark mode, High Contrast Black): light text is wanted."""
    return _palette(palette).color(QPalette.ColorRole.Window).lightnessF() < 0.5


def text(meaning: str | None, palette: QPalette | None = None) -> str | None:
    """The shade of a text colour for the palette in use (None for None)."""
    if meaning is None:
        return None
    light, dark = TEXT[meaning]
    return dark if is_dark(palette) else light


def pair(meaning: str, palette: QPalette | None = None) -> tuple[str, str]:
    """(text, background) of a background the app paints."""
    light, dark = PAIRS[meaning]
    return dark if is_dark(palette) else light


def border(meaning: str, palette: QPalette | None = None) -> str:
    light, dark = BORDERS[meaning]
    return dark if is_dark(palette) else light


def focus(palette: QPalette | None = None) -> str:
    light, dark = FOCUS
    return dark if is_dark(palette) else light


def edge(palette: QPalette | None = None) -> str:
    """The edge of a field, box or button, at 3:1 against the window."""
    window = _palette(palette).color(QPalette.ColorRole.Window)
    return _darkest_readable(window.darker(140), [window], 3.0).name()


def text_style(meaning: str, extra: str = "") -> str:
    """A style sheet for a label in that colour."""
    return f"color: {text(meaning)};{extra}"


def pair_style(meaning: str, extra: str = "") -> str:
    fore, back = pair(meaning)
    return f"color: {fore}; background: {back};{extra}"


# -- contrast (WCAG 2.2 relative luminance) --------------------------------------------
def luminance(colour: QColor | str) -> float:
    # QColor(a QColor) would build the Qt namespace too (readable_palette): not copied.
    colour = colour if isinstance(colour, QColor) else QColor(colour)

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF()))


def over(colour: QColor | str, ground: QColor | str) -> QColor:
    """A see-through colour (Qt's placeholder text is half-transparent) as seen on `ground`."""
    colour = colour if isinstance(colour, QColor) else QColor(colour)
    ground = ground if isinstance(ground, QColor) else QColor(ground)
    alpha = colour.alphaF()
    return QColor.fromRgbF(*(getattr(colour, c)() * alpha + getattr(ground, c)() * (1 - alpha)
                             for c in ("redF", "greenF", "blueF")))


def contrast(first: QColor | str, second: QColor | str) -> float:
    """The contrast ratio of text `first` on background `second` (1 to 21)."""
    a, b = sorted((luminance(over(first, second)), luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def _darkest_readable(colour: QColor, against: list[QColor], wanted: float) -> QColor:
    """`colour` moved towards black or white (away from the backgrounds) until it reads."""
    towards = QColor("#000000") if luminance(against[0]) > 0.18 else QColor("#ffffff")
    colour = over(colour, against[0])
    for step in range(0, 21):
        mix = step / 20
        candidate = QColor.fromRgbF(
            colour.redF() + (towards.redF() - colour.redF()) * mix,
            colour.greenF() + (towards.greenF() - colour.greenF()) * mix,
            colour.blueF() + (towards.blueF() - colour.blueF()) * mix)
        candidate = QColor(candidate.name())  # as it will be used: whole 0-255 steps
        if all(contrast(candidate, back) >= wanted for back in against):
            return candidate
    return towards


def readable_palette(palette: QPalette) -> QPalette:
    """The palette with placeholder text and selected rows made readable (4.5:1): Fusion's
    light palette has placeholder text at 4.0:1 and white on its blue selection at 3.7:1."""
    # A copy by copy.copy: QPalette(palette) also matches QPalette(Qt.GlobalColor), and
    # that makes PySide6 build the whole Qt namespace first (appearance._outline says why
    # not at start).
    result = copy.copy(palette)
    roles = QPalette.ColorRole
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        base = [result.color(group, roles.Base), result.color(group, roles.Window),
                result.color(group, roles.AlternateBase)]
        result.setColor(group, roles.PlaceholderText,
                        _darkest_readable(result.color(group, roles.PlaceholderText), base, 4.5))
        selected = result.color(group, roles.HighlightedText)
        highlight = result.color(group, roles.Highlight)
        if contrast(selected, highlight) < 4.5:
            result.setColor(group, roles.Highlight,
                            _darkest_readable(highlight, [selected], 4.5))
    return result
