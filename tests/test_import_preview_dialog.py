"""The import preview dialog (Excel, Word): tree, notes, refusals in place; 匯入 returns the report."""

from pathlib import Path

import pytest
from openpyxl import Workbook
from PySide6.QtCore import Qt

from sqeditor.file_formats import write_report
from sqeditor.gui.import_preview_dialog import ImportPreviewDialog
from sqeditor.model import Report

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


@pytest.fixture
def exported(sample_report: Report, tmp_path: Path) -> Path:
    path = tmp_path / "sample.xlsx"
    write_report(sample_report, path)
    return path


def test_preview_then_import(qtbot, exported: Path, sample_report: Report) -> None:
    dialog = ImportPreviewDialog("xlsx")
    qtbot.addWidget(dialog)
    assert not dialog.import_button.isEnabled()
    dialog.load(exported)
    tree = dialog.tree
    assert tree.topLevelItemCount() == 5
    assert tree.topLevelItem(1).text(0) == "二、服務遞送"
    first_item = tree.topLevelItem(0).child(0)
    assert first_item.text(0) == sample_report.sections[0].children[0].title
    standard = first_item.child(0).child(0)
    assert standard.text(2) == "草稿" and standard.text(3).startswith("1. 本局主要發證案件")
    assert "5 個構面、47 列" in dialog.summary.text()
    dialog.show()
    ARTIFACTS.mkdir(exist_ok=True)
    dialog.grab().save(str(ARTIFACTS / "xlsx-import-dialog.png"))
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    report = dialog.report()
    assert report is not None and sum(1 for _ in report.rows()) == 47


def test_without_results(qtbot, exported: Path) -> None:
    dialog = ImportPreviewDialog("xlsx")
    qtbot.addWidget(dialog)
    dialog.load(exported)
    dialog.results_box.setChecked(False)
    assert dialog.import_button.isEnabled()
    dialog.import_button.click()
    report = dialog.report()
    assert report is not None and not any(row.result for row in report.rows())


def test_bad_sheet_is_explained_and_cannot_be_imported(qtbot, tmp_path: Path) -> None:
    wb = Workbook()
    wb.active.title = "清單"
    wb.active.append(["構面", "評核項目", "參考標準"])
    path = tmp_path / "bad.xlsx"
    wb.save(path)
    dialog = ImportPreviewDialog("xlsx")
    qtbot.addWidget(dialog)
    dialog.load(path)
    assert "工作表「清單」第 1 列" in dialog.summary.text() and "缺少「評核指標」欄" in dialog.summary.text()
    assert dialog.tree.topLevelItemCount() == 0
    assert not dialog.import_button.isEnabled()
    dialog.reject()
    assert dialog.report() is None


WORD_FIXTURE = Path(__file__).resolve().parent / "data" / "docx" / "lo-from-html.docx"


def test_word_preview_names_what_was_guessed_or_left_out(qtbot, tmp_path: Path) -> None:
    """A Word file made by LibreOffice: the tree and the import's notes, before anything is written."""
    dialog = ImportPreviewDialog("docx")
    qtbot.addWidget(dialog)
    before = set(tmp_path.iterdir())
    dialog.load(WORD_FIXTURE)
    assert dialog.tree.topLevelItemCount() == 2
    assert dialog.tree.topLevelItem(0).text(0) == "一、基礎服務"
    notes = [dialog.notes.item(i).text() for i in range(dialog.notes.count())]
    assert len(notes) == 3 and "張圖片" in notes[1] and "表格已轉成逐列文字" in notes[2]
    assert dialog.notes_label.text() == "匯入時推定或未匯入的內容（3 項），請核對："
    assert set(tmp_path.iterdir()) == before
    dialog.show()
    assert dialog.notes.isVisible()
    ARTIFACTS.mkdir(exist_ok=True)
    dialog.grab().save(str(ARTIFACTS / "word-import-dialog.png"))
    dialog.import_button.click()
    report = dialog.report()
    assert report is not None and sum(1 for _ in report.rows()) == 3


def test_word_preview_refuses_a_pdf_in_place(qtbot, tmp_path: Path) -> None:
    pdf = tmp_path / "報告.docx"
    pdf.write_bytes(b"%PDF-1.4\n")
    dialog = ImportPreviewDialog("docx")
    qtbot.addWidget(dialog)
    dialog.load(pdf)
    assert "而是PDF 檔" in dialog.summary.text()
    assert not dialog.import_button.isEnabled() and not dialog.notes.isVisibleTo(dialog)
