"""A Word clerk's habits in the real main window: find with Enter and one click, the match in
view, Alt keys to the row's fields, undo steps as Word makes them, one undo history, the row
last edited on reopening, closed panels back from 檢視, findings the clerk can act on."""

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QContextMenuEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QMenu, QToolBar

from sqeditor.gui.findings_index import fix_label
from sqeditor.gui.main_window import MainWindow
from sqeditor.gui.result_editor import FOUND_COLOR
from sqeditor.gui.search_dialog import beside
from sqeditor.model import NodeKind
from sqeditor.store import ReportStore
from tests.conftest import when_shown
from tests.test_gui_clerk_day import type_text

NEEDLE = "廠商"


class Clock:
    """Time the test moves on, so a 'pause of two seconds' needs no sleep."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def first_row(window: MainWindow):
    return next(window.session.report.rows())


def open_row(qtbot, window: MainWindow, row):
    window.select_node(row)
    form = window.rows.forms[0]
    form.editor.setFocus()
    qtbot.waitUntil(form.editor.hasFocus, timeout=2000)
    return form


def stored_text(path, node_id: str) -> str:
    with ReportStore.open(path, read_only=True) as store:
        return next(r for r in store.load().rows() if r.id == node_id).result_text


def saved(qtbot, form) -> None:
    qtbot.waitUntil(lambda: not form.pending, timeout=3000)  # the form's saveTimer has fired


def match_rect(editor) -> QRect:
    cursor = editor.textCursor()
    rects = []
    for position in (cursor.selectionStart(), cursor.selectionEnd()):
        end = QTextCursor(cursor)
        end.setPosition(position)
        rects.append(editor.cursorRect(end))
    rect = rects[0].united(rects[1])
    return QRect(editor.viewport().mapToGlobal(rect.topLeft()), rect.size())


# --- find -------------------------------------------------------------------------------

def test_enter_goes_to_the_first_match_marked_and_in_view(qtbot, window):
    window.resize(780, 760)
    dialog = window.menus.tools.find()
    qtbot.waitExposed(dialog)
    type_text(dialog.find_edit, NEEDLE)
    assert dialog.results.count() >= 2
    first = dialog.matches[0].node
    window.select_node(first)
    editor = window.editor_for(first.id)
    dialog.move(editor.mapToGlobal(QPoint(0, 0)))  # right over the text the match is in
    over = dialog.frameGeometry()
    qtbot.keyClick(dialog.find_edit, Qt.Key.Key_Return)
    assert dialog.isVisible()  # Enter found; it did not press 關閉
    assert window.current_node() is first
    editor = window.editor_for(first.id)
    assert editor.textCursor().selectedText() == NEEDLE
    marks = [s for s in editor.extraSelections() if s.format.background().color() == FOUND_COLOR]
    assert [m.cursor.selectedText() for m in marks] == [NEEDLE]
    assert over.intersects(match_rect(editor))  # the dialog covered the match …
    assert not dialog.frameGeometry().intersects(match_rect(editor))  # … and moved off it
    qtbot.keyClick(dialog.find_edit, Qt.Key.Key_Return)  # Enter again: the next match
    assert window.current_node() is dialog.matches[1].node


def test_one_click_on_a_result_goes_there(qtbot, window):
    dialog = window.menus.tools.find()
    type_text(dialog.find_edit, NEEDLE)
    item = dialog.results.item(1)
    qtbot.mouseClick(dialog.results.viewport(), Qt.MouseButton.LeftButton,
                     pos=dialog.results.visualItemRect(item).center())
    target = dialog.matches[1].node
    assert window.current_node() is target
    assert window.editor_for(target.id).textCursor().selectedText() == NEEDLE


def test_reopened_find_lists_what_the_report_holds_now(qtbot, window):
    dialog = window.menus.tools.find()
    type_text(dialog.find_edit, NEEDLE)
    before = dialog.results.count()
    dialog.close()
    row = next(r for r in window.session.report.rows() if NEEDLE not in r.result_text)
    form = open_row(qtbot, window, row)
    type_text(form.editor, NEEDLE)
    form.editor.clearFocus()  # leaving the text saves it
    assert window.menus.tools.find() is dialog and dialog.results.count() == before + 1


def test_typing_removes_the_mark_of_the_match(qtbot, window):
    dialog = window.menus.tools.find()
    type_text(dialog.find_edit, NEEDLE)
    qtbot.keyClick(dialog.find_edit, Qt.Key.Key_Return)
    editor = window.editor_for(dialog.matches[0].node.id)
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_End)
    type_text(editor, "。")
    assert not [s for s in editor.extraSelections() if s.format.background().color() == FOUND_COLOR]


def test_beside_moves_a_window_off_the_match_and_stays_on_screen():
    screen = QRect(0, 0, 1280, 800)
    match = QRect(300, 200, 60, 20)
    over = QRect(250, 100, 500, 400)
    moved = QRect(beside(over, match, screen), over.size())
    assert not moved.intersects(match) and screen.contains(moved)
    clear = QRect(700, 300, 400, 300)
    assert beside(clear, match, screen) == clear.topLeft()  # already clear: stays put
    low = QRect(250, 500, 500, 300)
    low_match = QRect(300, 700, 60, 20)
    moved = QRect(beside(low, low_match, screen), low.size())
    assert not moved.intersects(low_match) and screen.contains(moved)  # above: no room below


# --- keys to the row's fields ----------------------------------------------------------

def test_alt_keys_go_from_the_text_to_unit_and_status(qtbot, window):
    form = open_row(qtbot, window, first_row(window))
    labels = {label.text(): label.buddy() for label in form.findChildren(type(form.count_label))
              if label.buddy() is not None}
    assert labels["承辦單位(&U)"] is form.unit_box and labels["狀態(&S)"] is form.status_box
    assert labels["評核結果說明(&R)"] is form.editor and labels["審閱意見(&M)"] is form.comment_edit
    qtbot.keyClick(form.editor, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)
    assert form.unit_box.hasFocus() or form.unit_box.lineEdit().hasFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    assert form.status_box.hasFocus()
    qtbot.keyClick(form.status_box, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    assert form.editor.hasFocus()


def test_alt_keys_stay_in_the_row_when_several_rows_are_shown(qtbot, window):
    item = next(n for n in window.session.report.walk()
                if n.kind is not NodeKind.STANDARD and len([c for c in n.children
                                                            if c.kind is NodeKind.STANDARD]) >= 2)
    window.select_node(item)
    forms = window.rows.forms
    assert len(forms) >= 2
    forms[1].editor.setFocus()
    qtbot.waitUntil(forms[1].editor.hasFocus, timeout=2000)
    qtbot.keyClick(forms[1].editor, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    assert forms[1].status_box.hasFocus()


# --- undo steps -------------------------------------------------------------------------

def test_typing_steps_close_on_a_pause_enter_and_a_move(qtbot, window, sample_file):
    row = first_row(window)
    form = open_row(qtbot, window, row)
    clock = Clock()
    form.steps._clock = clock
    editor, stack = form.editor, window.session.undo_stack
    qtbot.keyClick(editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    start, original = stack.count(), stored_text(sample_file, row.id)

    type_text(editor, "甲")
    saved(qtbot, form)
    clock.now += 1.0  # a short pause: the same step
    type_text(editor, "乙")
    saved(qtbot, form)
    assert stack.count() == start + 1
    clock.now += 3.0  # a pause of a couple of seconds: a new step
    type_text(editor, "丙")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # Enter closes it at once (no wait for the timer)
    assert not form.pending and stack.count() == start + 2
    type_text(editor, "丁")
    qtbot.keyClick(editor, Qt.Key.Key_Left)  # a move closes it too
    assert not form.pending and stack.count() == start + 3
    type_text(editor, "戊")
    saved(qtbot, form)
    assert stack.count() == start + 4
    assert stored_text(sample_file, row.id) == original + "甲乙丙\n戊丁"

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)  # Ctrl+Z is the window's shortcut
    for expected in (original + "甲乙丙\n丁", original + "甲乙丙\n", original + "甲乙", original):
        qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert stored_text(sample_file, row.id) == expected
    assert editor.paragraphs() == row.result


def test_a_paste_is_a_step_of_its_own_between_typing(qtbot, window, sample_file):
    row = first_row(window)
    form = open_row(qtbot, window, row)
    form.steps._clock = Clock()  # no pause: only the paste separates the steps
    editor, stack = form.editor, window.session.undo_stack
    qtbot.keyClick(editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    start = stack.count()
    type_text(editor, "甲")
    QApplication.clipboard().setText("乙丙")
    qtbot.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    type_text(editor, "丁")
    saved(qtbot, form)
    assert [stack.text(i) for i in range(start, stack.count())] == ["輸入文字", "貼上", "輸入文字"]
    assert stored_text(sample_file, row.id).endswith("甲乙丙丁")


def test_a_long_stretch_of_typing_is_never_one_step(qtbot, window):
    form = open_row(qtbot, window, first_row(window))
    clock = Clock()
    form.steps._clock = clock
    stack = window.session.undo_stack
    start = stack.count()
    for _ in range(5):  # five minutes of typing, never resting two seconds
        for _ in range(10):
            clock.now += 1.5
            type_text(form.editor, "字")
            form.flush()
        clock.now += 45
        type_text(form.editor, "字")
        form.flush()
    assert stack.count() - start >= 5


def test_the_editors_own_undo_in_its_menu_is_the_reports(qtbot, window, sample_file):
    row = first_row(window)
    form = open_row(qtbot, window, row)
    editor = form.editor
    original = stored_text(sample_file, row.id)
    qtbot.keyClick(editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    type_text(editor, "補充")
    seen = {}

    def act(menu: QMenu) -> None:
        seen["actions"] = list(menu.actions())
        seen["names"] = [a.objectName() for a in menu.actions()]
        next(a for a in menu.actions() if a is window.menus.undo_action).trigger()
        menu.close()

    when_shown(QApplication.activePopupWidget, act)
    point = editor.cursorRect().center()
    QApplication.sendEvent(editor.viewport(), QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point,
                                                     editor.viewport().mapToGlobal(point)))
    assert window.menus.undo_action in seen["actions"] and window.menus.redo_action in seen["actions"]
    assert "edit-undo" not in seen["names"] and "edit-redo" not in seen["names"]
    assert stored_text(sample_file, row.id) == original  # the menu's 復原 undid the typing in the file
    assert editor.paragraphs() == row.result


def test_a_fix_from_the_text_is_named_as_from_the_panel(qtbot, window):
    window.findings_index.run_now()
    finding = next(f for f in window.findings_index.findings() if f.text == "提昇")
    row = window.session.nodes[finding.node_id]
    form = open_row(qtbot, window, row)
    editor = form.editor
    qtbot.waitUntil(lambda: any(p.finding.text == "提昇" for p in editor._highlights.placed), timeout=3000)
    block = editor.document().findBlockByNumber(finding.paragraph)
    position = block.position() + finding.start + 1
    actions = {a.text(): a for a in editor.finding_actions(position, QMenu(editor))}
    actions["改為「提升」"].trigger()
    name = window.session.undo_stack.undoText()
    assert name == fix_label(finding, "提升") == "套用建議：「提昇」改為「提升」"
    window.undo()
    window.findings_index.run_now()
    panel = window.findings
    panel.show()
    panel.refresh()
    row_index = next(i for i, f in enumerate(panel.shown) if f.place == finding.place)
    panel.list.setCurrentItem(panel.list.topLevelItem(row_index))
    panel.apply_current()
    assert window.session.undo_stack.undoText() == name


# --- reopening, panels ------------------------------------------------------------------

def test_the_report_reopens_at_the_row_last_edited(qtbot, window, sample_file):
    row = list(window.session.report.rows())[5]
    form = open_row(qtbot, window, row)
    type_text(form.editor, "改")
    saved(qtbot, form)
    window.select_node(window.session.report.sections[0])
    window.close()
    again = MainWindow()
    qtbot.addWidget(again)
    assert again.open_path(sample_file)
    assert again.current_node().id == row.id


def test_view_menu_brings_back_every_closed_panel(qtbot, window):
    view = window.menus.view_menu
    by_text = {a.text(): a for a in view.actions()}
    toolbar = window.findChild(QToolBar, "mainToolbar")
    for name, panel in (("文字檢查", window.findings), ("工具列", toolbar)):
        panel.close()
        assert not panel.isVisible()
        by_text[name].trigger()
        assert panel.isVisible(), name
    splitter = window.progress.parentWidget()
    splitter.setSizes([splitter.height(), 0])  # dragged shut
    by_text["各單位進度"].trigger()
    assert not window.progress.isVisible()
    by_text["各單位進度"].trigger()
    assert window.progress.isVisible() and splitter.sizes()[1] > 0


# --- findings the clerk can act on ------------------------------------------------------

def test_criteria_text_findings_only_in_template_mode(qtbot, window):
    window.findings_index.run_now()
    fields = {f.field for f in window.findings_index.findings()}
    assert fields == {"result"}  # the fixed text is not the clerk's to fix
    section = next(s for s in window.session.report.sections if s.title.startswith("二、"))
    assert section.id not in window.findings_index.counts()
    window.set_template_mode(True)
    numbering = [f for f in window.findings_index.findings() if f.rule == "C4"]
    assert [(f.node_id, f.text) for f in numbering] == [(section.id, "二、")]
    assert window.findings_index.counts()[section.id] >= 1
    window.set_template_mode(False)
    assert not [f for f in window.findings_index.findings() if f.field != "result"]


def test_result_typed_into_a_new_report_has_only_its_own_findings(qtbot, window):
    """Sanity: a clerk's own slip is still flagged outside template mode."""
    row = first_row(window)
    form = open_row(qtbot, window, row)
    qtbot.keyClick(form.editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    type_text(form.editor, "提昇")
    form.end_burst()
    window.findings_index.run_now()
    mine = [f for f in window.findings_index.findings() if f.node_id == row.id and f.text == "提昇"]
    assert mine and mine[0].field == "result"
