"""The official Word table (.docx), drawn from the shared page layout.

python-docx supplies the package, styles, section, footer and properties through its public API;
the title, metadata lines and table are lxml elements appended to its body, and the file is
written once by ``Document.save``. The table is not built with ``table.cell()`` / ``merge()``:
they rebuild the cell grid on every call and are quadratic in the rows.
"""

from __future__ import annotations

import copy
import gc
import io
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement, parse_xml
from docx.section import Section
from docx.shared import Mm
from lxml import etree

from sqeditor.exchange.docx_custom_properties import set_custom_properties
from sqeditor.exchange.docx_tracked_changes import mark_revisions
from sqeditor.exchange.formats import ExportOptions
from sqeditor.exchange.layout import (
    BORDER_PT,
    CELL_PADDING_MM,
    FONT_LANG,
    Align,
    Cell,
    CellParagraph,
    Merge,
    PageLayout,
    PageSetup,
    Row,
    RowKind,
    VAlign,
    build_layout,
    mm_to_twips,
)
from sqeditor.exchange.revision_pieces import Version
from sqeditor.exchange.xml_text import xml_text
from sqeditor.model import Report

_HEADER_FILL = "D9D9D9"
_TEXT = qn("w:t")
_PRESERVE = {"{http://www.w3.org/XML/1998/namespace}space": "preserve"}
_APP_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
# Windows' name for 標楷體, and the Big5 character set Word records for it.
_FONT_ALT_NAMES = {"標楷體": "DFKai-SB"}
_BIG5_CHARSET = "88"
# Template parts the report never uses: a blank preview picture, a Japanese theme and font
# table, and Word 2010's styles copy.
_DROPPED_DOCUMENT_RELS = (
    RT.THEME,
    RT.FONT_TABLE,
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
)


def export_docx(report: Report, path: Path, options: ExportOptions | None = None) -> None:
    """Write the report as the official Word table; rows with versions in the options show
    them as tracked changes."""
    with _collector_paused():
        write_docx(build_layout(report, options), path, options.revisions if options else {})


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Cyclic garbage collection paused while the layout and the document are built.

    They allocate a few hundred thousand short-lived objects (layout cells, lxml proxies), which
    set off collection passes over the whole heap that free nothing: a third of the export's
    time for 2,000 rows (benchmarks/bench_docx.py). Cycles left behind (python-docx's package
    graph) are collected on the next pass after the export.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def write_docx(layout: PageLayout, path: Path,
               revisions: Mapping[str, Sequence[Version]] | None = None) -> None:
    """Build the document on python-docx's default package and save it once; results with
    versions are written as tracked changes."""
    document = docx.Document()
    _set_styles(document, layout)
    _set_settings(document)
    _set_package_parts(document, layout)
    section = document.sections[0]
    _set_page(section, layout.page)
    _set_footer(section, layout)
    _set_properties(document, layout)
    add_body(document, layout)
    if revisions:
        mark_revisions(document, layout, revisions)
    save_document(document, path)


def save_document(document: Document, path: Path) -> None:
    """Zip the package in memory, then write it in one go: python-docx leaves its zip open when
    a write fails (a full disk), and Windows cannot delete a file still open."""
    buffer = io.BytesIO()
    document.save(buffer)
    Path(path).write_bytes(buffer.getbuffer())


def add_body(document: Document, layout: PageLayout) -> None:
    """Title, the two metadata lines and the table, before the body's section properties."""
    end = document.element.body.sectPr  # stays the body's last child
    font = layout.font_family
    end.addprevious(_heading(layout.title, font, size_pt=layout.title_pt, bold=True, center=True))
    for line in layout.meta_lines:
        end.addprevious(_heading(line, font, size_pt=layout.meta_pt))
    table = _Table(layout)
    element = table.element()
    end.addprevious(element)
    # Rows are added once the table is in the document, so each copied piece moves only once.
    for row in layout.rows:
        table.add_row(element, row)


