"""Printing and PDF: the shared page layout drawn with Qt (the core never imports this).

For the editor: ``print_report(report, printer, options)`` prints to a QPrinter and is also
the slot for ``QPrintPreviewDialog.paintRequested``; ``install_kai_substitutions()`` maps
標楷體 to a Kai face on screen.
"""

from sqeditor.printing.fonts import install_kai_substitutions, kai_font
from sqeditor.printing.pages import print_report
from sqeditor.printing.pdf import ensure_gui_application, render_pdf

__all__ = ["ensure_gui_application", "install_kai_substitutions", "kai_font", "print_report", "render_pdf"]
