"""Printing on a printer with hardware margins, as Qt's Windows print engine treats one.

The Windows engine keeps a QPageLayout whose minimum margins are the printer's hardware
margins; outside "full page" mode, a layout or margins inside them are refused (the call returns
False and the driver's paper stays, often Letter). `WindowsLikePrinter` keeps such a layout with
Qt's own QPageLayout rules and passes what it accepts to a real PDF printer, so the pages can be
measured afterwards.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize
from PySide6.QtPrintSupport import QPrinter

from sqeditor.errors import SqeditorError
from sqeditor.exchange.builtin_reports import builtin_sample
from sqeditor.printing.pages import print_report

HARDWARE_MM = 4.23  # a laser printer's unprintable edge
A4_POINTS = (595, 842)
LETTER_POINTS = (612, 792)


class WindowsLikePrinter(QPrinter):
    """A printer that starts on Letter with hardware margins and refuses what Windows refuses."""

    def __init__(self, output: Path, papers: tuple[QPageSize.PageSizeId, ...]) -> None:
        super().__init__(QPrinter.PrinterMode.HighResolution)
        self.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        self.setOutputFileName(str(output))
        self.papers = papers
        edge = QMarginsF(HARDWARE_MM, HARDWARE_MM, HARDWARE_MM, HARDWARE_MM)
        self.model = QPageLayout(QPageSize(QPageSize.PageSizeId.Letter), QPageLayout.Orientation.Portrait,
                                 QMarginsF(6.35, 6.35, 6.35, 6.35), QPageLayout.Unit.Millimeter, edge)
        self._push()

    def _push(self) -> None:
        super().setFullPage(self.model.mode() == QPageLayout.Mode.FullPageMode)
        super().setPageLayout(self.model)

    def setFullPage(self, on: bool) -> None:
        self.model.setMode(QPageLayout.Mode.FullPageMode if on else QPageLayout.Mode.StandardMode)
        self._push()

    def setPageSize(self, size: QPageSize) -> bool:
        if size.id() in self.papers:
            self.model.setPageSize(size, self.model.minimumMargins())
            self._push()
        return self.model.pageSize().isEquivalentTo(size)

    def setPageOrientation(self, orientation: QPageLayout.Orientation) -> bool:
        self.model.setOrientation(orientation)
        self._push()
        return True

    def setPageMargins(self, margins: QMarginsF,
                       units: QPageLayout.Unit = QPageLayout.Unit.Millimeter) -> bool:
        self.model.setUnits(units)
        accepted = self.model.setMargins(margins)  # Qt's rule: not inside the minimum, unless full page
        self._push()
        return accepted

    def setPageLayout(self, layout: QPageLayout) -> bool:
        self.setPageSize(layout.pageSize())
        self.setPageOrientation(layout.orientation())
        self.setPageMargins(layout.margins(), layout.units())
        return self.model.isEquivalentTo(layout)

    def pageLayout(self) -> QPageLayout:
        return QPageLayout(self.model)


def page_sizes(pdf: Path) -> set[tuple[int, int]]:
    boxes = re.findall(rb"/MediaBox \[\s*0 0 ([\d.]+) ([\d.]+)", pdf.read_bytes())
    return {(round(float(w)), round(float(h))) for w, h in boxes}


def test_the_printer_model_refuses_zero_margins_like_windows(qapp, tmp_path):
    """What the old code met: the layout call fails and the paper stays Letter."""
    printer = WindowsLikePrinter(tmp_path / "x.pdf", (QPageSize.PageSizeId.A4, QPageSize.PageSizeId.Letter))
    a4_no_margins = QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    assert not printer.setPageLayout(a4_no_margins)
    assert printer.pageLayout().margins().left() > HARDWARE_MM


def test_prints_a4_on_a_printer_with_hardware_margins(qapp, tmp_path):
    output = tmp_path / "printed.pdf"
    printer = WindowsLikePrinter(output, (QPageSize.PageSizeId.A4, QPageSize.PageSizeId.Letter))
    pages = print_report(builtin_sample(), printer)
    layout = printer.pageLayout()
    assert layout.pageSize().isEquivalentTo(QPageSize(QPageSize.PageSizeId.A4))
    assert layout.mode() == QPageLayout.Mode.FullPageMode
    assert layout.margins() == QMarginsF(0, 0, 0, 0)
    del printer
    assert pages > 1
    assert page_sizes(output) == {A4_POINTS}


def test_a_printer_without_a4_is_a_message_not_letter(qapp, tmp_path):
    output = tmp_path / "letter.pdf"
    printer = WindowsLikePrinter(output, (QPageSize.PageSizeId.Letter, QPageSize.PageSizeId.Legal))
    with pytest.raises(SqeditorError, match="不能使用 A4 紙張"):
        print_report(builtin_sample(), printer)
    del printer
    assert not output.exists() or page_sizes(output) != {LETTER_POINTS}


def test_the_window_tells_the_clerk(window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, title, text: shown.append((title, text)))
    printer = WindowsLikePrinter(tmp_path / "letter.pdf", (QPageSize.PageSizeId.Letter,))
    assert not window.menus.files.print_to(printer)
    assert shown and "A4" in shown[0][1]
