"""The shared page layout as a QTextDocument, measured in the target device's pixels."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QBrush,
    QColor,
    QGuiApplication,
    QPaintDevice,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFrameFormat,
    QTextLength,
    QTextOption,
    QTextTable,
    QTextTableCell,
    QTextTableCellFormat,
    QTextTableFormat,
)

from sqeditor.exchange.layout import (
    BORDER_PT,
    CELL_PADDING_MM,
    Align,
    Cell,
    CellParagraph,
    Merge,
    PageLayout,
    VAlign,
)
from sqeditor.printing.fonts import kai_families

_HEADER_FILL = QColor(0xD9, 0xD9, 0xD9)
_BLACK = QBrush(QColor(0, 0, 0))


class DeviceUnits:
    """Millimetres and points in a paint device's pixels, and in the text layout's lengths.

    QTextDocumentLayout scales fixed lengths (widths, margins, padding, borders, indents) from
    the screen's logical DPI to the device, but takes the page size in device pixels.
    """

    def __init__(self, device_dpi: float, layout_dpi: float) -> None:
        self.dpi = device_dpi
        self.layout_dpi = layout_dpi

    def mm(self, value: float) -> float:
        """Device pixels."""
        return value * self.dpi / 25.4

    def pt(self, value: float) -> float:
        return value * self.dpi / 72.0

    def length_mm(self, value: float) -> float:
        """Layout lengths."""
        return value * self.layout_dpi / 25.4

    def length_pt(self, value: float) -> float:
        return value * self.layout_dpi / 72.0

    @classmethod
    def for_device(cls, device: QPaintDevice) -> DeviceUnits:
        screen = QGuiApplication.primaryScreen()
        layout_dpi = round(screen.logicalDotsPerInchY()) if screen else 96
        return cls(device.logicalDpiY(), layout_dpi)


def build_document(layout: PageLayout, device: QPaintDevice) -> QTextDocument:
    """Title, metadata lines and the table, paginated to the layout's text area."""
    units = DeviceUnits.for_device(device)
    document = QTextDocument()
    document.setUndoRedoEnabled(False)
    document.documentLayout().setPaintDevice(device)
    document.setDocumentMargin(0)
    document.setPageSize(QSizeF(units.mm(layout.page.text_width_mm), units.mm(layout.page.text_height_mm)))
    cursor = QTextCursor(document)
    cursor.beginEditBlock()  # one layout pass at the end, not one per edit
    _write_heading(cursor, layout)
    table = _insert_table(cursor, layout, units)
    _fill_table(table, layout, units)
    cursor.endEditBlock()
    for _ in range(3):
        if not _top_align_cut_cells(document, table):
            break
    return document


def _top_align_cut_cells(document: QTextDocument, table: QTextTable) -> bool:
    """Top-align centred cells cut by a page break, as LibreOffice shows them.

    Qt centres after paginating, so a line can straddle the break, and an item merged over
    several pages would show its title on none but one of them.

    Returns whether any cell changed, so the caller can lay out again.
    """
    page_height = document.pageSize().height()
    layout = document.documentLayout()
    cut = []
    for r in range(1, table.rows()):
        for column in range(table.columns()):
            cell = table.cellAt(r, column)
            fmt = cell.format().toTableCellFormat()
            if (cell.row(), cell.column()) != (r, column) or \
                    fmt.verticalAlignment() is not QTextCharFormat.VerticalAlignment.AlignMiddle:
                continue
            if _spans_pages(layout, table, cell, page_height) or _straddles(layout, cell, page_height):
                fmt.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignTop)
                cut.append((cell, fmt))
    cursor = QTextCursor(document)
    cursor.beginEditBlock()  # every change first, then one new layout
    for cell, fmt in cut:
        cell.setFormat(fmt)
    cursor.endEditBlock()
    return bool(cut)


