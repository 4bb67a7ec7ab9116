"""Search and replace across the report, filters, template editing, read-only and untitled files."""

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QMessageBox

from sqeditor.gui import preferences
from sqeditor.gui.main_window import MainWindow
from sqeditor.model import NodeKind, Status
from sqeditor.store import ReportStore
from tests.conftest import choose, visible_rows, when_shown


def stored_rows(path: Path):
    with ReportStore.open(path, read_only=True) as store:
        return list(store.load().rows())


def visible_titles(window: MainWindow) -> list[str]:
    return [node.title for node in visible_rows(window)]


def test_search_lists_titles_and_results(window):
    dialog = window.menus.tools.find()
    nodes = list(window.session.report.walk())
    for needle in ("申辦案件", "平臺"):  # trigram full-text search; two characters: substring
        dialog.find_edit.setText(needle)
        expected = sum(needle in n.title for n in nodes) + sum(needle in n.result_text for n in nodes)
        assert dialog.results.count() == expected > 0
    dialog.results.itemActivated.emit(dialog.results.item(0))
    assert any("平臺" in p.text for p in window.current_node().result)


def test_replace_with_preview_is_one_undoable_step(window, sample_file):
    before = {r.id: r.result for r in stored_rows(sample_file)}
    dialog = window.menus.tools.replace()
    dialog.find_edit.setText("平台")
    dialog.replace_edit.setText("平臺")
    count = dialog.results.count()
    assert count >= 3
    assert "→" in dialog.results.item(0).text() and "平臺" in dialog.results.item(0).text()
    skipped = dialog.matches[0].node.id
    dialog.results.item(0).setCheckState(Qt.CheckState.Unchecked)
    assert dialog.replace_checked() == count - 1
    after = {r.id: r for r in stored_rows(sample_file)}
    assert "平台" in after[skipped].result_text
    assert sum("平台" in r.result_text for r in after.values()) == 1
    assert window.session.undo_stack.undoText() == "取代「平台」為「平臺」"
    window.undo()
    assert {r.id: r.result for r in stored_rows(sample_file)} == before


def test_filter_to_one_unit(window, sample_file):
    rows = list(window.session.report.rows())
    for row, unit in ((rows[0], "資訊室"), (rows[5], "資訊室"), (rows[9], "秘書室")):
        window.select_node(row)
        box = window.rows.forms[0].unit_box
        box.setCurrentText(unit)
        box.lineEdit().editingFinished.emit()
    assert [r.unit for r in stored_rows(sample_file)][:10].count("資訊室") == 2
    choose(window.filter_bar.unit_box, "資訊室")
    assert visible_titles(window) == [rows[0].title, rows[5].title]
    window.filter_bar.clear()
    assert len(visible_titles(window)) == len(rows)
    choose(window.filter_bar.status_box, Status.EMPTY)
    assert visible_titles(window) == [r.title for r in rows if r.status is Status.EMPTY]
    assert "秘書室" in [line[0] for line in window.progress.rows_by_unit()]


def test_template_mode_structure_edits_are_undoable(window, sample_file, monkeypatch, qtbot):
    tester = QAbstractItemModelTester(
        window.tree_model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert not window.template_mode  # off by default
    window.menus.template_action.setChecked(True)
    assert window.template_mode
    item = window.session.report.sections[0].children[0]
    window.select_node(item)
    count = len(window.session.report.sections[0].children)
    window.menus.structure.add_sibling()
    new = window.current_node()
    assert new.kind is NodeKind.ITEM and len(window.session.report.sections[0].children) == count + 1
    assert sum(1 for _ in new.rows()) == 1
    window.menus.structure.move_by(-1)
    assert window.session.report.sections[0].children[0] is new
    window.select_node(item)
    window.menus.structure.delete()
    ids = {r.id for r in stored_rows(sample_file)}
    assert not any(r.id in ids for r in item.rows())
    model = window.tree_model
    children = window.session.report.sections[0].children
    first, last = children[0], children[-1]
    mime = model.mimeData([model.index_of(last)])
    first_section = model.index_of(window.session.report.sections[0])
    model.dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, first_section)
    assert window.session.report.sections[0].children[:2] == [last, first]  # dragged to the top
    other_section = model.index_of(window.session.report.sections[1])
    assert not model.dropMimeData(model.mimeData([model.index_of(last)]), Qt.DropAction.MoveAction,
                                  0, 0, other_section)
    assert window.session.report.sections[0].children[0] is last  # not moved out of its parent
    for _ in range(4):
        window.undo()
    assert [c.id for c in window.session.report.sections[0].children][:count] == [
        c.id for c in ReportStore.open(sample_file, read_only=True).load().sections[0].children]
    assert len(window.session.report.sections[0].children) == count
    del tester


