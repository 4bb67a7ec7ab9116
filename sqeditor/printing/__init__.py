"""Printing and PDF: the shared page layout drawn with Qt (the only core-adjacent Qt user)."""

from sqeditor.printing.pdf import ensure_gui_application, render_pdf

__all__ = ["ensure_gui_application", "render_pdf"]
