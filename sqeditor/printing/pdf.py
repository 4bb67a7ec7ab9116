"""PDF export through Qt, usable from the command line without a display."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from sqeditor.exchange.formats import ExportOptions
from sqeditor.exchange.layout import build_layout
from sqeditor.model import Report

PDF_DPI = 300
_app = None  # the QGuiApplication made here, kept alive for later exports


def ensure_gui_application() -> None:
    """Qt text layout needs a QGuiApplication; off a desktop, use the offscreen platform."""
    global _app
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is not None:
        return
    no_display = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if sys.platform.startswith("linux") and no_display:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication([sys.argv[0] if sys.argv else "sqeditor"])


def render_pdf(report: Report, path: Path, options: ExportOptions | None = None) -> int:
    """Write the official table as PDF; returns the number of pages."""
    ensure_gui_application()
    from PySide6.QtGui import QPdfWriter

    from sqeditor.printing.pages import paint_layout

    layout = build_layout(report, options)
    writer = QPdfWriter(str(path))
    writer.setResolution(PDF_DPI)
    writer.setTitle(layout.title)
    writer.setCreator("sqeditor")
    pages = paint_layout(layout, writer)
    del writer  # flushes and closes the file
    return pages
