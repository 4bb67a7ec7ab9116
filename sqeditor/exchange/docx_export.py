"""The official Word table (.docx), drawn from the shared page layout.

The table is written as WordprocessingML text and parsed once with lxml: python-docx's
``table.cell()`` / ``merge()`` API rebuilds the cell grid on every call and is quadratic.
python-docx still supplies the package, styles, section, footer and properties.
"""

from __future__ import annotations

import functools
import io
import re
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from xml.sax.saxutils import escape

import docx
from docx.oxml.ns import qn
from lxml import etree

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
from sqeditor.exchange.xml_text import xml_text
from sqeditor.model import Report

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_HEADER_FILL = "D9D9D9"
_BODY_MARK = "@@sqeditor-body@@"
_XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_STYLES_WITH_EFFECTS = (
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
)


def export_docx(report: Report, path: Path, options: ExportOptions | None = None) -> None:
    """Write the report as the official Word table."""
    write_docx(build_layout(report, options), path)


def write_docx(layout: PageLayout, path: Path) -> None:
    """Package parts from python-docx; the body is spliced in as text, never parsed again."""
    document = docx.Document()
    _set_styles(document, layout)
    _set_settings(document)
    section = document.sections[0]
    _set_page(section, layout.page)
    _set_footer(section, layout)
    _set_properties(document, layout)
    document.add_paragraph(_BODY_MARK)
    skeleton = etree.tostring(document.element, encoding="unicode")
    mark = re.search(rf"<w:p\b[^>]*>\s*<w:r>\s*<w:t[^>]*>{_BODY_MARK}</w:t>\s*</w:r>\s*</w:p>", skeleton)
    assert mark is not None
    document_xml = (_XML_DECLARATION + skeleton[:mark.start()] + body_xml(layout)
                    + skeleton[mark.end():]).encode("utf-8")
    package = io.BytesIO()
    document.save(package)
    with zipfile.ZipFile(package) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = document_xml if info.filename == "word/document.xml" else source.read(info)
            target.writestr(info.filename, data)


def body_xml(layout: PageLayout) -> str:
    """Title, the two metadata lines and the table, as WordprocessingML text."""
    font = layout.font_family
    return "".join([
        _paragraph_xml(layout.title, font, size_pt=layout.title_pt, bold=True, center=True),
        *(_paragraph_xml(line, font, size_pt=layout.meta_pt) for line in layout.meta_lines),
        _table_xml(layout, font),
    ])


def _text(value: str) -> str:
    """Escaped, without the control characters XML 1.0 forbids (pasted text carries them)."""
    return escape(xml_text(value))


@functools.cache
def _run_props(font: str, middle: str = "") -> str:
    """Fonts in all four slots and the East Asian language, so no theme or ja-JP fallback.

    `middle` holds bold/size elements, which the schema orders between rFonts and lang.
    """
    name = escape(font, {'"': "&quot;"})
    return (f'<w:rFonts w:ascii="{name}" w:hAnsi="{name}" w:eastAsia="{name}" w:cs="{name}"/>'
            f'{middle}<w:lang w:eastAsia="{FONT_LANG}"/>')


def _paragraph_xml(text: str, font: str, *, size_pt: float, bold: bool = False,
                   center: bool = False) -> str:
    size = round(size_pt * 2)
    bold_xml = "<w:b/><w:bCs/>" if bold else ""
    justify = '<w:jc w:val="center"/>' if center else ""
    props = _run_props(font, f'{bold_xml}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>')
    return (f"<w:p><w:pPr>{justify}</w:pPr><w:r><w:rPr>{props}</w:rPr>"
            f'<w:t xml:space="preserve">{_text(text)}</w:t></w:r></w:p>')


def _table_xml(layout: PageLayout, font: str) -> str:
    widths = [mm_to_twips(w) for w in layout.column_widths_mm]
    border = round(BORDER_PT * 8)
    edges = "".join(
        f'<w:{edge} w:val="single" w:sz="{border}" w:space="0" w:color="000000"/>'
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    padding = mm_to_twips(CELL_PADDING_MM)
    head = (f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
            f'<w:tblBorders>{edges}</w:tblBorders><w:tblLayout w:type="fixed"/>'
            f'<w:tblCellMar><w:left w:w="{padding}" w:type="dxa"/>'
            f'<w:right w:w="{padding}" w:type="dxa"/></w:tblCellMar>'
            '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" '
            'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>'
            + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths) + "</w:tblGrid>")
    rows = [_row_xml(row, widths, font) for row in layout.rows]
    return head + "".join(rows) + "</w:tbl>"


def _row_xml(row: Row, widths: list[int], font: str) -> str:
    if row.kind is RowKind.HEADER:
        row_props = "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
    elif row.kind is RowKind.SECTION:
        row_props = "<w:trPr><w:cantSplit/></w:trPr>"
    else:
        row_props = ""  # a result longer than a page must be allowed to break
    keep_next = row.kind is not RowKind.BODY
    cells, column = [], 0
    for cell in row.cells:
        width = sum(widths[column:column + cell.span])
        cells.append(_cell_xml(cell, width, font, keep_next))
        column += cell.span
    return f"<w:tr>{row_props}{''.join(cells)}</w:tr>"


def _cell_xml(cell: Cell, width: int, font: str, keep_next: bool) -> str:
    props = [f'<w:tcW w:w="{width}" w:type="dxa"/>']
    if cell.span > 1:
        props.append(f'<w:gridSpan w:val="{cell.span}"/>')
    if cell.merge is Merge.RESTART:
        props.append('<w:vMerge w:val="restart"/>')
    elif cell.merge is Merge.CONTINUE:
        props.append("<w:vMerge/>")
    if cell.shaded:
        props.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{_HEADER_FILL}"/>')
    props.append(f'<w:vAlign w:val="{"center" if cell.valign is VAlign.CENTER else "top"}"/>')
    paragraphs = [_cell_paragraph_xml(p, cell, font, keep_next) for p in cell.paragraphs]
    return f"<w:tc><w:tcPr>{''.join(props)}</w:tcPr>{''.join(paragraphs) or '<w:p/>'}</w:tc>"


