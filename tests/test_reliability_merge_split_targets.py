"""Merging and splitting never replace a report, a draft or a stranger's file (issue items 2, 3)."""

import os
import signal

import pytest

from sqeditor.cli import main
from sqeditor.merge import split_drafts
from sqeditor.merge.merge_report import is_merge_report
from sqeditor.store import FieldEdit, ReportStore
from tests.disk_helpers import tmpfs
from tests.merge_helpers import assign_units
from tests.test_crash_safety import start_writer


@pytest.fixture
def split_report(tmp_path, sample_report):
    report_path = tmp_path / "report.sqreport"
    ReportStore.create(report_path, assign_units(sample_report)).close()
    assert main(["split", str(report_path), "--unit", "資訊室", "-o", str(tmp_path / "d")]) == 0
    (draft,) = (tmp_path / "d").glob("*.sqreport")
    row = next(r for r in sample_report.rows() if r.unit == "資訊室")
    with ReportStore.open(draft) as store:
        store.apply([FieldEdit(row.id, "comment", "資訊室填好的內容")], "輸入文字")
    return report_path, draft, row


def file_bytes(path):
    return path.read_bytes()


@pytest.mark.parametrize("target", ["report", "draft", "other-xlsx", "text"])
def test_merge_report_never_overwrites_what_is_not_an_earlier_merge_report(tmp_path, split_report,
                                                                            capsys, target):
    report_path, draft, _row = split_report
    other = tmp_path / "預算.xlsx"
    from openpyxl import Workbook
    Workbook().save(other)
    text = tmp_path / "notes.txt"
    text.write_text("重要", encoding="utf-8")
    chosen = {"report": report_path, "draft": draft, "other-xlsx": other, "text": text}[target]
    before = {p: file_bytes(p) for p in (report_path, draft, other, text)}
    with ReportStore.open(report_path) as store:
        merged_before = store.conn.execute("SELECT COUNT(*) FROM merged_draft").fetchone()[0]
    assert main(["merge", str(report_path), str(draft), "--report", str(chosen)]) == 2
    err = capsys.readouterr().err
    assert "合併報告" in err and "Traceback" not in err
    assert file_bytes(chosen) == before[chosen]
    with ReportStore.open(report_path) as store:  # refused before anything was merged
        assert store.conn.execute("SELECT COUNT(*) FROM merged_draft").fetchone()[0] == merged_before


def test_an_earlier_merge_report_is_replaced(tmp_path, split_report, capsys):
    report_path, draft, _row = split_report
    xlsx = tmp_path / "合併報告.xlsx"
    assert main(["merge", str(report_path), str(draft), "--report", str(xlsx)]) == 0
    assert is_merge_report(xlsx)
    first = file_bytes(xlsx)
    assert main(["merge", str(report_path), str(draft), "--report", str(xlsx)]) == 0
    assert is_merge_report(xlsx) and file_bytes(xlsx) != first


def test_merge_report_into_a_read_only_folder_is_refused_before_merging(tmp_path, split_report, capsys):
    report_path, draft, _row = split_report
    with tmpfs(tmp_path / "ro", "ro,size=1m") as ro:
        assert main(["merge", str(report_path), str(draft), "--report", str(ro / "m.xlsx")]) == 2
    assert "不能寫入" in capsys.readouterr().err
    with ReportStore.open(report_path) as store:
        assert store.conn.execute("SELECT COUNT(*) FROM merged_draft").fetchone()[0] == 0


def test_split_into_a_folder_with_a_filled_draft_writes_beside_it(tmp_path, split_report, capsys):
    report_path, draft, _row = split_report
    filled = file_bytes(draft)
    assert main(["split", str(report_path), "--unit", "資訊室", "-o", str(draft.parent)]) == 0
    out = capsys.readouterr().out
    assert "保留原檔不覆蓋" in out
    assert file_bytes(draft) == filled
    new = draft.with_name(draft.name.replace(".sqreport", "（2）.sqreport"))
    with ReportStore.open(new, read_only=True) as store:
        assert store.load().draft is not None
    assert sorted(p.name for p in draft.parent.iterdir()) == sorted([draft.name, new.name])


def test_split_while_the_units_editor_has_the_draft_open(tmp_path, split_report):
    report_path, draft, row = split_report
    holder = start_writer(draft, 0, "hold")
    try:
        with ReportStore.open(report_path, read_only=True) as store:
            paths = split_drafts(store, ["資訊室"], draft.parent)
        assert paths[0] != draft
        holder.send_signal(signal.SIGKILL)
        holder.wait()
        with ReportStore.open(draft) as store:  # the open draft kept everything typed into it
            assert store.load().node_index()[row.id].comment == "資訊室填好的內容"
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()
    assert not [p for p in os.listdir(draft.parent) if p.startswith("~sq-")]


def test_the_merge_dialog_refuses_to_export_over_a_draft_with_a_message(qtbot, tmp_path, sample_report,
                                                                        monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from sqeditor.gui.merge_dialog import MergeDialog
    from tests.merge_helpers import make_split
    store, (draft,) = make_split(tmp_path, assign_units(sample_report), ["資訊室"])
    dialog = MergeDialog(None, store)
    qtbot.addWidget(dialog)
    dialog.merge_files([draft])
    victim = tmp_path / "預算.xlsx"
    victim.write_bytes(b"someone's workbook")
    warnings = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(victim), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, title, text: warnings.append((title, text)))
    dialog.export_report()
    assert warnings and "不會覆蓋" in warnings[0][1]
    assert victim.read_bytes() == b"someone's workbook"
    store.close()
