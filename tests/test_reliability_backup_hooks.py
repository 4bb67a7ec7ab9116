"""Backups are made where the program promises them: on the day's first open, and before every merge."""

from pathlib import Path

from sqeditor.cli import main as cli_main
from sqeditor.store import FieldEdit, ReportStore
from sqeditor.store.backups import BackupCause, backup_root, list_backups


def test_the_editor_backs_up_a_report_on_the_first_open_of_the_day(qtbot, sample_file):
    from sqeditor.gui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    assert window.open_path(sample_file)
    qtbot.waitUntil(lambda: bool(list_backups(sample_file)), timeout=5000)
    [daily] = list_backups(sample_file)
    assert daily.cause is BackupCause.DAILY
    assert daily.path.is_relative_to(backup_root())  # the test's folder (conftest), not the user's


def test_merging_a_draft_from_the_command_line_backs_up_the_report_first(sample_file, tmp_path):
    with ReportStore.open(sample_file) as store:
        row = next(store.load().rows())
        store.apply([FieldEdit(row.id, "unit", "資訊室")], "指派單位")
        before_merge = store.load()
    assert cli_main(["split", str(sample_file), "--unit", "資訊室", "-o", str(tmp_path / "drafts")]) == 0
    draft = next(Path(tmp_path / "drafts").glob("*.sqreport"))
    with ReportStore.open(draft) as store:
        row = next(r for r in store.load().rows() if r.unit == "資訊室")
        store.apply([FieldEdit(row.id, "comment", "資訊室的草稿")], "輸入文字")
    assert cli_main(["merge", str(sample_file), str(draft)]) == 0
    merges = [b for b in list_backups(sample_file) if b.cause is BackupCause.MERGE]
    assert merges, "no 合併前 backup was made before the merge"
    with ReportStore.open(merges[0].path, read_only=True) as copy:
        assert copy.load() == before_merge
