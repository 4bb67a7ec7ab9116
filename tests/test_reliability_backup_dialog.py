"""檔案 → 還原備份: the dialog lists copies with date and cause and restores one as a new file."""

from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt

from sqeditor.gui.backup_dialog import BackupDialog
from sqeditor.store import FieldEdit, ReportStore
from sqeditor.store.backups import BackupCause, make_backup

MONDAY = datetime(2026, 11, 23, 9, 15)


def backed_up_report(sample_file: Path, root: Path) -> None:
    with ReportStore.open(sample_file) as store:
        row = next(store.load().rows()).id
        store.apply([FieldEdit(row, "comment", "週一的內容")], "輸入文字")
        make_backup(store, BackupCause.DAILY, root=root, now=MONDAY)
        make_backup(store, BackupCause.MERGE, root=root, now=MONDAY + timedelta(hours=2))
        store.apply([FieldEdit(row, "comment", "合併後")], "合併草稿：資訊室")
        make_backup(store, BackupCause.IMPORT, root=root, now=MONDAY + timedelta(days=1))


def test_lists_backups_newest_first_with_date_and_cause(qtbot, sample_file, tmp_path):
    backed_up_report(sample_file, tmp_path / "b")
    dialog = BackupDialog(sample_file, root=tmp_path / "b")
    qtbot.addWidget(dialog)
    items = [dialog.table.topLevelItem(i) for i in range(dialog.table.topLevelItemCount())]
    rows = [[item.text(0), item.text(1)] for item in items]
    assert rows == [["115-11-24 09:15", "匯入前"], ["115-11-23 11:15", "合併前"],  # ROC dates
                    ["115-11-23 09:15", "每日"]]
    assert dialog.restore_button.isEnabled()
    assert dialog.empty_label.isHidden()
    dialog.show()
    dialog.grab().save(str(tmp_path / "backup_dialog.png"))


def test_restores_the_chosen_copy_as_a_new_file(qtbot, sample_file, tmp_path):
    backed_up_report(sample_file, tmp_path / "b")
    chosen = tmp_path / "週一還原.sqreport"
    asked: list[Path] = []

    def choose(_parent, suggested: Path) -> Path:
        asked.append(suggested)
        return chosen

    dialog = BackupDialog(sample_file, root=tmp_path / "b", choose_target=choose)
    qtbot.addWidget(dialog)
    dialog.table.setCurrentItem(dialog.table.topLevelItem(2))  # Monday's daily copy
    with qtbot.waitSignal(dialog.restored) as signal:
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert signal.args == [chosen]
    assert asked[0].parent == sample_file.parent and asked[0].name.startswith("sample-還原-20261123-0915")
    with ReportStore.open(chosen) as restored:
        assert next(restored.load().rows()).comment == "週一的內容"
    with ReportStore.open(sample_file) as current:
        assert next(current.load().rows()).comment == "合併後"
    assert "已還原" in dialog.message.text()


def test_refuses_to_overwrite_and_says_so_in_the_dialog(qtbot, sample_file, tmp_path):
    backed_up_report(sample_file, tmp_path / "b")
    before = sample_file.read_bytes()
    dialog = BackupDialog(sample_file, root=tmp_path / "b", choose_target=lambda _p, _s: sample_file)
    qtbot.addWidget(dialog)
    assert dialog.restore_selected() is None
    assert "已經存在" in dialog.message.text()
    assert sample_file.read_bytes() == before


def test_a_report_without_backups_says_so(qtbot, sample_file, tmp_path):
    dialog = BackupDialog(sample_file, root=tmp_path / "none")
    qtbot.addWidget(dialog)
    assert dialog.table.topLevelItemCount() == 0
    assert not dialog.empty_label.isHidden()
    assert not dialog.restore_button.isEnabled()
    assert dialog.restore_selected() is None