def test_a_damaged_report_is_a_message_and_leaves_no_lock(qtbot, gui_env, sample_file, monkeypatch):
    import sqlite3

    from sqeditor.store.lock import lock_path

    conn = sqlite3.connect(sample_file)
    with conn:
        conn.execute("UPDATE node SET result = '[[0' WHERE kind = 'standard'")
    conn.close()
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *_a: said.append(text))
    window = MainWindow()
    qtbot.addWidget(window)
    assert not window.open_path(sample_file)
    assert "已損毀" in said[0] and window.session is None
    assert not lock_path(sample_file).exists()
    window.close()


def test_read_only_banner_names_the_holder(qtbot, gui_env, sample_file):
    with ReportStore.open(sample_file, user="王小明"):
        window = MainWindow()
        qtbot.addWidget(window)
        window.open_path(sample_file)
        window.show()
        assert window.banner.isVisible() and "王小明" in window.banner.text()
        assert "唯讀" in window.windowTitle()
        window.select_node(next(window.session.report.rows()))
        assert window.rows.forms and all(form.editor.isReadOnly() for form in window.rows.forms)
        window.close()


def test_no_file_opens_the_sample_as_untitled(qtbot, gui_env):
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_sample()
    assert window.windowTitle().startswith("未命名")
    assert window.session.untitled and (gui_env / "data") in window.session.path.parents
    target = gui_env / "mine.sqreport"
    assert window.menus.files.save_to(target)
    assert window.windowTitle().startswith("mine.sqreport")
    assert not window.session.untitled
    window.close()


def test_export_and_save_as_keep_a_name_with_dots(window, gui_env, monkeypatch):
    """「報告111.06.10」 gets .docx added; it must not become 「報告111.06.docx」 (another file)."""
    from PySide6.QtWidgets import QFileDialog

    from sqeditor.gui.export_dialog import ExportOptionsDialog

    other = gui_env / "報告111.06.docx"
    other.write_bytes(b"someone else's file")
    typed = gui_env / "報告111.06.10"

    def type_the_name(dialog: ExportOptionsDialog) -> bool:
        dialog.set_folder(gui_env)
        dialog.target.setText(typed.name)
        return True
    monkeypatch.setattr(ExportOptionsDialog, "exec", type_the_name)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(typed), ""))
    window.menus.files.export(".docx")
    assert (gui_env / "報告111.06.10.docx").stat().st_size > 0
    assert other.read_bytes() == b"someone else's file"
    assert window.menus.files.save_as()
    assert window.session.path == gui_env / "報告111.06.10.sqreport"


