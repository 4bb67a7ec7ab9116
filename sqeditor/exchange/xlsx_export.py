"""Excel export: the official table 「評核結果」, progress per unit 「進度」 and one line per row 「明細」.

Written with XlsxWriter (formats, merges and row heights in its public API, and three times
faster than openpyxl's write-only mode for these styled cells); openpyxl only reads.
"""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from xlsxwriter.format import Format
from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.worksheet import Worksheet

from sqeditor.errors import SqeditorError
from sqeditor.exchange.export_mark import EXPORT_ID_PROPERTY
from sqeditor.exchange.xlsx_columns import OFFICIAL_COLUMNS, UNFILLED_MARK, Column
from sqeditor.exchange.xlsx_text import clean, new_workbook, save_workbook, split_for_cells, write_cell_text
from sqeditor.exchange.xlsx_text_size import height_for, wrapped_lines
from sqeditor.model import Node, Report, Status, format_roc_date, section_label
from sqeditor.model.last_period import Carry, carry_over
from sqeditor.model.numbering import render_paragraphs

if TYPE_CHECKING:
    from sqeditor.exchange.formats import ExportOptions

CellValue = str | int | float | datetime | None
RESULTS_SHEET = "評核結果"
PROGRESS_SHEET = "進度"
CARRY_HEADERS = ["本期改寫", "沿用上期", "無內容"]  # Carry's order: rows against last period
DETAIL_SHEET = "明細"
UNASSIGNED = "（未指派）"
FONT_NAME = "標楷體"
# Excel widths are in characters of the default font; these keep the Word table's proportions
# (24 : 28 : 46 : 76 mm) and print A4 portrait once scaled to the page width.
RESULT_WIDTHS = [13, 15, 25, 48, 11, 8]
HEADER_ROW = 4  # below the title, 機關名稱 and 資料截止日期 rows
TIME_FORMAT = "yyyy-mm-dd hh:mm"
MM_PER_INCH = 25.4
A4 = 9  # Excel's paper size code


EXCEL_MAX_ROWS = 1_048_576


def check_sheet_rows(lines: int) -> None:
    """Refuse, before any work, a report whose rows do not fit in one Excel sheet (xlsxwriter
    would drop the rest without a word)."""
    if lines + HEADER_ROW + 1 > EXCEL_MAX_ROWS:
        raise ExportTooLargeError(
            f"報告有 {lines:,} 列，超過 Excel 一張工作表的上限（{EXCEL_MAX_ROWS:,} 列），無法匯出成 .xlsx。"
            "請改匯出成 Word、PDF 或 JSON，或只匯出部分構面。")


class ExportTooLargeError(SqeditorError):
    """The report does not fit the format asked for."""


def export_xlsx(report: Report, path: Path, options: ExportOptions, findings: Mapping[str, int]) -> None:
    """Write the workbook; `options` selects sections or one unit and marks empty results.

    `findings` counts the open findings per row id (`rules.row_findings.findings_per_row`):
    the caller runs the checker, so exchange does not depend on the rules.
    """
    sections = selected_sections(report, options)
    check_sheet_rows(sum(1 for _, section in sections for _ in section.walk()))
    figures = RowFigures.of(report, findings)
    workbook = new_workbook(path)
    formats = {name: None if spec is None else workbook.add_format(spec) for name, spec in FORMATS.items()}
    results, progress, detail = (_Sheet(workbook.add_worksheet(name), formats)
                                 for name in (RESULTS_SHEET, PROGRESS_SHEET, DETAIL_SHEET))
    _write_results(results, report, sections, options)
    rows = [row for _, section in sections for row in section.rows()]
    _write_progress(progress, report, rows, figures, options.last_texts)
    _write_detail(detail, sections, figures)
    if options.export_id:
        workbook.set_custom_property(EXPORT_ID_PROPERTY, options.export_id)
    save_workbook(workbook)


@dataclass
class RowFigures:
    """Characters written and open findings per row id, counted once for both summary sheets."""

    chars: dict[str, int]
    findings: Mapping[str, int]

    @classmethod
    def of(cls, report: Report, findings: Mapping[str, int]) -> RowFigures:
        return cls({row.id: _char_count(row) for row in report.rows()}, findings)

    def line(self, rows: list[Node]) -> list[int]:
        return [sum(self.chars[r.id] for r in rows), sum(self.findings.get(r.id, 0) for r in rows)]


def _char_count(row: Node) -> int:
    """`Node.char_count` (characters other than white space), joined in C: 8 times faster."""
    return sum(len("".join(p.text.split())) for p in row.result)


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


