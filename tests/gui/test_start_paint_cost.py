"""What the main window's first paint must not pay for (benchmarks/FINDINGS.md, issue 19,
session 7): PySide6 building classes the frame does not use. Two things made it do so: a
Python event filter on the whole application (the first event for an object of a class
PySide6 has no Python class for builds every class left for later), and a first call of an
overload that also takes Qt's own enums (QPainter.setPen, QPalette(palette), QColor(colour):
the whole `Qt` namespace). The focus ring and the control edges are drawn as stroked paths
instead, pixel for pixel as before; windows are still fitted to the screen."""

from __future__ import annotations

import subprocess
import sys

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from desktop.views import appearance

# Made up to the frame's first paint, in a new process starting as the app does.
FIRST_PAINT = r"""
import enum, os, sys
made = []
new = enum.EnumType.__new__
def counted(mcls, name, *args, **kwargs):
    made.append(name)
    return new(mcls, name, *args, **kwargs)
enum.EnumType.__new__ = counted
from pathlib import Path
from PySide6.QtCore import QEvent, QObject, QTimer
from desktop.app import create_application, start_window
app = create_application()
window = start_window(app, Path(sys.argv[1]), lambda: os._exit(3), lambda _session: None)
def painted():
    print(" ".join(made), flush=True)
    os._exit(0)
class Watch(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, painted)  # before the database is opened (queued first)
        return False
watch = Watch()
window.installEventFilter(watch)
app.exec()
"""


def test_the_first_paint_builds_no_class_the_frame_does_not_use(tmp_path):
    done = subprocess.run([sys.executable, "-c", FIRST_PAINT, str(tmp_path / "none.db")],
                          capture_output=True, text=True, timeout=120,
                          env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen",
                               "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path)})
    made = done.stdout.split()
    assert done.returncode == 0 and made, done.stderr
    # Qt.GlobalColor: the whole Qt namespace; QAbstractSlider.SliderAction, QProcess's
    # ExitStatus, QWizard's WizardButton: every class of the three modules.
    for name in ("GlobalColor", "AlignmentFlag", "SliderAction", "ExitStatus", "WizardButton"):
        assert name not in made, name


@pytest.mark.parametrize("antialiased", [False, True])
@pytest.mark.parametrize("width", [1, 2])
@pytest.mark.parametrize("scale", [1.0, 1.25, 2.0])
def test_outlines_are_drawn_as_the_pen_drew_them(qapp, antialiased, width, scale):
    for rect in (QRect(0, 0, 30, 20), QRect(3, 4, 17, 9), QRect(1, 1, 100, 24),
                 QRect(2, 2, 1, 1), QRect(5, 5, 0, 0)):
        pictures = []
        for draw in ("pen", "path"):
            image = QImage(140, 60, QImage.Format.Format_ARGB32)
            image.fill(0xffeeeeee)
            image.setDevicePixelRatio(scale)
            painter = QPainter(image)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, antialiased)
            if draw == "pen":  # as the ring and the edges were drawn before
                pen = QPen(QColor("#0a4fa3"))
                pen.setWidth(width)
                painter.setPen(pen)
                painter.setBrush(QColor(0, 0, 0, 0))
                painter.drawRect(rect)
            else:
                appearance._outline(painter, rect, "#0a4fa3", width)
            painter.end()
            pictures.append(image)
        assert pictures[0] == pictures[1], rect


def test_windows_are_fitted_once_the_frame_is_painted(qtbot):
    app = QApplication.instance()
    screen = app.primaryScreen().availableGeometry()  # type: ignore[union-attr]
    window = QWidget()
    qtbot.addWidget(window)
    appearance.fit_when_shown(window)  # the main window, before the app-wide filter
    window.resize(screen.width() + 300, screen.height() + 300)
    window.show()
    assert window.width() <= screen.width() and window.height() <= screen.height()
    appearance.fit_every_window(app)  # type: ignore[arg-type]  # after the first paint
    dialog = QDialog()
    qtbot.addWidget(dialog)
    dialog.resize(screen.width() + 300, screen.height() + 300)
    dialog.show()
    assert dialog.width() <= screen.width() and dialog.height() <= screen.height()
