"""Excel export: the official table 「評核結果」, progress per unit 「進度」 and one line per row 「明細」."""

from __future__ import annotations

import copy
import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.styles.fonts import DEFAULT_FONT
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from sqeditor.exchange.xlsx_columns import OFFICIAL_COLUMNS, UNFILLED_MARK, Column
from sqeditor.exchange.xlsx_sheet_cells import CellsWriter, CellValue, SheetCells
from sqeditor.exchange.xlsx_text_size import height_for, wrapped_lines
from sqeditor.model import Node, Report, Status, format_roc_date, section_label
from sqeditor.model.numbering import render_paragraphs
from sqeditor.rules.engine import Checker

if TYPE_CHECKING:
    from sqeditor.exchange.formats import ExportOptions

RESULTS_SHEET = "評核結果"
PROGRESS_SHEET = "進度"
DETAIL_SHEET = "明細"
UNASSIGNED = "（未指派）"
FONT_NAME = "標楷體"
# Excel widths are in characters of the default font; these keep the Word table's proportions
# (24 : 28 : 46 : 76 mm) and print A4 portrait once scaled to the page width.
RESULT_WIDTHS = [13, 15, 25, 48, 11, 8]
HEADER_ROW = 4  # below the title, 機關名稱 and 資料截止日期 rows
TIME_FORMAT = "yyyy-mm-dd hh:mm"
MM_PER_INCH = 25.4

_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_GREY = PatternFill("solid", fgColor="D9D9D9")


def export_xlsx(report: Report, path: Path, options: ExportOptions,
                findings: Mapping[str, int] | None = None) -> None:
    """Write the workbook; `options` selects sections or one unit and marks empty results.

    `findings` counts the open findings per row id; without it the checker counts them.
    """
    sections = selected_sections(report, options)
    figures = RowFigures.of(report, findings)
    workbook = Workbook()
    for style in _named_styles():
        workbook.add_named_style(style)
    workbook.active.title = RESULTS_SHEET
    workbook.create_sheet(PROGRESS_SHEET)
    workbook.create_sheet(DETAIL_SHEET)
    styles = _style_ids(workbook)
    results, progress, detail = sheets = [_Sheet(ws, SheetCells(), styles) for ws in workbook.worksheets]
    _write_results(results, report, sections, options)
    rows = [row for _, section in sections for row in section.rows()]
    _write_progress(progress, report, rows, figures)
    _write_detail(detail, sections, figures)
    _save(workbook, sheets, path)


def _save(workbook: Workbook, sheets: list[_Sheet], path: Path) -> None:
    """`Workbook.save` with the fastest deflate level: the same parts, zipped in a third of the
    time (the largest single cost after the cells) for a file about a third larger."""
    workbook.properties.modified = datetime.now(tz=UTC).replace(tzinfo=None)
    with ZipFile(path, "w", ZIP_DEFLATED, allowZip64=True, compresslevel=1) as archive:
        CellsWriter(workbook, archive, {sheet.ws: sheet.cells for sheet in sheets}).write_data()


@dataclass
class RowFigures:
    """Characters written and open findings per row id, counted once for both summary sheets."""

    chars: dict[str, int]
    findings: Mapping[str, int]

    @classmethod
    def of(cls, report: Report, findings: Mapping[str, int] | None) -> RowFigures:
        if findings is None:
            findings = count_findings(report)
        return cls({row.id: _char_count(row) for row in report.rows()}, findings)

    def line(self, rows: list[Node]) -> list[int]:
        return [sum(self.chars[r.id] for r in rows), sum(self.findings.get(r.id, 0) for r in rows)]


def _char_count(row: Node) -> int:
    """`Node.char_count` (characters other than white space), joined in C: 8 times faster."""
    return sum(len("".join(p.text.split())) for p in row.result)


