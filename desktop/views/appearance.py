"""The look every window shares: a focus ring you can see and a palette whose placeholder
text and selected rows read at 4.5:1 (issue 22.5 and 22.8).

The focus ring is drawn by a proxy over the platform's own style, so every control keeps its
native look and gains a 2-pixel ring in a colour at 3:1 or more against the window, on light,
dark and high-contrast themes alike (colours.focus). Themes to try it with, for screenshots
and tests: `dark_palette()` and `high_contrast_palette()`.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRect, QRectF, QTimer, Slot
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
    QScrollArea,
    QStyle,
    QStyleOption,
    QWidget,
)
from shiboken6 import getCppPointer, isValid

from desktop.views import colours

RING = 2  # pixels

_RINGED_PRIMITIVES = {
    QStyle.PrimitiveElement.PE_FrameLineEdit,
    QStyle.PrimitiveElement.PE_PanelButtonCommand,
    QStyle.PrimitiveElement.PE_PanelButtonTool,
}
_RINGED_CONTROLS = {QStyle.ComplexControl.CC_ComboBox, QStyle.ComplexControl.CC_SpinBox}


def _outline(painter: QPainter, rect: QRect, colour: str, width: int) -> None:
    """A rectangle's outline, as `drawRect` with that pen and no fill draws it, pixel for
    pixel (tests/gui/test_focus_ring.py), but stroked as a path: `setPen` and `setBrush`
    also take Qt's own enums, and the first call of either makes PySide6 build the whole
    `Qt` namespace (93 enum classes, 10-20 ms), which then fell inside the main window's
    first paint (benchmarks/FINDINGS.md, issue 19, session 7)."""
    pen = QPen()
    pen.setColor(QColor(colour))
    pen.setWidth(width)
    path = QPainterPath()
    path.addRect(QRectF(rect))
    painter.strokePath(path, pen)


def _ring(painter: QPainter, rect: QRect, palette: QPalette) -> None:
    _outline(painter, rect.adjusted(1, 1, -1, -1), colours.focus(palette), RING)


@lru_cache(maxsize=16)
def _edge_colour(window_rgba: int) -> str:
    """The edge for a window colour, or "" where the style's own reads: worked out once
    per colour, not at every control's paint (it was a tenth of a page's first paint)."""
    window = QColor.fromRgba(window_rgba)
    if colours.contrast(window.darker(140), window) >= 3:
        return ""
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, window)
    return colours.edge(palette)


def _edge(painter: QPainter, rect: QRect, palette: QPalette, round_: bool = False) -> None:
    """A control's edge at 3:1 against the window (WCAG 1.4.11) where the style's own is
    fainter: Fusion draws it as the window colour darkened, which vanishes on black (High
    Contrast Black) and is 2:1 on its light grey."""
    edge = _edge_colour(palette.color(QPalette.ColorRole.Window).rgba())
    if not edge:
        return
    inner = rect.adjusted(0, 0, -1, -1)
    if not round_:
        _outline(painter, inner, edge, 1)
        return
    # A radio button's circle: a stroked path differs from drawEllipse by a pixel here and
    # there, so the pen (radio buttons are not in the first paint).
    painter.save()
    painter.setPen(QPen(QColor(edge), 1))
    painter.setBrush(QColor(0, 0, 0, 0))
    painter.drawEllipse(inner)
    painter.restore()


_EDGED_PRIMITIVES = {
    QStyle.PrimitiveElement.PE_FrameLineEdit: False,
    QStyle.PrimitiveElement.PE_IndicatorCheckBox: False,
    QStyle.PrimitiveElement.PE_IndicatorRadioButton: True,
    QStyle.PrimitiveElement.PE_PanelButtonCommand: False,
}


def _focused(option: QStyleOption) -> bool:
    return bool(option.state & QStyle.StateFlag.State_HasFocus) and \
        bool(option.state & QStyle.StateFlag.State_Enabled)


class FocusStyle(QProxyStyle):
    """The platform style, with a ring around whatever has the keyboard focus."""

    def _fusion(self) -> bool:
        """Fusion draws edges from the window colour; native styles draw their own (and
        Windows' own in high contrast), so only Fusion's are strengthened."""
        base = self.baseStyle()
        return base is not None and base.name().lower() == "fusion"

    def drawPrimitive(self, element: QStyle.PrimitiveElement, option: QStyleOption,
                      painter: QPainter, widget: QWidget | None = None) -> None:
        if element == QStyle.PrimitiveElement.PE_FrameFocusRect:
            # The dotted or faint focus rectangle (check boxes, table cells) made solid.
            _ring(painter, option.rect, option.palette)
            return
        super().drawPrimitive(element, option, painter, widget)
        if element in _EDGED_PRIMITIVES and self._fusion():
            _edge(painter, option.rect, option.palette, _EDGED_PRIMITIVES[element])
        if element in _RINGED_PRIMITIVES and _focused(option):
            _ring(painter, option.rect, option.palette)

    def drawComplexControl(self, control: QStyle.ComplexControl, option: Any,
                           painter: QPainter, widget: QWidget | None = None) -> None:
        super().drawComplexControl(control, option, painter, widget)
        if control in _RINGED_CONTROLS and self._fusion():
            _edge(painter, option.rect, option.palette)
        if control in _RINGED_CONTROLS and _focused(option):
            _ring(painter, option.rect, option.palette)

    def drawControl(self, element: QStyle.ControlElement, option: QStyleOption,
                    painter: QPainter, widget: QWidget | None = None) -> None:
        super().drawControl(element, option, painter, widget)
        if element == QStyle.ControlElement.CE_ShapedFrame and _focused(option):
            _ring(painter, option.rect, option.palette)  # a table's or a text box's frame


def fit(window: QWidget, available: QRect) -> None:
    """The window no larger than the screen's free area, and on it: a dialog sized for a
    1920x1080 screen still fits 1366x768 at 125 % or 1600x1000 at 200 % (its layout scrolls
    or wraps within; tests/gui/test_accessibility.py checks every minimum size fits)."""
    frame = window.frameGeometry()
    extra_w, extra_h = frame.width() - window.width(), frame.height() - window.height()
    width = min(window.width(), available.width() - extra_w)
    height = min(window.height(), available.height() - extra_h)
    if (width, height) != (window.width(), window.height()):
        window.resize(max(width, window.minimumWidth()), max(height, window.minimumHeight()))
    left = min(max(window.x(), available.left()), available.right() - window.width() - extra_w)
    top = min(max(window.y(), available.top()), available.bottom() - window.height() - extra_h)
    if (left, top) != (window.x(), window.y()):
        window.move(max(left, available.left()), max(top, available.top()))


class FitToScreen(QObject):
    """Every window, as it is first shown, fitted to its screen (`fit`)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Every event of every object passes here: the event's type, which PySide makes a
        # Python enum member for at each call, is asked last, of windows only (opening
        # the Actions area sends ~1,200 events; benchmarks/FINDINGS.md, issue 19 s. 7).
        if isinstance(watched, QWidget) and watched.isWindow():
            kind = event.type()
            if kind == QEvent.Type.Show and watched.screen() is not None and \
                    not watched.property("fittedToScreen"):
                watched.setProperty("fittedToScreen", True)
                fit(watched, watched.screen().availableGeometry())
            elif kind == QEvent.Type.Close and watched.isActiveWindow() and watched.isModal():
                keyboard_back_after(watched)  # active still: at its Hide it no longer is
        return False


def keyboard_back_after(dialog: QWidget) -> None:
    """When a dialog the user was in closes, the window under it has the keyboard again.

    Window managers do that themselves; where there is none (X without one, as under Xvfb,
    and Qt's offscreen platform) no window was active afterwards, and every key went nowhere
    until a click: Esc, Tab and the page's shortcuts did nothing after the first dialog.
    Only for a dialog active as it closes, and only when no window of Boardwork is active
    once it has gone: never taking the keyboard from another program or window the user
    turned to. A close the dialog refuses (a busy dialog's) leaves it active: nothing done."""
    parent = dialog.parentWidget()
    if parent is None:
        return
    window = parent.window()

    def activate() -> None:
        if isValid(window) and window.isVisible() and QApplication.activeWindow() is None:
            window.activateWindow()

    QTimer.singleShot(0, activate)


class _FocusFollower(QObject):
    def __init__(self, scroll: QScrollArea) -> None:
        super().__init__(scroll)  # goes with the scroll area, and so does the connection
        self.scroll = scroll

    @Slot(QWidget, QWidget)
    def moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        if not isValid(self.scroll):  # the focus moves while a closing window is taken apart
            return
        inner = self.scroll.widget()
        if new is not None and inner is not None and inner.isAncestorOf(new):
            self.scroll.ensureWidgetVisible(new, 8, 8)


def follow_focus(scroll: QScrollArea) -> None:
    """Tab into a part of a page that is scrolled out of sight: the page scrolls to it."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        app.focusChanged.connect(_FocusFollower(scroll).moved)


_fitter: FitToScreen | None = None


def apply(app: QApplication, fit_windows: bool = True) -> None:
    """Once, at start: the focus ring, the readable palette and (unless the caller does it
    later, with `fit_every_window`) windows fitted to the screen."""
    if not isinstance(app.style(), FocusStyle):
        app.setStyle(FocusStyle(app.style().name()))
    app.setPalette(colours.readable_palette(app.palette()))
    if fit_windows:
        fit_every_window(app)


def fit_every_window(app: QApplication) -> None:
    """Every window fitted to its screen as it is first shown, by a filter on the whole
    application. Such a filter is handed every event of every object: the first one for an
    object of a class PySide6 has no Python class for (a list's model, a tool bar's
    extension button) makes PySide6 build every class of QtCore, QtGui and QtWidgets it had
    left for later, some 140 enum classes and 25-45 ms of processor time (benchmarks/
    FINDINGS.md, issue 19, session 7). desktop/app.py therefore installs it once the main
    window's frame is painted, and fits that window itself (`fit_when_shown`)."""
    global _fitter
    if _fitter is None:
        _fitter = FitToScreen(app)
        app.installEventFilter(_fitter)


class _Rewatch(QObject):
    """Puts the fitter back once the events posted before it (a page's first paint among
    them) are handled: see `unwatched_while_paging`."""

    def __init__(self, app: QApplication, fitter: FitToScreen, before: set[int]) -> None:
        super().__init__(app)
        self.fitter, self.before = fitter, before

    def event(self, event: QEvent) -> bool:
        if event.type() != QEvent.Type.User:
            return super().event(event)
        app = QApplication.instance()
        if _fitter is self.fitter and isinstance(app, QApplication):  # not removed since
            app.installEventFilter(self.fitter)
            for window in app.topLevelWidgets():  # one shown meanwhile (none expected)
                if window.isVisible() and _address(window) not in self.before and \
                        window.screen() is not None and not window.property("fittedToScreen"):
                    window.setProperty("fittedToScreen", True)
                    fit(window, window.screen().availableGeometry())
        self.deleteLater()
        return True


def _address(widget: QWidget) -> int:
    # Qt's object, not its Python wrapper: a window Qt made may get a new wrapper each time.
    return int(getCppPointer(widget)[0])


def unwatched_while_paging() -> None:
    """Take the window fitter off the application until the events already posted (the
    new page's first paint) are handled. Called when an area's page is first made and
    shown: that shows no window, yet hands the fitter every event of the page's ~60 new
    widgets, each a call into Python with the object and the event wrapped for it: a
    third of the processor time of opening the Actions area (benchmarks/FINDINGS.md,
    issue 19 session 9). A window shown meanwhile is fitted when the fitter is back."""
    app = QApplication.instance()
    if _fitter is None or not isinstance(app, QApplication):
        return
    before = {_address(window) for window in app.topLevelWidgets() if window.isVisible()}
    app.removeEventFilter(_fitter)
    # Posted at Qt.LowEventPriority (-1), as a widget's paint request is: handled after it.
    # A number, not Qt's enum: this module is imported before the frame's first paint, and
    # the first use of `Qt` builds the whole namespace (tests/gui/test_start_paint_cost.py).
    QCoreApplication.postEvent(_Rewatch(app, _fitter, before), QEvent(QEvent.Type.User), -1)


def fit_when_shown(window: QWidget) -> None:
    """This window fitted to its screen as it is first shown, before `fit_every_window`:
    a filter on the window alone sees only its own events."""
    window.installEventFilter(FitToScreen(window))


def _palette(window: str, text: str, base: str, alternate: str, button: str,
             highlight: str, highlighted: str, placeholder: str, link: str,
             disabled: str) -> QPalette:
    roles = QPalette.ColorRole
    palette = QPalette()
    for role, colour in ((roles.Window, window), (roles.WindowText, text), (roles.Base, base),
                         (roles.AlternateBase, alternate), (roles.Text, text),
                         (roles.Button, button), (roles.ButtonText, text),
                         (roles.Highlight, highlight), (roles.HighlightedText, highlighted),
                         (roles.PlaceholderText, placeholder), (roles.Link, link),
                         (roles.ToolTipBase, base), (roles.ToolTipText, text),
                         (roles.BrightText, text)):
        palette.setColor(role, QColor(colour))
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(disabled))
    return palette


def dark_palette() -> QPalette:
    """Windows 11 dark mode, near enough."""
    return _palette("#202020", "#ffffff", "#1c1c1c", "#2b2b2b", "#2d2d2d", "#0078d4",
                    "#ffffff", "#a0a0a0", "#99ebff", "#8a8a8a")


def high_contrast_palette(black: bool = True) -> QPalette:
    """Windows High Contrast Black ("Night sky" on Windows 11) or White ("Desert")."""
    if black:
        return _palette("#000000", "#ffffff", "#000000", "#000000", "#000000", "#1aebff",
                        "#000000", "#c0c0c0", "#ffff00", "#3ff23f")
    return _palette("#ffffff", "#000000", "#ffffff", "#ffffff", "#ffffff", "#37006e",
                    "#ffffff", "#505050", "#00009f", "#600000")
