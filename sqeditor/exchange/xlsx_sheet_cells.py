"""A worksheet's cells kept as XML text, and the openpyxl writer that saves them.

openpyxl makes a `Cell` per value and serialises each through lxml, 15 µs a cell: most of an
export's time. Here a cell is one formatted string and the sheet's rows are parsed once into
the `<sheetData>` element openpyxl would have written; the rest of the worksheet (columns,
merges, print setup, tables) stays openpyxl's.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Generator, Mapping
from datetime import datetime
from io import BytesIO
from typing import TYPE_CHECKING
from zipfile import ZipFile

from openpyxl import Workbook
from openpyxl.compat import safe_string
from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.worksheet.dimensions import SheetDimension
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter
from openpyxl.xml.constants import SHEET_MAIN_NS
from openpyxl.xml.functions import fromstring, xmlfile

if TYPE_CHECKING:
    from lxml.etree import _Element

CellValue = str | int | float | datetime | None
XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
MAX_CELL_CHARS = 32767  # Excel's limit, to which openpyxl cuts longer strings


class SheetCells:
    """One worksheet's cells as `<c>` fragments by row and column, and its row heights.

    Style ids index the workbook's cell styles (`Workbook._cell_styles`); a datetime needs one
    whose number format is a date's, as a `Cell` would have chosen for it.
    """

    def __init__(self) -> None:
        self._rows: defaultdict[int, dict[int, str]] = defaultdict(dict)
        self._heights: dict[int, float] = {}

    def put(self, row: int, col: int, style_id: int, value: CellValue = None) -> None:
        """Set a cell; an empty one is written only when styled, as openpyxl does."""
        ref = f"{get_column_letter(col)}{row}"
        style = f' s="{style_id}"' if style_id else ""
        if value is None or value == "":
            if style_id:
                self._rows[row][col] = f'<c r="{ref}"{style}/>'
            return
        if isinstance(value, str):
            value = value[:MAX_CELL_CHARS]
            space = ' xml:space="preserve"' if value != value.strip() else ""
            self._rows[row][col] = (f'<c r="{ref}"{style} t="inlineStr"><is><t{space}>'
                                    f"{_escape(value)}</t></is></c>")
            return
        number = to_excel(value) if isinstance(value, datetime) else value
        self._rows[row][col] = f'<c r="{ref}"{style} t="n"><v>{safe_string(number)}</v></c>'

    def set_height(self, row: int, points: float) -> None:
        self._heights[row] = points

    def dimension(self) -> str:
        """The range the cells span, as openpyxl's `calculate_dimension` gives it."""
        if not self._rows:
            return "A1:A1"
        cols = [col for cells in self._rows.values() for col in cells]
        return (f"{get_column_letter(min(cols))}{min(self._rows)}:"
                f"{get_column_letter(max(cols))}{max(self._rows)}")

    def sheet_data(self) -> _Element:
        """`<sheetData>` with rows in order, cells in column order, heights on their rows, parsed
        by the XML library openpyxl writes with (lxml unless told otherwise)."""
        parts = ["<sheetData>"]
        for row in sorted(self._rows.keys() | self._heights.keys()):
            height = self._heights.get(row)
            size = f' ht="{safe_string(height)}" customHeight="1"' if height is not None else ""
            cells = self._rows.get(row, {})
            parts.append(f'<row r="{row}"{size}>{"".join(cells[col] for col in sorted(cells))}</row>')
        parts.append("</sheetData>")
        return fromstring("".join(parts))


def _escape(text: str) -> str:
    """Text as XML character data, carriage returns as references: the parser would read a bare
    one as a line feed. Four `str.replace` scans: `str.translate` is 10 times slower."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


class _CellsSheetWriter(WorksheetWriter):
    """openpyxl's worksheet writer with the dimension and rows taken from `SheetCells`."""

    def __init__(self, ws: Worksheet, cells: SheetCells) -> None:
        self.cells = cells
        super().__init__(ws, BytesIO())

    def get_stream(self) -> Generator[None, _Element | None, None]:
        """openpyxl's stream of the worksheet's elements, in UTF-8: its default writes each
        Chinese character as a reference (&#20013;), twice the bytes to serialise and zip."""
        self.out.write(XML_DECLARATION)  # as Excel writes it; neither XML library offers it alike
        with xmlfile(self.out, encoding="utf-8") as xf, xf.element("worksheet", xmlns=SHEET_MAIN_NS):
            try:
                while True:
                    el = yield
                    if el is not None:
                        xf.write(el)
            except GeneratorExit:
                pass

    def write_dimensions(self) -> None:
        self.xf.send(SheetDimension(self.cells.dimension()).to_tree())

    def write_rows(self) -> None:
        """The rows as one element, where openpyxl writes them cell by cell."""
        self.xf.send(self.cells.sheet_data())


class CellsWriter(ExcelWriter):
    """openpyxl's workbook writer for worksheets whose cells are all in `SheetCells`."""

    def __init__(self, workbook: Workbook, archive: ZipFile, cells: Mapping[Worksheet, SheetCells]) -> None:
        super().__init__(workbook, archive)
        self.cells = cells

    def write_worksheet(self, ws: Worksheet) -> None:
        """`ExcelWriter.write_worksheet` with our sheet writer, in memory rather than a temp file."""
        ws._drawing = SpreadsheetDrawing()
        ws._drawing.charts = ws._charts
        ws._drawing.images = ws._images
        writer = _CellsSheetWriter(ws, self.cells[ws])
        writer.write()
        ws._rels = writer._rels
        self._archive.writestr(ws.path[1:], writer.read())
        self.manifest.append(ws)
