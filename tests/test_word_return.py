"""A Word file exported to a unit, edited (plainly, with 追蹤修訂, with comments and pasted
pictures), saved again by LibreOffice and merged back three-way against what the export held."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from merge_helpers import assign_units
from word_edits import (
    SOFFICE,
    paste_picture_and_table,
    plain_change,
    resave_with_libreoffice,
    result_cells,
    tracked_delete,
    tracked_insert,
)

from sqeditor.exchange.builtin_reports import builtin_sample
from sqeditor.exchange.export_mark import EXPORT_ID_PROPERTY, REPORT_ID_PROPERTY
from sqeditor.file_formats import export_recorded, read_returned
from sqeditor.merge import AlreadyMergedError, DraftMerger
from sqeditor.merge.merge_report import report_text
from sqeditor.merge.returned import NO_EXPORT_ID
from sqeditor.model import Paragraph
from sqeditor.store import FieldEdit, ReportStore
from sqeditor.store.merge_records import open_conflicts

needs_libreoffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice not installed")


@pytest.fixture
def exported(tmp_path):
    """A report with units, and the Word file exported to 資訊室 (recorded by the report)."""
    store = ReportStore.create(tmp_path / "r.sqreport", assign_units(builtin_sample()), user="協調人")
    path = tmp_path / "資訊室.docx"
    export_id = export_recorded(store, store.load(), path)
    yield store, path, export_id
    store.close()


def unit_edits(path: Path) -> None:
    """One paragraph retyped, one insertion and one deletion tracked by 資訊室, a supervisor's
    comment, and a picture and a table pasted into a result."""
    document = docx.Document(str(path))
    cells = result_cells(document)
    plain_change(cells[0].paragraphs[0], "改寫後的第一段。")
    tracked_insert(cells[1].paragraphs[0], "（資訊室補充）", "資訊室", 901)
    tracked_delete(cells[2].paragraphs[0], "資訊室", 903)
    document.add_comment(cells[3].paragraphs[0].runs, text="請補充滿意度數據", author="王科長", initials="王")
    paste_picture_and_table(cells[4])
    document.save(str(path))


def test_export_carries_report_and_export_ids(exported):
    store, path, export_id = exported
    with zipfile.ZipFile(path) as archive:
        custom = archive.read("docProps/custom.xml").decode()
        types = archive.read("[Content_Types].xml").decode()
    assert f'name="{EXPORT_ID_PROPERTY}"><vt:lpwstr>{export_id}</vt:lpwstr>' in custom
    assert f'name="{REPORT_ID_PROPERTY}"><vt:lpwstr>{store.meta_value("report_id")}</vt:lpwstr>' in custom
    assert "/docProps/custom.xml" in types
    report, notes = read_returned(path)
    assert report.export_id == export_id and notes == []
    assert report.id == store.meta_value("report_id")  # as a JSON export gives it


def test_unchanged_export_merges_to_nothing(exported):
    store, path, _ = exported
    before = rows_content(store)
    (outcome,) = DraftMerger(store, read_other=read_returned).merge_all([path])
    assert outcome.error is None and outcome.changes == []
    assert "匯出時記下的內容" in outcome.base
    assert rows_content(store) == before


def rows_content(store: ReportStore) -> list[tuple]:
    return [(r.id, r.title, tuple(r.result), r.unit, r.status, r.comment) for r in store.load().rows()]


@pytest.mark.slow
@needs_libreoffice
def test_word_edits_resaved_by_libreoffice_merge_where_they_belong(exported, tmp_path):
    store, path, _ = exported
    rows = list(store.load().rows())
    # The coordinator changes another row meanwhile, and writes a comment on the commented row.
    store.apply([FieldEdit(rows[10].id, "result", [Paragraph("協調人改寫。")]),
                 FieldEdit(rows[3].id, "comment", "已初審。")], "編輯")
    unit_edits(path)
    resaved = resave_with_libreoffice(path, tmp_path)

    (outcome,) = DraftMerger(store, read_other=read_returned).merge_all([resaved])
    assert outcome.error is None
    assert outcome.unit == "資訊室"  # the tracked changes' author names the unit
    after = {row.id: row for row in store.load().rows()}
    texts = {row.id: [p.text for p in after[row.id].result] for row in rows}
    assert texts[rows[0].id][0] == "改寫後的第一段。"
    assert texts[rows[0].id][1:] == [p.text for p in rows[0].result[1:]]
    assert texts[rows[1].id] == [rows[1].result[0].text + "（資訊室補充）"]
    assert texts[rows[2].id] == [p.text for p in rows[2].result[1:]]  # the deleted paragraph is gone
    assert after[rows[3].id].comment == "已初審。\n王科長：請補充滿意度數據"
    assert texts[rows[10].id] == ["協調人改寫。"]  # the report's own change stays
    assert texts[rows[4].id][-1] == "年度：115，件數：141"  # a pasted table becomes lines of text
    untouched = [r for i, r in enumerate(rows) if i not in (0, 1, 2, 4, 10)]
    assert all(texts[r.id] == [p.text for p in r.result] for r in untouched)
    assert open_conflicts(store) == []
    text = report_text([outcome])
    assert "檔案類型：Word 檔" in text
    assert "有 1 張圖片（或繪圖物件），報告只存文字，未匯入" in text  # named, not silently dropped
    assert "儲存格內的 1 個表格已轉成逐列文字" in text
    with pytest.raises(AlreadyMergedError):
        DraftMerger(store, read_other=read_returned).merge(resaved)


def test_word_file_without_our_properties_merges_against_an_empty_base(exported, tmp_path):
    """A unit that retyped the report, or last period's file: rows matched by criteria path,
    every difference left for a decision, nothing dropped."""
    store, path, _ = exported
    before = rows_content(store)
    unit_edits(path)
    bare = tmp_path / "retyped.docx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(bare, "w") as target:
        for item in source.infolist():
            if item.filename != "docProps/custom.xml":
                target.writestr(item, source.read(item))
    (outcome,) = DraftMerger(store, read_other=read_returned).merge_all([bare])
    assert outcome.error is None and outcome.base == NO_EXPORT_ID
    conflicts = {(c.node_id, c.field) for c in open_conflicts(store)}
    rows = list(store.load().rows())
    assert {(rows[0].id, "result"), (rows[1].id, "result"), (rows[2].id, "result")} <= conflicts
    assert (rows[3].id, "comment") in conflicts
    assert rows_content(store) == before  # nothing taken unasked


@pytest.mark.slow
def test_merge_command_and_dialog_say_the_same(qtbot, tmp_path):
    """`sqeditor merge r.sqreport unit.docx` prints what the 合併草稿 dialog shows."""
    from sqeditor.gui.merge_dialog import MergeDialog
    with ReportStore.create(tmp_path / "r.sqreport", assign_units(builtin_sample())) as store:
        export_recorded(store, store.load(), path := tmp_path / "資訊室.docx")
    unit_edits(path)
    shutil.copy(tmp_path / "r.sqreport", tmp_path / "same.sqreport")
    run = subprocess.run([sys.executable, "-m", "sqeditor", "merge", str(tmp_path / "r.sqreport"), str(path)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "已合併「資訊室.docx」（資訊室）：採用 5" in run.stdout
    assert "檔案類型：Word 檔；合併基準：匯出時記下的內容" in run.stdout
    assert "讀檔說明：第 5 列（確保服務項目、服務人員(姓名及代…）：有 1 張圖片" in run.stdout
    with ReportStore.open(tmp_path / "same.sqreport") as store:
        dialog = MergeDialog(None, store)
        qtbot.addWidget(dialog)
        dialog.merge_files([path])
        shown = dialog.summary.toPlainText()
    assert "讀檔說明" in shown and shown in run.stdout

