"""Manual pagination: exact margins and a `第 N 頁，共 M 頁` footer on every page.

QTextDocument.print_() adds its own 2 cm margin and bare page numbers, so each page is drawn
here: the document is laid out in pages of the text area, and page i is painted translated
and clipped into the margins, with the footer drawn in the bottom margin.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import QPagedPaintDevice, QPageLayout, QPageSize, QPainter, QPen, QTextDocument, QTextTable
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from sqeditor.errors import SqeditorError
from sqeditor.exchange.formats import ExportOptions
from sqeditor.exchange.layout import BORDER_PT, Merge, PageLayout, RowKind, build_layout
from sqeditor.model import Report
from sqeditor.printing.fonts import install_kai_substitutions, kai_font
from sqeditor.printing.table_document import DeviceUnits, build_document, report_table, row_crosses

CHUNK_ROWS = 200
FOOTER_DISTANCE_MM = 10.0  # from the paper's bottom edge to the footer's baseline area


def set_up_page(device: QPagedPaintDevice, layout: PageLayout) -> QPointF:
    """A4 in the layout's orientation, the painter working on the whole sheet; each setting
    checked, for a printer driver may refuse it (a Windows printer refuses margins inside its
    hardware margins unless the page is "full page"). Returns where the painter's origin lies
    on the sheet, in device pixels, when the driver kept its own margins.

    Raises SqeditorError when the printer has no A4 paper: printing on Letter cuts the footer.
    """
    a4 = QPageSize(QPageSize.PageSizeId.A4)
    orientation = QPageLayout.Orientation.Portrait
    if layout.page.landscape:
        orientation = QPageLayout.Orientation.Landscape
    if isinstance(device, QPrinter):
        device.setFullPage(True)  # first: only then may the margins be 0
        if not printer_has_a4(device):
            raise SqeditorError(no_a4_message(device))
    if not device.setPageSize(a4) or not device.pageLayout().pageSize().isEquivalentTo(a4):
        raise SqeditorError(no_a4_message(device))
    if not device.setPageOrientation(orientation) or device.pageLayout().orientation() != orientation:
        turned = "橫向" if layout.page.landscape else "直向"
        raise SqeditorError(f"印表機不接受這份報告的紙張方向（{turned}），沒有列印。")
    if device.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter):
        return QPointF(0, 0)
    # the driver keeps its margins: the painter starts at its printable area, so move back
    return QPointF(device.pageLayout().paintRectPixels(device.resolution()).topLeft())


def printer_has_a4(printer: QPrinter) -> bool:
    """Whether the printer lists A4 among its papers (a PDF printer, or one that lists none, may)."""
    if printer.outputFormat() != QPrinter.OutputFormat.NativeFormat:
        return True
    sizes = QPrinterInfo(printer).supportedPageSizes()
    a4 = QPageSize(QPageSize.PageSizeId.A4)
    return not sizes or any(size.isEquivalentTo(a4) for size in sizes)


def no_a4_message(device: QPagedPaintDevice) -> str:
    name = device.printerName() if isinstance(device, QPrinter) else ""
    printer = f"印表機「{name}」" if name else "這台印表機"
    return (f"{printer}不能使用 A4 紙張，沒有列印（改用其他紙張會切掉頁尾）。"
            "請在列印對話框選擇可以印 A4 的印表機，或先匯出 PDF 再列印。")


class PagedReport:
    """The laid-out document(s) for one device, and how to paint each page."""

    def __init__(self, layout: PageLayout, device: QPagedPaintDevice) -> None:
        install_kai_substitutions()
        self.layout = layout
        self.units = DeviceUnits.for_device(device)
        self.parts: list[tuple[QTextDocument, QTextTable, int]] = []
        first_page = 0
        for part in split_layout(layout):
            document = build_document(part, device)
            self.parts.append((document, report_table(document), first_page))
            first_page += document.pageCount()
        self.page_count = first_page

    def paint_page(self, painter: QPainter, index: int) -> None:
        document, table, first_page = next(p for p in reversed(self.parts) if p[2] <= index)
        local = index - first_page
        page = self.layout.page
        height = document.pageSize().height()
        width = document.pageSize().width()
        painter.save()
        painter.translate(self.units.mm(page.left_mm), self.units.mm(page.top_mm) - local * height)
        # A millimetre past the text area: the table's right border is drawn on its edge.
        clip = QRectF(0, local * height, width + self.units.mm(1), height)
        painter.setClipRect(clip)
        document.drawContents(painter, clip)
        if local + 1 < document.pageCount() and row_crosses(document, table, clip.bottom()):
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


def split_layout(layout: PageLayout) -> list[PageLayout]:
    """A very long table as several, each from a new page with its own header row.

    Qt draws the repeated header by walking every page of the table for every page it paints,
    so painting grows with the square of the pages; parts of CHUNK_ROWS rows keep it linear.
    Parts begin at an item, so no merged cell is cut; only the page before a part can be short.
    """
    header, body = layout.rows[0], layout.rows[1:]
    if len(body) <= CHUNK_ROWS:
        return [layout]
    groups, start = [], 0
    for i, row in enumerate(body):
        starts_item = row.kind is RowKind.SECTION or row.cells[0].merge is not Merge.CONTINUE
        if i - start >= CHUNK_ROWS and starts_item and body[i - 1].kind is not RowKind.SECTION:
            groups.append(body[start:i])
            start = i
    groups.append(body[start:])
    return [replace(layout, rows=[header, *rows], title="" if n else layout.title,
                    meta_lines=[] if n else layout.meta_lines) for n, rows in enumerate(groups)]


def paint_layout(layout: PageLayout, device: QPagedPaintDevice) -> int:
    """Paint every page of the layout on a printer or PDF writer; returns the page count."""
    origin = set_up_page(device, layout)
    pages = PagedReport(layout, device)
    painter = QPainter()
    if not painter.begin(device):
        raise SqeditorError("無法開始列印：印表機或輸出檔無法使用。")
    try:
        for index in range(pages.page_count):
            if index:
                device.newPage()
            painter.resetTransform()
            painter.translate(-origin)
            pages.paint_page(painter, index)
    finally:
        painter.end()
    return pages.page_count


def print_report(report: Report, printer: QPrinter, options: ExportOptions | None = None) -> int:
    """Print (or feed a QPrintPreviewDialog's paintRequested) with the official layout."""
    return paint_layout(build_layout(report, options), printer)
