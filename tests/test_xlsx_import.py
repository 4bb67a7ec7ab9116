"""Excel import: our own export round-trips, and sheets made by hand the way people make them."""

from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.styles import Border, Side

from sqeditor.cli import main
from sqeditor.exchange.formats import ExportOptions
from sqeditor.file_formats import read_report, write_report
from sqeditor.model import Node, Paragraph, Report, Status, strip_section_number
from sqeditor.store import ReportStore


def content(report: Report) -> list[tuple]:
    """What a round trip must keep: titles, standards, result paragraphs with levels, units, statuses."""
    out = []
    for node in report.walk():
        title = strip_section_number(node.title) if node.kind == "section" else node.title
        out.append((node.kind, title, tuple(node.result), node.unit, node.status))
    return out


def test_sample_round_trips_through_excel(sample_report: Report, tmp_path: Path) -> None:
    path = tmp_path / "sample.xlsx"
    write_report(sample_report, path)
    back = read_report(path)
    assert content(back) == content(sample_report)
    assert back.meta == sample_report.meta
    assert any(p.level == 1 for row in back.rows() for p in row.result)


def test_units_statuses_and_empty_rows_round_trip(sample_report: Report, tmp_path: Path) -> None:
    rows = list(sample_report.rows())
    sample_report.units = ["秘書室", "資訊室", "第一組"]
    for index, row in enumerate(rows):
        row.unit = sample_report.units[index % 3]
        row.status = list(Status)[index % 4]
    rows[0].result, rows[0].status = [], Status.EMPTY
    rows[1].result = [Paragraph("總說明", 0), Paragraph("第一點", 1), Paragraph("細項", 2),
                      Paragraph("再細", 3), Paragraph("第二點", 1)]
    path = tmp_path / "assigned.xlsx"
    write_report(sample_report, path, ExportOptions(draft=True))
    back = read_report(path)
    assert content(back) == content(sample_report)
    assert back.units == sample_report.units


def test_results_longer_than_a_cell_round_trip_whole(sample_report: Report, tmp_path: Path) -> None:
    """Excel holds 32,767 UTF-16 units a cell: longer results go on in the cells below, and come back."""
    from openpyxl import load_workbook

    from sqeditor.exchange.xlsx_text import CONTINUED_MARK, MAX_CELL_UNITS, cell_units

    rows = list(sample_report.rows())
    rows[1].result = [Paragraph("服務品質 提升。" * 5000, 1)]  # 40,000 characters in one line
    rows[2].result = [Paragraph(f"第 {n} 點：" + "便民" * 30, 1) for n in range(600)]  # 40,000+ in lines
    rows[3].result = [Paragraph("𠀋" * 20000, 0)]  # 20,000 characters, 40,000 UTF-16 units
    rows[4].result = [Paragraph("甲" * 30000, 0), Paragraph("（續上格）是原文" + "乙" * 10000, 0)]
    path = tmp_path / "long.xlsx"
    write_report(sample_report, path)
    back = read_report(path)
    assert content(back) == content(sample_report)
    assert all(cell_units("".join(p.text for p in r.result)) >= 40000 for r in list(back.rows())[1:5])
    sheet = load_workbook(path, read_only=True)["評核結果"]
    results = [line[3] for line in sheet.iter_rows(values_only=True)]
    assert max(cell_units(text) for text in results if text) <= MAX_CELL_UNITS
    assert sum(1 for text in results if text and text.startswith(CONTINUED_MARK)) == 3  # the cut lines


def test_cli_import_of_an_export_gives_the_same_report(sample_file: Path, tmp_path: Path) -> None:
    table, new = tmp_path / "table.xlsx", tmp_path / "new.sqreport"
    assert main(["export", str(sample_file), "-o", str(table)]) == 0
    assert main(["import", str(table), "-o", str(new)]) == 0
    with ReportStore.open(sample_file, read_only=True) as a, ReportStore.open(new, read_only=True) as b:
        assert content(b.load()) == content(a.load())