_FONT = {"font_name": FONT_NAME, "font_size": 12}
_BOXED = {**_FONT, "text_wrap": True, "align": "left", "valign": "vcenter",
          "border": 1, "border_color": "#000000"}
# Formats by the name the writing code uses; "Normal" is the workbook's default (no format).
FORMATS: dict[str, dict[str, object] | None] = {
    "sq_title": {**_BOXED, "font_size": 16, "bold": True, "align": "center", "border": 0},
    "sq_meta": {**_BOXED, "font_size": 14, "border": 0},
    "sq_header": {**_BOXED, "bold": True, "align": "center", "pattern": 1, "bg_color": "#D9D9D9"},
    "sq_section": {**_BOXED, "bold": True},
    "sq_criterion": _BOXED,
    "sq_result": {**_BOXED, "valign": "top"},
    "sq_time": {"num_format": TIME_FORMAT},
    "sq_total": {**_FONT, "bold": True},
    "Normal": None,
}


@dataclass
class _Sheet:
    """A worksheet written by 1-based row and column, as the sheet's own addresses read."""

    ws: Worksheet
    formats: Mapping[str, Format | None]

    def put(self, row: int, col: int, style: str, value: CellValue = None) -> None:
        cell_format = self.formats[style]
        if isinstance(value, str):
            write_cell_text(self.ws, row - 1, col - 1, value, cell_format)
        elif isinstance(value, int | float):
            self.ws.write_number(row - 1, col - 1, value, cell_format)
        elif isinstance(value, datetime):
            self.ws.write_datetime(row - 1, col - 1, value, cell_format)
        elif cell_format is not None:  # an empty cell is written only when it has a format
            self.ws.write_blank(row - 1, col - 1, None, cell_format)

    def put_line(self, row: int, values: Sequence[CellValue], styles: Sequence[str]) -> None:
        """A row of cells from column A."""
        for col, (value, style) in enumerate(zip(values, styles, strict=True), start=1):
            self.put(row, col, style, value)

    def merge(self, top: int, left: int, bottom: int, right: int, style: str, text: str) -> None:
        """A merged range showing `text`, every cell of it formatted (so borders show all round)."""
        self.ws.merge_range(top - 1, left - 1, bottom - 1, right - 1, "", self.formats[style])
        self.put(top, left, style, text)

    def set_height(self, row: int, points: float) -> None:
        self.ws.set_row(row - 1, points)

    def set_widths(self, widths: Sequence[float]) -> None:
        for col, width in enumerate(widths):
            self.ws.set_column(col, col, width)


def _write_results(sheet: _Sheet, report: Report, sections: list[tuple[int, Node]],
                   options: ExportOptions) -> None:
    """The official four columns as in the Word table, plus 承辦單位 and 狀態 beside them."""
    columns = [*OFFICIAL_COLUMNS, Column.UNIT, Column.STATUS]
    last_official = len(OFFICIAL_COLUMNS)
    meta = report.meta
    cutoff = format_roc_date(meta.cutoff) if meta.cutoff else ""
    for row, (text, style) in enumerate(
            [(meta.title, "sq_title"), (f"機關名稱：{meta.agency}", "sq_meta"),
             (f"資料截止日期：{cutoff}", "sq_meta")], start=1):
        sheet.merge(row, 1, row, last_official, style, text)
    sheet.set_height(1, 24)
    sheet.put_line(HEADER_ROW, [str(name) for name in columns], ["sq_header"] * len(columns))
    sheet.set_widths(RESULT_WIDTHS)
    row = HEADER_ROW + 1
    for index, section in sections:
        sheet.merge(row, 1, row, last_official, "sq_section", section_label(index, section.title))
        for col in range(last_official + 1, len(columns) + 1):
            sheet.put(row, col, "sq_section")
        row = _write_section_rows(sheet, section, row + 1, options)
    ws = sheet.ws
    ws.freeze_panes(HEADER_ROW, 0)
    print_columns = len(columns) if options.draft else last_official
    ws.print_area(0, 0, row - 2, print_columns - 1)
    ws.repeat_rows(HEADER_ROW - 1)
    ws.set_paper(A4)
    if options.landscape:
        ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=18 / MM_PER_INCH, right=18 / MM_PER_INCH, top=20 / MM_PER_INCH,
                   bottom=20 / MM_PER_INCH)
    ws.center_horizontally()
    ws.set_footer("&C第 &P 頁，共 &N 頁")