def _spans_pages(layout: QAbstractTextDocumentLayout, table: QTextTable, cell: QTextTableCell,
                 page_height: float) -> bool:
    """Whether a merged cell's rows start and end on different pages (by the result column)."""
    if cell.rowSpan() < 2:
        return False
    last_column = table.columns() - 1
    first = table.cellAt(cell.row(), last_column).firstCursorPosition().block()
    last = table.cellAt(cell.row() + cell.rowSpan() - 1, last_column).lastCursorPosition().block()
    top, bottom = layout.blockBoundingRect(first).top(), layout.blockBoundingRect(last).bottom()
    return int(top // page_height) != int(bottom // page_height)


def _straddles(layout: QAbstractTextDocumentLayout, cell: QTextTableCell, page_height: float) -> bool:
    block, last = cell.firstCursorPosition().block(), cell.lastCursorPosition().block()
    while block.isValid():
        top = layout.blockBoundingRect(block).top()
        lines = block.layout()
        for i in range(lines.lineCount()):
            line = lines.lineAt(i)
            start, end = top + line.y(), top + line.y() + line.height() - 0.01
            if int(start // page_height) != int(end // page_height):
                return True
        if block == last:
            return False
        block = block.next()
    return False


def report_table(document: QTextDocument) -> QTextTable:
    """The table of a document made by build_document (after the title and metadata lines)."""
    block = document.begin()
    while block.isValid():
        table = QTextCursor(block).currentTable()
        if table is not None:
            return table
        block = block.next()
    raise ValueError("document has no table")


def row_crosses(document: QTextDocument, table: QTextTable, y: float) -> bool:
    """Whether the table row found at height y (device pixels) goes on below y."""
    width = document.pageSize().width()
    position = document.documentLayout().hitTest(QPointF(width - 2, y - 2), Qt.HitTestAccuracy.FuzzyHit)
    if position < 0:
        return False
    cursor = QTextCursor(document)
    cursor.setPosition(position)
    if cursor.currentTable() != table:
        return False
    row = table.cellAt(cursor).row()
    layout = document.documentLayout()
    for column in range(table.columns()):
        cell = table.cellAt(row, column)
        if layout.blockBoundingRect(cell.lastCursorPosition().block()).bottom() > y:
            return True
    return False


def char_format(layout: PageLayout, point_size: float, bold: bool = False) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setFontFamilies(kai_families())
    fmt.setFontPointSize(point_size)
    fmt.setFontWeight(700 if bold else 400)
    fmt.setForeground(_BLACK)
    return fmt


def _write_heading(cursor: QTextCursor, layout: PageLayout) -> None:
    if not layout.title and not layout.meta_lines:
        # A later part of a split table: the block Qt keeps before a table takes no room.
        flat = QTextBlockFormat()
        flat.setLineHeight(0, QTextBlockFormat.LineHeightTypes.FixedHeight.value)
        cursor.setBlockFormat(flat)
        cursor.setBlockCharFormat(char_format(layout, 1))
        return
    centred = QTextBlockFormat()
    centred.setAlignment(Qt.AlignmentFlag.AlignHCenter)
    cursor.setBlockFormat(centred)
    cursor.insertText(layout.title, char_format(layout, layout.title_pt, bold=True))
    for line in layout.meta_lines:
        cursor.insertBlock(QTextBlockFormat(), char_format(layout, layout.meta_pt))
        cursor.insertText(line)


def _insert_table(cursor: QTextCursor, layout: PageLayout, units: DeviceUnits) -> QTextTable:
    fmt = QTextTableFormat()
    fmt.setHeaderRowCount(1)
    fmt.setBorderCollapse(True)
    fmt.setBorder(units.length_pt(BORDER_PT))
    fmt.setBorderBrush(_BLACK)
    fmt.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
    fmt.setCellSpacing(0)
    fmt.setCellPadding(0)
    fmt.setMargin(0)
    fmt.setTopMargin(units.length_pt(2))
    fmt.setAlignment(Qt.AlignmentFlag.AlignLeft)
    widths = [units.length_mm(w) for w in layout.column_widths_mm]
    fmt.setColumnWidthConstraints([QTextLength(QTextLength.Type.FixedLength, w) for w in widths])
    fmt.setWidth(QTextLength(QTextLength.Type.FixedLength, sum(widths)))
    return cursor.insertTable(len(layout.rows), 4, fmt)


def _fill_table(table: QTextTable, layout: PageLayout, units: DeviceUnits) -> None:
    """Texts first, then cell formats (writing a cell's first block resets them), then merges."""
    placed = []
    for r, row in enumerate(layout.rows):
        column = 0
        for cell in row.cells:
            if cell.merge is not Merge.CONTINUE:
                _write_cell(table.cellAt(r, column).firstCursorPosition(), cell, layout, units)
            placed.append((r, column, cell))
            column += cell.span
    for r, column, cell in placed:
        table.cellAt(r, column).setFormat(_cell_format(cell, units))
    for r, column, cell in placed:
        if cell.span > 1 or cell.row_span > 1:
            table.mergeCells(r, column, cell.row_span, cell.span)


def _cell_format(cell: Cell, units: DeviceUnits) -> QTextTableCellFormat:
    """Single black lines on every side (the table border is ignored when collapsed)."""
    fmt = QTextTableCellFormat()
    width = units.length_pt(BORDER_PT)
    solid = QTextFrameFormat.BorderStyle.BorderStyle_Solid
    for set_width, set_style, set_brush in (
        (fmt.setLeftBorder, fmt.setLeftBorderStyle, fmt.setLeftBorderBrush),
        (fmt.setRightBorder, fmt.setRightBorderStyle, fmt.setRightBorderBrush),
        (fmt.setTopBorder, fmt.setTopBorderStyle, fmt.setTopBorderBrush),
        (fmt.setBottomBorder, fmt.setBottomBorderStyle, fmt.setBottomBorderBrush),
    ):
        set_width(width)
        set_style(solid)
        set_brush(_BLACK)
    padding = units.length_mm(CELL_PADDING_MM)
    fmt.setLeftPadding(padding)
    fmt.setRightPadding(padding)
    fmt.setTopPadding(units.length_pt(1))
    fmt.setBottomPadding(units.length_pt(1))
    alignment = QTextCharFormat.VerticalAlignment
    fmt.setVerticalAlignment(alignment.AlignMiddle if cell.valign is VAlign.CENTER else alignment.AlignTop)
    if cell.shaded:
        fmt.setBackground(_HEADER_FILL)
    return fmt


def _write_cell(cursor: QTextCursor, cell: Cell, layout: PageLayout, units: DeviceUnits) -> None:
    text_format = char_format(layout, layout.body_pt, bold=cell.bold)
    for index, paragraph in enumerate(cell.paragraphs):
        block = _block_format(paragraph, cell, units)
        if index == 0:
            cursor.setBlockFormat(block)
            cursor.setBlockCharFormat(text_format)
        else:
            cursor.insertBlock(block, text_format)
        text = f"{paragraph.marker}\t{paragraph.text}" if paragraph.marker else paragraph.text
        cursor.insertText(text, text_format)


def _block_format(paragraph: CellParagraph, cell: Cell, units: DeviceUnits) -> QTextBlockFormat:
    fmt = QTextBlockFormat()
    if cell.align is Align.CENTER:
        fmt.setAlignment(Qt.AlignmentFlag.AlignHCenter)
    if paragraph.marker:
        left = units.pt(paragraph.left_pt)
        fmt.setLeftMargin(left)
        fmt.setTextIndent(units.pt(paragraph.first_line_pt) - left)
        # Tab stops, unlike margins, are scaled like the table's lengths, and Qt measures them
        # from where the first line starts, not from the cell's edge as Word does.
        hanging = paragraph.left_pt - paragraph.first_line_pt
        tab = QTextOption.Tab(units.length_pt(hanging), QTextOption.TabType.LeftTab)
        fmt.setTabPositions([tab])
    return fmt
