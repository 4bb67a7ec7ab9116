"""The content of a table cell as Word shows it after accepting all tracked changes.

Text of runs (also in insertions, moves-to, content controls and hyperlinks), each paragraph's
Word numbering, and what a text report cannot hold: pictures are counted, a table inside the
cell becomes readable lines ('年度：110，件數：129') and is counted, comments are collected.
Deleted and moved-from text is skipped; a paragraph whose mark was deleted joins the next.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from lxml import etree

from sqeditor.exchange.docx_package import NS, W

_MARKS = {f"{W}tab": "\t", f"{W}br": "\n", f"{W}cr": "\n", f"{W}noBreakHyphen": "-"}
_GONE = frozenset((f"{W}del", f"{W}moveFrom"))
_TRACKED = frozenset((f"{W}del", f"{W}moveFrom", f"{W}ins", f"{W}moveTo"))
_PICTURES = frozenset((f"{W}drawing", f"{W}pict", f"{W}object"))
_TAG_P, _TAG_T, _TAG_R, _TAG_TBL = f"{W}p", f"{W}t", f"{W}r", f"{W}tbl"
_TAG_RPR, _TAG_PPR, _TAG_STYLE = f"{W}rPr", f"{W}pPr", f"{W}pStyle"
_TAG_NUM_ID, _TAG_ILVL, _TAG_COMMENT = f"{W}numId", f"{W}ilvl", f"{W}commentReference"
_PARAGRAPH_TAGS = (_TAG_P, _TAG_T, *_MARKS, _TAG_NUM_ID, _TAG_ILVL, _TAG_STYLE, _TAG_COMMENT,
                   *_PICTURES, *_TRACKED)
_CELL_TAGS = (*_PARAGRAPH_TAGS, _TAG_TBL)
_WRAPPERS = (f"{W}sdt", f"{W}ins", f"{W}moveTo", f"{W}customXml", f"{W}smartTag")
_HAS_WRAPPERS = etree.XPath("boolean(w:sdt | w:ins | w:moveTo | w:customXml | w:smartTag)", namespaces=NS)
_ATTR_VAL, _ATTR_ID = f"{W}val", f"{W}id"


@dataclass(slots=True)
class CellParagraph:
    """A paragraph's visible text and its Word numbering."""

    parts: list[str] = field(default_factory=list)
    num_id: str | None = None
    ilvl: str | None = None
    style: str | None = None
    mark_deleted: bool = False

    @property
    def text(self) -> str:
        return "".join(self.parts)


@dataclass(slots=True)
class CellContent:
    """What one cell holds, and what in it a text report cannot keep as it is."""

    paragraphs: list[CellParagraph] = field(default_factory=list)
    pictures: int = 0
    tables: int = 0
    comment_ids: list[str] = field(default_factory=list)
    tracked: bool = False

    def lines(self) -> list[str]:
        """Non-empty text lines, stripped (titles and standards)."""
        return [line.strip() for p in self.paragraphs for line in p.text.split("\n") if line.strip()]


def unwrap_blocks(parent: etree._Element) -> list[etree._Element]:
    """Children with content controls, tracked insertions and moves-to opened up."""
    if not _HAS_WRAPPERS(parent):
        return list(parent)
    out = []
    for child in parent:
        if child.tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                out.extend(unwrap_blocks(content))
        elif child.tag in _WRAPPERS:
            out.extend(unwrap_blocks(child))
        else:
            out.append(child)
    return out


def read_cell(tc: etree._Element) -> CellContent:
    """Paragraphs (and tables turned into lines) of a cell, in order.

    One pass over the whole cell in C order; a cell holding a table is read block by block, and
    one with deleted or moved-from text again with each text's run checked.
    """
    content = CellContent()
    outcome = _walk(tc, content, _CELL_TAGS, careful=False)
    if outcome is _Walk.GONE:
        content = CellContent()
        outcome = _walk(tc, content, _CELL_TAGS, careful=True)
    if outcome is _Walk.TABLE:
        content = CellContent()
        for block in unwrap_blocks(tc):
            if block.tag == _TAG_P:
                _walk(block, content, _PARAGRAPH_TAGS, careful=True)
            elif block.tag == _TAG_TBL:
                content.tables += 1
                content.paragraphs.extend(CellParagraph([line]) for line in _table_lines(block, content))
    if any(p.mark_deleted for p in content.paragraphs):
        content.paragraphs = _join_deleted_marks(content.paragraphs)
    return content