def test_import_without_results_gives_a_template(sample_report: Report, tmp_path: Path) -> None:
    path = tmp_path / "sample.xlsx"
    write_report(sample_report, path)
    back = read_report(path, results=False)
    assert all(not row.result and row.status is Status.EMPTY for row in back.rows())
    assert [r.title for r in back.rows()] == [r.title for r in sample_report.rows()]


def people_made_sheet(path: Path) -> None:
    """A criteria sheet as coordinators make them: instructions sheet first, title rows, a two-row
    header with merged cells and line breaks, merged and blank cells continuing the value above, a
    hidden column with an old result column, numbers, and formatting run down to row 3000."""
    wb = Workbook()
    wb.active.title = "填表說明"
    wb.active["A1"] = "請各單位於 5 月 10 日前填寫，勿更動欄位。"
    ws = wb.create_sheet("評核表")
    ws["A1"] = "經濟部 111 年度上半年提升服務品質自行評核項目及結果說明"
    ws.merge_cells("A1:H1")
    ws["A2"] = "機關名稱：經濟部工業局"
    ws["A3"] = "資料截止日期：111年5月31日"
    header_top = ["構面", "評核\n項目", "評核結果說明", "評核內容", None, "評核結果說明\n（請條列）",
                  "承辦 單位", "狀態"]
    header_low = [None, None, None, "評核指標", "次評核指標／參考標準", None, None, None]
    for col, (top, low) in enumerate(zip(header_top, header_low, strict=True), start=1):
        ws.cell(5, col, top)
        ws.cell(6, col, low)
        if top and not low:
            ws.merge_cells(start_row=5, start_column=col, end_row=6, end_column=col)
    ws.merge_cells("D5:E5")
    ws.column_dimensions["C"].hidden = True
    data = [
        ["一、基礎服務", "服務一致及正確性", "舊稿", "訂定申辦業務標準作業流程", "訂定標準作業流程。",
         "1.本局已訂定 SOP\n2.每年檢討", "秘書室", "草稿"],
        [None, None, "舊稿", "提升服務及時性", "提升案件處理效率。", 120.0, "秘書室", None],
        [None, "服務友善性", None, "提升服務設施合宜度", "檢視服務場所。", "   \n(1) 設置愛心鈴\n\n",
         "總務科", "待審"],
        [None, None, None, None, "定期檢查硬體設施。", None, "總務科", None],
        [None, None, None, None, None, "（續）每月檢查一次", None, None],
        ["二、服務遞送", "服務便捷性", None, "檢討既有服務措施", "檢討申辦流程。", "2021",
         "資訊室", "完成"],
        [None, "開放參與", None, None, "推動民眾參與。", None, "研考科", "未填"],
    ]
    for offset, line in enumerate(data):
        for col, value in enumerate(line, start=1):
            ws.cell(7 + offset, col, value)
    ws.merge_cells("A7:A11")  # 構面 merged down; 二、 below is a plain cell, then blanks
    ws.merge_cells("B7:B8")
    ws["F12"].number_format = "@"  # a number stored as text
    ws["A3000"].border = Border(bottom=Side(style="thin"))  # formatting far below the data
    wb.save(path)


