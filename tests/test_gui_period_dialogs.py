"""新增一期 from Word and Excel, 報告資訊 as one step, the unit list in the form, the progress panel
and the split dialog, and export and print choices remembered per report."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from sqeditor.exchange.builtin_reports import builtin_sample
from sqeditor.file_formats import write_report
from sqeditor.gui.export_dialog import ExportOptionsDialog
from sqeditor.gui.merge_dialog import SplitDialog
from sqeditor.gui.new_period_dialog import NewPeriodDialog
from sqeditor.gui.report_info_dialog import ReportInfoDialog
from sqeditor.model import Period
from sqeditor.store import FieldEdit, ReportStore


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_a_new_period_starts_from_last_periods_word_or_excel_file(qtbot, gui_env, tmp_path, suffix):
    last = tmp_path / f"110下半年{suffix}"
    write_report(builtin_sample(), last)
    dialog = NewPeriodDialog(tmp_path, today=date(2022, 3, 1))
    qtbot.addWidget(dialog)
    assert dialog.load_last_period(last)
    meta = dialog.form.meta()
    assert (meta.roc_year, meta.period, meta.cutoff) == (111, Period.FIRST_HALF, date(2022, 6, 10))
    assert dialog.tree.topLevelItemCount() == len(builtin_sample().sections)
    assert dialog.create() == tmp_path / "經濟部工業局111年度上半年.sqreport"
    with ReportStore.open(dialog.created) as store:
        report = store.load()
    assert report.meta.period_label == "111 年度上半年" and not any(r.result for r in report.rows())


def test_new_period_refuses_a_file_it_cannot_read_and_writes_nothing(qtbot, gui_env, tmp_path):
    bad = tmp_path / "not-a-report.docx"
    bad.write_text("hello", encoding="utf-8")
    dialog = NewPeriodDialog(tmp_path, today=date(2022, 3, 1))
    qtbot.addWidget(dialog)
    assert not dialog.load_last_period(bad)
    assert dialog.message.text() and dialog.from_builtin.isChecked()
    dialog.form.cutoff.setText("六月十日")
    assert dialog.create() is None and "看不懂" in dialog.message.text()
    assert list(tmp_path.glob("*.sqreport")) == []


def test_report_info_is_one_undoable_step(window):
    session = window.session
    dialog = ReportInfoDialog(session, window)
    dialog.form.year.setValue(111)
    dialog.form.period.setCurrentIndex(list(Period).index(Period.FIRST_HALF))
    dialog.form.cutoff.setText("111年6月10日")
    dialog.save()
    assert session.report.meta.period_label == "111 年度上半年"
    assert session.report.meta.title.startswith("經濟部111年度上半年")  # the imported title follows
    assert session.undo_stack.undoText() == "修改報告資訊"
    with ReportStore.open(session.path, read_only=True) as store:
        assert store.load().meta.cutoff == date(2022, 6, 10)
    session.undo_stack.undo()
    assert session.report.meta.period_label == "110 年度下半年"


def test_a_unit_typed_on_a_row_joins_the_list_the_panels_and_split_read(window, tmp_path):
    session = window.session
    row = next(session.report.rows())
    window.select_node(row)
    form = window.rows.forms[0]
    form.unit_box.setCurrentText("資訊室")
    form.unit_box.lineEdit().editingFinished.emit()
    assert session.report.units == ["資訊室"]
    assert [form.unit_box.itemText(i) for i in range(form.unit_box.count())] == ["資訊室"]
    assert form.unit_box.completer().filterMode() == Qt.MatchFlag.MatchContains
    assert window.progress.table.item(0, 0).text() == "資訊室"
    split = SplitDialog(window, session.store)
    assert split.units.count() == 1 and split.units.item(0).data(Qt.ItemDataRole.UserRole) == "資訊室"
    session.undo_stack.undo()  # the row's unit and the list entry go together
    assert session.report.units == [] and row.unit == ""


def test_export_and_print_choices_are_remembered_per_report(window, tmp_path, monkeypatch):
    session = window.session
    session.apply([FieldEdit(r.id, "unit", "資訊室") for r in session.report.sections[0].rows()], "指派")
    dialog = ExportOptionsDialog(session.report, window, suffix=".pdf", target=tmp_path / "x.pdf")
    dialog.unit.setCurrentIndex(dialog.unit.findData("資訊室"))
    dialog.sections.item(1).setCheckState(Qt.CheckState.Unchecked)
    dialog.landscape.setChecked(True)
    dialog.accept_button.click()
    options = dialog.options()
    assert (options.unit, options.landscape, options.draft) == ("資訊室", True, False)
    assert options.sections == [0, 2, 3, 4]
    printing = ExportOptionsDialog(session.report, window)  # 列印 asks the same, filled in
    assert printing.options() == options
    other = builtin_sample()  # another report keeps its own choices
    assert ExportOptionsDialog(other, window).options().unit == ""
    drawn = []
    monkeypatch.setattr("sqeditor.printing.pages.print_report",
                        lambda report, printer, opts=None: drawn.append(opts))
    monkeypatch.setattr("sqeditor.gui.file_actions.QPrintPreviewDialog.exec",
                        lambda self: self.paintRequested.emit(self.printer()))
    monkeypatch.setattr(ExportOptionsDialog, "exec", lambda self: True)
    window.menus.files.print_preview()
    assert drawn == [options]


def test_another_units_row_in_a_draft_is_read_only_until_unlocked(qtbot, gui_env, tmp_path):
    from sqeditor.gui.main_window import MainWindow
    from sqeditor.merge import split_drafts
    from tests.merge_helpers import assign_units
    store = ReportStore.create(tmp_path / "r.sqreport", assign_units(builtin_sample()))
    (draft,) = split_drafts(store, ["資訊室"], tmp_path)
    store.close()
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.open_path(draft)
    window.show()
    session = window.session
    other = next(r for r in session.report.rows() if r.unit == "秘書室")
    window.select_node(other)
    form = window.rows.forms[0]
    qtbot.waitUntil(form.lock_banner.isVisible)
    assert form.editor.isReadOnly() and not form.unit_box.isEnabled()
    assert "「秘書室」" in form.lock_label.text() and "「資訊室」" in form.lock_label.text()
    form.unlock_button.click()
    assert not form.editor.isReadOnly() and not form.unlock_button.isVisible()
    assert session.undo_stack.undoText() == "解除鎖定：秘書室"
    with ReportStore.open(draft, read_only=True) as stored:
        assert other.id in stored.load().draft.unlocked
    session.undo_stack.undo()
    assert form.editor.isReadOnly()
    window.close()
