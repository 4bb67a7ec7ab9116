"""Excel export: the official table's merges and print setup, the progress and detail sheets."""

from datetime import datetime
from pathlib import Path
from zipfile import ZipFile

import pytest
from lxml import etree
from openpyxl import load_workbook
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

from sqeditor.cli import main
from sqeditor.errors import SqeditorError
from sqeditor.exchange.formats import ExportOptions
from sqeditor.exchange.xlsx_export import export_xlsx
from sqeditor.exchange.xlsx_text_size import height_for
from sqeditor.file_formats import write_report
from sqeditor.model import Paragraph, Report, Status, section_label
from sqeditor.model.numbering import render_paragraphs
from sqeditor.rules.engine import Checker


@pytest.fixture
def assigned_report(sample_report: Report) -> Report:
    """The sample with units, statuses and an editor set on some rows, and one row emptied."""
    rows = list(sample_report.rows())
    sample_report.units = ["秘書室", "資訊室"]
    for index, row in enumerate(rows):
        row.unit = sample_report.units[index % 2] if index < 40 else ""
        row.status = [Status.DRAFT, Status.REVIEW, Status.DONE][index % 3]
    rows[0].result = []
    rows[0].status = Status.EMPTY
    rows[1].edited_by = "王小明"
    rows[1].edited_at = datetime(2021, 12, 1, 9, 30)
    return sample_report


def export(report: Report, tmp_path: Path, **options) -> Path:
    path = tmp_path / "out.xlsx"
    write_report(report, path, ExportOptions(**options))
    return path


def test_results_sheet_is_the_word_table(sample_report: Report, tmp_path: Path) -> None:
    ws = load_workbook(export(sample_report, tmp_path))["評核結果"]
    assert ws["A1"].value == sample_report.meta.title
    assert ws["A2"].value == "機關名稱：經濟部工業局"
    assert ws["A3"].value == "資料截止日期：110年12月10日"
    assert [c.value for c in ws[4]][:4] == ["評核項目", "評核指標", "次評核指標/參考標準", "評核結果說明"]
    assert ws["A5"].value == "一、基礎服務"
    assert "A5:D5" in {str(r) for r in ws.merged_cells.ranges}
    first = sample_report.sections[0].children[0]  # 服務一致及正確性: 3 indicators of 1 row each
    assert ws["A6"].value == first.title
    assert "A6:A8" in {str(r) for r in ws.merged_cells.ranges}
    standard = first.children[0].children[0]
    assert ws["C6"].value == standard.title
    assert ws["D6"].value.split("\n") == render_paragraphs(standard.result)
    assert ws["D6"].alignment.wrap_text and ws["D6"].alignment.vertical == "top"
    assert ws["C6"].alignment.vertical == "center"
    assert ws["D6"].border.left.style == "thin"
    assert ws.row_dimensions[6].height > 100  # a long result gets its height written


def test_results_sheet_prints_a4_with_the_header_repeated(sample_report: Report, tmp_path: Path) -> None:
    ws = load_workbook(export(sample_report, tmp_path))["評核結果"]
    rows = sum(1 for _ in sample_report.rows()) + len(sample_report.sections)
    assert ws.freeze_panes == "A5"
    assert ws.print_title_rows == "$4:$4"
    assert ws.print_area == f"'評核結果'!$A$1:$D${4 + rows}"
    assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4
    assert ws.page_setup.orientation == "portrait"
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.fitToWidth in (None, 1) and ws.page_setup.fitToHeight == 0  # absent means 1
    assert ws.oddFooter.center.text == "第 &P 頁，共 &N 頁"
    widths = [ws.column_dimensions[c].width for c in "ABCD"]
    assert widths == sorted(widths)  # 評核結果說明 widest, as in the Word table


def test_progress_sheet_counts_per_unit(assigned_report: Report, tmp_path: Path) -> None:
    ws = load_workbook(export(assigned_report, tmp_path))["進度"]
    table = {line[0]: line[1:] for line in ws.iter_rows(min_row=2, values_only=True)}
    assert [c.value for c in ws[1]] == ["承辦單位", "指派列數", "未填", "草稿", "待審", "完成", "已寫字數",
                                        "待處理問題"]
    rows = list(assigned_report.rows())
    secretariat = [r for r in rows if r.unit == "秘書室"]
    found = Checker.for_report(assigned_report).check_report(assigned_report)
    assert table["秘書室"] == (
        20, 1, *(sum(1 for r in secretariat if r.status is s) for s in list(Status)[1:]),
        sum(r.char_count for r in secretariat),
        sum(1 for f in found if f.node_id in {r.id for r in secretariat}))
    assert table["（未指派）"][0] == 7
    assert table["合計"][0] == 47 and table["合計"][1] == 1
    assert table["合計"][5] == sum(r.char_count for r in rows)
    assert table["合計"][6] == sum(1 for f in found if f.node_id in {r.id for r in rows}) > 0


