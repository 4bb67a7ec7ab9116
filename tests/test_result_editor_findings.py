"""Findings in the result editor: wavy underlines, tooltips, quick fixes, IME safety, the checker pass."""

import re

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QHelpEvent, QInputMethodEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication, QMenu, QToolTip

from sqeditor.gui.finding_highlights import UNDERLINE_COLORS
from sqeditor.gui.findings_index import FindingAction
from sqeditor.model import Paragraph
from sqeditor.rules.finding import Finding, Severity
from tests.conftest import when_shown


def finding(paragraph, text, word, rule="R12", severity=Severity.ERROR, suggestions=("提升",), **extra):
    start = text.index(word)
    return Finding(
        rule=rule,
        category="用字",
        severity=severity,
        message=f"「{word}」應改為「{suggestions[0] if suggestions else ''}」",
        node_id="row-1",
        field="result",
        paragraph=paragraph,
        start=start,
        end=start + len(word),
        text=word,
        suggestions=tuple(suggestions),
        **extra,
    )


def word_checker(text, level):
    """A small real checker over one paragraph: 提昇 is an error, 台 before 北/灣 a warning."""
    found = [finding(0, text, m.group()) for m in re.finditer("提昇", text)]
    found += [
        finding(0, text, m.group(), rule="R13", severity=Severity.WARNING, suggestions=("臺" + m.group()[1],))
        for m in re.finditer("台[北灣]", text)
    ]
    return found


def underlines(editor):
    """(selected text, colour name, wavy) of every underline shown."""
    return [
        (
            s.cursor.selectedText(),
            s.format.underlineColor().name(),
            s.format.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline,
        )
        for s in editor.extraSelections()
    ]


def position_of(editor, paragraph, offset_utf16):
    return editor.document().findBlockByNumber(paragraph).position() + offset_utf16


def menu_actions(editor, position):
    menu = QMenu(editor)
    return {action.text(): action for action in editor.finding_actions(position, menu)}


TEXT = "本局提昇服務品質，於台北設置據點"


def test_errors_red_and_warnings_blue(editor):
    editor.set_paragraphs([Paragraph("說明"), Paragraph(TEXT, 1)])
    warning = finding(1, TEXT, "台北", rule="R13", severity=Severity.WARNING, suggestions=("臺北",))
    editor.set_findings([finding(1, TEXT, "提昇"), warning])
    assert underlines(editor) == [
        ("提昇", UNDERLINE_COLORS["error"].name(), True),
        ("台北", UNDERLINE_COLORS["warning"].name(), True),
    ]
    assert editor.paragraphs()[1].text == TEXT  # the document itself is untouched


def test_stale_or_foreign_findings_are_not_shown(editor):
    editor.set_paragraphs([Paragraph(TEXT)])
    moved = finding(0, "xx" + TEXT, "提昇")
    other_field = Finding("R12", "用字", Severity.ERROR, "m", "row-1", "standard", 0, 2, 4, "提昇", ("提升",))
    editor.set_findings([moved, other_field])
    assert editor.extraSelections() == []


def test_offsets_beyond_u_ffff(editor):
    text = "申請人𠀋先生提昇服務"
    editor.set_paragraphs([Paragraph("第一段"), Paragraph(text)])
    editor.set_findings([finding(1, text, "提昇")])
    (selection,) = editor.extraSelections()
    assert selection.cursor.selectedText() == "提昇"
    assert selection.cursor.selectionStart() == position_of(editor, 1, 7)  # 𠀋 is two UTF-16 units
    actions = menu_actions(editor, position_of(editor, 1, 8))
    actions["改為「提升」"].trigger()
    assert editor.paragraphs()[1].text == "申請人𠀋先生提升服務"


def test_hover_shows_the_message(editor):
    editor.set_paragraphs([Paragraph(TEXT)])
    editor.set_findings([finding(0, TEXT, "提昇")])
    rect = editor.cursorRect(QTextCursor(editor.document().findBlockByNumber(0)))
    cursor = editor.textCursor()
    cursor.setPosition(3)
    point = editor.cursorRect(cursor).center() - QPoint(2, 0)
    event = QHelpEvent(QHelpEvent.Type.ToolTip, point, editor.viewport().mapToGlobal(point))
    QApplication.sendEvent(editor.viewport(), event)
    assert QToolTip.isVisible() and QToolTip.text() == "「提昇」應改為「提升」"
    assert rect.isValid()


