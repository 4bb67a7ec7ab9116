"""Read a report back from a .docx in the official layout, written by us, Word or LibreOffice.

The file is checked before any XML is parsed: it must be a zip whose directory declares
sane sizes (zip bombs), and every part is parsed with a hardened lxml parser (no DTD, no
entities, no network, no huge trees). Only the main document, styles and numbering parts
are read; python-docx is not used here, so nothing else in the package is parsed.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from sqeditor.errors import ImportFormatError
from sqeditor.exchange.layout import EMPTY_MARK, HEADER_TEXTS
from sqeditor.exchange.zip_package import check_part_sizes, declares_entities
from sqeditor.model import (
    Node,
    NodeKind,
    Paragraph,
    Period,
    Report,
    ReportMeta,
    Status,
    parse_paragraphs,
    parse_roc_date,
    strip_section_number,
)
from sqeditor.model.numbering import list_markers
from sqeditor.model.report import TITLE_WORDS

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_OFFICE_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_STRICT_DOC = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"
_W_STRICT = "{http://purl.oclc.org/ooxml/wordprocessingml/main}"
_TITLE = re.compile(rf"^(?P<ministry>.*?)\s*(?P<year>\d{{2,3}})\s*年度?\s*"
                    rf"(?P<period>上半年|下半年|全年)?\s*{TITLE_WORDS}\s*$")
_UNIT_LINE = re.compile(r"^（承辦單位：(.*)）$")
_SPACE = re.compile(r"[\s\u3000]+")
_LABELLED = re.compile(r"^([^：:]{1,12})[：:](.*)$")


def _parser() -> etree.XMLParser:
    """No DTD loading, no entity expansion, no network, no trees beyond libxml2's limits."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           huge_tree=False, dtd_validation=False, remove_comments=True)


def import_docx(path: Path, *, results: bool = True) -> Report:
    """A report from a Word file in the official layout; ImportFormatError if it is not one."""
    parts = _DocxParts.open(Path(path))
    reader = _TableReader(parts.numbering_levels(), results)
    meta_lines: list[str] = []
    for element in parts.body():
        if element.tag == f"{W}p" and not reader.started:
            text = _paragraph_text(element).strip()
            if text:
                meta_lines.append(text)
        elif element.tag == f"{W}tbl":
            reader.read_table(element)
    if not reader.started:
        raise ImportFormatError(
            f"「{path.name}」不是評核報告：找不到「{'｜'.join(HEADER_TEXTS)}」四欄表格"
            + (f"（文件中第一個表格的欄位是「{reader.other_header}」）。" if reader.other_header else "。"))
    if not any(True for s in reader.sections for _ in s.rows()):
        raise ImportFormatError(f"「{path.name}」的評核表格中沒有任何評核列。")
    report = Report(meta=_meta_from_lines(meta_lines), sections=reader.sections)
    return report


