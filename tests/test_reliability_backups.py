"""Backup copies: made, listed with date and cause, pruned, restored as a new file, consistent."""

import sqlite3
import threading
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from sqeditor.errors import ReportFileError
from sqeditor.store import FieldEdit, ReportStore
from sqeditor.store.backups import (
    BACKUP_DIR_ENV,
    BackupCause,
    BackupError,
    backup_root,
    daily_backup_if_due,
    list_backups,
    make_backup,
    restore_backup,
)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return tmp_path / "backups"


def first_row_id(store: ReportStore) -> str:
    return next(store.load().rows()).id


def test_backup_is_listed_with_date_and_cause_and_restores_as_a_new_file(sample_file, root, tmp_path):
    with ReportStore.open(sample_file) as store:
        row = first_row_id(store)
        store.apply([FieldEdit(row, "comment", "合併前的內容")], "輸入文字")
        before_merge = make_backup(store, BackupCause.MERGE, root=root)
        store.apply([FieldEdit(row, "comment", "合併後的內容")], "合併草稿：資訊室")
        expected = store.load()
    [listed] = list_backups(sample_file, root=root)
    assert listed == before_merge
    assert listed.cause is BackupCause.MERGE and listed.cause == "合併前"
    assert abs(listed.made_at - datetime.now()) < timedelta(minutes=1)
    assert listed.source == str(sample_file.resolve())
    assert not Path(str(listed.path) + "-wal").exists()  # one self-contained file

    restored = restore_backup(listed, tmp_path / "還原.sqreport")
    with ReportStore.open(restored) as store:
        report = store.load()
        assert next(report.rows()).comment == "合併前的內容"
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with ReportStore.open(sample_file) as store:  # the report itself is untouched
        assert store.load() == expected


def test_restore_never_overwrites_an_existing_file(sample_file, root):
    with ReportStore.open(sample_file) as store:
        backup = make_backup(store, BackupCause.IMPORT, root=root)
    before = sample_file.read_bytes()
    with pytest.raises(BackupError, match="已經存在"):
        restore_backup(backup, sample_file)
    assert sample_file.read_bytes() == before


def test_only_the_newest_are_kept_per_report(sample_file, root, tmp_path, sample_report):
    other = tmp_path / "other.sqreport"
    sample_report.id = "another-report"
    ReportStore.create(other, sample_report).close()
    start = datetime(2026, 11, 1, 9, 0)
    with ReportStore.open(sample_file) as store, ReportStore.open(other) as other_store:
        make_backup(other_store, BackupCause.DAILY, root=root, keep=3, now=start)
        for day in range(5):
            make_backup(store, BackupCause.DAILY, root=root, keep=3, now=start + timedelta(days=day))
    kept = list_backups(sample_file, root=root)
    assert [b.made_at.day for b in kept] == [5, 4, 3]
    assert len(list(kept[0].path.parent.glob("*.sqreport"))) == 3  # pruned on disk too
    assert len(list_backups(other, root=root)) == 1  # another report's copies are its own


def test_daily_backup_is_made_once_a_day_and_not_when_read_only(sample_file, root):
    monday = datetime(2026, 11, 23, 8, 30)
    with ReportStore.open(sample_file) as store:
        assert daily_backup_if_due(store, root=root, now=monday) is not None
        assert daily_backup_if_due(store, root=root, now=monday + timedelta(hours=9)) is None
        tuesday = daily_backup_if_due(store, root=root, now=monday + timedelta(days=1))
        assert tuesday is not None and tuesday.cause is BackupCause.DAILY
        with ReportStore.open(sample_file, read_only=True) as reader:
            assert daily_backup_if_due(reader, root=root, now=monday + timedelta(days=2)) is None
    assert len(list_backups(sample_file, root=root)) == 2


def test_backups_stay_listed_when_the_report_is_deleted_or_the_index_is_lost(sample_file, root):
    with ReportStore.open(sample_file) as store:
        made = make_backup(store, BackupCause.MERGE, root=root)
    (made.path.parent / "index.json").write_text("{broken", encoding="utf-8")
    [again] = list_backups(sample_file, root=root)
    assert (again.path, again.cause) == (made.path, BackupCause.MERGE)
    with ReportStore.open(sample_file) as store:
        make_backup(store, BackupCause.IMPORT, root=root)  # rewrites the index
    sample_file.unlink()
    assert {b.cause for b in list_backups(sample_file, root=root)} == {BackupCause.MERGE,
                                                                       BackupCause.IMPORT}


def test_backup_is_consistent_while_another_connection_writes(sample_file, root):
    """Each copy shows a whole transaction of a busy writer, never half of one."""
    stop = threading.Event()

    def write_pairs() -> None:
        conn = sqlite3.connect(str(sample_file), isolation_level=None, timeout=10)
        counter = 0
        while not stop.is_set():
            counter += 1
            conn.execute("BEGIN IMMEDIATE")
            for key in ("probe_a", "probe_b"):
                conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, str(counter)))
            conn.execute("COMMIT")
        conn.close()

    with ReportStore.open(sample_file) as store:
        writer = threading.Thread(target=write_pairs)
        writer.start()
        try:
            backups = [make_backup(store, BackupCause.MERGE, root=root, keep=50) for _ in range(15)]
        finally:
            stop.set()
            writer.join()
    seen = set()
    for backup in backups:
        conn = sqlite3.connect(str(backup.path))
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        values = dict(conn.execute("SELECT key, value FROM meta WHERE key LIKE 'probe_%'"))
        conn.close()
        assert values.get("probe_a") == values.get("probe_b")
        seen.add(values.get("probe_a"))
    assert len(seen) > 1  # the writer really was writing between copies


def test_a_tampered_backup_is_refused_on_restore(sample_file, root, tmp_path):
    with ReportStore.open(sample_file) as store:
        backup = make_backup(store, BackupCause.DAILY, root=root)
    conn = sqlite3.connect(str(backup.path))
    conn.execute("CREATE TRIGGER evil AFTER UPDATE ON node BEGIN DELETE FROM node; END")
    conn.commit()
    conn.close()
    with pytest.raises(ReportFileError, match="不該有"):
        restore_backup(backup, tmp_path / "restored.sqreport")
    assert not (tmp_path / "restored.sqreport").exists()


def test_a_backup_folder_that_cannot_be_written_gives_a_clear_error(sample_file, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    with ReportStore.open(sample_file) as store, pytest.raises(BackupError, match="無法建立"):
        make_backup(store, BackupCause.MERGE, root=blocker)


def test_backup_root_follows_the_setting(monkeypatch, tmp_path):
    monkeypatch.setenv(BACKUP_DIR_ENV, str(tmp_path / "it-chosen"))
    assert backup_root() == tmp_path / "it-chosen"
    monkeypatch.delenv(BACKUP_DIR_ENV)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert backup_root() == tmp_path / "data" / "sqeditor" / "backups"
