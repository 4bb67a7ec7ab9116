"""One description of the official table, built from a report, drawn by Word and by Qt alike.

Both renderers (``docx_export`` and ``sqeditor.printing``) consume a :class:`PageLayout`,
so the Word file, the PDF and the printed page cannot drift apart: texts, markers, merges,
widths, indents and page setup are decided here once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum

from sqeditor.exchange.export_mark import EXPORT_ID_PROPERTY, REPORT_ID_PROPERTY
from sqeditor.exchange.formats import ExportOptions
from sqeditor.model import Node, Report, format_roc_date, section_label
from sqeditor.model.numbering import list_numbers, marker_for

FONT_FAMILY = "標楷體"
FONT_LANG = "zh-TW"
BODY_PT = 12.0
TITLE_PT = 16.0
META_PT = 14.0
HEADER_TEXTS = ("評核項目", "評核指標", "次評核指標/參考標準", "評核結果說明")
COLUMN_WIDTHS_MM = (24.0, 28.0, 46.0, 76.0)  # sums to the 174 mm text width of A4 portrait
BORDER_PT = 0.5
CELL_PADDING_MM = 1.9  # Word's default left/right cell margin (108 twips)
EMPTY_MARK = "（未填）"
# Hanging indents in characters of the body font: (first-line start, wrapped-line start).
# Each hanging width leaves room after the widest usual marker ("10.", "(10)", "甲、"): a
# marker that fills it exactly pushes the text to the next tab stop in Word, LibreOffice and Qt.
INDENT_CHARS = {0: (0.0, 0.0), 1: (0.0, 2.0), 2: (2.0, 4.5), 3: (4.5, 7.0)}


class Align(Enum):
    LEFT = "left"
    CENTER = "center"


class VAlign(Enum):
    TOP = "top"
    CENTER = "center"


class Merge(Enum):
    """A cell's part in a vertical merge."""

    NONE = "none"
    RESTART = "restart"  # first cell of a merged run (row_span says how many rows)
    CONTINUE = "continue"  # covered by the cell above


class RowKind(Enum):
    HEADER = "header"
    SECTION = "section"
    BODY = "body"


@dataclass(frozen=True)
class PageSetup:
    """Paper and margins in millimetres."""

    width_mm: float = 210.0
    height_mm: float = 297.0
    top_mm: float = 20.0
    bottom_mm: float = 20.0
    left_mm: float = 18.0
    right_mm: float = 18.0
    landscape: bool = False

    @property
    def text_width_mm(self) -> float:
        return self.width_mm - self.left_mm - self.right_mm

    @property
    def text_height_mm(self) -> float:
        return self.height_mm - self.top_mm - self.bottom_mm


@dataclass(slots=True)
class CellParagraph:
    """A paragraph in a cell: its list marker (drawn before the text) and indents in points.

    Not frozen: a frozen dataclass sets each field through object.__setattr__, a quarter of
    the layout's time for 2,000 rows.
    """

    text: str
    marker: str = ""
    level: int = 0
    left_pt: float = 0.0  # where wrapped lines start
    first_line_pt: float = 0.0  # where the first line starts (marker included)


@dataclass(slots=True)
class Cell:
    paragraphs: list[CellParagraph]
    span: int = 1  # grid columns covered
    merge: Merge = Merge.NONE
    row_span: int = 1  # rows covered, counted on the RESTART cell
    align: Align = Align.LEFT
    valign: VAlign = VAlign.CENTER
    bold: bool = False
    shaded: bool = False

    @property
    def text(self) -> str:
        return "\n".join(p.marker + p.text for p in self.paragraphs)


@dataclass
class Row:
    kind: RowKind
    cells: list[Cell]
    node_id: str = ""  # the standard row a body row shows (the Word revisions find it by this)


@dataclass
class PageLayout:
    """Everything a renderer needs: page, texts above the table, the table, footer, properties."""

    page: PageSetup
    title: str
    meta_lines: list[str]
    column_widths_mm: list[float]
    rows: list[Row] = field(default_factory=list)
    author: str = ""
    font_family: str = FONT_FAMILY
    body_pt: float = BODY_PT
    title_pt: float = TITLE_PT
    meta_pt: float = META_PT
    footer: tuple[str, str, str] = ("第 ", " 頁，共 ", " 頁")  # text around PAGE and NUMPAGES
    # the report id and export id a Word file carries, so that it merges when it comes back
    custom_properties: dict[str, str] = field(default_factory=dict)


