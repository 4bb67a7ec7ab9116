"""The editor with last period linked: its text beside the row, copied in as one undoable step,
the difference once the clerk writes, the matches fixed by hand, the progress per unit."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from sqeditor.gui.last_period_dialog import LastPeriodDialog, LastPeriodLinker
from sqeditor.gui.last_period_panel import inline_difference
from sqeditor.gui.main_window import MainWindow
from sqeditor.last_period import link_last_period
from sqeditor.model import Paragraph
from sqeditor.store import FieldEdit, ReportStore
from tests.last_period_sample import HALF_EDITED, REWORDED, write_periods

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


@pytest.fixture
def periods(tmp_path: Path) -> tuple[Path, Path]:
    return write_periods(tmp_path)


@pytest.fixture
def linked_window(qtbot, gui_env, periods):
    new_path, last_path = periods
    with ReportStore.open(new_path) as store:
        link_last_period(store, last_path)
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.open_path(new_path)
    window.resize(1366, 768)
    window.show()
    yield window
    window.close()


def show_row(window, index: int):
    row = list(window.session.report.rows())[index]
    window.select_node(row)
    form = window.rows.current_form
    assert form.node is row
    return row, form


def test_last_periods_text_beside_the_editor_and_copied_in_as_one_undo_step(qtbot, linked_window):
    window = linked_window
    row, form = show_row(window, 3)
    window.session.apply([FieldEdit(row.id, "result", [])], "清空")
    panel = form.last_panel
    qtbot.waitUntil(panel.isVisible)
    assert panel.heading.text() == "上期（110年度下半年）"
    assert "本局洽公環境滿意度及服務設施均妥適完備" in panel.view.toPlainText()
    assert not panel.diff_box.isEnabled()  # nothing written yet: last period's text, plain
    qtbot.mouseClick(panel.copy_button, Qt.MouseButton.LeftButton)
    assert form.editor.paragraphs() == panel.last
    assert window.session.undo_stack.undoText() == "帶入上期內容"
    window.undo()
    assert form.editor.paragraphs() == [] and row.result == []


def test_the_difference_follows_what_the_clerk_writes(qtbot, linked_window):
    row, form = show_row(linked_window, HALF_EDITED)
    panel = form.last_panel
    html = panel.view.toHtml()
    assert "line-through" in html and "underline" in html
    form.editor.set_paragraphs([*row.result, Paragraph("本期另辦理意見回饋座談會 2 場。")])
    form.editor.edited.emit()
    qtbot.waitUntil(lambda: "座談會" in panel.view.toPlainText(), timeout=3000)
    panel.diff_box.setChecked(False)
    assert "座談會" not in panel.view.toPlainText()


def test_inline_difference_keeps_both_texts_in_reading_order():
    pieces = inline_difference("本局 110 年受理 129 件", "本局 111 年受理 141 件，較上期增加")
    assert "".join(t for k, t in pieces if k != "insert") == "本局 110 年受理 129 件"
    assert "".join(t for k, t in pieces if k != "delete") == "本局 111 年受理 141 件，較上期增加"


def test_a_reworded_row_shows_its_confidence_and_is_fixed_by_hand(qtbot, linked_window):
    window = linked_window
    row, form = show_row(window, 22)
    assert "信心 73%" in form.last_panel.match_label.text()
    assert REWORDED[22][0] == row.title
    dialog = LastPeriodDialog(window.session, window, row)
    qtbot.addWidget(dialog)
    assert "2 列依相似度對應（1 列信心偏低）" in dialog.summary.text()
    assert dialog.selected_row() is row
    dialog.choice.setCurrentIndex(dialog.choice.findData(""))
    dialog.apply_choice()
    assert row.id not in window.session.period_link.matches
    assert "上期沒有對應的評核列" in form.last_panel.match_label.text()
    assert window.session.undo_stack.undoText() == "修正上期對應"
    window.undo()
    assert window.session.period_link.matches[row.id].how == "fuzzy"


def test_linking_from_the_editor_shows_last_period_and_the_progress_per_unit(qtbot, gui_env, periods):
    new_path, last_path = periods
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.open_path(new_path)
    window.show()
    _, form = show_row(window, 3)
    assert form.last_panel.isHidden() and window.progress.table.columnCount() == 4
    assert LastPeriodLinker(window.session, window).link_file(last_path)
    assert not form.last_panel.isHidden()
    assert window.progress.rows_by_unit()[-1] == ("全部", 47, 0, 0, 9, 38)
    assert window.progress.table.columnCount() == 6
    window.undo()  # the link itself is one undoable step
    assert window.session.period_link is None and form.last_panel.isHidden()
    window.close()


def test_a_new_period_from_last_periods_file_is_linked_to_it(qtbot, gui_env, periods, tmp_path):
    from sqeditor.gui.new_period_dialog import NewPeriodDialog
    from tests.conftest import when_shown
    _, last_path = periods
    window = MainWindow()
    qtbot.addWidget(window)

    def create(dialog: NewPeriodDialog) -> None:
        assert dialog.load_last_period(last_path)
        dialog.set_folder(tmp_path)
        dialog.target.setText("next")
        dialog.create_button.click()

    when_shown(lambda: next((w for w in QApplication.topLevelWidgets()
                             if isinstance(w, NewPeriodDialog) and w.isVisible()), None), create)
    assert window.menus.files.new_period() == tmp_path / "next.sqreport"
    session = window.session
    meta = session.report.meta
    assert session.path == tmp_path / "next.sqreport" and (meta.roc_year, str(meta.period)) == (111, "上半年")
    assert all(not row.result for row in session.report.rows())
    assert {m.how for m in session.period_link.matches.values()} == {"id"}  # rows it started from
    assert len(session.period_link.matches) == 47
    assert not session.undo_stack.canUndo()  # where the report came from is not an edit to undo
    window.close()


def test_stale_text_is_underlined_live_in_the_editor(qtbot, linked_window):
    window = linked_window
    row, _ = show_row(window, HALF_EDITED)
    window.findings_index.run_now()
    rules = {f.rule for f in window.findings_index.local.get(row.id, [])}
    assert {"LP1", "LP2", "LP4"} <= rules


def test_screenshot_of_the_form_with_last_period_beside_the_editor(qtbot, linked_window):
    window = linked_window
    show_row(window, HALF_EDITED)
    qtbot.waitExposed(window)
    qtbot.wait(300)
    image = window.grab().toImage()
    assert (image.width(), image.height()) == (1366, 768)
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / "last-period-beside-editor-1366x768.png"
    assert image.save(str(path)) and path.stat().st_size > 20_000