def count_findings(report: Report) -> Counter[str]:
    """Findings of the built-in rule packs (with the report's dictionary and disabled rules) per row.

    Findings the clerk ignored are kept in the .sqreport, not in the report, so they count here.
    """
    rows = {row.id for row in report.rows()}
    found = Checker.for_report(report).check_report(report)
    return Counter(f.node_id for f in found if f.node_id in rows)


def selected_sections(report: Report, options: ExportOptions) -> list[tuple[int, Node]]:
    """(original index, section) pairs to export, pruned to one unit's rows when asked."""
    chosen = [(i, s) for i, s in enumerate(report.sections) if not options.sections or i in options.sections]
    if not options.unit:
        return chosen
    pruned = [(i, _prune(s, options.unit)) for i, s in chosen]
    return [(i, s) for i, s in pruned if s is not None]


def _prune(node: Node, unit: str) -> Node | None:
    if node.kind.child is None:
        return node if node.unit == unit else None
    children = [c for c in (_prune(child, unit) for child in node.children) if c is not None]
    if not children:
        return None
    clone = copy.copy(node)
    clone.children = children
    return clone


def _named_styles() -> list[NamedStyle]:
    """Styles registered once: assigning a name per cell is much faster than fonts and borders."""
    def style(name: str, *, size: int = 12, bold: bool = False, border: bool = True,
              horizontal: str = "left", vertical: str = "center", fill: PatternFill | None = None):
        named = NamedStyle(name=name, font=Font(name=FONT_NAME, size=size, bold=bold),
                           alignment=Alignment(horizontal=horizontal, vertical=vertical, wrap_text=True))
        if border:
            named.border = _BORDER
        if fill is not None:
            named.fill = fill
        return named

    return [
        style("sq_title", size=16, bold=True, border=False, horizontal="center"),
        style("sq_meta", size=14, border=False),
        style("sq_header", bold=True, horizontal="center", fill=_GREY),
        style("sq_section", bold=True),
        style("sq_criterion"),
        style("sq_result", vertical="top"),
        style("sq_plain", vertical="top"),
        # The workbook's default font, as the detail sheet's other cells have (a NamedStyle's
        # own default font has no name or size).
        NamedStyle(name="sq_time", font=copy.copy(DEFAULT_FONT), number_format=TIME_FORMAT),
        NamedStyle(name="sq_total", font=Font(name=FONT_NAME, size=12, bold=True)),
    ]


def _style_ids(workbook: Workbook) -> dict[str, int]:
    """The cell style id of each named style ("Normal" is 0): what openpyxl registers when it
    writes a cell given `cell.style = name`, computed once per name."""
    return {style.name: workbook._cell_styles.add(StyleArray(style.as_tuple()))
            for style in workbook._named_styles}


@dataclass
class _Sheet:
    """A worksheet and its cells, which take the workbook's named styles by name."""

    ws: Worksheet
    cells: SheetCells
    styles: Mapping[str, int]

    def put(self, row: int, col: int, style: str, value: CellValue = None) -> None:
        self.cells.put(row, col, self.styles[style], value)

    def put_line(self, row: int, values: Sequence[CellValue], styles: Sequence[str]) -> None:
        """A row of cells from column A, text cleaned of what .xlsx cannot hold."""
        for col, (value, style) in enumerate(zip(values, styles, strict=True), start=1):
            self.put(row, col, style, _clean(value) if isinstance(value, str) else value)