def test_people_made_sheet(tmp_path: Path) -> None:
    path = tmp_path / "criteria.xlsx"
    people_made_sheet(path)
    report = read_report(path)
    meta = report.meta
    assert (meta.ministry, meta.agency, meta.roc_year) == ("經濟部", "經濟部工業局", 111)
    assert str(meta.period) == "上半年" and meta.cutoff.isoformat() == "2022-05-31"
    assert [s.title for s in report.sections] == ["基礎服務", "服務遞送"]
    basic, delivery = report.sections
    assert [i.title for i in basic.children] == ["服務一致及正確性", "服務友善性"]
    assert [d.title for d in basic.children[0].children] == ["訂定申辦業務標準作業流程", "提升服務及時性"]
    friendly = basic.children[1].children
    assert [d.title for d in friendly] == ["提升服務設施合宜度"]
    assert [r.title for r in friendly[0].children] == ["檢視服務場所。", "定期檢查硬體設施。"]
    first, second, third, fourth, fifth, sixth = report.rows()
    assert first.result == [Paragraph("本局已訂定 SOP", 1, "1."), Paragraph("每年檢討", 1, "2.")]
    assert (first.unit, first.status) == ("秘書室", Status.DRAFT)
    assert second.result == [Paragraph("120")] and second.status is Status.DRAFT  # a number cell
    assert third.result == [Paragraph("設置愛心鈴", 2)] and third.status is Status.REVIEW
    assert fourth.result == [Paragraph("（續）每月檢查一次")]  # the blank row below continues it
    assert (fourth.unit, fourth.status) == ("總務科", Status.DRAFT)
    assert delivery.children[1].title == "開放參與"
    assert delivery.children[1].children[0].title == ""  # an item without indicators
    assert (sixth.title, sixth.unit, sixth.status) == ("推動民眾參與。", "研考科", Status.EMPTY)
    assert report.units == ["秘書室", "總務科", "資訊室", "研考科"]
    assert all("舊稿" not in row.result_text for row in report.rows())  # the hidden column is not read
    assert fifth.title == "檢討申辦流程。" and fifth.result == [Paragraph("2021")]


def test_repeated_values_instead_of_merges_and_a_repeated_header(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    header = ["構面", "評核項目", "評核指標", "次評核指標/參考標準", "評核結果說明"]
    ws.append(header)
    ws.append(["基礎服務", "服務一致及正確性", "流程", "甲標準", "甲"])
    ws.append(header)  # header copied for the second printed page
    ws.append(["基礎服務", "服務一致及正確性", "流程", "乙標準", "乙"])
    ws.append(["基礎服務", "服務一致及正確性", "時效", "丙標準", ""])
    path = tmp_path / "flat.xlsx"
    wb.save(path)
    report = read_report(path)
    (section,) = report.sections
    (item,) = section.children
    assert [(d.title, [r.title for r in d.children]) for d in item.children] == [
        ("流程", ["甲標準", "乙標準"]), ("時效", ["丙標準"])]
    assert [r.status for r in report.rows()] == [Status.DRAFT, Status.DRAFT, Status.EMPTY]


@pytest.mark.parametrize("rows", [1, 19])
def test_header_found_below_title_rows(tmp_path: Path, rows: int) -> None:
    wb = Workbook()
    ws = wb.active
    for n in range(1, rows):
        ws.cell(n, 1, f"說明第 {n} 行")
    for col, name in enumerate(["構面", "評核項目", "評核指標", "參考標準"], start=1):
        ws.cell(rows, col, name)
    for col, value in enumerate(["服務評價", "提高服務滿意度", "辦理調查", "每年辦理調查"], start=1):
        ws.cell(rows + 1, col, value)
    path = tmp_path / "late.xlsx"
    wb.save(path)
    (row,) = read_report(path).rows()
    assert row.title == "每年辦理調查" and isinstance(row, Node)


def test_visible_sheet_before_a_hidden_one(tmp_path: Path) -> None:
    wb = Workbook()
    hidden = wb.active
    hidden.title = "舊版"
    hidden.sheet_state = "hidden"
    visible = wb.create_sheet("新版")
    for ws, standard in ((hidden, "舊標準"), (visible, "新標準")):
        ws.append(["構面", "評核項目", "評核指標", "次評核指標/參考標準"])
        ws.append(["服務評價", "提高服務滿意度", "辦理調查", standard])
    path = tmp_path / "two.xlsx"
    wb.save(path)
    assert [row.title for row in read_report(path).rows()] == ["新標準"]
