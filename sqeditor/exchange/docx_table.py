"""The report table(s) of a Word file walked row by row into sections, items, indicators and rows.

The header is found by its texts, as the Excel import finds its (xlsx_columns.column_for: notes in
brackets, line breaks and '／' do not matter), so columns are taken by header, not by position.
A 構面 row is one cell across the table, or the same text (or one text and empty cells) typed
across the four cells. Rows deleted with tracked changes are skipped. Pictures, tables and
comments in cells, and rows that do not fit the table, are named in the notes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from sqeditor.exchange.docx_cells import CellContent, read_cell, unwrap_blocks
from sqeditor.exchange.docx_package import NS, W, val
from sqeditor.exchange.docx_results import ResultReader
from sqeditor.exchange.import_notes import ImportNote
from sqeditor.exchange.xlsx_columns import OFFICIAL_COLUMNS, Column, column_for
from sqeditor.model import Node, NodeKind, Status, strip_section_number

_UNIT_LINE = re.compile(r"^（承辦單位：(.*)）$")
_TRAILING_SECTION_WORD = re.compile(r"[ \t\u3000]*構面[ \t\u3000]*$")
_GRID_BEFORE = etree.XPath("w:trPr/w:gridBefore", namespaces=NS)
_DELETED_ROW = etree.XPath("boolean(w:trPr/w:del)", namespaces=NS)
_TAG_TC, _TAG_PROPS, _TAG_SPAN, _TAG_MERGE = f"{W}tc", f"{W}tcPr", f"{W}gridSpan", f"{W}vMerge"
_SHORT = 16


@dataclass(slots=True)
class _Cell:
    column: int
    span: int
    merge: str  # vMerge: 'restart', 'continue' or ''
    tc: etree._Element
    _content: CellContent | None = None
    _text: str | None = None

    @property
    def content(self) -> CellContent:
        if self._content is None:
            self._content = read_cell(self.tc)
        return self._content

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = "\n".join(self.content.lines())
        return self._text


def section_title(text: str) -> str:
    """A 構面 title without its label: 「壹、基礎服務」「構面一：基礎服務」「基礎服務構面」 → 基礎服務."""
    title = strip_section_number(" ".join(text.split("\n")).strip())
    without = _TRAILING_SECTION_WORD.sub("", title)
    title = without or title
    if title.startswith("「") and title.endswith("」"):
        title = title[1:-1]
    return title


@dataclass
class TableReader:
    """Walks the report table(s), rebuilding the tree and noting what it could not keep."""

    results: ResultReader
    with_results: bool
    comments: dict[str, str]
    sections: list[Node] = field(default_factory=list)
    notes: list[ImportNote] = field(default_factory=list)
    started: bool = False
    tracked: bool = False
    other_header: str = ""
    _columns: dict[Column, int] = field(default_factory=dict)  # grid column of each header cell
    _item: Node | None = None
    _indicator: Node | None = None
    _after_header: bool = False
    _rows: int = 0

    def read_table(self, table: etree._Element) -> None:
        for tr in unwrap_blocks(table):
            if tr.tag != f"{W}tr":
                continue
            if _DELETED_ROW(tr):
                self.tracked = True
                continue
            cells = _row_cells(tr)
            if self._read_header(cells):
                continue
            if not self.started:
                if not self.other_header:
                    self.other_header = "、".join(t for t in (c.text for c in cells) if t)
                return  # a table before the report table: not ours
            self._read_row(cells)

    def _read_header(self, cells: list[_Cell]) -> bool:
        if not cells or cells[0].merge == "continue" or column_for(cells[0].text) is not Column.ITEM:
            return False
        columns = {}
        for cell in cells:
            column = column_for(cell.text)
            if column is not None:
                columns.setdefault(column, cell.column)
        if not all(c in columns for c in OFFICIAL_COLUMNS):
            return False
        self._columns = columns
        self.started = self._after_header = True
        return True

    def _read_row(self, cells: list[_Cell]) -> None:
        by_column = {column: _cell_at(cells, grid) for column, grid in self._columns.items()}
        standard = by_column[Column.STANDARD]
        if standard is not None and standard.merge == "continue":
            if any(c.text for c in cells if c.merge != "continue"):
                self._note_row(cells, "這一列的次評核指標／參考標準與上一列合併，內容未匯入")
            return
        if len(cells) == 1 or standard is None or not standard.text \
                or self._typed_across(cells, standard.text):
            self._section_row(cells)
            return
        if any(by_column[c] is None for c in OFFICIAL_COLUMNS):
            self._note_row(cells, "這一列的欄位和評核表格對不上，未匯入")
            return
        if not self.sections:
            self.sections.append(Node(NodeKind.SECTION, ""))
            self.notes.append(ImportNote("構面", "表格開頭沒有構面列，第一個構面的名稱是空的，請補上。"))
        item_cell, indicator_cell = by_column[Column.ITEM], by_column[Column.INDICATOR]
        self._item = self._continue_or_new(item_cell, self._item, self.sections[-1], NodeKind.ITEM)
        self._indicator = self._continue_or_new(
            indicator_cell, self._indicator if self._indicator in self._item.children else None,
            self._item, NodeKind.INDICATOR)
        row = self._standard(standard, by_column[Column.RESULT], by_column.get(Column.UNIT))
        self._indicator.children.append(row)
        self._after_header = False
        self._note_content(row, cells)

    @staticmethod
    def _typed_across(cells: list[_Cell], text: str) -> bool:
        """The standard's text in every filled cell (a 構面 row typed across the cells, not merged)."""
        return all(c.merge != "continue" and c.text in ("", text) for c in cells)

    def _section_row(self, cells: list[_Cell]) -> None:
        texts = [c.text for c in cells if c.merge != "continue" and c.text]
        if not texts:
            return  # an empty row (or the empty end of merged cells) carries nothing
        if len(set(texts)) > 1:
            self._note_row(cells, "這一列沒有次評核指標／參考標準，無法判斷是哪一列，未匯入")
            return
        self.sections.append(Node(NodeKind.SECTION, section_title(texts[0])))
        self._item = self._indicator = None

    def _continue_or_new(self, cell: _Cell, current: Node | None, parent: Node, kind: NodeKind) -> Node:
        """The node this cell continues, or a new one."""
        if cell.merge == "continue" and current is not None:
            return current
        title = cell.text
        if current is not None:
            # A table typed without merges repeats the title (or leaves the item cell empty);
            # after a repeated header (a table continued on the next page) a restarted cell with
            # the same title, or an empty one, carries on the node above too.
            same = title == current.title or (title == "" and kind is NodeKind.ITEM)
            empty_restart = title == "" and self._after_header
            if (same and (cell.merge == "" or self._after_header)) or empty_restart:
                return current
        node = Node(kind, title)
        parent.children.append(node)
        return node

    def _standard(self, standard: _Cell, result: _Cell, unit_cell: _Cell | None) -> Node:
        lines = standard.content.lines()
        unit = unit_cell.text if unit_cell is not None else ""
        if lines and (match := _UNIT_LINE.match(lines[-1])):
            unit = "" if match.group(1) == "未指派" else match.group(1)
            lines = lines[:-1]
        row = Node(NodeKind.STANDARD, "\n".join(lines), unit=unit)
        self._rows += 1
        if self.with_results:
            row.result, changes = self.results.read(result.content)
            row.status = Status.DRAFT if row.result else Status.EMPTY
            for change in changes:
                self.notes.append(ImportNote(self._place(row), change))
        return row

    def _note_content(self, row: Node, cells: list[_Cell]) -> None:
        """Pictures, tables and comments in the row's cells; tracked changes seen."""
        for cell in cells:
            if cell.merge == "continue":
                continue
            content = cell.content
            self.tracked = self.tracked or content.tracked
            if content.pictures:
                self.notes.append(ImportNote(self._place(row), f"有 {content.pictures} 張圖片（或繪圖物件），"
                                             "報告只存文字，未匯入；請另行附上。"))
            if content.tables:
                self.notes.append(ImportNote(self._place(row), f"儲存格內的 {content.tables} 個表格已轉成"
                                             "逐列文字（「欄名：值」），請核對。"))
            texts = [self.comments[i] for i in content.comment_ids if i in self.comments]
            if texts:
                row.comment = "\n".join(filter(None, [row.comment, *texts]))
                self.notes.append(ImportNote(self._place(row), f"{len(texts)} 則 Word 註解已放入審閱意見。"))

    def _place(self, row: Node) -> str:
        title = row.title.replace("\n", " ")
        return f"第 {self._rows} 列（{title[:_SHORT]}{'…' if len(title) > _SHORT else ''}）"

    def _note_row(self, cells: list[_Cell], why: str) -> None:
        text = " ｜ ".join(c.text.replace("\n", " ") for c in cells if c.text)
        self.notes.append(ImportNote(f"第 {self._rows} 列之後", f"{why}：「{text[:40]}」"))


def _cell_at(cells: list[_Cell], grid: int) -> _Cell | None:
    return next((c for c in cells if c.column <= grid < c.column + c.span), None)


def _row_cells(tr: etree._Element) -> list[_Cell]:
    """Each cell of a row with its grid column, span and vMerge."""
    before = _GRID_BEFORE(tr)
    column = int(val(before[0]) or 0) if before else 0
    out = []
    for tc in unwrap_blocks(tr):
        if tc.tag != _TAG_TC:
            continue
        span, merge = 1, ""
        props = tc[0] if len(tc) and tc[0].tag == _TAG_PROPS else None  # tcPr comes first
        for prop in props if props is not None else ():
            if prop.tag == _TAG_SPAN:
                span = int(val(prop) or 1)
            elif prop.tag == _TAG_MERGE:
                merge = "restart" if val(prop) == "restart" else "continue"
        out.append(_Cell(column, span, merge, tc))
        column += span
    return out
