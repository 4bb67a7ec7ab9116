"""A clerk's day in the editor: find a row, write it, compose with an input method, undo, reopen."""

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QApplication

from sqeditor.gui.main_window import MainWindow
from sqeditor.model import Paragraph, Status
from sqeditor.store import ReportStore
from tests.conftest import choose

TARGET = "提供多元案件查詢管道"


def open_window(qtbot, path: Path) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.open_path(path)
    window.show()
    return window


def stored_row(path: Path, title_part: str):
    with ReportStore.open(path, read_only=True) as store:
        return next(r for r in store.load().rows() if title_part in r.title)


def compose(widget, preedit: str = "", commit: str = "") -> None:
    event = QInputMethodEvent(preedit, [])
    if commit:
        event.setCommitString(commit)
    QApplication.sendEvent(widget, event)


def type_text(widget, text: str) -> None:
    """Key presses carrying text, as a keyboard with an input method delivers them."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def type_result(qtbot, editor) -> None:
    """Two numbered paragraphs and a sub-item, written with the keyboard only."""
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    type_text(editor, "設置服務台受理現場查詢")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    type_text(editor, "網站提供線上查詢")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    type_text(editor, "電子郵件通知進度")


EXPECTED = [Paragraph("設置服務台受理現場查詢", 1), Paragraph("網站提供線上查詢", 1),
            Paragraph("電子郵件通知進度", 2)]


def test_clerk_day(qtbot, gui_env, sample_file):
    window = open_window(qtbot, sample_file)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    dialog = window.menus.tools.find()
    type_text(dialog.find_edit, TARGET)
    assert dialog.results.count() == 1
    dialog.results.itemActivated.emit(dialog.results.item(0))
    dialog.close()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    assert TARGET in window.current_node().title
    assert TARGET in window.windowTitle() or "sample.sqreport" in window.windowTitle()
    form = window.rows.forms[0]
    editor = form.editor
    editor.setFocus()
    type_result(qtbot, editor)
    assert editor.paragraphs() == EXPECTED
    assert "儲存中" in window.windowTitle()
    qtbot.waitUntil(lambda: stored_row(sample_file, TARGET).result == EXPECTED, timeout=2000)
    qtbot.waitUntil(lambda: "已儲存" in window.windowTitle(), timeout=1000)
    steps_before = window.session.undo_stack.index()

    # Bopomofo: ㄓㄨㄥ is being composed, then 中 is committed
    type_text(editor, "，")
    compose(editor, preedit="ㄓㄨㄥ")
    assert editor.is_composing()
    window.undo()  # refused while composing
    save_timer = form.findChild(QTimer, "saveTimer")
    assert save_timer.isActive()  # the save that "，" asked for comes while composing
    with qtbot.waitSignal(save_timer.timeout, timeout=5000):
        pass
    assert save_timer.isActive()  # it waits for the composition to end
    assert stored_row(sample_file, TARGET).result == EXPECTED
    assert window.session.undo_stack.index() == steps_before
    assert "儲存中" in window.windowTitle()
    compose(editor, commit="中")
    assert not editor.is_composing()
    expected = [*EXPECTED[:2], Paragraph("電子郵件通知進度，中", 2)]
    qtbot.waitUntil(lambda: stored_row(sample_file, TARGET).result == expected, timeout=2000)

    choose(form.status_box, Status.DONE)
    assert stored_row(sample_file, TARGET).status is Status.DONE
    assert window.session.undo_stack.undoText().startswith("變更狀態")
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the report's undo
    assert stored_row(sample_file, TARGET).status is Status.DRAFT
    assert form.status_box.currentData() == Status.DRAFT
    window.undo()  # the typing, as one step
    assert stored_row(sample_file, TARGET).result != expected
    qtbot.keyClick(editor, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    window.redo()
    assert stored_row(sample_file, TARGET).status is Status.DONE
    assert editor.paragraphs() == expected
    window.close()

    again = open_window(qtbot, sample_file)
    row = next(r for r in again.session.report.rows() if TARGET in r.title)
    again.select_node(row)
    assert again.rows.forms[0].editor.paragraphs() == expected
    assert again.rows.forms[0].status_box.currentData() == Status.DONE
    again.close()
