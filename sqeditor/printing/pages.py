"""Manual pagination: exact margins and a `第 N 頁，共 M 頁` footer on every page.

QTextDocument.print_() adds its own 2 cm margin and bare page numbers, so each page is drawn
here: the document is laid out in pages of the text area, and page i is painted translated
and clipped into the margins, with the footer drawn in the bottom margin.
"""

from __future__ import annotations

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import QPagedPaintDevice, QPageLayout, QPageSize, QPainter, QPen, QTextDocument
from PySide6.QtPrintSupport import QPrinter

from sqeditor.errors import SqeditorError
from sqeditor.exchange.formats import ExportOptions
from sqeditor.exchange.layout import BORDER_PT, PageLayout, build_layout
from sqeditor.model import Report
from sqeditor.printing.fonts import install_kai_substitutions, kai_font
from sqeditor.printing.table_document import DeviceUnits, build_document, report_table, row_crosses

FOOTER_DISTANCE_MM = 10.0  # from the paper's bottom edge to the footer's baseline area


def page_layout_for(layout: PageLayout) -> QPageLayout:
    """A4 in the layout's orientation, no device margins: the painter works on the whole sheet."""
    orientation = QPageLayout.Orientation.Portrait
    if layout.page.landscape:
        orientation = QPageLayout.Orientation.Landscape
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orientation, QMarginsF(0, 0, 0, 0),
                       QPageLayout.Unit.Millimeter)


class PagedReport:
    """The laid-out document for one device, and how to paint each of its pages."""

    def __init__(self, layout: PageLayout, device: QPagedPaintDevice) -> None:
        install_kai_substitutions()
        self.layout = layout
        self.units = DeviceUnits.for_device(device)
        self.document: QTextDocument = build_document(layout, device)
        self.table = report_table(self.document)

    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    def paint_page(self, painter: QPainter, index: int) -> None:
        page = self.layout.page
        height = self.document.pageSize().height()
        width = self.document.pageSize().width()
        painter.save()
        painter.translate(self.units.mm(page.left_mm), self.units.mm(page.top_mm) - index * height)
        clip = QRectF(0, index * height, width, height)
        painter.setClipRect(clip)
        self.document.drawContents(painter, clip)
        if index + 1 < self.page_count and row_crosses(self.document, self.table, clip.bottom()):
            self._close_cut_row(painter, clip)
        painter.restore()
        self._paint_footer(painter, index)

    def _close_cut_row(self, painter: QPainter, clip: QRectF) -> None:
        """A row cut by the page break gets a bottom line, as in Word."""
        pen = QPen(Qt.GlobalColor.black)
        pen.setWidthF(self.units.pt(BORDER_PT))
        painter.setPen(pen)
        width = self.units.mm(sum(self.layout.column_widths_mm))
        y = clip.bottom() - pen.widthF() / 2
        painter.drawLine(QPointF(0, y), QPointF(width, y))

    def _paint_footer(self, painter: QPainter, index: int) -> None:
        page = self.layout.page
        before, between, after = self.layout.footer
        text = f"{before}{index + 1}{between}{self.page_count}{after}"
        painter.save()
        painter.setFont(kai_font(self.layout.body_pt))
        painter.setPen(Qt.GlobalColor.black)
        bottom = self.units.mm(page.height_mm - FOOTER_DISTANCE_MM)
        area = QRectF(0, bottom - self.units.mm(page.bottom_mm), self.units.mm(page.width_mm),
                      self.units.mm(page.bottom_mm))
        painter.drawText(area, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, text)
        painter.restore()


def paint_layout(layout: PageLayout, device: QPagedPaintDevice) -> int:
    """Paint every page of the layout on a printer or PDF writer; returns the page count."""
    device.setPageLayout(page_layout_for(layout))
    if isinstance(device, QPrinter):
        device.setFullPage(True)
    pages = PagedReport(layout, device)
    painter = QPainter()
    if not painter.begin(device):
        raise SqeditorError("無法開始列印：印表機或輸出檔無法使用。")
    try:
        for index in range(pages.page_count):
            if index:
                device.newPage()
            pages.paint_page(painter, index)
    finally:
        painter.end()
    return pages.page_count


def print_report(report: Report, printer: QPrinter, options: ExportOptions | None = None) -> int:
    """Print (or feed a QPrintPreviewDialog's paintRequested) with the official layout."""
    return paint_layout(build_layout(report, options), printer)