def test_keyboard_only_moves_between_rows_and_panes(window, qtbot):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    rows = list(window.session.report.rows())
    window.select_node(rows[0])
    editor = window.rows.forms[0].editor
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.current_node() is rows[1]
    assert window.rows.forms[0].editor.hasFocus()
    qtbot.keyClick(window.rows.forms[0].editor, Qt.Key.Key_F6)
    assert window.tree.hasFocus()
    qtbot.keyClick(window.tree, Qt.Key.Key_Down)
    assert window.current_node() is not rows[1]
    qtbot.keyClick(window.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # nothing to undo
    assert window.session.undo_stack.index() == 0


def test_merged_draft_shows_in_the_window_and_can_be_undone(window, tmp_path, sample_file):
    from sqeditor.gui.merge_dialog import MergeDialog
    from sqeditor.merge import split_drafts
    from sqeditor.model import Paragraph
    from sqeditor.store import FieldEdit, SettingEdit

    row = next(window.session.report.rows())
    window.session.apply([SettingEdit("unit", "資訊室", True), FieldEdit(row.id, "unit", "資訊室")], "指派")
    (tmp_path / "drafts").mkdir()
    (draft,) = split_drafts(window.session.store, ["資訊室"], tmp_path / "drafts")
    with ReportStore.open(draft) as store:
        store.apply([FieldEdit(row.id, "result", [Paragraph("資訊室改寫的內容", 1)])], "輸入文字")
    window.select_node(row)
    dialog = MergeDialog(window, session=window.session)
    dialog.merge_files([draft])
    dialog.close()
    assert window.session.nodes[row.id].result == [Paragraph("資訊室改寫的內容", 1)]
    assert window.rows.forms[0].editor.paragraphs() == [Paragraph("資訊室改寫的內容", 1)]
    window.undo()
    assert window.session.nodes[row.id].result != [Paragraph("資訊室改寫的內容", 1)]
    assert window.rows.forms[0].editor.paragraphs() == window.session.nodes[row.id].result


def test_a_failed_write_is_shown_and_the_text_kept(window, qtbot, sample_file, tmp_path):
    row = next(window.session.report.rows())
    window.select_node(row)
    form = window.rows.forms[0]
    moved = tmp_path / "moved-away.sqreport"
    sample_file.rename(moved)  # e.g. a network share renamed the file under the editor
    form.editor.setFocus()
    form.editor.insertPlainText("新寫的一句")
    qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=3000)
    assert "無法儲存" in window.banner.text()
    assert form.pending and "未儲存" in window.windowTitle()
    assert "新寫的一句" in form.editor.toPlainText()
    moved.rename(sample_file)  # the share is back: the retry saves it
    form.flush()
    assert not form.pending and not window.banner.isVisible() and "已儲存" in window.windowTitle()
    assert "新寫的一句" in stored_rows(sample_file)[0].result_text


def test_untitled_copy_is_dropped_unless_edited(qtbot, gui_env):
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_sample()
    unchanged = window.session.path
    window.open_sample()
    assert not unchanged.exists()  # nothing was written to it
    edited = window.session.path
    row = next(window.session.report.rows())
    window.select_node(row)
    choose(window.rows.forms[0].status_box, Status.DONE)
    assert str(edited.resolve()) in preferences.recent_files()
    window.close()
    assert edited.exists()


def test_drafts_dropped_on_the_window_are_merged(window, qtbot, tmp_path):
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent
    from PySide6.QtWidgets import QApplication

    from sqeditor.merge import split_drafts
    from sqeditor.model import Paragraph
    from sqeditor.store import FieldEdit, SettingEdit

    row = next(window.session.report.rows())
    window.session.apply([SettingEdit("unit", "資訊室", True), FieldEdit(row.id, "unit", "資訊室")], "指派")
    (tmp_path / "drafts").mkdir()
    (draft,) = split_drafts(window.session.store, ["資訊室"], tmp_path / "drafts")
    with ReportStore.open(draft) as store:
        store.apply([FieldEdit(row.id, "result", [Paragraph("拖放進來的草稿", 1)])], "輸入文字")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(draft)), QUrl.fromLocalFile(str(tmp_path / "note.txt"))])
    event = QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    summaries: list[str] = []

    def close_merge_dialog(dialog) -> None:
        summaries.append(dialog.summary.toPlainText())
        dialog.reject()

    window.dropEvent(event)
    when_shown(QApplication.activeModalWidget, close_merge_dialog)
    qtbot.waitUntil(lambda: bool(summaries), timeout=10000)
    assert "資訊室" in summaries[0]
    assert window.session.nodes[row.id].result == [Paragraph("拖放進來的草稿", 1)]


def test_opening_the_open_file_again_keeps_it_writable(window, sample_file):
    assert window.open_path(sample_file)
    assert not window.session.read_only
