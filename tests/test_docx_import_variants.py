"""Word reports as agencies really have them: each variant comes in as the right tree, or what
differs is named in the import's notes; nothing is dropped silently."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import zipfile
from datetime import date
from pathlib import Path

import psutil
import pytest
from docx_variants import AgencyDocument, W, content, delete_row, merge_down, track
from lxml import etree

from sqeditor.cli import main
from sqeditor.errors import ImportFormatError
from sqeditor.exchange.doc_conversion import _kill_tree
from sqeditor.exchange.docx_export import export_docx
from sqeditor.exchange.docx_import import import_docx
from sqeditor.file_formats import import_report, read_report
from sqeditor.model import Period, section_label
from sqeditor.store import ReportStore

DATA = Path(__file__).resolve().parent / "data" / "docx"
SOFFICE = shutil.which("soffice")


def notes_of(result) -> list[str]:
    return [str(note) for note in result.notes]


# --- made by LibreOffice (tests/data/docx/make_fixtures.py) ---------------------------------

LO_HTML_TREE = [
    ("基礎服務", [("服務一致及正確性", [
        ("訂定申辦業務標準作業流程", [(
            "訂定申辦業務標準作業流程，維持服務措施處理一致性，且持續檢討申辦項目表單，"
                                      "進行簡化及標準化等。", [
            ("本局主要發證案件為國內無產製證明、進口關稅減免、外銷品原料核退證明等。", 1),
            ("受理「特定製程產業申請引進外勞」案件，作業流程如下：", 1),
            ("廠商檢附文件送交本局。", 2),
            ("總收發分文送交業務組審查、到廠查訪、召開審查會議。", 2),
            ("限期發證，作業流程標準化。", 1)])]),
        ("提升服務及時性", [("提升民眾申辦案件的處理效率，確保於處理時限內完成。", [
            ("本局發證案件訂有標準作業工作天數，機動性輔以下列方式解決廠商疑問：", 0),
            ("電話", 0), ("傳真", 0)])])])]),
    ("服務遞送", [("服務友善性", [("提升服務設施合宜度", [
        ("進行環境美綠化及輔以舒適、明亮、整潔，建置民眾臨櫃洽公的合宜服務環境。", [
            ("本局洽公環境滿意度調查結果如下：", 0), ("年度：110，件數：129", 0)])])])]),
]
LO_HTML_NOTES = [
    "第 2 列（提升民眾申辦案件的處理效率，確保…）：2 個項目符號段落改為一般段落",
    "第 3 列（進行環境美綠化及輔以舒適、明亮、…）：有 1 張圖片（或繪圖物件），"
    "報告只存文字，未匯入；請另行附上。",
    "第 3 列（進行環境美綠化及輔以舒適、明亮、…）：儲存格內的 1 個表格已轉成逐列文字"
    "（「欄名：值」），請核對。",
]


def test_libreoffice_from_html():
    """Header 「評核結果說明（請條列）」 and 次評核指標/參考標準 on two lines; 壹、 typed across four
    cells; 構面二： merged; <ol> with a typed 1. on top and a nested list (LibreOffice's '%2.');
    bullets, a table and a picture in cells."""
    result = import_docx(DATA / "lo-from-html.docx")
    assert content(result.report) == LO_HTML_TREE
    meta = result.report.meta
    assert (meta.ministry, meta.agency, meta.roc_year, meta.period, meta.cutoff) == (
        "經濟部工業局", "經濟部工業局", 110, Period.SECOND_HALF, date(2021, 12, 10))
    assert notes_of(result) == LO_HTML_NOTES


def test_libreoffice_from_odt_split_table_and_typed_markers():
    """Two tables (a page break between), （一） and 「…構面」 labels, typed 1. (1) 甲、 markers,
    and only a 中華民國 date above the table."""
    result = import_docx(DATA / "lo-from-odt.docx")
    assert content(result.report) == [
        ("基礎服務", [("服務一致及正確性", [("提高服務人員專業度", [
            ("強化服務人員對涉及服務業務處理流程及相關法規之專業與熟悉程度。", [
                ("本局總機服務人員提供案件進度電話諮詢。", 1), ("即時轉請承辦同仁協助諮詢。", 2),
                ("產創平台計畫作業。", 3), ("本局「產業升級創新平台輔導計畫」訂定計畫管理手冊。", 1)])])])]),
        ("服務遞送", [("服務友善性", [("提升服務設施合宜度", [
            ("檢視各項無障礙措施是否妥適安全並定期檢測維護。", [
                ("營造友善無障礙洽公環境，包含設置愛心鈴、無障礙坡道、無障礙盥洗室等設備。", 0)])])])]),
    ]
    meta = result.report.meta
    assert (meta.roc_year, meta.period, meta.cutoff) == (110, Period.SECOND_HALF, date(2021, 12, 10))
    assert meta.title == "110年度下半年提升服務品質自行評核項目及結果說明"
    assert notes_of(result) == [
        "報告資訊：沒有「資料截止日期：」字樣，把「中華民國110年12月10日」當作資料截止日期。",
        "報告資訊：找不到機關名稱（「機關名稱：」），請補上。",
        "報告資訊：表格上方沒有報告標題，依資料截止日期推定為 110 年度下半年，請確認。",
    ]


def test_cli_prints_the_notes(tmp_path, capsys):
    out = tmp_path / "r.sqreport"
    assert main(["import", str(DATA / "lo-from-html.docx"), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "匯入時推定或未匯入的內容（3 項），請核對：" in printed
    assert all(f"  - {note}" in printed for note in LO_HTML_NOTES)
    with ReportStore.open(out, read_only=True) as store:
        assert content(store.load()) == LO_HTML_TREE


# --- Word's own numbering (numbering.xml) -----------------------------------------------------

def test_word_numbering_levels_come_from_the_list_definition(tmp_path):
    doc = AgencyDocument()
    chinese = doc.define_list(90, [("taiwaneseCountingThousand", "%1、"), ("decimal", "(%2)"),
                                   ("ideographTraditional", "%3、")])
    nested = doc.define_list(91, [("decimal", "%1."), ("decimal", "%2."), ("decimal", "%3.")])
    stems = doc.define_list(92, [("ideographTraditional", "%1、")])
    overridden = doc.add_num(91, 95, overrides=[(0, "decimal", "(%1)")])
    bullets = doc.define_list(93, [("bullet", "●"), ("bullet", "○")])
    doc.row(["一、基礎服務"] * 4)  # a 構面 row typed across four cells, not merged
    doc.row(["服務一致及正確性", "訂定申辦業務標準作業流程",
             "訂定申辦業務標準作業流程，維持服務措施處理一致性。", [
        ("本局主要發證案件為國內無產製證明。", chinese, 0),
        ("廠商透過本局「網路線上申辦資訊系統」申請。", chinese, 1),
        ("補件及發證流程簡便快捷。", chinese, 2),
        ("受理「特定製程產業申請引進外勞」案件。", chinese, 0)]])
    doc.row(["", "提升服務及時性", "提升民眾申辦案件的處理效率，確保於處理時限內完成。", [
        ("1. 本局發證案件訂有標準作業工作天數。", nested, 0),
        ("(1) 各組室主管定時稽催。", nested, 1),
        ("機動性輔以電話、傳真等方式解決廠商疑問。", bullets, 1),
        ("有效節省公文流程時效。", nested, 0)]])
    doc.row(["", "提高服務人員專業度", "強化服務人員對涉及服務業務處理流程之專業。", [
        ("本局總機服務人員提供案件進度電話諮詢：", None, 0),
        ("案件進度", bullets, 0), ("法規疑義", bullets, 0),
        ("產創平台計畫作業。", stems, 0),
        ("訂定計畫管理手冊。", overridden, 0)]])
    merge_down(doc.table, 0, 2, 4)
    result = import_docx(doc.save(tmp_path / "numbered.docx"))
    assert content(result.report) == [("基礎服務", [("服務一致及正確性", [
        ("訂定申辦業務標準作業流程", [("訂定申辦業務標準作業流程，維持服務措施處理一致性。", [
            ("本局主要發證案件為國內無產製證明。", 1), ("廠商透過本局「網路線上申辦資訊系統」申請。", 2),
            ("補件及發證流程簡便快捷。", 3), ("受理「特定製程產業申請引進外勞」案件。", 1)])]),
        ("提升服務及時性", [("提升民眾申辦案件的處理效率，確保於處理時限內完成。", [
            ("本局發證案件訂有標準作業工作天數。", 1), ("各組室主管定時稽催。", 2),
            ("機動性輔以電話、傳真等方式解決廠商疑問。", 3), ("有效節省公文流程時效。", 1)])]),
        ("提高服務人員專業度", [("強化服務人員對涉及服務業務處理流程之專業。", [
            ("本局總機服務人員提供案件進度電話諮詢：", 0), ("案件進度", 0), ("法規疑義", 0),
            ("產創平台計畫作業。", 3), ("訂定計畫管理手冊。", 2)])])])])]
    assert notes_of(result) == [
        "第 2 列（提升民眾申辦案件的處理效率，確保…）：1 個項目符號段落改為第 3 層編號（甲、）",
        "第 3 列（強化服務人員對涉及服務業務處理流…）：2 個項目符號段落改為一般段落",
    ]
    assert not any(p.literal for row in result.report.rows() for p in row.result)


def test_word_numbers_that_differ_from_ours_are_named(tmp_path):
    """A list continued from the row above (one numId in two cells), and one set to start at 3:
    Word draws 3. and (3); ours restart in every cell, and the note says so."""
    doc = AgencyDocument()
    shared = doc.define_list(97, [("decimal", "%1."), ("decimal", "(%2)")])
    from_three = doc.add_num(97, 98, overrides=[(1, "decimal", "(%2)")])
    doc.numbering.find(f"{W}num[@{W}numId='98']/{W}lvlOverride").insert(0, etree.fromstring(
        f'<w:startOverride xmlns:w="{W[1:-1]}" w:val="3"/>'))
    doc.row(["基礎服務"] * 4)
    doc.row(["服務一致及正確性", "訂定申辦業務標準作業流程", "持續檢討申辦項目表單。", [
        ("本局主要發證案件為國內無產製證明。", shared, 0), ("廠商透過網路線上申辦。", shared, 0)]])
    doc.row(["", "提升服務及時性", "提升民眾申辦案件的處理效率。", [
        ("本局發證案件訂有標準作業工作天數。", shared, 0)]])
    doc.row(["", "提高服務人員專業度", "強化服務人員之專業與熟悉程度。", [
        ("本局總機服務人員提供案件進度電話諮詢：", None, 0), ("即時轉請承辦同仁協助諮詢。", from_three, 1)]])
    merge_down(doc.table, 0, 2, 4)
    result = import_docx(doc.save(tmp_path / "continued.docx"))
    assert [[(p.text, p.level) for p in row.result] for row in result.report.rows()] == [
        [("本局主要發證案件為國內無產製證明。", 1), ("廠商透過網路線上申辦。", 1)],
        [("本局發證案件訂有標準作業工作天數。", 1)],
        [("本局總機服務人員提供案件進度電話諮詢：", 0), ("即時轉請承辦同仁協助諮詢。", 2)]]
    assert notes_of(result) == [
        "第 2 列（提升民眾申辦案件的處理效率。）：Word 的自動編號在這裡是「3.」"
        "（接續前面的清單或設定了起始號碼），匯入後依位置重新編號為「1.」",
        "第 3 列（強化服務人員之專業與熟悉程度。）：Word 的自動編號在這裡是「(3)」"
        "（接續前面的清單或設定了起始號碼），匯入後依位置重新編號為「(1)」",
    ]


def test_numbering_from_a_paragraph_style(tmp_path):
    """A list carried by a paragraph style (and a style based on it), as Word's 清單段落 styles do."""
    doc = AgencyDocument()
    num_id = doc.define_list(96, [("decimal", "%1."), ("decimal", "(%2)")])
    styles = doc.document.styles.element
    styles.append(etree.fromstring(
        f'<w:style xmlns:w="{W[1:-1]}" w:type="paragraph" w:styleId="ResultList">'
        '<w:name w:val="Result List"/>'
        f'<w:pPr><w:numPr><w:numId w:val="{num_id}"/></w:numPr></w:pPr></w:style>'))
    styles.append(etree.fromstring(
        f'<w:style xmlns:w="{W[1:-1]}" w:type="paragraph" w:styleId="ResultList2">'
        '<w:name w:val="Result List 2"/>'
        '<w:basedOn w:val="ResultList"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>'))
    row = doc.row(["基礎服務"] * 4)
    row = doc.row(["服務一致及正確性", "提升服務及時性", "提升民眾申辦案件的處理效率。",
                   "本局發證案件訂有標準作業工作天數。"])
    cell = row.cells[3]
    cell.paragraphs[0].style = "Result List"
    cell.add_paragraph("各組室主管定時稽催。", style="Result List 2")
    result = import_docx(doc.save(tmp_path / "styled.docx"))
    assert [(p.text, p.level) for p in next(result.report.rows()).result] == [
        ("本局發證案件訂有標準作業工作天數。", 1), ("各組室主管定時稽催。", 2)]


# --- 構面 labels ------------------------------------------------------------------------------

def test_section_labels_in_any_form_are_dropped(tmp_path):
    doc = AgencyDocument()
    titles = ["壹、基礎服務", "構面二：服務遞送", "（三）服務量能", "「服務評價」構面", "第五構面：開放創新"]
    for index, title in enumerate(titles):
        if index == 1:
            section = doc.row([title, "", "", ""])
            section.cells[0].merge(section.cells[3])  # one merged cell (w:gridSpan)
        elif index == 2:
            doc.row([title] * 4)
        else:
            doc.row([title, "", "", ""])
        doc.row(["服務一致及正確性", "提升服務及時性", f"參考標準 {index + 1}", "本局辦理情形。"])
    result = import_docx(doc.save(tmp_path / "labels.docx"))
    sections = result.report.sections
    assert [s.title for s in sections] == ["基礎服務", "服務遞送", "服務量能", "服務評價", "開放創新"]
    assert section_label(0, sections[0].title) == "一、基礎服務"
    assert [r.title for r in result.report.rows()] == [f"參考標準 {i}" for i in range(1, 6)]
    assert notes_of(result) == []


def test_a_row_that_does_not_fit_is_named(tmp_path):
    doc = AgencyDocument()
    doc.row(["基礎服務"] * 4)
    doc.row(["服務一致及正確性", "提升服務及時性", "提升民眾申辦案件的處理效率。", "本局辦理情形。"])
    doc.row(["備註", "本表由秘書室彙整", "", ""])
    result = import_docx(doc.save(tmp_path / "odd.docx"))
    assert sum(1 for _ in result.report.rows()) == 1
    assert notes_of(result) == [
        "第 1 列之後：這一列沒有次評核指標／參考標準，無法判斷是哪一列，未匯入：「備註 ｜ 本表由秘書室彙整」"]


# --- 追蹤修訂 and comments --------------------------------------------------------------------

def test_tracked_changes_and_comments(tmp_path):
    doc = AgencyDocument()
    doc.row(["基礎服務"] * 4)
    kept = doc.row(["服務一致及正確性", "訂定申辦業務標準作業流程",
                    "持續檢討申辦項目表單，進行簡化及標準化。",
                    "本局主要發證案件為國內無產製證明。"])
    gone = doc.row(["", "提升服務及時性", "已刪除的參考標準。", "已刪除的說明。"])
    moved = doc.row(["", "提高服務人員專業度", "強化服務人員之專業與熟悉程度。", "原本的段落。"])
    merge_down(doc.table, 0, 2, 4)
    result_p = kept.cells[3].paragraphs[0]
    inserted = result_p.add_run("（110年新增）")
    track(inserted._r, "ins", 1)
    deleted = result_p.add_run("刪除的字")
    track(deleted._r, "del", 2)
    delete_row(gone, 3)
    cell = moved.cells[3]
    target = cell.paragraphs[0].insert_paragraph_before("")
    track(target.add_run("移過來的段落。")._r, "moveTo", 4)
    source = cell.add_paragraph("")
    track(source.add_run("移過來的段落。")._r, "moveFrom", 5)
    source._p.get_or_add_pPr().append(etree.fromstring(
        f'<w:rPr xmlns:w="{W[1:-1]}"><w:moveFrom w:id="6" w:author="科員 王小明"/></w:rPr>'))
    joined = cell.add_paragraph("本局網站為響應式網頁，")
    joined._p.get_or_add_pPr().append(etree.fromstring(
        f'<w:rPr xmlns:w="{W[1:-1]}"><w:del w:id="7" w:author="科員 王小明"/></w:rPr>'))
    cell.add_paragraph("隨使用裝置螢幕自動調整。")
    doc.document.add_comment(kept.cells[2].paragraphs[0].runs, text="請補充統計數據", author="科長")
    result = import_docx(doc.save(tmp_path / "tracked.docx"))
    assert content(result.report) == [("基礎服務", [("服務一致及正確性", [
        ("訂定申辦業務標準作業流程", [("持續檢討申辦項目表單，進行簡化及標準化。", [
            ("本局主要發證案件為國內無產製證明。（110年新增）", 0)])]),
        ("提高服務人員專業度", [("強化服務人員之專業與熟悉程度。", [
            ("移過來的段落。", 0), ("原本的段落。", 0),
            ("本局網站為響應式網頁，隨使用裝置螢幕自動調整。", 0)])])])])]
    assert next(result.report.rows()).comment == "科長：請補充統計數據"
    assert notes_of(result) == [
        "追蹤修訂：文件含有追蹤修訂，已依「接受所有變更」後的內容匯入（刪除的列與文字、移走的原文不匯入）。",
        "第 1 列（持續檢討申辦項目表單，進行簡化及…）：1 則 Word 註解已放入審閱意見。",
    ]


# --- the lines above the table --------------------------------------------------------------

FRONT_MATTER = {
    "two-line-title": (["經濟部工業局", "110年度上半年提升服務品質自行評核項目及結果說明",
                        "填報機關：經濟部工業局", "資料截止日：110年6月10日"],
                       ("經濟部工業局", "經濟部工業局", 110, Period.FIRST_HALF, date(2021, 6, 10)), []),
    "spaced-labels": (["經濟部 110 年度下半年提升服務品質自行評核項目及結果說明", "機關名稱：經濟部工業局",
                       "截止日期：中華民國 110 年 12 月 10 日"],
                      ("經濟部", "經濟部工業局", 110, Period.SECOND_HALF, date(2021, 12, 10)), []),
    "one-line": (["經濟部工業局110年下半年「提升服務品質自行評核項目及結果說明」",
                  "機關名稱：經濟部工業局　資料截止日期：110.12.10", "承辦人：王小明"],
                 ("經濟部工業局", "經濟部工業局", 110, Period.SECOND_HALF, date(2021, 12, 10)),
                 ["報告資訊：表格上方的「承辦人：王小明」未匯入。"]),
}


@pytest.mark.parametrize("case", FRONT_MATTER)
def test_front_matter_in_its_common_forms(tmp_path, case):
    lines, expected, notes = FRONT_MATTER[case]
    doc = AgencyDocument(front=lines)
    doc.row(["基礎服務"] * 4)
    doc.row(["服務一致及正確性", "提升服務及時性", "提升民眾申辦案件的處理效率。", "本局辦理情形。"])
    result = import_docx(doc.save(tmp_path / f"{case}.docx"))
    meta = result.report.meta
    assert (meta.ministry, meta.agency, meta.roc_year, meta.period, meta.cutoff) == expected
    assert notes_of(result) == notes


def test_nothing_above_the_table_is_a_named_guess(tmp_path):
    doc = AgencyDocument(front=[])
    doc.row(["基礎服務"] * 4)
    doc.row(["服務一致及正確性", "提升服務及時性", "提升民眾申辦案件的處理效率。", "本局辦理情形。"])
    result = import_docx(doc.save(tmp_path / "bare.docx"))
    meta = result.report.meta
    assert meta.roc_year == date.today().year - 1911 - (1 if date.today().month <= 2 else 0)
    assert meta.title == f"{meta.roc_year}年度{meta.period}提升服務品質自行評核項目及結果說明"
    guessed = [n for n in notes_of(result) if "推定為" in n]
    assert guessed == ["報告資訊：表格上方沒有報告標題，依檔案日期推定為 "
                       f"{meta.roc_year} 年度{meta.period}，請確認。"]
    assert "報告資訊：找不到資料截止日期（「資料截止日期：」），請補上。" in notes_of(result)


# --- files that are not .docx -----------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["utf-8", "big5", "utf-16"])
@pytest.mark.parametrize("shift", range(3))
def test_a_chinese_text_file_renamed_docx_is_named_as_text(tmp_path, encoding, shift):
    """Only the first bytes are looked at: a character cut at their end is still text."""
    source = tmp_path / "說明.docx"
    source.write_text("x" * shift + "這只是一個改了副檔名的文字檔。" * 40, encoding=encoding)
    with pytest.raises(ImportFormatError, match="而是純文字檔"):
        read_report(source)


def test_a_pdf_or_workbook_renamed_docx_is_named(tmp_path, sample_report):
    pdf = tmp_path / "報告.docx"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n")
    with pytest.raises(ImportFormatError, match=r"「報告\.docx」不是 Word 文件，而是PDF 檔"):
        read_report(pdf)
    from sqeditor.file_formats import write_report
    workbook = tmp_path / "book.xlsx"
    write_report(sample_report, workbook)
    renamed = tmp_path / "book.docx"
    renamed.write_bytes(workbook.read_bytes())
    with pytest.raises(ImportFormatError, match="而是Excel 活頁簿"):
        read_report(renamed)


def test_a_docx_renamed_doc_is_read_as_it_is(tmp_path, sample_report):
    path = tmp_path / "report.doc"
    export_docx(sample_report, path)
    result = import_report(path)
    assert sum(1 for _ in result.report.rows()) == 47 and notes_of(result) == []


def test_a_doc_without_libreoffice_says_to_save_as_docx(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.delenv("PROGRAMFILES", raising=False)
    source = tmp_path / "舊報告.doc"
    shutil.copyfile(DATA / "lo-from-html.doc", source)
    with pytest.raises(ImportFormatError) as error:
        read_report(source)
    assert "「舊報告.doc」是舊版 Word 97-2003 文件（.doc）" in error.value.message
    assert "另存新檔" in error.value.message and "Word 文件 (*.docx)" in error.value.message
    out = tmp_path / "out.sqreport"
    assert main(["import", str(source), "-o", str(out)]) == 2 and not out.exists()


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice not installed")
def test_a_doc_is_converted_with_libreoffice(tmp_path):
    source = tmp_path / "舊報告.doc"
    shutil.copyfile(DATA / "lo-from-html.doc", source)
    result = import_report(source)
    assert content(result.report) == LO_HTML_TREE
    assert notes_of(result)[0] == ("檔案：「舊報告.doc」是舊版 Word 文件（.doc），"
                                   "已由 LibreOffice 轉成 .docx 後匯入，請核對內容。")
    assert notes_of(result)[1:] == LO_HTML_NOTES


def test_fixtures_are_what_libreoffice_wrote():
    """The committed fixtures really come from LibreOffice (its generator name in the package)."""
    for name in ("lo-from-html.docx", "lo-from-odt.docx"):
        with zipfile.ZipFile(DATA / name) as archive:
            assert b"LibreOffice" in archive.read("docProps/app.xml")


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice not installed")
def test_an_odt_renamed_docx_is_converted_and_named(tmp_path):
    odt = tmp_path / "odt"
    subprocess.run([SOFFICE, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "odt", "--outdir", str(odt), str(DATA / "lo-from-odt.docx")],
                   check=True, capture_output=True, timeout=180)
    renamed = tmp_path / "報告.docx"
    renamed.write_bytes((odt / "lo-from-odt.odt").read_bytes())
    result = import_report(renamed)
    assert content(result.report) == content(import_report(DATA / "lo-from-odt.docx").report)
    assert notes_of(result)[0] == ("檔案：「報告.docx」是OpenDocument 文字文件（.odt），"
                                   "已由 LibreOffice 轉成 .docx 後匯入，請核對內容。")


def test_a_conversion_that_hangs_is_killed_with_everything_it_started():
    """On Windows soffice.exe starts soffice.bin; killing only the first would leave the second
    holding the files. A real process with a real child stands in for the pair."""
    sleeper = "import time; time.sleep(60)"
    starter = subprocess.Popen([sys.executable, "-c", f"import subprocess, sys, time; "
                                f"subprocess.Popen([sys.executable, '-c', {sleeper!r}]); time.sleep(60)"])
    parent = psutil.Process(starter.pid)
    deadline = time.monotonic() + 20
    while not parent.children() and time.monotonic() < deadline:
        time.sleep(0.05)
    children = parent.children()
    assert children
    _kill_tree(starter.pid)
    starter.wait(timeout=10)
    _gone, alive = psutil.wait_procs(children, timeout=10)
    assert alive == []
