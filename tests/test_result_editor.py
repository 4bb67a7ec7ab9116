"""The result editor with real widgets: typing, list levels, paste, IME composition, conversion."""

import re

import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QColor, QGuiApplication, QInputMethodEvent, QTextCursor

from sqeditor.gui.list_blocks import drawn_markers
from sqeditor.model import Paragraph
from tests.conftest import when_shown


@pytest.fixture
def edits(editor):
    seen = []
    editor.edited.connect(lambda: seen.append(editor.paragraphs()))
    return seen


def type_text(qtbot, editor, text):
    """ASCII as key presses (qtbot.keyClicks); Chinese as the input method commits it."""
    for run in re.findall(r"[\x00-\x7f]+|[^\x00-\x7f]+", text):
        if run.isascii():
            qtbot.keyClicks(editor, run)
        else:
            commit(editor, run)


def move_to_end(editor):
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    editor.setTextCursor(cursor)


def preedit(editor, text):
    editor.inputMethodEvent(QInputMethodEvent(text, []))


def commit(editor, text):
    event = QInputMethodEvent()
    event.setCommitString(text)
    editor.inputMethodEvent(event)


def test_typing_writes_plain_paragraphs_and_emits_edited(editor, edits, qtbot):
    type_text(qtbot, editor, "本局提供多元案件查詢管道")
    assert editor.paragraphs() == [Paragraph("本局提供多元案件查詢管道")]
    assert edits and edits[-1] == editor.paragraphs()


def test_tab_enter_and_shift_tab_set_levels_and_numbers(editor, qtbot):
    type_text(qtbot, editor, "受理方式如下")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    type_text(qtbot, editor, "臨櫃")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    type_text(qtbot, editor, "網路")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    type_text(qtbot, editor, "電子郵件")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClick(editor, Qt.Key.Key_Backtab)
    type_text(qtbot, editor, "電話")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # Enter on an empty item ends the list
    type_text(qtbot, editor, "以上")
    assert [(p.text, p.level) for p in editor.paragraphs()] == [
        ("受理方式如下", 0),
        ("臨櫃", 1),
        ("網路", 1),
        ("電子郵件", 2),
        ("電話", 1),
        ("以上", 0),
    ]
    assert drawn_markers(editor.document()) == ["", "1.", "2.", "(1)", "3.", ""]
    assert "1." not in editor.toPlainText()


def test_tab_never_skips_a_level(editor, qtbot):
    type_text(qtbot, editor, "第一項")
    for _ in range(3):
        qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.paragraphs()[0].level == 1
    editor.decrease_level()
    assert editor.paragraphs()[0].level == 0


def test_tab_on_a_selection_indents_every_paragraph(editor):
    editor.set_paragraphs([Paragraph("甲", 1), Paragraph("乙", 1), Paragraph("丙", 1)])
    cursor = editor.textCursor()
    cursor.setPosition(editor.document().findBlockByNumber(1).position())
    cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    editor.increase_level_action.trigger()
    assert [p.level for p in editor.paragraphs()] == [1, 2, 2]
    assert drawn_markers(editor.document()) == ["1.", "(1)", "(2)"]


def test_numbers_renumber_when_a_paragraph_goes(editor):
    editor.set_paragraphs([Paragraph("一", 1), Paragraph("二", 1), Paragraph("三", 1)])
    cursor = QTextCursor(editor.document().findBlockByNumber(1))
    cursor.movePosition(QTextCursor.MoveOperation.NextBlock, QTextCursor.MoveMode.KeepAnchor)
    cursor.removeSelectedText()
    assert [p.text for p in editor.paragraphs()] == ["一", "三"]
    assert drawn_markers(editor.document()) == ["1.", "2."]


def test_set_paragraphs_round_trips_without_edited_or_undo(editor, edits):
    paragraphs = [Paragraph("說明", 0), Paragraph("甲", 1), Paragraph("乙", 2), Paragraph("丙", 3)]
    assert editor.set_paragraphs(paragraphs)
    assert editor.paragraphs() == paragraphs
    assert edits == []
    assert not editor.document().isUndoAvailable()
    assert editor.set_paragraphs([]) and editor.paragraphs() == []


def test_imported_literal_marker_is_kept_and_drawn(editor):
    paragraphs = [Paragraph("一", 1), Paragraph("二", 1), Paragraph("定期辦理", 1, "3 ")]
    editor.set_paragraphs(paragraphs)
    assert editor.paragraphs() == paragraphs
    assert drawn_markers(editor.document())[2] == "3"
    cursor = QTextCursor(editor.document().findBlockByNumber(2))
    editor.setTextCursor(cursor)
    editor.increase_level()
    editor.decrease_level()
    assert editor.paragraphs()[2] == Paragraph("定期辦理", 1)


def paste_text(editor, text):
    QGuiApplication.clipboard().setText(text)
    editor.paste()