def test_quick_fix_is_one_undo_step_and_reported(editor, qtbot):
    editor.set_paragraphs([Paragraph(TEXT)])
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    editor.setTextCursor(cursor)
    qtbot.keyClicks(editor, "ok")
    editor.set_findings([finding(0, TEXT, "提昇")])
    edits, actions_seen = [], []
    editor.edited.connect(lambda: edits.append(editor.last_edit_label))
    editor.finding_action.connect(lambda *args: actions_seen.append(args))
    menu_actions(editor, 3)["改為「提升」"].trigger()
    assert editor.paragraphs()[0].text == TEXT.replace("提昇", "提升") + "ok"
    assert edits == ["套用建議：「提昇」改為「提升」"]
    assert actions_seen[0][0] == FindingAction.APPLY and actions_seen[0][2] == "提升"
    assert editor.extraSelections() == []
    editor.undo()
    assert editor.paragraphs()[0].text == TEXT + "ok"


def test_apply_all_ignore_and_dictionary_go_to_the_main_window(editor):
    editor.set_paragraphs([Paragraph(TEXT)])
    warning = finding(0, TEXT, "台北", rule="R13", severity=Severity.WARNING, suggestions=("臺北",))
    editor.set_findings([finding(0, TEXT, "提昇"), warning])
    editor.set_finding_counter(lambda f: 7 if f.rule == "R12" else 1)
    seen = []
    editor.finding_action.connect(lambda *args: seen.append(args))
    actions = menu_actions(editor, 3)
    assert "全部套用（報告中共 7 處）" in actions
    actions["全部套用（報告中共 7 處）"].trigger()
    assert seen[-1][0] == FindingAction.APPLY_ALL and seen[-1][2] == "提升"
    actions["忽略"].trigger()
    assert seen[-1][0] == FindingAction.IGNORE
    assert [u[0] for u in underlines(editor)] == ["台北"]
    menu_actions(editor, TEXT.index("台北") + 1)["將「台北」加入字典"].trigger()
    assert seen[-1][0] == FindingAction.ADD_TO_DICTIONARY and seen[-1][2] == "台北"
    assert editor.extraSelections() == []
    assert editor.paragraphs()[0].text == TEXT


def test_fix_of_an_imported_marker(editor):
    editor.set_paragraphs([Paragraph("一", 1), Paragraph("二", 1), Paragraph("定期辦理", 1, "3 ")])
    marker = Finding(
        "R16",
        "編號",
        Severity.ERROR,
        "編號後缺少「.」",
        "row-1",
        "result",
        2,
        0,
        0,
        "3 ",
        ("3. ",),
        on_marker=True,
    )
    editor.set_findings([marker])
    assert editor.extraSelections() == []  # drawn under the painted marker instead
    actions = menu_actions(editor, position_of(editor, 2, 0))
    actions["改為「3. 」"].trigger()
    assert editor.paragraphs()[2] == Paragraph("定期辦理", 1)
    assert menu_actions(editor, position_of(editor, 2, 0)) == {}  # the finding went with the fix
    editor.undo()
    assert editor.paragraphs()[2] == Paragraph("定期辦理", 1, "3 ")


def test_composition_with_findings_keeps_cursor_text_and_underlines(editor, qtbot):
    editor.set_paragraphs([Paragraph(TEXT)])
    editor.set_findings([finding(0, TEXT, "提昇")])
    cursor = editor.textCursor()
    cursor.setPosition(len("本局提昇服務品質，於"))
    editor.setTextCursor(cursor)
    before, shown = cursor.position(), underlines(editor)
    edits = []
    editor.edited.connect(lambda: edits.append(editor.paragraphs()))

    editor.inputMethodEvent(QInputMethodEvent("ㄊㄞˊ", []))
    replacement = finding(0, TEXT, "服務", rule="R99", severity=Severity.WARNING, suggestions=())
    editor.set_findings([replacement])  # arrives mid-composition: must wait
    assert editor.textCursor().position() == before
    assert editor.paragraphs() == [Paragraph(TEXT)]
    assert underlines(editor) == shown
    assert edits == []

    commit = QInputMethodEvent()
    commit.setCommitString("臺")
    editor.inputMethodEvent(commit)
    expected = TEXT.replace("於台北", "於臺台北")
    assert editor.paragraphs() == [Paragraph(expected)]
    assert editor.textCursor().position() == before + 1
    assert edits == [[Paragraph(expected)]]
    assert [u[0] for u in underlines(editor)] == ["服務"]