def _write_results(sheet: _Sheet, report: Report, sections: list[tuple[int, Node]],
                   options: ExportOptions) -> None:
    """The official four columns as in the Word table, plus 承辦單位 and 狀態 beside them."""
    ws = sheet.ws
    columns = [*OFFICIAL_COLUMNS, Column.UNIT, Column.STATUS]
    last_official = len(OFFICIAL_COLUMNS)
    meta = report.meta
    cutoff = format_roc_date(meta.cutoff) if meta.cutoff else ""
    for row, (text, style) in enumerate(
            [(meta.title, "sq_title"), (f"機關名稱：{meta.agency}", "sq_meta"),
             (f"資料截止日期：{cutoff}", "sq_meta")], start=1):
        sheet.put(row, 1, style, _clean(text))
        _merge(ws, row, 1, row, last_official)
    sheet.cells.set_height(1, 24)
    for col, name in enumerate(columns, start=1):
        sheet.put(HEADER_ROW, col, "sq_header", str(name))
        ws.column_dimensions[get_column_letter(col)].width = RESULT_WIDTHS[col - 1]
    row = HEADER_ROW + 1
    for index, section in sections:
        sheet.put(row, 1, "sq_section", _clean(section_label(index, section.title)))
        for col in range(2, len(columns) + 1):
            sheet.put(row, col, "sq_section")
        _merge(ws, row, 1, row, last_official)
        row = _write_section_rows(sheet, section, row + 1, options)
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    print_columns = len(columns) if options.draft else last_official
    _print_setup(ws, f"A1:{get_column_letter(print_columns)}{row - 1}", options.landscape)


def _write_section_rows(sheet: _Sheet, section: Node, row: int, options: ExportOptions) -> int:
    """Rows of one section from `row` on; items and indicators merged down. Returns the next row."""
    lines_at: dict[int, int] = {}
    for item in section.children:
        item_start = row
        for indicator in item.children:
            indicator_start = row
            for standard in indicator.children:
                lines_at[row] = _write_standard(sheet, row, standard, options)
                row += 1
            _merge_down(sheet, indicator_start, row - 1, 2, indicator.title, lines_at)
        _merge_down(sheet, item_start, row - 1, 1, item.title, lines_at)
    for number, lines in lines_at.items():
        sheet.cells.set_height(number, height_for(lines))
    return row


_STANDARD_STYLES = {3: "sq_criterion", 4: "sq_result", 5: "sq_criterion", 6: "sq_criterion"}


def _write_standard(sheet: _Sheet, row: int, standard: Node, options: ExportOptions) -> int:
    """Columns 3-6 of one standard row; returns the lines its tallest cell needs."""
    lines = render_paragraphs(standard.result)
    if not lines and options.draft:
        lines = [UNFILLED_MARK]
    texts = [_clean(text) for text in (standard.title, "\n".join(lines), standard.unit, str(standard.status))]
    for col, text in enumerate(texts, start=3):
        sheet.put(row, col, _STANDARD_STYLES[col], text)
    return max(wrapped_lines(text, RESULT_WIDTHS[col - 1]) for col, text in enumerate(texts, start=3))


def _merge_down(sheet: _Sheet, first: int, last: int, col: int, text: str,
                lines_at: dict[int, int]) -> None:
    """A title merged over its rows; the last row grows if the title needs more lines than they have."""
    sheet.put(first, col, "sq_criterion", _clean(text))
    for row in range(first + 1, last + 1):
        sheet.put(row, col, "sq_criterion")
    if last > first:
        _merge(sheet.ws, first, col, last, col)
    shortfall = wrapped_lines(text, RESULT_WIDTHS[col - 1]) - sum(lines_at[r] for r in range(first, last + 1))
    if shortfall > 0:
        lines_at[last] += shortfall


def _clean(text: str) -> str:
    """Without what XML cannot hold: the control characters (vertical tab, bell …) that text
    pasted from Word brings along, U+FFFE/U+FFFF, and halves of a character beyond U+FFFF."""
    return _NOT_IN_XML.sub("", text)


def _merge(ws: Worksheet, top: int, left: int, bottom: int, right: int) -> None:
    """Merge cells already written and styled, as Excel itself saves them.

    `ws.merge_cells` restyles the range's edge cells one by one (20 ms per merge, 17 s for a
    2,000-row report) and `merged_cells.add` compares each range with all others; these cells
    already carry their borders and the ranges never overlap, so a plain range is enough.
    """
    ws.merged_cells.ranges.add(CellRange(min_col=left, min_row=top, max_col=right, max_row=bottom))