def build_layout(report: Report, options: ExportOptions | None = None) -> PageLayout:
    """The official table for a report, filtered and marked as the options ask."""
    options = options or ExportOptions()
    page = _page_setup(options.landscape)
    scale = page.text_width_mm / sum(COLUMN_WIDTHS_MM)
    meta = report.meta
    cutoff = format_roc_date(meta.cutoff) if meta.cutoff else ""
    layout = PageLayout(
        page=page,
        title=meta.title,
        meta_lines=[f"機關名稱：{meta.agency}", f"資料截止日期：{cutoff}"],
        column_widths_mm=[round(w * scale, 2) for w in COLUMN_WIDTHS_MM],
        author=meta.agency,
        custom_properties={REPORT_ID_PROPERTY: report.id}
        | ({EXPORT_ID_PROPERTY: options.export_id} if options.export_id else {}),
    )
    layout.rows.append(_header_row())
    for index, section in enumerate(report.sections):
        if options.sections and index not in options.sections:
            continue
        body = list(_section_rows(section, options))
        if body or not options.unit:
            layout.rows.append(_section_row(section_label(index, section.title)))
            layout.rows.extend(body)
    return layout


def _page_setup(landscape: bool) -> PageSetup:
    if landscape:
        return PageSetup(width_mm=297.0, height_mm=210.0, landscape=True)
    return PageSetup()


def _header_row() -> Row:
    cells = [Cell([CellParagraph(t)], align=Align.CENTER, bold=True, shaded=True) for t in HEADER_TEXTS]
    return Row(RowKind.HEADER, cells)


def _section_row(label: str) -> Row:
    return Row(RowKind.SECTION, [Cell([CellParagraph(label)], span=4, bold=True)])


def _section_rows(section: Node, options: ExportOptions) -> Iterator[Row]:
    """Body rows of one section; item and indicator cells merged down their rows."""
    for item in section.children:
        item_rows = [
            (indicator, row)
            for indicator in item.children
            for row in indicator.children
            if not options.unit or row.unit == options.unit
        ]
        per_indicator = Counter(id(indicator) for indicator, _ in item_rows)
        for position, (indicator, row) in enumerate(item_rows):
            first_of_indicator = position == 0 or item_rows[position - 1][0] is not indicator
            yield Row(RowKind.BODY, [
                _merged_cell(item.title, position == 0, len(item_rows)),
                _merged_cell(indicator.title, first_of_indicator, per_indicator[id(indicator)]),
                Cell(_standard_paragraphs(row, options.draft)),
                Cell(_result_paragraphs(row, options.draft), valign=VAlign.TOP),
            ], row.id)


def _merged_cell(title: str, first: bool, row_span: int) -> Cell:
    if not first:
        return Cell([], merge=Merge.CONTINUE)
    # Always a restart, even over one row: Word's own tables do so, and an import can count them.
    return Cell([CellParagraph(title)], merge=Merge.RESTART, row_span=row_span)


def _standard_paragraphs(row: Node, draft: bool) -> list[CellParagraph]:
    paragraphs = [CellParagraph(line) for line in row.title.split("\n")]
    if draft:
        paragraphs.append(CellParagraph(f"（承辦單位：{row.unit or '未指派'}）"))
    return paragraphs


def _result_paragraphs(row: Node, draft: bool) -> list[CellParagraph]:
    """Result paragraphs with computed markers and hanging indents (see docs/word-layout.md)."""
    if not row.result:
        return [CellParagraph(EMPTY_MARK if draft else "")]
    levels = [p.level for p in row.result]
    out = []
    for paragraph, number in zip(row.result, list_numbers(levels), strict=True):
        first, wrapped = INDENT_CHARS[paragraph.level]
        out.append(CellParagraph(
            text=paragraph.text,
            marker=marker_for(paragraph.level, number),
            level=paragraph.level,
            left_pt=wrapped * BODY_PT,
            first_line_pt=first * BODY_PT,
        ))
    return out


def mm_to_twips(mm: float) -> int:
    """Word's unit: a twentieth of a point."""
    return round(mm * 1440 / 25.4)