def test_checker_pass_waits_for_the_commit_and_rechecks_changed_paragraphs(editor, qtbot):
    calls = []

    def checker(text, level):
        calls.append(text)
        return word_checker(text, level)

    editor.set_paragraphs([Paragraph("第一段沒有問題"), Paragraph("本局提昇服務")])
    editor.set_checker(checker)
    qtbot.waitUntil(lambda: len(editor.extraSelections()) == 1, timeout=2000)
    assert sorted(calls) == ["本局提昇服務", "第一段沒有問題"]
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    editor.setTextCursor(cursor)
    editor.inputMethodEvent(QInputMethodEvent("ㄊㄞˊ", []))
    editor.findChild(QTimer, "checkTimer").timeout.emit()  # the check comes while composing
    assert len(calls) == 2  # nothing checked while composing
    commit = QInputMethodEvent()
    commit.setCommitString("於台北")
    editor.inputMethodEvent(commit)
    qtbot.waitUntil(lambda: len(editor.extraSelections()) == 2, timeout=2000)
    assert calls[2:] == ["本局提昇服務於台北"]
    assert [u[0] for u in underlines(editor)] == ["提昇", "台北"]
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: [u[0] for u in underlines(editor)] == ["提昇"], timeout=2000)


def test_read_only_offers_no_fixes(editor):
    editor.set_paragraphs([Paragraph(TEXT)])
    editor.set_findings([finding(0, TEXT, "提昇")])
    editor.set_read_only(True)
    assert editor.finding_actions(3, QMenu(editor)) == []


def test_real_checker_while_typing_then_quick_fix(editor, qtbot):
    from sqeditor.model import Report
    from sqeditor.rules.engine import Checker

    checker = Checker.for_report(Report())
    editor.set_checker(lambda text, level: checker.check_text(text, level=level))
    commit = QInputMethodEvent()
    commit.setCommitString("申請人𠀋先生於")
    editor.inputMethodEvent(commit)
    qtbot.keyClicks(editor, " 110 ")
    commit = QInputMethodEvent()
    commit.setCommitString("年提昇服務")
    editor.inputMethodEvent(commit)
    qtbot.keyClicks(editor, ",")
    assert editor.paragraphs() == [Paragraph("申請人𠀋先生於 110 年提昇服務，")]
    qtbot.waitUntil(lambda: len(editor.extraSelections()) == 3, timeout=2000)
    assert underlines(editor) == [
        ("提昇", UNDERLINE_COLORS["error"].name(), True),
        (" ", UNDERLINE_COLORS["warning"].name(), True),
        (" ", UNDERLINE_COLORS["warning"].name(), True),
    ]
    selections = editor.extraSelections()
    space_start = selections[1].cursor.selectionStart()
    assert space_start == 8  # after 申請人𠀋先生於: 𠀋 is two UTF-16 units
    menu_actions(editor, space_start)["刪除「 」"].trigger()
    assert editor.paragraphs()[0].text == "申請人𠀋先生於110 年提昇服務，"
    editor.undo()
    assert editor.paragraphs()[0].text == "申請人𠀋先生於 110 年提昇服務，"


def test_pasted_paragraph_is_one_underline_fixed_from_the_menu_in_one_step(editor, qtbot):
    from sqeditor.model import Report
    from sqeditor.rules.engine import Checker

    checker = Checker.for_report(Report())
    editor.set_checker(lambda text, level: checker.check_text(text, level=level))
    editor.set_paragraphs([Paragraph("政府服務必須與時俱進,才能貼近民眾,滿足需求(含書寫臺)。")])
    editor._recheck()
    qtbot.waitUntil(lambda: len(editor.extraSelections()) == 1, timeout=2000)
    actions = menu_actions(editor, 12)
    assert "一次改好這一段的 4 處" in actions and not any("加入字典" in name for name in actions)
    actions["一次改好這一段的 4 處"].trigger()
    assert editor.paragraphs() == [Paragraph("政府服務必須與時俱進，才能貼近民眾，滿足需求（含書寫臺）。")]
    editor.undo()
    assert editor.paragraphs()[0].text.count(",") == 2


def test_right_click_menu_offers_the_fixes_and_the_helpers(editor, qtbot):
    from PySide6.QtGui import QContextMenuEvent

    editor.set_paragraphs([Paragraph(TEXT)])
    editor.set_findings([finding(0, TEXT, "提昇")])
    cursor = editor.textCursor()
    cursor.setPosition(3)
    point = editor.cursorRect(cursor).center()
    seen = []

    def read_and_close(menu):
        seen.extend(action.text() for action in menu.actions())
        menu.close()

    when_shown(QApplication.activePopupWidget, read_and_close)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point, editor.viewport().mapToGlobal(point))
    editor.contextMenuEvent(event)
    assert seen[:2] == ["「提昇」應改為「提升」", "改為「提升」"]
    assert {"忽略", "將「提昇」加入字典", "貼上並清理（網頁或 PDF 文字）", "轉為臺灣正體…"} <= set(seen)
