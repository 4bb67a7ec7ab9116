"""A composition open when the clerk quits, closes, switches rows, clicks away or an autosave
comes (simulated with QInputMethodEvent: preedit, then commit; tests/test_gui_real_ime.py does
the same with ibus and Chewing)."""

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QInputMethodEvent, QKeySequence, QTextCursor
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from sqeditor.gui.main_window import MainWindow
from sqeditor.gui.result_editor import ResultEditor
from sqeditor.model import Paragraph
from sqeditor.store import ReportStore
from tests.test_result_editor_findings import finding, underlines

TARGET = "提供多元案件查詢管道"
OTHER = "提升民眾申辦案件的處理效率"


def preedit(editor, text: str) -> None:
    editor.inputMethodEvent(QInputMethodEvent(text, []))


def commit(editor, text: str) -> None:
    event = QInputMethodEvent()
    event.setCommitString(text)
    editor.inputMethodEvent(event)


def stored_result(path: Path, title_part: str) -> str:
    with ReportStore.open(path, read_only=True) as store:
        row = next(r for r in store.load().rows() if title_part in r.title)
    return "\n".join(p.text for p in row.result)


def composing_in(window: MainWindow, title_part: str, text: str) -> str:
    """Put the cursor at the end of a row's result and open a composition; the stored text."""
    row = next(r for r in window.session.report.rows() if title_part in r.title)
    window.select_node(row)
    editor = window.rows.forms[0].editor
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    before = "\n".join(p.text for p in row.result)
    preedit(editor, text)
    assert editor.is_composing() and not window.rows.pending  # nothing typed yet but the preedit
    return before


def quit_action(window: MainWindow):
    return next(a for a in window.findChildren(QAction) if a.shortcut() == QKeySequence("Ctrl+Q"))


@pytest.mark.parametrize("how", ["ctrl_q", "close_button"])
def test_quitting_during_a_composition_keeps_the_composed_text(qtbot, gui_env, sample_file, how):
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.open_path(sample_file)
    window.show()
    before = composing_in(window, TARGET, "服務")
    if how == "ctrl_q":
        quit_action(window).trigger()
    else:
        window.close()  # what the title bar's close button does
    assert window.session is None
    assert stored_result(sample_file, TARGET) == before + "服務"


def test_switching_rows_during_a_composition_keeps_the_composed_text(window, sample_file):
    before = composing_in(window, TARGET, "中文")
    window.select_node(next(r for r in window.session.report.rows() if OTHER in r.title))
    assert stored_result(sample_file, TARGET) == before + "中文"


def test_autosave_during_a_composition_waits_and_saves_the_commit_once(window, sample_file, qtbot):
    before = composing_in(window, TARGET, "ㄈㄨˊ")
    form = window.rows.forms[0]
    steps = window.session.undo_stack.count()
    form.findChild(QTimer, "saveTimer").timeout.emit()  # an autosave comes mid-composition
    assert stored_result(sample_file, TARGET) == before and window.session.undo_stack.count() == steps
    commit(form.editor, "服")
    form.findChild(QTimer, "saveTimer").timeout.emit()
    assert stored_result(sample_file, TARGET) == before + "服"
    assert window.session.undo_stack.count() == steps + 1


def test_a_forced_commit_mid_syllable_saves_no_bopomofo(window, sample_file):
    before = composing_in(window, TARGET, "中ㄨㄣ")  # 中文 half typed: ㄨㄣ still waits for its tone
    quit_action(window).trigger()
    assert stored_result(sample_file, TARGET) == before + "中"


@pytest.fixture
def editor_and_field(qtbot):
    """A result editor with a line edit below it, as in a row's form."""
    host = QWidget()
    qtbot.addWidget(host)
    layout = QVBoxLayout(host)
    editor, field = ResultEditor(), QLineEdit()
    layout.addWidget(editor)
    layout.addWidget(field)
    host.resize(480, 360)
    host.show()
    qtbot.waitExposed(host)
    editor.setFocus()
    yield editor, field
    host.close()  # the host holds both widgets until the test is done


def test_clicking_away_mid_syllable_keeps_the_characters_not_the_bopomofo(editor_and_field, qtbot):
    editor, field = editor_and_field
    commit(editor, "ㄅㄆㄇ是注音符號，")  # typed on purpose (the IME's symbol table): kept
    preedit(editor, "服務中ㄨㄣ")
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
    assert not editor.is_composing()
    assert editor.paragraphs() == [Paragraph("ㄅㄆㄇ是注音符號，服務中")]


def test_a_click_inside_the_editor_mid_syllable_also_drops_the_bopomofo(editor_and_field, qtbot):
    editor, _field = editor_and_field
    commit(editor, "本局")
    preedit(editor, "ㄊㄞˊ")
    qtbot.mouseClick(editor.viewport(), Qt.MouseButton.LeftButton, pos=editor.viewport().rect().center())
    assert not editor.is_composing()  # ended as the editor's commit, before Qt's ibus plugin commits raw
    assert editor.paragraphs() == [Paragraph("本局")]


def test_an_ordinary_commit_keeps_what_the_input_method_sends(editor):
    preedit(editor, "ㄅ")
    commit(editor, "ㄅ")  # the clerk picked the symbol and pressed Enter
    assert editor.paragraphs() == [Paragraph("ㄅ")]


TEXT = "臺北市與台北縣"


def test_underlines_after_the_preedit_are_hidden_while_composing(editor):
    editor.set_paragraphs([Paragraph(TEXT), Paragraph("第二段台北")])
    editor.set_findings([finding(0, TEXT, "臺北"), finding(0, TEXT, "台北"),
                         finding(1, "第二段台北", "台北")])
    cursor = editor.textCursor()
    cursor.setPosition(len("臺北市"))
    editor.setTextCursor(cursor)
    assert [u[0] for u in underlines(editor)] == ["臺北", "台北", "台北"]
    preedit(editor, "ㄉㄚˋ")  # Qt would draw 台北's underline under 「與台」 of 「ㄉㄚˋ與台北」
    shown = [(s.cursor.block().blockNumber(), s.cursor.selectedText()) for s in editor.extraSelections()]
    assert shown == [(0, "臺北"), (1, "台北")]
    commit(editor, "大")
    assert [(s.cursor.selectionStart(), s.cursor.selectedText()) for s in editor.extraSelections()] == [
        (0, "臺北"), (len("臺北市大與"), "台北"), (len(TEXT) + 2 + len("第二段"), "台北")]
