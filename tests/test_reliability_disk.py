"""A full disk or a read-only folder: a clear message, nothing corrupted, the edit saved once it can be."""

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from sqeditor.errors import ReadOnlyError, ReportFileError
from sqeditor.model import Report
from sqeditor.store import FieldEdit, ReportStore
from tests.disk_helpers import fill, mount_tmpfs, tmpfs, unmount

BIG_TEXT = "本機關持續推動線上申辦，簡化流程並提升服務品質。" * 12000  # about 860 KB in UTF-8


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    with tmpfs(tmp_path / "disk", "size=4m") as disk:
        yield disk


def integrity(store: ReportStore) -> str:
    return store.conn.execute("PRAGMA integrity_check").fetchone()[0]


def test_full_disk_refuses_the_edit_clearly_then_saves_it_once_space_is_back(small_disk, sample_report):
    path = small_disk / "report.sqreport"
    ReportStore.create(path, sample_report).close()
    store = ReportStore.open(path)
    row = next(store.load().rows()).id
    edit = [FieldEdit(row, "comment", BIG_TEXT)]
    store.apply([FieldEdit(row, "comment", "存得進去")], "輸入文字")
    filler = fill(small_disk)
    with pytest.raises(ReportFileError, match="磁碟空間已滿") as raised:
        store.apply(edit, "輸入文字")
    assert "沒有損壞" in raised.value.message
    assert not store.conn.in_transaction
    assert integrity(store) == "ok"
    assert next(store.load().rows()).comment == "存得進去"  # the last saved state, intact

    filler.unlink()
    store.apply(edit, "輸入文字")  # the same edit, once space is back
    store.close()
    with ReportStore.open(path) as reopened:
        assert next(reopened.load().rows()).comment == BIG_TEXT
        assert integrity(reopened) == "ok"


def test_closing_on_a_full_disk_loses_nothing(small_disk, sample_report):
    path = small_disk / "report.sqreport"
    ReportStore.create(path, sample_report).close()
    with ReportStore.open(path) as store:
        row = next(store.load().rows()).id
        store.apply([FieldEdit(row, "comment", "關閉前的修改")], "輸入文字")
        filler = fill(small_disk)
    filler.unlink()
    with ReportStore.open(path) as reopened:
        assert next(reopened.load().rows()).comment == "關閉前的修改"
        assert integrity(reopened) == "ok"


def test_opening_on_a_full_disk_says_so_and_does_not_call_the_file_damaged(small_disk, sample_report):
    path = small_disk / "report.sqreport"
    ReportStore.create(path, sample_report).close()
    filler = fill(small_disk)
    with pytest.raises(ReportFileError, match="磁碟已滿") as raised:
        ReportStore.open(path)
    assert "損毀" not in raised.value.message
    filler.unlink()
    with ReportStore.open(path) as store:
        assert store.load() == sample_report


def test_sqlite_full_is_reported_and_the_same_edit_succeeds_later(sample_file):
    """The same path without root: SQLite's own page limit makes the write fail with SQLITE_FULL."""
    with ReportStore.open(sample_file) as store:
        row = next(store.load().rows()).id
        before = store.load()
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count = {pages}")
        edit = [FieldEdit(row, "comment", BIG_TEXT), FieldEdit(row, "unit", "資訊室")]
        with pytest.raises(ReportFileError, match="磁碟空間已滿"):
            store.apply(edit, "輸入文字")
        assert store.load() == before  # rolled back as a whole: not even the small field changed
        assert not store.history(row)
        store.conn.execute("PRAGMA max_page_count = 1073741823")
        store.apply(edit, "輸入文字")
    with ReportStore.open(sample_file) as reopened:
        saved = next(reopened.load().rows())
        assert (saved.comment, saved.unit) == (BIG_TEXT, "資訊室")


@pytest.fixture(params=["read-only mount", "no write permission"])
def read_only_folder(request, tmp_path: Path, sample_report: Report) -> Iterator[Path]:
    folder = tmp_path / "share"
    if request.param == "read-only mount":
        mount_tmpfs(folder, "size=8m")
    else:
        if os.geteuid() == 0:
            pytest.skip("root writes through permissions; the read-only mount case covers this")
        folder.mkdir()
    path = folder / "report.sqreport"
    ReportStore.create(path, sample_report).close()  # a real file, left in WAL mode by its last use
    if request.param == "read-only mount":
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
    else:
        folder.chmod(0o555)
    yield path
    if request.param == "read-only mount":
        unmount(folder)
    else:
        folder.chmod(0o755)


def test_report_in_a_read_only_folder_opens_read_only_and_says_why_it_cannot_change(
        read_only_folder, sample_report):
    listing = sorted(p.name for p in read_only_folder.parent.iterdir())
    with ReportStore.open(read_only_folder) as store:
        assert store.read_only
        assert store.load() == sample_report
        row = next(store.load().rows()).id
        with pytest.raises(ReadOnlyError, match="唯讀"):
            store.apply([FieldEdit(row, "comment", "x")], "輸入文字")
    assert sorted(p.name for p in read_only_folder.parent.iterdir()) == listing


CRASHING_WRITER = """
import os, sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA wal_autocheckpoint = 0")
conn.execute("UPDATE meta SET value = 'changed' WHERE key = 'agency'")
os._exit(0)
"""


def crash_after_commit(path: Path) -> None:
    subprocess.run([sys.executable, "-c", CRASHING_WRITER, str(path)], check=True)


@pytest.mark.parametrize("with_shm", [True, False])
def test_read_only_media_with_unmerged_changes(tmp_path, sample_report, with_shm):
    """With its -shm the file opens read-only showing every change; without, a clear refusal."""
    folder = tmp_path / "stick"
    mount_tmpfs(folder, "size=8m")
    try:
        path = folder / "report.sqreport"
        ReportStore.create(path, sample_report).close()
        crash_after_commit(path)  # a PC that died with changes still in the -wal
        assert Path(str(path) + "-wal").stat().st_size > 0
        if not with_shm:
            Path(str(path) + "-shm").unlink()
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        if with_shm:
            with ReportStore.open(path) as store:
                assert store.read_only and store.load().meta.agency == "changed"
        else:
            with pytest.raises(ReportFileError, match="一起複製"):
                ReportStore.open(path)
    finally:
        unmount(folder)