def read_paragraph(p: etree._Element) -> CellParagraph:
    """One paragraph outside the table (the lines above it)."""
    content = CellContent()
    _walk(p, content, _PARAGRAPH_TAGS, careful=True)
    return content.paragraphs[0]


class _Walk(Enum):
    DONE = "done"
    TABLE = "table"  # a table inside the cell: read it block by block
    GONE = "gone"  # deleted or moved-from text met while not careful: read again, carefully


def _walk(root: etree._Element, content: CellContent, tags: tuple[str, ...], *, careful: bool) -> _Walk:
    """Read paragraphs under root into content.

    Only a careful walk looks up each text's run (lxml makes a proxy object per parent looked
    up, the bulk of the time); a plain one stops at the first deletion or move instead. The first
    numId / ilvl / pStyle of a paragraph is its own (later ones sit in a tracked formatting
    change, w:pPrChange, and describe the old state).
    """
    paragraph = CellParagraph()
    for node in root.iter(*tags):
        tag = node.tag
        if tag == _TAG_T:
            if not careful or node.getparent().getparent().tag not in _GONE:
                paragraph.parts.append(node.text or "")
        elif tag in _MARKS:
            run = node.getparent()  # a run's tab or break, not a tab stop; not in a deletion
            if run.tag == _TAG_R and run.getparent().tag not in _GONE:
                paragraph.parts.append(_MARKS[tag])
        elif tag == _TAG_P:
            paragraph = CellParagraph()
            content.paragraphs.append(paragraph)
        elif tag in _TRACKED:
            content.tracked = True
            if tag in _GONE:
                if not careful:
                    return _Walk.GONE
                parent = node.getparent()
                if parent.tag == _TAG_RPR and parent.getparent().tag == _TAG_PPR:
                    paragraph.mark_deleted = True
        elif tag == _TAG_NUM_ID:
            paragraph.num_id = paragraph.num_id or node.get(_ATTR_VAL, "")
        elif tag == _TAG_ILVL:
            paragraph.ilvl = paragraph.ilvl or node.get(_ATTR_VAL, "")
        elif tag == _TAG_STYLE:
            paragraph.style = paragraph.style or node.get(_ATTR_VAL, "")
        elif tag == _TAG_COMMENT:
            content.comment_ids.append(node.get(_ATTR_ID, ""))
        elif tag == _TAG_TBL:
            return _Walk.TABLE
        else:
            content.pictures += 1
    return _Walk.DONE


def _join_deleted_marks(paragraphs: list[CellParagraph]) -> list[CellParagraph]:
    """A deleted paragraph mark joins the paragraph to the next, which keeps its own properties."""
    out: list[CellParagraph] = []
    carried: list[str] = []
    for paragraph in paragraphs:
        if paragraph.mark_deleted:
            carried.extend(paragraph.parts)
            continue
        if carried:
            paragraph.parts[:0] = carried
            carried = []
        out.append(paragraph)
    if carried:
        out.append(CellParagraph(carried))
    return out


def _table_lines(tbl: etree._Element, content: CellContent) -> list[str]:
    """A table in a cell as lines: '年度：110，件數：129' under a header row, else cells side by side."""
    rows = []
    for tr in unwrap_blocks(tbl):
        if tr.tag != f"{W}tr" or tr.find(f"{W}trPr/{W}del") is not None:
            continue
        cells = []
        for tc in unwrap_blocks(tr):
            if tc.tag == f"{W}tc":
                inner = read_cell(tc)
                content.pictures += inner.pictures
                content.tables += inner.tables
                content.comment_ids.extend(inner.comment_ids)
                cells.append("　".join(inner.lines()))
        if any(cells):
            rows.append(cells)
    if len(rows) < 2 or max(len(r) for r in rows) < 2:
        return ["　".join(c for c in row if c) for row in rows]
    header, *body = rows
    return ["，".join(f"{h}：{v}" if h else v for h, v in zip(header, row, strict=False) if v)
            for row in body]