def _sub(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    """A `w:` child with `w:` attributes, appended to parent."""
    return etree.SubElement(parent, qn(f"w:{tag}"), {qn(f"w:{k}"): v for k, v in attrs.items()})


def _run_props(font: str, *, bold: bool = False, size_pt: float | None = None,
               color: bool = False) -> etree._Element:
    """Fonts in all four slots and the East Asian language, so no theme or ja-JP fallback.

    Children in the order the schema asks: rFonts, b, bCs, color, sz, szCs, lang.
    """
    props = OxmlElement("w:rPr")
    _sub(props, "rFonts", ascii=font, hAnsi=font, eastAsia=font, cs=font)
    if bold:
        _sub(props, "b")
        _sub(props, "bCs")
    if color:
        _sub(props, "color", val="000000")
    if size_pt is not None:
        _sub(props, "sz", val=str(round(size_pt * 2)))
        _sub(props, "szCs", val=str(round(size_pt * 2)))
    _sub(props, "lang", eastAsia=FONT_LANG)
    return props


def _run(paragraph: etree._Element, props: etree._Element, text: str) -> etree._Element:
    run = _sub(paragraph, "r")
    run.append(copy.deepcopy(props))
    _set_text(etree.SubElement(run, _TEXT, _PRESERVE), text)
    return run


def _heading(text: str, font: str, *, size_pt: float, bold: bool = False,
             center: bool = False) -> etree._Element:
    paragraph = OxmlElement("w:p")
    if center:
        _sub(_sub(paragraph, "pPr"), "jc", val="center")
    _run(paragraph, _run_props(font, bold=bold, size_pt=size_pt), text)
    return paragraph


class _Table:
    """The four-column table, each row copied from a prototype of its shape.

    A report has a few dozen distinct row shapes (spans, merges, list levels) and thousands of
    rows: each shape is built once with element makers and deep-copied (in C) for every row of
    that shape, and only the texts are set. Building every element anew took four times as long.
    """

    def __init__(self, layout: PageLayout) -> None:
        self.widths = [mm_to_twips(w) for w in layout.column_widths_mm]
        self.run_props = {bold: _run_props(layout.font_family, bold=bold) for bold in (False, True)}
        self.prototypes: dict[tuple, etree._Element] = {}

    def element(self) -> etree._Element:
        """The table's properties and grid, without rows."""
        table = OxmlElement("w:tbl")
        props = _sub(table, "tblPr")
        _sub(props, "tblW", w=str(sum(self.widths)), type="dxa")
        borders = _sub(props, "tblBorders")
        size = str(round(BORDER_PT * 8))
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
            _sub(borders, edge, val="single", sz=size, space="0", color="000000")
        _sub(props, "tblLayout", type="fixed")
        margins = _sub(props, "tblCellMar")
        padding = str(mm_to_twips(CELL_PADDING_MM))
        _sub(margins, "left", w=padding, type="dxa")
        _sub(margins, "right", w=padding, type="dxa")
        _sub(props, "tblLook", val="04A0", firstRow="1", lastRow="0", firstColumn="0",
             lastColumn="0", noHBand="0", noVBand="1")
        grid = _sub(table, "tblGrid")
        for width in self.widths:
            _sub(grid, "gridCol", w=str(width))
        return table

    def add_row(self, table: etree._Element, row: Row) -> None:
        # The shape holds plain values: hashing the enums themselves runs Python code per cell.
        shape: list[tuple] = [(row.kind is RowKind.HEADER, row.kind is RowKind.SECTION)]
        texts = []
        for cell in row.cells:
            shape.append((cell.span, cell.merge is Merge.RESTART, cell.merge is Merge.CONTINUE,
                          cell.shaded, cell.valign is VAlign.TOP, cell.align is Align.CENTER, cell.bold))
            for p in cell.paragraphs:
                shape.append((p.left_pt, p.first_line_pt, bool(p.marker), bool(p.text)))
                if p.marker:
                    texts.append(p.marker)
                if p.text:
                    texts.append(p.text)
        key = tuple(shape)
        prototype = self.prototypes.get(key)
        if prototype is None:
            prototype = self.prototypes[key] = self.new_row(row)
        element = copy.copy(prototype)
        table.append(element)
        for target, text in zip(element.iter(_TEXT), texts, strict=True):
            _set_text(target, text)

    def new_row(self, row: Row) -> etree._Element:
        """`w:tr` with its cells, paragraphs and runs, texts left empty."""
        element = OxmlElement("w:tr")
        if row.kind is not RowKind.BODY:  # a result longer than a page must be allowed to break
            props = _sub(element, "trPr")
            _sub(props, "cantSplit")
            if row.kind is RowKind.HEADER:
                _sub(props, "tblHeader")
        keep_next = row.kind is not RowKind.BODY
        column = 0
        for cell in row.cells:
            self.new_cell(element, cell, sum(self.widths[column:column + cell.span]), keep_next)
            column += cell.span
        return element

    def new_cell(self, row: etree._Element, cell: Cell, width: int, keep_next: bool) -> None:
        element = _sub(row, "tc")
        props = _sub(element, "tcPr")
        _sub(props, "tcW", w=str(width), type="dxa")
        if cell.span > 1:
            _sub(props, "gridSpan", val=str(cell.span))
        if cell.merge is Merge.RESTART:
            _sub(props, "vMerge", val="restart")
        elif cell.merge is Merge.CONTINUE:
            _sub(props, "vMerge")
        if cell.shaded:
            _sub(props, "shd", val="clear", color="auto", fill=_HEADER_FILL)
        _sub(props, "vAlign", val="center" if cell.valign is VAlign.CENTER else "top")
        for paragraph in cell.paragraphs:
            self.new_paragraph(element, paragraph, cell, keep_next)
        if not cell.paragraphs:
            _sub(element, "p")  # a cell must end with a paragraph

    def new_paragraph(self, cell_element: etree._Element, paragraph: CellParagraph, cell: Cell,
                      keep_next: bool) -> None:
        element = _sub(cell_element, "p")
        props = _sub(element, "pPr")
        if keep_next:
            _sub(props, "keepNext")
        if paragraph.marker:
            left = round(paragraph.left_pt * 20)
            hanging = left - round(paragraph.first_line_pt * 20)
            _sub(_sub(props, "tabs"), "tab", val="left", pos=str(left))
            _sub(props, "ind", left=str(left), hanging=str(hanging))
        if cell.align is Align.CENTER:
            _sub(props, "jc", val="center")
        if paragraph.marker or paragraph.text:
            # One run: the marker, a tab to the hanging indent, the text.
            run = _sub(element, "r")
            run.append(copy.deepcopy(self.run_props[cell.bold]))
            if paragraph.marker:
                etree.SubElement(run, _TEXT, _PRESERVE)
                _sub(run, "tab")
            if paragraph.text:
                etree.SubElement(run, _TEXT, _PRESERVE)


def _set_text(element: etree._Element, text: str) -> None:
    """Text as typed, or without the control characters XML 1.0 forbids (lxml refuses them)."""
    try:
        element.text = text
    except ValueError:
        element.text = xml_text(text)


def _set_styles(document: Document, layout: PageLayout) -> None:
    """Fonts, size and spacing in the defaults; theme fonts stripped (they beat named fonts)."""
    styles = document.styles.element
    for fonts in styles.iter(qn("w:rFonts")):
        for attr in [a for a in fonts.attrib if a.endswith("Theme")]:
            del fonts.attrib[attr]
    defaults = styles.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault"))
    for child in list(run_defaults):
        run_defaults.remove(child)
    run_defaults.append(_run_props(layout.font_family, color=True, size_pt=layout.body_pt))
    para_defaults = defaults.find(qn("w:pPrDefault"))
    if para_defaults is None:
        para_defaults = _sub(defaults, "pPrDefault")
    for child in list(para_defaults):
        para_defaults.remove(child)
    props = _sub(para_defaults, "pPr")
    # No automatic gap between Chinese and digits: Qt draws none, and "110年" is written tight.
    _sub(props, "autoSpaceDE", val="0")
    _sub(props, "autoSpaceDN", val="0")
    _sub(props, "spacing", before="0", after="0", line="240", lineRule="auto")
    normal = document.styles["Normal"].element
    for spacing in normal.iter(qn("w:spacing")):
        spacing.getparent().remove(spacing)


def _set_settings(document: Document) -> None:
    """Drop the template's ja-JP theme language."""
    settings = document.settings.element
    for lang in settings.findall(qn("w:themeFontLang")):
        settings.remove(lang)


def _set_package_parts(document: Document, layout: PageLayout) -> None:
    """Drop the template's unused parts; a font table naming the report's font instead."""
    part = document.part
    for r_id, rel in list(part.rels.items()):
        if rel.reltype in _DROPPED_DOCUMENT_RELS:
            part.drop_rel(r_id)
    package = part.package
    for r_id, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package.rels[r_id]
    fonts = OxmlElement("w:fonts")
    font = _sub(fonts, "font", name=layout.font_family)
    if layout.font_family in _FONT_ALT_NAMES:
        _sub(font, "altName", val=_FONT_ALT_NAMES[layout.font_family])
        _sub(font, "charset", val=_BIG5_CHARSET)
    _sub(font, "family", val="script")
    _sub(font, "pitch", val="fixed")
    table = XmlPart(PackURI("/word/fontTable.xml"), CT.WML_FONT_TABLE, fonts, package)
    part.relate_to(table, RT.FONT_TABLE)


def _set_page(section: Section, page: PageSetup) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if page.landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(page.width_mm), Mm(page.height_mm)
    section.top_margin, section.bottom_margin = Mm(page.top_mm), Mm(page.bottom_mm)
    section.left_margin, section.right_margin = Mm(page.left_mm), Mm(page.right_mm)
    section.header_distance, section.footer_distance = Mm(10), Mm(10)


def _set_footer(section: Section, layout: PageLayout) -> None:
    """Centred `第 N 頁，共 M 頁` with PAGE and NUMPAGES fields Word and LibreOffice update."""
    footer = section.footer
    footer.is_linked_to_previous = False
    element = footer.part.element
    for old in element.findall(qn("w:p")):
        element.remove(old)
    paragraph = _sub(element, "p")
    _sub(_sub(paragraph, "pPr"), "jc", val="center")
    props = _run_props(layout.font_family)
    before, between, after = layout.footer

    def field(code: str) -> None:
        _field_char(paragraph, props, "begin")
        instruction = _sub(paragraph, "r")
        instruction.append(copy.deepcopy(props))
        etree.SubElement(instruction, qn("w:instrText"), _PRESERVE).text = f" {code} "
        _field_char(paragraph, props, "separate")
        _run(paragraph, props, "1")
        _field_char(paragraph, props, "end")

    _run(paragraph, props, before)
    field("PAGE")
    _run(paragraph, props, between)
    field("NUMPAGES")
    _run(paragraph, props, after)


def _field_char(paragraph: etree._Element, props: etree._Element, kind: str) -> None:
    run = _sub(paragraph, "r")
    run.append(copy.deepcopy(props))
    _sub(run, "fldChar", fldCharType=kind)


def _set_properties(document: Document, layout: PageLayout) -> None:
    """Core properties through python-docx; the company and program in a new app.xml part."""
    props = document.core_properties
    props.title = layout.title
    props.author = props.last_modified_by = layout.author
    props.comments = ""
    props.revision = 1
    props.created = props.modified = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
    package = document.part.package
    set_custom_properties(package, layout.custom_properties)
    for r_id, rel in list(package.rels.items()):
        if rel.reltype != RT.EXTENDED_PROPERTIES:
            continue
        app = parse_xml(rel.target_part.blob)
        for name, value in (("Company", layout.author), ("Application", "sqeditor")):
            element = app.find(_APP_NS + name)
            if element is None:
                element = etree.SubElement(app, _APP_NS + name)
            element.text = xml_text(value)
        del package.rels[r_id]
        package.relate_to(XmlPart(rel.target_part.partname, CT.OFC_EXTENDED_PROPERTIES, app, package),
                          RT.EXTENDED_PROPERTIES)
