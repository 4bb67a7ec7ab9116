"""A coordinator's whole period in the window: new period from last period's file, units, split,
two units' drafts edited in their own processes (one trying another unit's row), merge, a
withdrawn change withdrawn, export with draft marks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from sqeditor.exchange.builtin_reports import builtin_sample
from sqeditor.gui.export_dialog import ExportOptionsDialog
from sqeditor.gui.main_window import MainWindow
from sqeditor.gui.merge_dialog import MergeDialog, SplitDialog
from sqeditor.gui.new_period_dialog import NewPeriodDialog
from sqeditor.model import Paragraph, Period
from sqeditor.store import ReportStore
from tests.conftest import when_shown
from tests.merge_helpers import assign_units

ROOT = Path(__file__).resolve().parent.parent

# A unit's clerk at their own PC, in the editor: writes into rows; a row of another unit is
# tried first as it is (read-only, with the banner), then unlocked on purpose.
CLERK = """
import json, os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from pathlib import Path
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from PySide6.QtTest import QTest
from sqeditor.gui.main_window import MainWindow
app = QApplication([])
path, plan = sys.argv[1], json.loads(sys.argv[2])
window = MainWindow()
assert window.open_path(Path(path))
window.show()
seen = []
for node_id, text, unlock in plan:
    window.select_node(window.session.nodes[node_id])
    app.processEvents()  # the form as shown
    form = window.rows.forms[0]
    seen.append({"read_only": form.editor.isReadOnly(), "banner": form.lock_banner.isVisible(),
                 "text": form.lock_label.text()})
    if unlock:
        form.unlock_button.click()
    form.editor.setFocus()
    QTest.keyClick(form.editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(form.editor, Qt.Key.Key_Delete)
    for ch in text:  # as a keyboard with an input method delivers it
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(form.editor, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))
    window.save_typing()
