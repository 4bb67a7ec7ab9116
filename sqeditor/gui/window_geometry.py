"""The window's size and place: it fits the screen it opens on (1366×768 laptops, full HD at
150 % is 1280×720), and it comes back where the clerk left it, docks and toolbar included,
unless that screen is gone (a projector or docking station unplugged)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QMargins, QSize
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QMainWindow, QStyle, QWidget

from sqeditor.gui import preferences

PREFERRED_SIZE = QSize(1280, 800)
GEOMETRY_KEY = "window/geometry"
STATE_KEY = "window/state"


def place_window(window: QMainWindow) -> None:
    """Restore the saved geometry when it still fits a screen; otherwise fit the primary screen,
    keeping the saved size where it fits."""
    stored = preferences.settings()
    geometry, state = stored.value(GEOMETRY_KEY), stored.value(STATE_KEY)
    restored = (isinstance(geometry, QByteArray) and not geometry.isEmpty()
                and window.restoreGeometry(geometry))
    if not (restored and fits_a_screen(window)):
        fit_to_screen(window, QGuiApplication.primaryScreen(),
                      window.size() if restored else PREFERRED_SIZE)
    if isinstance(state, QByteArray) and not state.isEmpty():
        window.restoreState(state)


def frame_margins(window: QWidget) -> QMargins:
    """The title bar and borders the system adds around the window (not known before it shows)."""
    return QMargins(4, window.style().pixelMetric(QStyle.PixelMetric.PM_TitleBarHeight) + 4, 4, 4)


def fits_a_screen(window: QMainWindow) -> bool:
    """On a screen that still exists: maximized there, or wholly inside its free area."""
    rect = window.geometry()
    screen = QGuiApplication.screenAt(rect.center())
    if screen is None:
        return False
    return window.isMaximized() or screen.availableGeometry().contains(
        rect.marginsAdded(frame_margins(window)))


def fit_to_screen(window: QMainWindow, screen: QScreen, size: QSize) -> None:
    """The size asked for where it fits, else the screen's free area less the frame; centred."""
    area, frame = screen.availableGeometry(), frame_margins(window)
    size = size.boundedTo(area.marginsRemoved(frame).size())
    window.resize(size)  # the inside; move() places the outside, frame included
    outside = size.grownBy(frame)
    window.move(area.left() + (area.width() - outside.width()) // 2,
                area.top() + (area.height() - outside.height()) // 2)


def fit_dialog(dialog: QWidget, width: int, height: int) -> None:
    """The size the dialog was drawn for, cut to the free area of its parent's screen (1280×720
    less the taskbar): a dialog taller than the screen hides its buttons below the taskbar."""
    screen = (dialog.parentWidget() or dialog).screen() or QGuiApplication.primaryScreen()
    free = screen.availableGeometry().marginsRemoved(frame_margins(dialog)).size()
    dialog.resize(QSize(width, height).boundedTo(free))


def remember_window(window: QMainWindow) -> None:
    """Kept per user in the settings when the window closes."""
    stored = preferences.settings()
    stored.setValue(GEOMETRY_KEY, window.saveGeometry())
    stored.setValue(STATE_KEY, window.saveState())
