"""The merge dialog with real widgets: conflicts side by side, keep both then edit, undo in the editor."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QTextEdit

from sqeditor.gui.merge_dialog import MINE_ONLY, THEIRS_ONLY, MergeDialog, SplitDialog
from sqeditor.gui.palette_colours import marked_background
from sqeditor.model import Paragraph
from sqeditor.store import FieldEdit, ReportStore
from sqeditor.store.merge_records import open_conflicts
from tests.merge_helpers import assign_units, make_split


def highlighted(view: QTextEdit, color: QColor) -> str:
    """The characters shown on the given background."""
    out = []
    block = view.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().background().color() == color:
                out.append(fragment.text())
            it += 1
        block = block.next()
    return "".join(out)


def conflicting_drafts(tmp_path: Path, report) -> tuple[ReportStore, Path, str]:
    """A split for 資訊室 whose first row both the unit and the coordinator rewrote."""
    store, (path,) = make_split(tmp_path, assign_units(report), ["資訊室"])
    row = next(r for r in store.load().rows() if r.unit == "資訊室")
    with ReportStore.open(path) as draft:
        draft.apply([FieldEdit(row.id, "result", [Paragraph("本室建置線上申辦系統𠀋")])], "輸入文字")
    store.apply([FieldEdit(row.id, "result", [Paragraph("本局建置線上申辦系統")])], "輸入文字")
    return store, path, row.id


def test_keep_both_then_edit_settles_the_conflict_in_two_steps(qtbot, tmp_path, sample_report):
    store, path, row_id = conflicting_drafts(tmp_path, sample_report)
    dialog = MergeDialog(None, store)
    qtbot.addWidget(dialog)
    dialog.merge_files([path])
    assert "衝突待處理 1" in dialog.summary.toPlainText()
    assert dialog.conflict_list.count() == 1 and "資訊室" in dialog.conflict_list.item(0).text()
    mine_colour = marked_background(dialog.mine_view.palette(), MINE_ONLY)
    theirs_colour = marked_background(dialog.theirs_view.palette(), THEIRS_ONLY)
    assert highlighted(dialog.mine_view, mine_colour) == "局"
    assert highlighted(dialog.theirs_view, theirs_colour) == "室𠀋"  # beyond U+FFFF, counted right

    qtbot.mouseClick(dialog.keep_both, Qt.MouseButton.LeftButton)
    assert dialog.conflict_list.count() == 0 and open_conflicts(store) == []
    assert dialog.editor.isEnabled()
    assert dialog.editor.toPlainText() == "本局建置線上申辦系統\n本室建置線上申辦系統𠀋"
    dialog.editor.setPlainText("1. 本局建置線上申辦系統\n2. 資訊室負責維運")
    qtbot.mouseClick(dialog.apply_edit, Qt.MouseButton.LeftButton)
    row = store.load().node_index()[row_id]
    assert row.result == [Paragraph("本局建置線上申辦系統", 1), Paragraph("資訊室負責維運", 1)]
    labels = [s[0] for s in store.conn.execute("SELECT label FROM step ORDER BY id")]
    assert labels[-3:] == ["合併草稿：資訊室", "解決衝突", "修改合併結果"]
    store.close()


def test_edit_settles_an_open_conflict_with_the_typed_text(qtbot, tmp_path, sample_report):
    store, path, row_id = conflicting_drafts(tmp_path, sample_report)
    dialog = MergeDialog(None, store)
    qtbot.addWidget(dialog)
    dialog.merge_files([path])
    qtbot.mouseClick(dialog.edit_button, Qt.MouseButton.LeftButton)
    assert "本室建置" in dialog.editor.toPlainText() and "本局建置" in dialog.editor.toPlainText()
    dialog.editor.setPlainText("兩單位合寫的版本")
    qtbot.mouseClick(dialog.apply_edit, Qt.MouseButton.LeftButton)
    assert store.load().node_index()[row_id].result == [Paragraph("兩單位合寫的版本")]
    assert open_conflicts(store) == []
    dialog.merge_files([path])
    assert "再合併一次不會有任何變更" in dialog.summary.toPlainText()
    store.close()


def test_from_the_main_window_a_merge_is_one_undo_step(qtbot, gui_env, tmp_path, sample_report):
    from sqeditor.gui.main_window import MainWindow
    store, path, row_id = conflicting_drafts(tmp_path, sample_report)
    other = next(r for r in store.load().rows() if r.unit == "資訊室" and r.id != row_id)
    with ReportStore.open(path) as draft:
        draft.apply([FieldEdit(other.id, "comment", "資訊室的意見")], "輸入文字")
    store.close()
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.open_path(tmp_path / "report.sqreport")
    session = window.session
    dialog = MergeDialog(window, session=session)  # as 工具 → 合併草稿 builds it
    qtbot.addWidget(dialog)
    dialog.merge_files([path])
    assert session.nodes[other.id].comment == "資訊室的意見"
    assert session.undo_stack.undoText() == "合併草稿：資訊室"
    session.undo_stack.undo()
    assert session.nodes[other.id].comment == ""
    assert open_conflicts(session.store) == []
    window.close()


def test_split_dialog_writes_one_draft_per_checked_unit(qtbot, tmp_path, sample_report):
    store = ReportStore.create(tmp_path / "report.sqreport", assign_units(sample_report))
    dialog = SplitDialog(None, store)
    qtbot.addWidget(dialog)
    dialog.units.item(0).setCheckState(Qt.CheckState.Unchecked)
    out = tmp_path / "out"
    out.mkdir()
    dialog.set_folder(out)
    paths = dialog.split()
    assert len(paths) == dialog.units.count() - 1 and all(p.parent == out for p in paths)
    assert "已寫出" in dialog.result.text()
    store.close()