window.close()
print(json.dumps(seen, ensure_ascii=False))
"""


def clerk(path: Path, plan: list[tuple[str, str, bool]]) -> list[dict]:
    """The plan's rows written in the editor run in a process of its own, as on the unit's PC."""
    home = path.parent.parent / "unit-pc"
    env = {**os.environ, "XDG_CONFIG_HOME": str(home / "config"), "XDG_DATA_HOME": str(home / "data")}
    done = subprocess.run([sys.executable, "-c", CLERK, str(path), json.dumps(plan)], capture_output=True,
                          text=True, timeout=120, cwd=ROOT, env=env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def modal(kind: type):
    return lambda: next((w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()),
                        None)


def docx_text(path: Path) -> str:
    from docx import Document
    from docx.oxml.ns import qn
    return "".join(t.text or "" for t in Document(str(path)).element.body.iter(qn("w:t")))


@pytest.mark.slow  # the editor in three more processes
def test_a_whole_period_in_the_window(qtbot, gui_env, tmp_path):
    last_path = tmp_path / "110下半年.sqreport"
    last = assign_units(builtin_sample(), ["秘書室", "企劃組"])
    ReportStore.create(last_path, last).close()
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()

    # 檔案 → 新增一期…: from last period's file, the next half-year proposed
    def new_period(dialog: NewPeriodDialog) -> None:
        assert dialog.load_last_period(last_path)
        meta = dialog.form.meta()
        assert (meta.agency, meta.roc_year, meta.period, meta.cutoff) == (
            "經濟部工業局", 111, Period.FIRST_HALF, date(2022, 6, 10))
        assert dialog.tree.topLevelItemCount() == len(last.sections)
        dialog.set_folder(tmp_path)
        dialog.target.setText("111上半年")
        dialog.create_button.click()

    when_shown(modal(NewPeriodDialog), new_period)
    window.menus.new_period_action.trigger()
    new_path = tmp_path / "111上半年.sqreport"
    session = window.session
    assert session is not None and session.path == new_path
    assert session.report.id != last.id and session.report.meta.period_label == "111 年度上半年"
    assert not any(r.result for r in session.report.rows())

    # 工具 → 承辦單位…: a new unit, given the whole of section 二 in one step
    window.menus.tools.units()
    units = window.menus.tools.units_dialog
    units.name.setText("資訊室")
    units.add()
    section = session.report.sections[1]
    window.select_node(section)
    units.update_assign_text()
    assert f"的 {sum(1 for _ in section.rows())} 列都交給「資訊室」" in units.assign_button.text()
    units.assign_button.click()
    assert {r.unit for r in section.rows()} == {"資訊室"}
    assert session.undo_stack.undoText().startswith("指派承辦單位")
    session.undo_stack.undo()
    assert "資訊室" not in {r.unit for r in section.rows()}
    session.undo_stack.redo()
    assert {r.unit for r in section.rows()} == {"資訊室"}
    assert session.report.units == ["秘書室", "企劃組", "資訊室"]
    units.close()

    # 工具 → 分割草稿…
    drafts_dir = tmp_path / "drafts"
    drafts_dir.mkdir()
    written: list[Path] = []

    def split(dialog: SplitDialog) -> None:
        assert [dialog.units.item(i).data(256) for i in range(dialog.units.count())] == session.report.units
        dialog.set_folder(drafts_dir)
        written.extend(dialog.split())
        dialog.accept()

    when_shown(modal(SplitDialog), split)
    window.menus.tools.split_drafts()
    info = drafts_dir / "經濟部工業局-資訊室-草稿.sqreport"
    secretary = drafts_dir / "經濟部工業局-秘書室-草稿.sqreport"
    assert info in written and secretary in written
    info_rows = [r.id for r in section.rows()]
    secretary_rows = [r.id for r in session.report.rows() if r.unit == "秘書室"]

    # two units at their own PCs; 秘書室 tries 資訊室's row, finds it locked, unlocks it
    clerk(info, [(info_rows[0], "資訊室寫的說明", False), (info_rows[1], "後來收回的一句", False)])
    seen = clerk(secretary, [(secretary_rows[0], "秘書室寫的", False),
                             (info_rows[2], "秘書室代寫", True)])
    assert seen[0]["read_only"] is False and seen[0]["banner"] is False
    assert seen[1]["read_only"] is True and seen[1]["banner"] is True and "「資訊室」" in seen[1]["text"]

    # 工具 → 合併草稿…
    summaries: list[str] = []
    wheres: list[str] = []

    def merge(paths: list[Path]):
        def run(dialog: MergeDialog) -> None:
            dialog.merge_files(paths)
            summaries.append(dialog.summary.toPlainText())
            wheres.append(dialog.where.text())
            dialog.accept()
        return run

    when_shown(modal(MergeDialog), merge([info, secretary]))
    window.menus.tools.merge_drafts()
    assert "修改了其他單位的列 1" in summaries[0]
    assert wheres[0].startswith("「秘書室」修改了其他單位的列（這一列屬於「資訊室」）")
    rows = session.nodes
    assert rows[info_rows[0]].result == [Paragraph("資訊室寫的說明")]
    assert rows[secretary_rows[0]].result == [Paragraph("秘書室寫的")]
    assert rows[info_rows[2]].result == []  # another unit's row: a conflict, not taken

    # 資訊室 takes a sentence back and sends the draft again: the report takes it back too
    clerk(info, [(info_rows[1], "", False)])
    when_shown(modal(MergeDialog), merge([info]))
    window.menus.tools.merge_drafts()
    assert "撤回 1" in summaries[1], summaries[1]
    assert rows[info_rows[1]].result == [] and rows[info_rows[0]].result == [Paragraph("資訊室寫的說明")]

    # 檔案 → 匯出 → Word, with draft marks; the choice is remembered for this report
    out = tmp_path / "111上半年草稿.docx"

    def export(dialog: ExportOptionsDialog) -> None:
        dialog.draft.setChecked(True)
        dialog.set_folder(tmp_path)
        dialog.target.setText(out.name)
        dialog.accept_button.click()

    when_shown(modal(ExportOptionsDialog), export)
    window.menus.files.export(".docx")
    text = docx_text(out)
    assert "資訊室寫的說明" in text and "秘書室寫的" in text and "（未填）" in text
    again = ExportOptionsDialog(session.report, window, suffix=".docx")
    qtbot.addWidget(again)
    assert again.options().draft
    window.close()
