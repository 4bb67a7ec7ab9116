"""JSON and Excel exports returned by units merge against what the report recorded at export.

Files are exported by the command line, edited as a unit would (the JSON's text, the workbook
with openpyxl) and merged back; without an export id they merge against an empty base.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from sqeditor.cli import main
from sqeditor.exchange.export_mark import EXPORT_ID_PROPERTY
from sqeditor.file_formats import export_recorded, read_report, read_returned, write_report
from sqeditor.merge import AlreadyMergedError, DraftMerger
from sqeditor.merge.conflicts import display_text
from sqeditor.merge.returned import ReturnedKind
from sqeditor.model import Paragraph
from sqeditor.store import FieldEdit, ReportStore
from sqeditor.store.exports import recorded_export
from sqeditor.store.merge_records import open_conflicts


def merger(store: ReportStore) -> DraftMerger:
    return DraftMerger(store, read_other=read_returned)


def json_rows(data: dict) -> list[dict]:
    return [row for section in data["sections"] for item in section["items"]
            for indicator in item["indicators"] for row in indicator["rows"]]


def edit_json(path: Path, index: int, text: str, *, keep_id: bool = True) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    row = json_rows(data)[index]
    row["result"] = [text]
    row.pop("paragraphs", None)
    if not keep_id:
        del data["export_id"]
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def edit_xlsx(path: Path, old_text: str, new_text: str) -> None:
    """The cell holding a row's result rewritten, as a unit would in Excel."""
    book = load_workbook(path)
    sheet = book.worksheets[0]
    (cell,) = [c for line in sheet.iter_rows() for c in line
               if isinstance(c.value, str) and old_text in c.value]
    cell.value = new_text
    book.save(path)


@pytest.fixture
def report(tmp_path, sample_report):
    path = tmp_path / "report.sqreport"
    ReportStore.create(path, sample_report, user="協調人").close()
    return path, [r.id for r in sample_report.rows()]


def test_an_edited_json_export_merges_against_what_it_held_at_export(report, capsys):
    path, rows = report
    exported = path.with_name("給資訊室.json")
    assert main(["export", str(path), "-o", str(exported)]) == 0
    assert "匯出編號" in capsys.readouterr().out
    edit_json(exported, 1, "資訊室改寫的說明")
    with ReportStore.open(path) as store:
        store.apply([FieldEdit(rows[2], "result", [Paragraph("協調人匯出後改的")])], "輸入文字")
        outcome = merger(store).merge(exported)
        assert outcome.kind is ReturnedKind.JSON and outcome.base.startswith("匯出時記下的內容")
        index = store.load().node_index()
        assert [p.text for p in index[rows[1]].result] == ["資訊室改寫的說明"]
        assert [p.text for p in index[rows[2]].result] == ["協調人匯出後改的"]  # not put back
        assert outcome.count("taken") == 1 and open_conflicts(store) == []
        with pytest.raises(AlreadyMergedError):
            merger(store).merge(exported)


def test_an_edited_xlsx_export_merges_against_what_it_held_at_export(report):
    path, rows = report
    exported = path.with_name("給秘書室.xlsx")
    with ReportStore.open(path) as store:
        export_id = export_recorded(store, store.load(), exported)
        row = store.load().node_index()[rows[3]]
        assert recorded_export(store, export_id) is not None
    assert read_report(exported).export_id == export_id
    edit_xlsx(exported, row.result[0].text, "秘書室在 Excel 改的說明")
    with ReportStore.open(path) as store:
        store.apply([FieldEdit(rows[4], "comment", "協調人匯出後寫的")], "輸入文字")
        outcome = merger(store).merge(exported)
        assert outcome.kind is ReturnedKind.XLSX and outcome.base.startswith("匯出時記下的內容")
        index = store.load().node_index()
        assert [p.text for p in index[rows[3]].result] == ["秘書室在 Excel 改的說明"]
        assert index[rows[4]].comment == "協調人匯出後寫的"
        assert outcome.count("taken") == 1 and open_conflicts(store) == []  # the rest read back alike


def test_a_json_without_its_export_id_merges_against_an_empty_base_differences_as_conflicts(report):
    path, rows = report
    exported = path.with_name("舊的.json")
    with ReportStore.open(path) as store:
        export_recorded(store, store.load(), exported)
    edit_json(exported, 1, "沒有編號的檔案改的", keep_id=False)
    with ReportStore.open(path) as store:
        before = store.load()
        outcome = merger(store).merge(exported)
        assert outcome.base.startswith("檔案沒有匯出編號") and "每個不同處都列為衝突" in outcome.base
        (conflict,) = open_conflicts(store)
        assert conflict.node_id == rows[1] and display_text("result", conflict.theirs) == "沒有編號的檔案改的"
        assert store.load() == before and outcome.count("taken") == 0


def test_an_xlsx_without_an_export_id_merges_against_an_empty_base_differences_as_conflicts(report):
    path, rows = report
    exported = path.with_name("別人轉寄的.xlsx")
    with ReportStore.open(path) as store:
        report_now = store.load()
    write_report(report_now, exported)  # an export nobody recorded
    assert read_report(exported).export_id == ""
    edit_xlsx(exported, report_now.node_index()[rows[3]].result[0].text, "沒有編號的 Excel 改的")
    with ReportStore.open(path) as store:
        outcome = merger(store).merge(exported)
        assert outcome.base.startswith("檔案沒有匯出編號")
        changed = {(c.node_id, c.field) for c in open_conflicts(store)}
        assert (rows[3], "result") in changed and outcome.count("taken") == 0
        assert store.load().node_index()[rows[3]].result == report_now.node_index()[rows[3]].result