def test_paste_turns_literal_markers_into_levels(editor, edits):
    paste_text(editor, "辦理情形：\n1. 設置服務台\n2. 提供線上申辦\n（1）網路\n(2) 電話\n甲、臨櫃\n\n3. 定期")
    assert [(p.text, p.level) for p in editor.paragraphs()] == [
        ("辦理情形：", 0),
        ("設置服務台", 1),
        ("提供線上申辦", 1),
        ("網路", 2),
        ("電話", 2),
        ("臨櫃", 3),
        ("定期", 1),
    ]
    assert len(edits) == 1
    editor.undo()
    assert editor.paragraphs() == []


def test_paste_inside_a_line_keeps_the_first_line_as_text(editor):
    editor.set_paragraphs([Paragraph("共計件")])
    cursor = editor.textCursor()
    cursor.setPosition(2)
    editor.setTextCursor(cursor)
    paste_text(editor, "3. 5")
    assert editor.paragraphs() == [Paragraph("共計3. 5件")]


def test_paste_drops_formatting(editor):
    mime = QMimeData()
    mime.setHtml("<b style='color:red'>粗體紅字</b>")
    mime.setText("粗體紅字")
    editor.insertFromMimeData(mime)
    assert editor.paragraphs() == [Paragraph("粗體紅字")]
    fmt = editor.document().firstBlock().begin().fragment().charFormat()
    assert fmt.fontWeight() != 700 and fmt.foreground().color() != QColor("red")


def test_paste_cleaned_pdf_text(editor):
    QGuiApplication.clipboard().setText("提高網站使用 便利性，於 110 年受理\n2, 896 件。\n1. 辦理 訓練")
    editor.paste_pdf_action.trigger()
    assert editor.paragraphs() == [
        Paragraph("提高網站使用便利性，於110年受理2,896件。"),
        Paragraph("辦理訓練", 1),
    ]


def test_paste_and_clean_web_text_makes_its_punctuation_full_width(editor):
    """Text copied from a web page that left half-width punctuation: one step cleans it."""
    QGuiApplication.clipboard().setText(
        "提供一般設施如:服務臺、書寫臺、電腦(網路)、飲水機等,則酌予加分。\n(1) 設置全功能櫃臺,提供整合服務。")
    editor.paste_pdf_action.trigger()
    assert editor.paragraphs() == [
        Paragraph("提供一般設施如：服務臺、書寫臺、電腦（網路）、飲水機等，則酌予加分。"),
        Paragraph("設置全功能櫃臺，提供整合服務。", 2),
    ]


def test_paste_and_clean_keeps_rules_the_report_disabled(editor):
    editor.set_checker(lambda text, level: [])
    QGuiApplication.clipboard().setText("計12項,並提升")
    editor.paste_pdf_action.trigger()
    assert editor.paragraphs() == [Paragraph("計12項,並提升")]


def test_copy_writes_markers_out_and_pastes_back(editor):
    editor.set_paragraphs([Paragraph("說明"), Paragraph("甲", 1), Paragraph("乙", 2)])
    editor.selectAll()
    editor.copy()
    assert QGuiApplication.clipboard().text() == "說明\n1. 甲\n(1) 乙"
    editor.set_paragraphs([])
    editor.paste()
    assert editor.paragraphs() == [Paragraph("說明"), Paragraph("甲", 1), Paragraph("乙", 2)]


def test_full_width_after_chinese_but_not_in_numbers(editor, qtbot):
    type_text(qtbot, editor, "計12項,並提升(含線上)比率達3.14%以上,English, ok.")
    assert editor.paragraphs()[0].text == "計12項，並提升（含線上）比率達3.14%以上，English, ok."
    editor.set_paragraphs([])
    editor.set_full_width_punctuation(False)
    type_text(qtbot, editor, "計12項,並")
    assert editor.paragraphs()[0].text == "計12項,並"


def test_full_width_applies_to_a_committed_mark(editor):
    commit(editor, "服務")
    commit(editor, ",")
    assert editor.paragraphs()[0].text == "服務，"


def test_composition_is_not_in_the_text_and_emits_nothing(editor, edits, qtbot):
    type_text(qtbot, editor, "提升服務")
    before, count = editor.textCursor().position(), len(edits)
    preedit(editor, "ㄊㄞˊ")
    assert editor.is_composing()
    assert editor.paragraphs() == [Paragraph("提升服務")]
    assert editor.textCursor().position() == before
    assert len(edits) == count
    assert not editor.set_paragraphs([Paragraph("別的")])
    commit(editor, "臺")
    assert not editor.is_composing()
    assert editor.paragraphs() == [Paragraph("提升服務臺")]
    assert editor.textCursor().position() == before + 1
    assert len(edits) == count + 1


def test_commit_composition_lands_the_preedit(editor, edits):
    preedit(editor, "臺灣")
    editor.commit_composition()
    assert not editor.is_composing()
    assert editor.paragraphs() == [Paragraph("臺灣")]
    assert edits[-1] == [Paragraph("臺灣")]