def _print_setup(ws: Worksheet, area: str, landscape: bool) -> None:
    """A4, fit to the page width, header row on every page, 第 N 頁，共 M 頁 in the footer."""
    ws.print_area = area
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 18 / MM_PER_INCH
    ws.page_margins.top = ws.page_margins.bottom = 20 / MM_PER_INCH
    ws.print_options.horizontalCentered = True
    ws.oddFooter.center.text = "第 &P 頁，共 &N 頁"


def _write_progress(sheet: _Sheet, report: Report, rows: list[Node], figures: RowFigures) -> None:
    """Per unit: rows assigned, rows in each status, characters written, open findings."""
    header = ["承辦單位", "指派列數", *(str(s) for s in Status), "已寫字數", "待處理問題"]
    units = [u for u in report.units if any(r.unit == u for r in rows)]
    units += [u for u in dict.fromkeys(r.unit for r in rows) if u and u not in units]
    if any(not r.unit for r in rows):
        units.append("")
    lines = [_progress_line(unit or UNASSIGNED, [r for r in rows if r.unit == unit], figures)
             for unit in units]
    _write_table_sheet(sheet, header, lines, [14, 10, 8, 8, 8, 8, 10, 12], ["Normal"] * len(header))
    sheet.put_line(len(lines) + 2, _progress_line("合計", rows, figures), ["sq_total"] * len(header))


def _progress_line(unit: str, rows: list[Node], figures: RowFigures) -> list[CellValue]:
    statuses = Counter(r.status for r in rows)
    return [unit, len(rows), *(statuses[s] for s in Status), *figures.line(rows)]


def _write_detail(sheet: _Sheet, sections: list[tuple[int, Node]], figures: RowFigures) -> None:
    """One line per row, as an Excel table so it filters and sorts."""
    header = [str(Column.SECTION), str(Column.ITEM), str(Column.INDICATOR), str(Column.STANDARD),
              str(Column.UNIT), str(Column.STATUS), "字數", "最後編輯者", "最後編輯時間", "待處理問題"]
    lines = [
        [label, item.title, indicator.title, row.title, row.unit, str(row.status), figures.chars[row.id],
         row.edited_by, _local_time(row.edited_at), figures.findings.get(row.id, 0)]
        for label, item, indicator, row in _detail_paths(sections)
    ]
    styles = ["Normal"] * len(header)
    styles[header.index("最後編輯時間")] = "sq_time"
    _write_table_sheet(sheet, header, lines, [14, 18, 22, 40, 12, 8, 8, 12, 18, 12], styles)
    if lines:
        # Columns named here: left empty, the writer fetches every cell of the table to name them.
        ref = f"A1:{get_column_letter(len(header))}{len(lines) + 1}"
        table = Table(displayName="明細表", ref=ref, autoFilter=AutoFilter(ref=ref),
                      tableColumns=[TableColumn(id=i, name=name) for i, name in enumerate(header, start=1)])
        table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
        sheet.ws.add_table(table)


def _detail_paths(sections: list[tuple[int, Node]]) -> Iterator[tuple[str, Node, Node, Node]]:
    for index, section in sections:
        label = section_label(index, section.title)
        for item in section.children:
            for indicator in item.children:
                for row in indicator.children:
                    yield label, item, indicator, row


def _local_time(value: datetime | None) -> datetime | None:
    """Excel has no time zones: write the clerk's local time."""
    if value is None or value.tzinfo is None:
        return value
    return value.astimezone().replace(tzinfo=None)


def _write_table_sheet(sheet: _Sheet, header: list[str], lines: list[list[CellValue]],
                       widths: list[int], styles: list[str]) -> None:
    """The header row, then one row per line with the named style of each column."""
    sheet.put_line(1, header, ["sq_header"] * len(header))
    for row, line in enumerate(lines, start=2):
        sheet.put_line(row, line, styles)
    ws = sheet.ws
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