@dataclass
class _DocxParts:
    """The parts of a checked .docx package that the import reads."""

    zip: zipfile.ZipFile
    document_name: str
    name: str

    @classmethod
    def open(cls, path: Path) -> _DocxParts:
        try:
            archive = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            raise ImportFormatError(
                f"「{path.name}」不是 Word 文件（.docx）：檔案不是有效的 zip 格式或已損毀。") from exc
        check_part_sizes(archive, path.name)
        parts = cls(archive, "word/document.xml", path.name)
        parts.document_name = parts._main_document_name()
        return parts

    def _read(self, name: str) -> bytes | None:
        try:
            return self.zip.read(name)
        except KeyError:
            return None
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError) as exc:
            raise ImportFormatError(f"「{self.name}」已損毀，無法讀取其中的「{name}」。") from exc

    def parse(self, name: str) -> etree._Element | None:
        data = self._read(name)
        if data is None:
            return None
        refused = ImportFormatError(f"「{self.name}」含有 DTD／實體宣告，為安全起見拒絕匯入。")
        if declares_entities(data):
            raise refused  # Office never writes a DTD; entity tricks are refused unparsed
        try:
            root = etree.fromstring(data, _parser())
        except etree.XMLSyntaxError as exc:
            raise ImportFormatError(f"「{self.name}」已損毀：「{name}」不是有效的 XML。") from exc
        if root.getroottree().docinfo.doctype:
            raise refused
        return _to_transitional(root) if root.tag.startswith(_W_STRICT) else root

    def _main_document_name(self) -> str:
        rels = self.parse("_rels/.rels")
        if rels is not None:
            for rel in rels.iter(f"{_REL_NS}Relationship"):
                if rel.get("Type") in (_OFFICE_DOC, _STRICT_DOC):
                    return posixpath.normpath(rel.get("Target", "").lstrip("/"))
        if self._read("word/document.xml") is None:
            raise ImportFormatError(f"「{self.name}」不是 Word 文件：找不到文件本文。")
        return "word/document.xml"

    def _document_rels(self) -> etree._Element | None:
        folder, base = posixpath.split(self.document_name)
        return self.parse(posixpath.join(folder, "_rels", base + ".rels"))

    def _related(self, rels: etree._Element | None, kind: str) -> str | None:
        """The part of the main document's relationship of this kind (rels parsed once by the caller)."""
        if rels is None:
            return None
        folder = posixpath.dirname(self.document_name)
        for rel in rels.iter(f"{_REL_NS}Relationship"):
            if rel.get("Type", "").endswith("/" + kind):
                return posixpath.normpath(posixpath.join(folder, rel.get("Target", "")))
        return None

    def body(self) -> list[etree._Element]:
        root = self.parse(self.document_name)
        body = root.find(f"{W}body") if root is not None else None
        if body is None:
            raise ImportFormatError(f"「{self.name}」不是 Word 文件：找不到文件本文。")
        return _unwrap_blocks(body)

    def numbering_levels(self) -> _Numbering:
        """Word numbering: (numId, ilvl) → our list level, and paragraph styles' numPr."""
        numbering = _Numbering()
        rels = self._document_rels()
        name = self._related(rels, "numbering")
        root = self.parse(name) if name else None
        if root is not None:
            numbering.read_numbering(root)
        name = self._related(rels, "styles")
        root = self.parse(name) if name else None
        if root is not None:
            numbering.read_styles(root)
        return numbering


def _to_transitional(root: etree._Element) -> etree._Element:
    """Strict OOXML uses another namespace for the same elements; rename them."""
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.startswith(_W_STRICT):
            element.tag = W + element.tag[len(_W_STRICT):]
        for key in [k for k in element.attrib if k.startswith(_W_STRICT)]:
            element.attrib[W + key[len(_W_STRICT):]] = element.attrib.pop(key)
    return root


_NS = {"w": W[1:-1]}
_HAS_WRAPPERS = etree.XPath("boolean(w:sdt | w:ins | w:customXml | w:smartTag)", namespaces=_NS)
# Text of runs, also inside insertions, content controls and hyperlinks; a deleted run
# holds w:delText (never matched) but its tabs and breaks must be skipped too.
_TEXT_PARTS = etree.XPath(
    ".//w:r/w:t | .//w:r/w:tab[not(ancestor::w:del)] | .//w:r/w:br[not(ancestor::w:del)]"
    " | .//w:r/w:cr[not(ancestor::w:del)] | .//w:r/w:noBreakHyphen[not(ancestor::w:del)]",
    namespaces=_NS)
_MARKS = {f"{W}tab": "\t", f"{W}br": "\n", f"{W}cr": "\n", f"{W}noBreakHyphen": "-"}


def _unwrap_blocks(parent: etree._Element) -> list[etree._Element]:
    """Children with content controls and tracked insertions opened up."""
    if not _HAS_WRAPPERS(parent):
        return list(parent)
    out = []
    for child in parent:
        if child.tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                out.extend(_unwrap_blocks(content))
        elif child.tag in (f"{W}ins", f"{W}customXml", f"{W}smartTag"):
            out.extend(_unwrap_blocks(child))
        else:
            out.append(child)
    return out