def test_an_export_id_the_report_did_not_record_is_said_and_merges_against_an_empty_base(report, tmp_path):
    path, rows = report
    other = tmp_path / "另一份.sqreport"
    other.write_bytes(path.read_bytes())
    exported = path.with_name("從另一份匯出.json")
    with ReportStore.open(other) as store:
        export_id = export_recorded(store, store.load(), exported)
    edit_json(exported, 1, "改了")
    with ReportStore.open(path) as store:
        outcome = merger(store).merge(exported)
        assert outcome.base.startswith(f"這份報告沒有這次匯出的紀錄（匯出編號 {export_id}）")
        assert {c.node_id for c in open_conflicts(store)} == {rows[1]}


def test_an_export_of_a_report_open_read_only_carries_no_id_and_records_nothing(report):
    path, _rows = report
    exported = path.with_name("唯讀.json")
    with ReportStore.open(path, read_only=True) as store:
        assert export_recorded(store, store.load(), exported) == ""
    assert read_report(exported).export_id == ""
    with ReportStore.open(path) as store:
        assert store.conn.execute("SELECT COUNT(*) FROM export").fetchone()[0] == 0


def test_the_xlsx_export_id_is_a_custom_document_property(report):
    path, _rows = report
    exported = path.with_name("r.xlsx")
    with ReportStore.open(path) as store:
        export_id = export_recorded(store, store.load(), exported)
    props = {p.name: p.value for p in load_workbook(exported).custom_doc_props.props}
    assert props[EXPORT_ID_PROPERTY] == export_id


def test_an_export_edited_again_after_its_merge_replaces_what_its_first_version_brought(report):
    path, rows = report
    exported = path.with_name("給資訊室.json")
    with ReportStore.open(path) as store:
        export_recorded(store, store.load(), exported)
    edit_json(exported, 1, "第一版")
    with ReportStore.open(path) as store:
        merger(store).merge(exported)
    edit_json(exported, 1, "第二版")
    with ReportStore.open(path) as store:
        outcome = merger(store).merge(exported)
        assert outcome.count("taken") == 1 and open_conflicts(store) == []
        assert [p.text for p in store.load().node_index()[rows[1]].result] == ["第二版"]


def test_the_editors_export_is_recorded_and_merges_back_through_the_merge_dialog(qtbot, window, tmp_path,
                                                                                monkeypatch):
    from sqeditor.gui.export_dialog import ExportOptionsDialog
    from sqeditor.gui.merge_dialog import MergeDialog
    session = window.session
    target = tmp_path / "給單位.json"

    def accept_into_tmp(dialog: ExportOptionsDialog) -> bool:
        dialog.set_folder(tmp_path)
        dialog.target.setText("給單位")
        return True
    monkeypatch.setattr(ExportOptionsDialog, "exec", accept_into_tmp)
    window.menus.files.export(".json")
    export_id = read_report(target).export_id
    assert export_id and recorded_export(session.store, export_id) is not None
    row = list(session.report.rows())[1]
    edit_json(target, 1, "單位在匯出檔改的")
    dialog = MergeDialog(window, session=session)
    qtbot.addWidget(dialog)
    (outcome,) = dialog.merge_files([target])
    assert outcome.error is None and outcome.count("taken") == 1
    assert "檔案類型：JSON 匯出檔；合併基準：匯出時記下的內容" in dialog.summary.toPlainText()
    assert [p.text for p in session.report.node_index()[row.id].result] == ["單位在匯出檔改的"]
    session.undo_stack.undo()  # the merge is one step in the editor
    assert session.report.node_index()[row.id].result == row.result


def test_a_change_an_export_withdrew_in_its_next_version_is_withdrawn(report):
    path, rows = report
    exported = path.with_name("給資訊室.json")
    with ReportStore.open(path) as store:
        export_recorded(store, store.load(), exported)
        original = [p.text for p in store.load().node_index()[rows[1]].result]
    edit_json(exported, 1, "第一版")
    with ReportStore.open(path) as store:
        merger(store).merge(exported)
    data = json.loads(exported.read_text(encoding="utf-8"))
    json_rows(data)[1]["result"] = original
    exported.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with ReportStore.open(path) as store:
        outcome = merger(store).merge(exported)
        assert outcome.count("withdrawn") == 1 and open_conflicts(store) == []
        assert [p.text for p in store.load().node_index()[rows[1]].result] == original


def test_one_export_sent_to_two_units_neither_units_text_is_lost(report):
    """The same export id comes back from two units: the second is not a newer version of the first."""
    path, rows = report
    sent = path.with_name("給各單位.json")
    with ReportStore.open(path) as store:
        export_recorded(store, store.load(), sent)
    first, second = path.with_name("資訊室.json"), path.with_name("秘書室.json")
    shutil.copyfile(sent, first)
    shutil.copyfile(sent, second)
    edit_json(first, 1, "資訊室寫的")
    edit_json(first, 2, "資訊室寫的第二列")
    edit_json(second, 2, "秘書室寫的第二列")
    with ReportStore.open(path) as store:
        outcomes = merger(store).merge_all([first, second])
        assert [o.error for o in outcomes] == [None, None]
        index = store.load().node_index()
        assert [p.text for p in index[rows[1]].result] == ["資訊室寫的"]
        assert [p.text for p in index[rows[2]].result] == ["資訊室寫的第二列"]
        (conflict,) = open_conflicts(store)
        assert "秘書室寫的第二列" in (conflict.theirs or "")
