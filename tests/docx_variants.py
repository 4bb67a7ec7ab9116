"""Word files built the way agencies' files are: python-docx with real numbering parts, merges,
tracked changes and comments, edited as Word writes them (no export of ours involved)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.table import Table, _Row
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml import etree

from sqeditor.model import Report

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
W_DECL = f'xmlns:w="{W_NS}"'
HEADER = ("評核項目", "評核指標", "次評核指標/參考標準", "評核結果說明")


def content(report: Report) -> list:
    """Every title, standard and result paragraph (text and level), as the table shows them."""
    return [
        (s.title, [
            (i.title, [(d.title, [(r.title, [(p.text, p.level) for p in r.result]) for r in d.children])
                       for d in i.children])
            for i in s.children])
        for s in report.sections
    ]


def _lvl(ilvl: int, fmt: str, text: str) -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>')


class AgencyDocument:
    """A report table typed in Word: front matter, a header row, rows added one by one."""

    def __init__(self, front: Sequence[str] = ("經濟部工業局110年度下半年提升服務品質自行評核項目及結果說明",
                                               "機關名稱：經濟部工業局", "資料截止日期：110年12月10日"),
                 header: Sequence[str] = HEADER) -> None:
        self.document = docx.Document()
        for line in front:
            self.document.add_paragraph(line)
        self.table: Table = self.document.add_table(rows=0, cols=4)
        self.table.style = "Table Grid"
        self.row(list(header))
        self.numbering = self.document.part.numbering_part.element

    def define_list(self, abstract_id: int, levels: Sequence[tuple[str, str]], *,
                    num_id: int | None = None, overrides: Sequence[tuple[int, str, str]] = ()) -> int:
        """An abstractNum with these (numFmt, lvlText) levels and a w:num using it; returns the numId."""
        body = "".join(_lvl(i, fmt, text) for i, (fmt, text) in enumerate(levels))
        abstract = parse_xml(f'<w:abstractNum {W_DECL} w:abstractNumId="{abstract_id}">'
                             f'<w:multiLevelType w:val="hybridMultilevel"/>{body}</w:abstractNum>')
        first_num = self.numbering.find(f"{W}num")
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            self.numbering.append(abstract)
        return self.add_num(abstract_id, num_id or abstract_id, overrides)

    def add_num(self, abstract_id: int, num_id: int, overrides: Sequence[tuple[int, str, str]] = ()) -> int:
        extra = "".join(f'<w:lvlOverride w:ilvl="{i}">{_lvl(i, fmt, text)}</w:lvlOverride>'
                        for i, fmt, text in overrides)
        self.numbering.append(parse_xml(f'<w:num {W_DECL} w:numId="{num_id}">'
                                        f'<w:abstractNumId w:val="{abstract_id}"/>{extra}</w:num>'))
        return num_id

    def row(self, texts: Sequence[str | Sequence[tuple[str, int | None, int]]]) -> _Row:
        """A row of four cells; a cell is text, or paragraphs of (text, numId or None, ilvl)."""
        row = self.table.add_row()
        for cell, value in zip(row.cells, texts, strict=True):
            if isinstance(value, str):
                cell.text = value
                continue
            first = True
            for text, num_id, ilvl in value:
                paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
                paragraph.add_run(text)
                if num_id is not None:
                    number(paragraph, num_id, ilvl)
                first = False
        return row

    def save(self, path: Path) -> Path:
        self.document.save(str(path))
        return path


def number(paragraph: DocxParagraph, num_id: int, ilvl: int) -> None:
    paragraph._p.get_or_add_pPr().insert(0, parse_xml(
        f'<w:numPr {W_DECL}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def merge_down(table: Table, column: int, first: int, last: int) -> None:
    """Merge a column's cells from row `first` to `last` as Word does (vMerge restart/continue)."""
    table.cell(first, column).merge(table.cell(last, column))


def track(element: etree._Element, kind: str, change_id: int) -> etree._Element:
    """Wrap a run (or put a row's trPr mark) in a tracked change by 科員 王小明."""
    attrs = {f"{W}id": str(change_id), f"{W}author": "科員 王小明", f"{W}date": "2021-12-01T09:00:00Z"}
    wrapper = etree.Element(f"{W}{kind}", attrs)
    element.addprevious(wrapper)
    wrapper.append(element)
    if kind in ("del", "moveFrom"):
        for t in wrapper.iter(f"{W}t"):
            if kind == "del":
                t.tag = f"{W}delText"
    return wrapper


def delete_row(row: _Row, change_id: int) -> None:
    """A row deleted with 追蹤修訂: w:trPr/w:del, and its text in w:del runs."""
    tr_pr = row._tr.get_or_add_trPr()
    etree.SubElement(tr_pr, f"{W}del", {f"{W}id": str(change_id), f"{W}author": "科員 王小明",
                                         f"{W}date": "2021-12-01T09:00:00Z"})
    for run in list(row._tr.iter(f"{W}r")):
        track(run, "del", change_id)