def _paragraph_text(paragraph: etree._Element) -> str:
    """Visible text: runs, tracked insertions, content controls, hyperlinks; no deleted text."""
    tag_t = f"{W}t"
    return "".join(
        (node.text or "") if node.tag == tag_t else _MARKS[node.tag] for node in _TEXT_PARTS(paragraph)
    )


@dataclass
class _Numbering:
    levels: dict[tuple[str, int], int] = field(default_factory=dict)
    abstract_levels: dict[str, dict[int, int]] = field(default_factory=dict)
    style_numbering: dict[str, tuple[str, int]] = field(default_factory=dict)

    def read_numbering(self, root: etree._Element) -> None:
        for abstract in root.iter(f"{W}abstractNum"):
            levels = {}
            for lvl in abstract.iter(f"{W}lvl"):
                ilvl = int(lvl.get(f"{W}ilvl", "0"))
                fmt = _val(lvl.find(f"{W}numFmt"))
                text = _val(lvl.find(f"{W}lvlText"))
                levels[ilvl] = _our_level(fmt, text, ilvl)
            self.abstract_levels[_val(abstract, "abstractNumId")] = levels
        for num in root.iter(f"{W}num"):
            abstract = self.abstract_levels.get(_val(num.find(f"{W}abstractNumId")), {})
            for ilvl, level in abstract.items():
                self.levels[(_val(num, "numId"), ilvl)] = level

    def read_styles(self, root: etree._Element) -> None:
        for style in root.iter(f"{W}style"):
            num_pr = style.find(f"{W}pPr/{W}numPr")
            if num_pr is not None:
                num_id = _val(num_pr.find(f"{W}numId"))
                ilvl = int(_val(num_pr.find(f"{W}ilvl")) or 0)
                self.style_numbering[_val(style, "styleId")] = (num_id, ilvl)

    def level_of(self, paragraph: _CellParagraph) -> int | None:
        """Our list level of a paragraph numbered by Word, or None when it has no numbering."""
        num_id, ilvl = self.style_numbering.get(paragraph.style or "", (None, 0))
        num_id = paragraph.num_id or num_id
        if paragraph.ilvl:
            ilvl = int(paragraph.ilvl)
        if not num_id or num_id == "0":
            return None
        return self.levels.get((num_id, ilvl), min(ilvl + 1, 3))


def _val(element: etree._Element | None, name: str = "val") -> str:
    return "" if element is None else element.get(f"{W}{name}", "")


def _our_level(fmt: str, text: str, ilvl: int) -> int:
    """1 for '1.', 2 for '(1)', 3 for '甲、'; by Word's number format and level text."""
    if fmt.startswith(("ideograph", "taiwanese", "chinese")):
        return 3
    if text.startswith(("(", "（")):
        return 2
    if fmt == "decimal" and text.startswith("%"):
        return 1
    return min(ilvl + 1, 3)