def test_astral_characters_keep_offsets(editor, qtbot):
    editor.set_paragraphs([Paragraph("申請人𠀋先生", 1), Paragraph("第二段", 1)])
    cursor = QTextCursor(editor.document().findBlockByNumber(0))
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    editor.setTextCursor(cursor)
    type_text(qtbot, editor, ",辦理")
    editor.selectAll()
    editor.copy()
    assert QGuiApplication.clipboard().text() == "1. 申請人𠀋先生，辦理\n2. 第二段"
    block = editor.document().firstBlock()
    for utf16_start, expected in ((3, "𠀋先生，辦理"), (5, "先生，辦理")):
        cursor = QTextCursor(block)
        cursor.setPosition(utf16_start)
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
        editor.setTextCursor(cursor)
        editor.copy()
        assert QGuiApplication.clipboard().text() == expected


def test_read_only_ignores_keys_and_paste(editor, qtbot):
    editor.set_paragraphs([Paragraph("完成", 1)])
    editor.set_read_only(True)
    type_text(qtbot, editor, "字")
    editor.increase_level()
    paste_text(editor, "1. 貼上")
    assert editor.paragraphs() == [Paragraph("完成", 1)]
    assert not editor.increase_level_action.isEnabled()


def test_input_method_cursor_rectangle_is_the_cursor(editor):
    editor.set_paragraphs([Paragraph("第一段", 1), Paragraph("第二段", 2)])
    move_to_end(editor)
    rect = editor.inputMethodQuery(Qt.InputMethodQuery.ImCursorRectangle)
    assert rect.toRect() == editor.cursorRect()


def inked_left_of_text(editor, number):
    """Whether anything is drawn in the indent left of a block's first line."""
    layout = editor.document().findBlockByNumber(number).layout()
    line = layout.lineAt(0)
    text_x = int(layout.position().x() + line.x())
    top = int(layout.position().y() + line.y()) - editor.verticalScrollBar().value()
    image = editor.viewport().grab().toImage()
    assert top >= 0 and top + line.height() <= image.height()
    background = image.pixelColor(image.width() - 2, image.height() - 2)
    pixels = ((x, y) for x in range(5, text_x - 1) for y in range(top, top + int(line.height())))
    return text_x > 20 and any(image.pixelColor(x, y) != background for x, y in pixels)


def test_markers_are_painted_in_the_hanging_indent(editor, qtbot):
    editor.set_paragraphs([Paragraph("說明文字"), Paragraph("清單項目", 1)])
    assert inked_left_of_text(editor, 1)
    assert editor.toPlainText() == "說明文字\n清單項目"
    editor.setTextCursor(QTextCursor(editor.document().firstBlock()))
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert drawn_markers(editor.document()) == ["1.", "2."]
    assert inked_left_of_text(editor, 0) and inked_left_of_text(editor, 1)
    lines = "\n".join(f"{n}. 第{n}項" for n in range(1, 40))
    editor.set_paragraphs([])
    paste_text(editor, lines)
    editor.verticalScrollBar().setValue(editor.verticalScrollBar().maximum())
    assert inked_left_of_text(editor, 38)


def test_taiwan_conversion_previews_then_applies_as_one_undo_step(editor, edits):
    editor.set_paragraphs([Paragraph("已完成"), Paragraph("软件与网络服务", 1)])
    changes = editor.taiwan_conversion_preview()
    assert changes and all(change.paragraph == 1 for change in changes)
    assert editor.paragraphs()[1].text == "软件与网络服务"
    assert editor.apply_taiwan_conversion(changes)
    assert editor.paragraphs()[1] == Paragraph("軟體與網路服務", 1)
    assert editor.last_edit_label == "轉為臺灣正體"
    assert len(edits) == 1
    editor.undo()
    assert editor.paragraphs()[1].text == "软件与网络服务"
    editor.set_paragraphs([Paragraph("已完成"), Paragraph("另一段文字", 1)])
    assert not editor.apply_taiwan_conversion(changes)
    assert editor.paragraphs()[1].text == "另一段文字"


def test_convert_action_shows_the_preview_dialog_before_applying(editor):
    from PySide6.QtWidgets import QApplication

    editor.set_paragraphs([Paragraph("软件与网络")])
    rows = []

    def answer(dialog, accept):
        rows.extend(
            tuple(dialog.table.topLevelItem(i).text(c) for c in range(3))
            for i in range(dialog.table.topLevelItemCount())
        )
        dialog.accept() if accept else dialog.reject()

    when_shown(QApplication.activeModalWidget, lambda dialog: answer(dialog, False))
    editor.convert_action.trigger()
    assert editor.paragraphs() == [Paragraph("软件与网络")]
    assert rows and all(row[0] == "1" for row in rows)
    when_shown(QApplication.activeModalWidget, lambda dialog: answer(dialog, True))
    editor.convert_action.trigger()
    assert editor.paragraphs() == [Paragraph("軟體與網路")]