def test_detail_sheet_is_a_filterable_table(assigned_report: Report, tmp_path: Path) -> None:
    ws = load_workbook(export(assigned_report, tmp_path))["明細"]
    header = [c.value for c in ws[1]]
    assert header == ["構面", "評核項目", "評核指標", "次評核指標/參考標準", "承辦單位", "狀態", "字數",
                      "最後編輯者", "最後編輯時間", "待處理問題"]
    (table,) = ws.tables.values()
    assert table.ref == "A1:J48"
    assert table.autoFilter is not None and table.autoFilter.ref == "A1:J48"
    line = [c.value for c in ws[3]]
    assert line[0] == "一、基礎服務" and line[5] == "待審"
    assert line[7:9] == ["王小明", datetime(2021, 12, 1, 9, 30)]
    assert ws["G2"].value == 0 and ws["F2"].value == "未填"


def test_findings_given_by_the_caller_are_used(assigned_report: Report, tmp_path: Path) -> None:
    rows = list(assigned_report.rows())
    path = tmp_path / "given.xlsx"
    export_xlsx(assigned_report, path, ExportOptions(), findings={rows[0].id: 3, rows[2].id: 1})
    detail = load_workbook(path)["明細"]
    assert [line[9] for line in detail.iter_rows(min_row=2, max_row=4, values_only=True)] == [3, 0, 1]


def test_options_select_sections_and_a_unit(assigned_report: Report, tmp_path: Path) -> None:
    ws = load_workbook(export(assigned_report, tmp_path, sections=[1], unit="資訊室"))["評核結果"]
    assert ws["A5"].value == "二、服務遞送"  # numbered as in the whole report
    units = {row[4] for row in ws.iter_rows(min_row=6, values_only=True) if row[2]}
    assert units == {"資訊室"}
    wanted = [r for r in assigned_report.sections[1].rows() if r.unit == "資訊室"]
    assert [row[2] for row in ws.iter_rows(min_row=6, values_only=True)] == [r.title for r in wanted]


def test_draft_marks_empty_results_and_prints_units(assigned_report: Report, tmp_path: Path) -> None:
    plain = load_workbook(export(assigned_report, tmp_path))["評核結果"]
    assert plain["D6"].value is None  # empty stays empty
    draft = load_workbook(export(assigned_report, tmp_path, draft=True))["評核結果"]
    assert draft["D6"].value == "（未填）"
    assert draft.print_area.endswith("$F$56")


def test_levels_are_written_as_computed_markers(sample_report: Report, tmp_path: Path) -> None:
    row = next(sample_report.rows())
    row.result = [Paragraph("甲", 1), Paragraph("乙", 2), Paragraph("丙", 2), Paragraph("丁", 1),
                  Paragraph("說明", 0)]
    ws = load_workbook(export(sample_report, tmp_path))["評核結果"]
    assert ws["D6"].value == "1. 甲\n(1) 乙\n(2) 丙\n2. 丁\n說明"


def test_control_characters_pasted_from_word_are_dropped(sample_report: Report, tmp_path: Path) -> None:
    row = next(sample_report.rows())
    row.title = "訂定\x0b標準\x07流程"
    row.result = [Paragraph("第一點\x0b續", 1)]
    ws = load_workbook(export(sample_report, tmp_path))["評核結果"]
    assert (ws["C6"].value, ws["D6"].value) == ("訂定標準流程", "1. 第一點續")


def test_what_xml_cannot_hold_is_dropped_and_astral_characters_are_kept(sample_report: Report,
                                                                        tmp_path: Path) -> None:
    row = next(sample_report.rows())
    row.result = [Paragraph("𠀋之\ufffe半\ud840個\uffff字", 1)]
    ws = load_workbook(export(sample_report, tmp_path))["評核結果"]
    assert ws["D6"].value == "1. 𠀋之半個字"


def test_a_row_is_never_taller_than_excel_allows(sample_report: Report, tmp_path: Path) -> None:
    next(sample_report.rows()).result = [Paragraph(f"第 {n} 點", 1) for n in range(60)]
    ws = load_workbook(export(sample_report, tmp_path))["評核結果"]
    assert 408.5 <= ws.row_dimensions[6].height <= 409  # in whole pixels, as Excel stores heights