@dataclass
class _TableReader:
    """Walks the report table(s) row by row, rebuilding sections, items and indicators."""

    numbering: _Numbering
    results: bool
    sections: list[Node] = field(default_factory=list)
    started: bool = False
    other_header: str = ""
    _item: Node | None = None
    _indicator: Node | None = None
    _after_header: bool = False

    def read_table(self, table: etree._Element) -> None:
        for tr in _unwrap_blocks(table):
            if tr.tag != f"{W}tr":
                continue
            cells = _row_cells(tr)
            # The first cell's text is read once: the header test and the item title both need it.
            first = _cell_text(cells[0][3]) if len(cells) == len(HEADER_TEXTS) else None
            if _is_header(cells, first):
                self.started = self._after_header = True
                continue
            if not self.started:
                if not self.other_header:
                    self.other_header = "、".join(t for t in (_cell_text(c[3]) for c in cells) if t)
                return  # a table before the report table: not ours
            self._read_row(cells, first)

    def _read_row(self, cells: list[tuple[int, int, str, etree._Element]], first: str | None) -> None:
        if len(cells) == 1:  # a section row: one cell across the table
            title = _cell_text(cells[0][3]).strip()
            if title:
                self.sections.append(Node(NodeKind.SECTION, strip_section_number(title)))
                self._item = self._indicator = None
            return
        by_column = {column: (merge, tc) for column, _, merge, tc in cells}
        if not all(c in by_column for c in range(4)):
            return  # not a row of the report's shape (e.g. a table that follows it)
        if not self.sections:
            self.sections.append(Node(NodeKind.SECTION, ""))
        item_title = first if by_column[0][1] is cells[0][3] else None
        self._item = self._continue_or_new(by_column[0], self._item, self.sections[-1], NodeKind.ITEM,
                                           item_title)
        self._indicator = self._continue_or_new(
            by_column[1], self._indicator if self._indicator in self._item.children else None,
            self._item, NodeKind.INDICATOR)
        self._indicator.children.append(self._standard(by_column[2][1], by_column[3][1]))
        self._after_header = False

    def _continue_or_new(self, cell: tuple[str, etree._Element], current: Node | None,
                         parent: Node, kind: NodeKind, title: str | None = None) -> Node:
        """The node this cell continues, or a new one; `title` is the cell's text when already read."""
        merge, tc = cell
        if merge == "continue" and current is not None:
            return current
        if title is None:
            title = _cell_text(tc)
        if current is not None:
            # A table typed without merges repeats the title (or leaves the item cell empty);
            # after a repeated header (a table continued on the next page) a restarted cell with
            # the same title, or an empty one, carries on the node above too.
            same = title == current.title or (title == "" and kind is NodeKind.ITEM)
            empty_restart = title == "" and self._after_header
            if (same and (merge == "" or self._after_header)) or empty_restart:
                return current
        node = Node(kind, title)
        parent.children.append(node)
        return node

    def _standard(self, standard_tc: etree._Element, result_tc: etree._Element) -> Node:
        lines = _cell_lines(standard_tc)
        unit = ""
        if lines and (match := _UNIT_LINE.match(lines[-1])):
            unit = "" if match.group(1) == "未指派" else match.group(1)
            lines = lines[:-1]
        row = Node(NodeKind.STANDARD, "\n".join(lines), unit=unit)
        if self.results:
            row.result = self._result(result_tc)
            row.status = Status.DRAFT if row.result else Status.EMPTY
        return row

    def _result(self, tc: etree._Element) -> list[Paragraph]:
        lines: list[str] = []
        word_levels: list[int | None] = []
        for p in _cell_paragraphs(tc):
            level = self.numbering.level_of(p)
            for line in p.text.split("\n"):
                if line.strip():
                    lines.append(line.replace("\t", " ").rstrip())
                    word_levels.append(level)
        if lines == [EMPTY_MARK]:
            return []
        parsed = parse_paragraphs(lines)
        paragraphs = [
            Paragraph(line.strip(), level) if level is not None else p
            for p, line, level in zip(parsed, lines, word_levels, strict=True)
        ]
        return _drop_matching_literals(paragraphs)