def _cell_paragraph_xml(paragraph: CellParagraph, cell: Cell, font: str, keep_next: bool) -> str:
    ppr = "<w:keepNext/>" if keep_next else ""
    if paragraph.marker:
        left = round(paragraph.left_pt * 20)
        hanging = left - round(paragraph.first_line_pt * 20)
        ppr += (f'<w:tabs><w:tab w:val="left" w:pos="{left}"/></w:tabs>'
                f'<w:ind w:left="{left}" w:hanging="{hanging}"/>')
    if cell.align is Align.CENTER:
        ppr += '<w:jc w:val="center"/>'
    rpr = _run_props(font, "<w:b/><w:bCs/>" if cell.bold else "")
    runs = ""
    if paragraph.marker:
        runs = (f'<w:r><w:rPr>{rpr}</w:rPr><w:t xml:space="preserve">{_text(paragraph.marker)}</w:t>'
                "<w:tab/></w:r>")
    if paragraph.text:
        runs += f'<w:r><w:rPr>{rpr}</w:rPr><w:t xml:space="preserve">{_text(paragraph.text)}</w:t></w:r>'
    return f"<w:p><w:pPr>{ppr}</w:pPr>{runs}</w:p>"


def _set_styles(document: docx.document.Document, layout: PageLayout) -> None:
    """Fonts, size and spacing in the defaults; theme fonts stripped (they beat named fonts)."""
    styles = document.styles.element
    for fonts in styles.iter(qn("w:rFonts")):
        for attr in [a for a in fonts.attrib if a.endswith("Theme")]:
            del fonts.attrib[attr]
    defaults = styles.find(qn("w:docDefaults"))
    run_defaults = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    for child in list(run_defaults):
        run_defaults.remove(child)
    size = round(layout.body_pt * 2)
    middle = f'<w:color w:val="000000"/><w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
    props = f'<w:rPr xmlns:w="{W_NS}">{_run_props(layout.font_family, middle)}</w:rPr>'
    run_defaults.extend(etree.fromstring(props))
    para_defaults = defaults.find(qn("w:pPrDefault"))
    if para_defaults is None:
        para_defaults = etree.SubElement(defaults, qn("w:pPrDefault"))
    for child in list(para_defaults):
        para_defaults.remove(child)
    para_defaults.append(etree.fromstring(
        # No automatic gap between Chinese and digits: Qt draws none, and "110年" is written tight.
        f'<w:pPr xmlns:w="{W_NS}"><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>'
        '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'))
    normal = document.styles["Normal"].element
    for spacing in normal.iter(qn("w:spacing")):
        spacing.getparent().remove(spacing)


def _set_settings(document: docx.document.Document) -> None:
    """Drop the template's ja-JP theme language and its styles-with-effects copy."""
    settings = document.settings.element
    for lang in settings.findall(qn("w:themeFontLang")):
        settings.remove(lang)
    part = document.part
    for r_id, rel in list(part.rels.items()):
        if rel.reltype == _STYLES_WITH_EFFECTS:
            part.drop_rel(r_id)


def _set_page(section: docx.section.Section, page: PageSetup) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    section.orientation = WD_ORIENT.LANDSCAPE if page.landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(page.width_mm), Mm(page.height_mm)
    section.top_margin, section.bottom_margin = Mm(page.top_mm), Mm(page.bottom_mm)
    section.left_margin, section.right_margin = Mm(page.left_mm), Mm(page.right_mm)
    section.header_distance, section.footer_distance = Mm(10), Mm(10)


def _set_footer(section: docx.section.Section, layout: PageLayout) -> None:
    """Centred `第 N 頁，共 M 頁` with PAGE and NUMPAGES fields Word and LibreOffice update."""
    run_props = _run_props(layout.font_family)
    before, between, after = layout.footer

    def text(value: str) -> str:
        return f'<w:r><w:rPr>{run_props}</w:rPr><w:t xml:space="preserve">{_text(value)}</w:t></w:r>'

    def field(code: str) -> str:
        run = f"<w:r><w:rPr>{run_props}</w:rPr>"
        return (f'{run}<w:fldChar w:fldCharType="begin"/></w:r>'
                f'{run}<w:instrText xml:space="preserve"> {code} </w:instrText></w:r>'
                f'{run}<w:fldChar w:fldCharType="separate"/></w:r>{text("1")}'
                f'{run}<w:fldChar w:fldCharType="end"/></w:r>')

    footer = section.footer
    footer.is_linked_to_previous = False
    element = footer._element
    for paragraph in element.findall(qn("w:p")):
        element.remove(paragraph)
    element.append(etree.fromstring(
        f'<w:p xmlns:w="{W_NS}"><w:pPr><w:jc w:val="center"/></w:pPr>'
        f'{text(before)}{field("PAGE")}{text(between)}{field("NUMPAGES")}{text(after)}</w:p>'))


def _set_properties(document: docx.document.Document, layout: PageLayout) -> None:
    props = document.core_properties
    props.title = layout.title
    props.author = props.last_modified_by = layout.author
    props.comments = ""
    props.revision = 1
    props.created = props.modified = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
    for part in document.part.package.iter_parts():
        if part.partname == "/docProps/app.xml":
            company = f"<Company>{escape(layout.author)}</Company>".encode()
            part._blob = part.blob.replace(b"<Company/>", company).replace(
                b"Microsoft Macintosh Word", b"sqeditor")
