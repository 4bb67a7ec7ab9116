"""Excel import: a criteria sheet (or our own export) read into a report.

Sheets come as people make them: title rows above the header, headers with line breaks or
merged across rows, merged or blank cells that continue the value above, trailing blank rows,
hidden columns, numbers stored as text. Anything that cannot be read is refused with the
sheet, row and column named, before a report is built.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path
from zipfile import ZipFile

from openpyxl import load_workbook

from sqeditor.errors import ImportFormatError
from sqeditor.exchange.export_mark import office_export_id
from sqeditor.exchange.xlsx_columns import UNFILLED_MARK, Column, column_for
from sqeditor.exchange.xlsx_file_check import check_xlsx_file
from sqeditor.exchange.xlsx_grid import SheetGrid, StreamedSheet, read_grid, sheet_parts
from sqeditor.exchange.xlsx_header import HEADER_SEARCH_ROWS, Header, find_header
from sqeditor.exchange.xlsx_text import CONTINUED_MARK
from sqeditor.model import Node, NodeKind, Period, Report, ReportMeta, Status, parse_paragraphs
from sqeditor.model.numbering import strip_section_number
from sqeditor.model.report import TITLE_WORDS
from sqeditor.model.roc_date import parse_roc_date

_SECTION_LABEL = re.compile(r"^[一二三四五六七八九十百零]+[ \t\u3000]*[、.．]")
_TITLE = re.compile(
    rf"^(?P<ministry>.*?)\s*(?P<year>\d{{2,3}})\s*年度?\s*(?P<period>上半年|下半年|全年)?\s*{TITLE_WORDS}$")
_TREE_COLUMNS = (Column.SECTION, Column.ITEM, Column.INDICATOR)


def read_xlsx(path: Path, *, results: bool = True) -> Report:
    """The report in the first sheet whose header names the criteria columns."""
    check_xlsx_file(path)
    grid, header = find_criteria_sheet(path)
    report = Report(meta=read_meta(grid, header.first_row))
    report.sections = TreeReader(grid, header, results).read()
    report.units = list(dict.fromkeys(row.unit for row in report.rows() if row.unit))
    with ZipFile(path) as archive:
        report.export_id = office_export_id(archive)
    return report


def find_criteria_sheet(path: Path) -> tuple[SheetGrid, Header]:
    """Sheets are read one by one until one has a usable header (our export's is the first).

    Anything openpyxl cannot parse, on opening or while streaming a sheet, is a damaged file.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "extension not supported" and the like
            workbook = load_workbook(path, read_only=True, data_only=True)
            try:
                with ZipFile(path) as archive:
                    return choose_sheet(path.name, workbook.worksheets, archive)
            finally:
                workbook.close()
    except ImportFormatError:
        raise
    except Exception as exc:  # openpyxl raises anything from KeyError to XML errors on bad files
        raise ImportFormatError(
            f"「{path.name}」已損壞或內容不是 Excel 能產生的格式，無法讀取"
            f"（{type(exc).__name__}：{exc}）。") from exc


def choose_sheet(file_name: str, worksheets: list[StreamedSheet],
                 archive: ZipFile) -> tuple[SheetGrid, Header]:
    """The first sheet (visible ones first) with a usable header, else the reason none is usable."""
    ordered = sorted(worksheets, key=lambda ws: ws.sheet_state != "visible")
    parts = sheet_parts(archive)
    candidates = []
    for ws in ordered:
        with archive.open(parts[ws.title]) as layout:  # a missing part is a damaged file
            grid = read_grid(ws, layout)
        header = find_header(grid)
        if header is not None and not header.problem:
            return grid, header
        if header is not None:
            candidates.append(header)
    if candidates:
        raise ImportFormatError(max(candidates, key=lambda h: h.matched).problem)
    names = "、".join(f"「{ws.title}」" for ws in ordered)
    raise ImportFormatError(
        f"「{file_name}」的工作表 {names} 前 {HEADER_SEARCH_ROWS} 列都找不到標題列："
        f"需要有「{Column.ITEM}」「{Column.INDICATOR}」「{Column.STANDARD}」等欄名的一列。")


def read_meta(grid: SheetGrid, header_row: int) -> ReportMeta:
    """Title, 機關名稱 and 資料截止日期 from the rows above the header, where present."""
    meta = ReportMeta()
    for row in range(header_row):
        text = next((t.strip() for t in grid.texts[row] if t.strip()), "")
        label, _, value = text.partition("：")
        if label == "機關名稱":
            meta.agency = value.strip()
        elif label == "資料截止日期" and value.strip():
            meta.cutoff = _roc_date_or_none(value)
        elif match := _TITLE.match(text):
            meta.ministry = match["ministry"].strip()
            meta.roc_year = int(match["year"])
            meta.period = Period(match["period"] or Period.FULL_YEAR)
            meta.title_override = "" if text == meta.derived_title else text
    return meta


def _roc_date_or_none(text: str):
    try:
        return parse_roc_date(text)
    except ValueError:
        return None  # a cutoff written some other way is metadata, not worth refusing the sheet


class TreeReader:
    """Builds sections > items > indicators > standards from the rows below the header."""

    def __init__(self, grid: SheetGrid, header: Header, results: bool) -> None:
        self.grid = grid
        self.header = header
        self.results = results
        self.has_section_column = Column.SECTION in header.columns
        self.sections: list[Node] = []
        self.current: dict[Column, Node | None] = dict.fromkeys([*_TREE_COLUMNS, Column.STANDARD])
        self.lines: dict[str, list[str]] = {}
        self.status_given: set[str] = set()

    def read(self) -> list[Node]:
        for row in range(self.header.last_row + 1, len(self.grid.texts)):
            if not self._is_blank(row) and not self._is_repeated_header(row):
                self._read_row(row)
        if not self.sections:
            raise ImportFormatError(
                f"工作表「{self.grid.name}」第 {self.header.last_row + 1} 列的標題列下面沒有任何評核列。")
        for standard in (n for s in self.sections for n in s.rows()):
            lines = self.lines.get(standard.id, [])
            standard.result = parse_paragraphs(lines) if self.results else []
            if standard.result and standard.id not in self.status_given:
                standard.status = Status.DRAFT
        return self.sections

    def _text(self, row: int, column: Column) -> str:
        col = self.header.columns.get(column)
        return "" if col is None else self.grid.text(row, col).strip()

    def _is_blank(self, row: int) -> bool:
        return not any(self._text(row, column) for column in self.header.columns)

    def _is_repeated_header(self, row: int) -> bool:
        """Header rows repeated further down (copied per printed page) are skipped."""
        named = [column_for(self._text(row, c)) == c for c in self.header.columns if self._text(row, c)]
        return len(named) >= 2 and all(named)

    def _read_row(self, row: int) -> None:
        if not self.has_section_column and self._is_section_row(row):
            self._start(Column.SECTION, row, self._text(row, Column.ITEM))
            return
        started = False
        for column in _TREE_COLUMNS:
            started = self._read_level(row, column, started)
        self._read_standard(row, started)

    def _is_section_row(self, row: int) -> bool:
        """Our export's 構面 rows: one text across the row, merged or labelled 一、二、…"""
        text = self._text(row, Column.ITEM)
        item_col = self.header.columns[Column.ITEM]
        if not text or self.grid.is_continued_down(row, item_col):
            return False
        merged = False
        for column in (Column.INDICATOR, Column.STANDARD, Column.RESULT):
            col = self.header.columns.get(column)
            if col is None or not self._text(row, column):
                continue
            if self._text(row, column) != text or not self.grid.is_continued_across(row, col):
                return False
            merged = True
        return merged or bool(_SECTION_LABEL.match(text))

    def _read_level(self, row: int, column: Column, started: bool) -> bool:
        """One of 構面/評核項目/評核指標; returns whether a new node began on this row."""
        if column is Column.SECTION and not self.has_section_column:
            if self.current[Column.SECTION] is None:
                raise ImportFormatError(
                    f"工作表「{self.grid.name}」第 {row + 1} 列：沒有「{Column.SECTION}」欄，"
                    "這一列之前也沒有構面列（如「一、基礎服務」跨欄的一列），不知道它屬於哪個構面。")
            return started
        text = _one_line(self._text(row, column))
        if column is Column.SECTION:
            text = strip_section_number(text)
        node = self.current[column]
        if text and (started or node is None or text != node.title):
            self._start(column, row, text)
            return True
        if not text and (started or node is None):
            if column is not Column.INDICATOR:
                raise self._empty_cell(row, column)
            self._start(column, row, "")  # an item without indicators (開放參與)
            return True
        return started

    def _start(self, column: Column, row: int, title: str) -> None:
        """A new node at this level under the current one; the levels below start afresh."""
        kind = {Column.SECTION: NodeKind.SECTION, Column.ITEM: NodeKind.ITEM,
                Column.INDICATOR: NodeKind.INDICATOR, Column.STANDARD: NodeKind.STANDARD}[column]
        node = Node(kind=kind, title=strip_section_number(title) if kind is NodeKind.SECTION else title)
        order = [*_TREE_COLUMNS, Column.STANDARD]
        index = order.index(column)
        if index == 0:
            self.sections.append(node)
        else:
            parent = self.current[order[index - 1]]
            if parent is None:
                raise self._empty_cell(row, order[index - 1])
            parent.children.append(node)
        self.current[column] = node
        for below in order[index + 1:]:
            self.current[below] = None

    def _read_standard(self, row: int, started: bool) -> None:
        std_col = self.header.columns[Column.STANDARD]
        text = _one_line(self._text(row, Column.STANDARD))
        continued = self.grid.is_continued(row, std_col)
        if text and not continued:
            self._start(Column.STANDARD, row, text)
            standard = self.current[Column.STANDARD]
            assert standard is not None
            standard.unit = self._text(row, Column.UNIT)
            self._read_status(row, standard)
        elif started or self.current[Column.STANDARD] is None:
            raise self._empty_cell(row, Column.STANDARD)
        standard = self.current[Column.STANDARD]
        assert standard is not None
        if not standard.unit:
            standard.unit = self._text(row, Column.UNIT)
        result_col = self.header.columns.get(Column.RESULT)
        result = self._text(row, Column.RESULT)
        if result and result != UNFILLED_MARK and not self.grid.is_continued(row, result_col or 0):
            kept = self.lines.setdefault(standard.id, [])
            if continued and kept and result.startswith(CONTINUED_MARK):  # a result too long for one cell
                first, _, result = result.removeprefix(CONTINUED_MARK).partition("\n")
                kept[-1] += first.strip()
            kept.extend(line for line in (line.strip() for line in result.split("\n")) if line)

    def _read_status(self, row: int, standard: Node) -> None:
        text = self._text(row, Column.STATUS)
        if not text or not self.results:
            return
        try:
            standard.status = Status(text.replace(" ", ""))
            self.status_given.add(standard.id)
        except ValueError:
            where = self.grid.place(row, self.header.columns[Column.STATUS])
            allowed = "、".join(str(s) for s in Status)
            raise ImportFormatError(
                f"工作表「{self.grid.name}」{where}（{Column.STATUS}）的「{text}」看不懂，"
                f"應為 {allowed} 之一。") from None

    def _empty_cell(self, row: int, column: Column) -> ImportFormatError:
        where = self.grid.place(row, self.header.columns.get(column, 0))
        return ImportFormatError(f"工作表「{self.grid.name}」{where}（{column}）是空的，"
                                 "上面也沒有可以延續的內容。")


def _one_line(text: str) -> str:
    """Criteria titles wrapped by hand in the cell: the line breaks are layout, not content."""
    return "".join(part.strip() for part in text.split("\n"))