def _drop_matching_literals(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """A literal marker that is just the computed one written another way ('甲、 ') goes."""
    if not any(p.literal for p in paragraphs):
        return paragraphs
    computed = list_markers(paragraphs)
    return [
        Paragraph(p.text, p.level) if p.literal and _SPACE.sub("", p.literal) == marker else p
        for p, marker in zip(paragraphs, computed, strict=True)
    ]


_GRID_BEFORE = etree.XPath("w:trPr/w:gridBefore", namespaces=_NS)


def _row_cells(tr: etree._Element) -> list[tuple[int, int, str, etree._Element]]:
    """(grid column, span, vMerge 'restart'/'continue'/'', tc) for each cell of a row."""
    before = _GRID_BEFORE(tr)
    column = int(_val(before[0]) or 0) if before else 0
    out = []
    tag_tc, tag_props, tag_span, tag_merge = f"{W}tc", f"{W}tcPr", f"{W}gridSpan", f"{W}vMerge"
    for tc in _unwrap_blocks(tr):
        if tc.tag != tag_tc:
            continue
        span, merge = 1, ""
        props = tc[0] if len(tc) and tc[0].tag == tag_props else None  # tcPr comes first
        for prop in props if props is not None else ():
            if prop.tag == tag_span:
                span = int(_val(prop) or 1)
            elif prop.tag == tag_merge:
                merge = "restart" if _val(prop) == "restart" else "continue"
        out.append((column, span, merge, tc))
        column += span
    return out


def _is_header(cells: list[tuple[int, int, str, etree._Element]], first: str | None) -> bool:
    if first is None or len(cells) != len(HEADER_TEXTS) or _normalise(first) != HEADER_TEXTS[0]:
        return False
    return [_normalise(_cell_text(c[3])) for c in cells] == [_normalise(h) for h in HEADER_TEXTS]


@dataclass(slots=True)
class _CellParagraph:
    """A paragraph's visible text and its Word numbering, read in one pass over the cell."""

    parts: list[str] = field(default_factory=list)
    num_id: str | None = None
    ilvl: str | None = None
    style: str | None = None

    @property
    def text(self) -> str:
        return "".join(self.parts)


_DELETED = (f"{W}del", f"{W}moveFrom")
_TAG_NUM_ID, _TAG_ILVL, _ATTR_VAL = f"{W}numId", f"{W}ilvl", f"{W}val"
_CELL_TAGS = (f"{W}p", f"{W}t", *_MARKS, _TAG_NUM_ID, _TAG_ILVL, f"{W}pStyle")


def _cell_paragraphs(tc: etree._Element) -> list[_CellParagraph]:
    """Paragraphs of a cell (also in content controls and insertions), walked once in C order.

    The first numId / ilvl / pStyle of a paragraph is its own; later ones sit in a tracked
    formatting change (w:pPrChange) and describe the old state.
    """
    paragraphs: list[_CellParagraph] = []
    current = _CellParagraph()
    tag_p, tag_t, run = f"{W}p", f"{W}t", f"{W}r"
    for node in tc.iter(*_CELL_TAGS):
        tag = node.tag
        if tag == tag_t:
            current.parts.append(node.text or "")
        elif tag == tag_p:
            current = _CellParagraph()
            paragraphs.append(current)
        elif tag in _MARKS:
            parent = node.getparent()  # a run's tab or break, not a tab stop; not in a deletion
            if parent.tag == run and parent.getparent().tag not in _DELETED:
                current.parts.append(_MARKS[tag])
        elif tag == _TAG_NUM_ID:
            current.num_id = current.num_id or node.get(_ATTR_VAL, "")
        elif tag == _TAG_ILVL:
            current.ilvl = current.ilvl or node.get(_ATTR_VAL, "")
        elif current.style is None:
            current.style = node.get(_ATTR_VAL, "")
    return paragraphs


def _cell_lines(tc: etree._Element) -> list[str]:
    lines = []
    for p in _cell_paragraphs(tc):
        lines.extend(line.strip() for line in p.text.split("\n") if line.strip())
    return lines


def _cell_text(tc: etree._Element) -> str:
    return "\n".join(_cell_lines(tc))


def _normalise(text: str) -> str:
    return _SPACE.sub("", text).replace("／", "/")


def _meta_from_lines(lines: list[str]) -> ReportMeta:
    """Metadata from the title and the 機關名稱 / 資料截止日期 lines above the table."""
    meta = ReportMeta()
    title = ""
    for line in lines:
        labelled = _LABELLED.match(line)
        label = _normalise(labelled.group(1)) if labelled else ""
        if label == "機關名稱":
            meta.agency = labelled.group(2).strip()
        elif label == "資料截止日期":
            try:
                meta.cutoff = parse_roc_date(labelled.group(2))
            except ValueError:
                meta.cutoff = None
        elif not title:
            title = line
    match = _TITLE.match(title)
    if match:
        meta.ministry = match.group("ministry").strip()
        meta.roc_year = int(match.group("year"))
        meta.period = Period(match.group("period") or Period.FULL_YEAR)
    if title and title != meta.derived_title:
        meta.title_override = title
    return meta