def _write_section_rows(sheet: _Sheet, section: Node, row: int, options: ExportOptions) -> int:
    """Rows of one section from `row` on; items and indicators merged down. Returns the next row."""
    lines_at: dict[int, int] = {}
    for item in section.children:
        item_start = row
        for indicator in item.children:
            indicator_start = row
            for standard in indicator.children:
                row = _write_standard(sheet, row, standard, options, lines_at)
            _merge_down(sheet, indicator_start, row - 1, 2, indicator.title, lines_at)
        _merge_down(sheet, item_start, row - 1, 1, item.title, lines_at)
    for number, lines in lines_at.items():
        sheet.set_height(number, height_for(lines))
    return row


def _write_standard(sheet: _Sheet, row: int, standard: Node, options: ExportOptions,
                    lines_at: dict[int, int]) -> int:
    """Columns 3-6 of one standard: a result longer than a cell holds goes on in the cells below,
    the other columns merged down beside it (see `xlsx_text.split_for_cells`). Returns the next row."""
    lines = render_paragraphs(standard.result)
    if not lines and options.draft:
        lines = [UNFILLED_MARK]
    pieces = split_for_cells("\n".join(lines))
    last = row + len(pieces) - 1
    for offset, piece in enumerate(pieces):
        sheet.put(row + offset, 4, "sq_result", piece)
        lines_at[row + offset] = wrapped_lines(piece, RESULT_WIDTHS[3])
    for col, text in ((3, standard.title), (5, standard.unit), (6, str(standard.status))):
        _merge_down(sheet, row, last, col, text, lines_at)
    return last + 1


def _merge_down(sheet: _Sheet, first: int, last: int, col: int, text: str,
                lines_at: dict[int, int]) -> None:
    """A title merged over its rows; the last row grows if the title needs more lines than they have."""
    if last > first:
        sheet.merge(first, col, last, col, "sq_criterion", text)
    else:
        sheet.put(first, col, "sq_criterion", text)
    shortfall = wrapped_lines(clean(text), RESULT_WIDTHS[col - 1]) - sum(
        lines_at[r] for r in range(first, last + 1))
    if shortfall > 0:
        lines_at[last] += shortfall


def _write_progress(sheet: _Sheet, report: Report, rows: list[Node], figures: RowFigures,
                    last_texts: Mapping[str, Sequence[str]] | None) -> None:
    """Per unit: rows assigned, rows in each status, characters written, open findings, and with
    last period linked, rows rewritten, carried over unchanged and empty."""
    header = ["承辦單位", "指派列數", *(str(s) for s in Status), "已寫字數", "待處理問題"]
    widths = [14, 10, 8, 8, 8, 8, 10, 12]
    if last_texts is not None:
        header += CARRY_HEADERS
        widths += [10] * len(CARRY_HEADERS)
    units = [u for u in report.units if any(r.unit == u for r in rows)]
    units += [u for u in dict.fromkeys(r.unit for r in rows) if u and u not in units]
    if any(not r.unit for r in rows):
        units.append("")
    lines = [_progress_line(unit or UNASSIGNED, [r for r in rows if r.unit == unit], figures, last_texts)
             for unit in units]
    _write_table_sheet(sheet, header, lines, widths, ["Normal"] * len(header))
    sheet.put_line(len(lines) + 2, _progress_line("合計", rows, figures, last_texts),
                   ["sq_total"] * len(header))


def _progress_line(unit: str, rows: list[Node], figures: RowFigures,
                   last_texts: Mapping[str, Sequence[str]] | None) -> list[CellValue]:
    statuses = Counter(r.status for r in rows)
    line: list[CellValue] = [unit, len(rows), *(statuses[s] for s in Status), *figures.line(rows)]
    if last_texts is not None:
        carried = Counter(carry_over(r.result_text, last_texts.get(r.id)) for r in rows)
        line += [carried[c] for c in Carry]
    return line


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
        last = xl_rowcol_to_cell(len(lines), len(header) - 1)
        sheet.ws.add_table(f"A1:{last}", {
            "name": "明細表", "style": "Table Style Light 9", "autofilter": True,
            "columns": [{"header": name, "header_format": sheet.formats["sq_header"]} for name in header]})


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
    """The header row, then one row per line with the format of each column."""
    sheet.put_line(1, header, ["sq_header"] * len(header))
    for row, line in enumerate(lines, start=2):
        sheet.put_line(row, line, styles)
    sheet.set_widths(widths)
    ws = sheet.ws
    ws.freeze_panes(1, 0)
    ws.repeat_rows(0)
    ws.set_paper(A4)
    ws.fit_to_pages(1, 0)