def test_cli_export_writes_the_workbook(sample_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "table.xlsx"
    assert main(["export", str(sample_file), "-o", str(out)]) == 0
    assert load_workbook(out, read_only=True).sheetnames == ["評核結果", "進度", "明細"]


def sheet_parts(path: Path) -> dict[str, etree._Element]:
    """Each worksheet part of the package, parsed (so well-formed)."""
    with ZipFile(path) as archive:
        return {name: etree.fromstring(archive.read(name)) for name in archive.namelist()
                if name.startswith("xl/worksheets/sheet")}


def test_sheet_xml_has_rows_and_cells_in_order(assigned_report: Report, tmp_path: Path) -> None:
    namespace = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    path = export(assigned_report, tmp_path)
    with ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/sheet"):  # declared as Excel declares its parts
                assert archive.read(name).startswith(b'<?xml version="1.0" encoding="UTF-8"'), name
    for name, root in sheet_parts(path).items():
        assert root.tag == f"{namespace}worksheet", name
        (data,) = root.iter(f"{namespace}sheetData")
        numbers = [int(row.get("r")) for row in data]
        assert numbers == sorted(set(numbers)) and numbers[0] == 1, name
        for row in data:
            refs = [coordinate_from_string(c.get("r")) for c in row]
            assert {number for _, number in refs} == {int(row.get("r"))}
            columns = [column_index_from_string(letter) for letter, _ in refs]
            assert columns == sorted(set(columns)), (name, row.get("r"))


def test_every_value_style_and_height_reads_back(assigned_report: Report, tmp_path: Path) -> None:
    rows = list(assigned_report.rows())
    findings = {row.id: index % 4 for index, row in enumerate(rows)}
    path = tmp_path / "out.xlsx"
    export_xlsx(assigned_report, path, ExportOptions(), findings=findings)
    workbook = load_workbook(path)
    results = workbook["評核結果"]
    standards = [line for line in results.iter_rows(min_row=5) if line[2].value is not None]
    assert [[c.value for c in line[2:]] for line in standards] == [
        [r.title, "\n".join(render_paragraphs(r.result)) or None, r.unit or None, str(r.status)]
        for r in rows]
    # Cells inside a merge other than its first read back as openpyxl's unstyled MergedCell.
    assert [look(results[ref]) for ref in ("A1", "A2", "A4", "A5", "F5", "A6", "C6", "D6", "E6", "F7")] == [
        ("標楷體", 16, True, "center", "center", None, None),
        ("標楷體", 14, False, "left", "center", None, None), HEADER, SECTION, SECTION, CRITERION, CRITERION,
        ("標楷體", 12, False, "left", "top", "thin", None), CRITERION, CRITERION]
    assert results.row_dimensions[1].height == 24
    seventh = results.row_dimensions[7]  # the second standard's row: its result sets the height
    assert seventh.customHeight
    assert seventh.height >= height_for(len(render_paragraphs(rows[1].result))) - 0.75  # whole pixels

    progress = [list(line) for line in workbook["進度"].iter_rows(min_row=2)]
    assert {c.style_id for line in progress[:-1] for c in line} == {0}  # the workbook's default
    assert progress[-1][0].value == "合計"
    assert {look(c) for c in progress[-1]} == {("標楷體", 12, True, None, None, None, None)}

    detail = [list(line) for line in workbook["明細"].iter_rows(min_row=2)]
    assert [[c.value for c in line] for line in detail] == [
        [*(text or None for text in (section_label(index, section.title), item.title, indicator.title,
                                     row.title, row.unit, str(row.status))),
         row.char_count, row.edited_by or None, row.edited_at, findings[row.id]]
        for index, section in enumerate(assigned_report.sections) for item in section.children
        for indicator in item.children for row in indicator.children]
    assert {c.style_id for line in detail for c in line[:8] + line[9:]} == {0}
    assert {(c.font.name, c.number_format) for c in (line[8] for line in detail)} == {
        ("Calibri", "yyyy-mm-dd hh:mm")}


CRITERION = ("標楷體", 12, False, "left", "center", "thin", None)
SECTION = ("標楷體", 12, True, "left", "center", "thin", None)
HEADER = ("標楷體", 12, True, "center", "center", "thin", "FFD9D9D9")


def look(cell) -> tuple:
    """Font, size, bold, alignment, border and fill of a cell, as a clerk sees them."""
    fill = cell.fill.fgColor.rgb if cell.fill.fill_type == "solid" else None
    return (cell.font.name, cell.font.sz, bool(cell.font.b), cell.alignment.horizontal,
            cell.alignment.vertical, cell.border.left.style, fill)


def test_text_needing_escapes_and_kept_spaces(sample_report: Report, tmp_path: Path) -> None:
    row = next(sample_report.rows())
    row.title = "<a & b>"
    row.result = [Paragraph(" 前有空白\n換行\r\n與 CR\r舊 Mac ", 0)]
    row.edited_by = " 王小明"
    row.unit = "<r>看似 rich text</r>"  # XlsxWriter would pass this through as XML
    path = export(sample_report, tmp_path)
    workbook = load_workbook(path)
    assert workbook["評核結果"]["C6"].value == "<a & b>"
    assert workbook["評核結果"]["D6"].value == " 前有空白\n換行\n與 CR\n舊 Mac "  # line ends as Excel's
    assert workbook["評核結果"]["E6"].value == "<r>看似 rich text</r>"
    assert workbook["明細"]["H2"].value == " 王小明"
    with ZipFile(path) as archive:
        strings = etree.fromstring(archive.read("xl/sharedStrings.xml"))
    texts = {t.text: t.get("{http://www.w3.org/XML/1998/namespace}space") for t in strings.iter("{*}t")}
    assert texts["<a & b>"] is None
    assert texts[" 前有空白\n換行\n與 CR\n舊 Mac "] == texts[" 王小明"] == "preserve"


def test_a_title_longer_than_a_cell_is_refused_not_cut(sample_report: Report, tmp_path: Path) -> None:
    next(sample_report.rows()).title = "長" * 40000
    with pytest.raises(SqeditorError, match="超過 Excel 一格的上限"):
        export(sample_report, tmp_path)
    assert list(tmp_path.iterdir()) == []  # nothing half-written, under any name
