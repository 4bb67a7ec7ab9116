"""Reports on network shares and removable disks open in a safe mode and say so (issue item 11).

The file-system check reads /proc/self/mounts on Linux and GetDriveTypeW on Windows (here with
its answer forced); `SQEDITOR_FILE_SYSTEM` forces it for whole programs, so the crash-safety
test runs with real writers in that mode.
"""

import sqlite3
from pathlib import Path

import pytest

from sqeditor.store import FieldEdit, ReportStore
from sqeditor.store.file_system import FORCE_ENV, Location, linux_location, location_of, windows_location
from tests.test_crash_safety import run_trials, start_writer

MOUNTS = """\
/dev/vda / ext4 rw,relatime 0 0
//nas/公文 /mnt/share cifs rw,vers=3.0 0 0
nas:/export /mnt/nfs nfs4 rw 0 0
me@host:/x /home/me/remote fuse.sshfs rw 0 0
/dev/sdb1 /media/me/USB\\040STICK vfat rw 0 0
tmpfs /mnt/share/local tmpfs rw 0 0
"""


@pytest.mark.parametrize(("path", "expected"), [
    ("/home/me/report.sqreport", Location.LOCAL),
    ("/mnt/share/評核/report.sqreport", Location.NETWORK),
    ("/mnt/sharedisk/report.sqreport", Location.LOCAL),  # a prefix of a name is not a mount
    ("/mnt/nfs/report.sqreport", Location.NETWORK),
    ("/home/me/remote/report.sqreport", Location.NETWORK),
    ("/media/me/USB STICK/report.sqreport", Location.REMOVABLE),
    ("/mnt/share/local/report.sqreport", Location.LOCAL),  # the longest mount point wins
])
def test_linux_mount_types(path, expected):
    assert linux_location(Path(path), MOUNTS) is expected


def test_linux_check_reads_the_real_mount_table(tmp_path, monkeypatch):
    monkeypatch.delenv(FORCE_ENV, raising=False)
    assert location_of(tmp_path / "x.sqreport") is Location.LOCAL


@pytest.mark.parametrize(("path", "drive_type", "expected"), [
    ("C:\\Users\\承辦人\\報告.sqreport", 3, Location.LOCAL),
    ("Z:\\公文\\報告.sqreport", 4, Location.NETWORK),
    ("E:\\報告.sqreport", 2, Location.REMOVABLE),
    ("\\\\nas\\公文\\報告.sqreport", 3, Location.NETWORK),
])
def test_windows_drive_types(path, drive_type, expected):
    roots = []

    def get_drive_type(root: str) -> int:
        roots.append(root)
        return drive_type

    assert windows_location(Path(path), get_drive_type) is expected
    assert roots in ([], [path[:3]])


def test_a_report_on_a_share_opens_in_the_safe_mode(sample_file, monkeypatch):
    monkeypatch.setenv(FORCE_ENV, "network")
    with ReportStore.open(sample_file) as store:
        assert store.location.shared
        assert store.conn.execute("PRAGMA locking_mode").fetchone()[0] == "exclusive"
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        row = next(store.load().rows()).id
        store.apply([FieldEdit(row, "comment", "共用磁碟上的修改")], "註記")
        other = sqlite3.connect(sample_file, timeout=0)  # the index is in the writer's memory:
        with pytest.raises(sqlite3.OperationalError, match="locked"):  # no one else may touch it
            other.execute("SELECT COUNT(*) FROM node").fetchone()
        other.close()
    monkeypatch.setenv(FORCE_ENV, "local")
    with ReportStore.open(sample_file) as store:
        assert not store.location.shared
        assert next(store.load().rows()).comment == "共用磁碟上的修改"


def test_crash_safety_holds_in_the_safe_mode(sample_file, monkeypatch):
    monkeypatch.setenv(FORCE_ENV, "network")  # the killed writers inherit it
    run_trials(sample_file, trials=3, seed=3)


def test_a_second_program_reads_a_share_report_read_only_while_it_is_held(sample_file, monkeypatch):
    monkeypatch.setenv(FORCE_ENV, "network")
    holder = start_writer(sample_file, 0, "hold")
    try:
        with ReportStore.open(sample_file, user="第二位") as second:
            assert second.read_only and second.lock_holder.user == "寫入測試"
            assert len(list(second.load().rows())) > 0
    finally:
        holder.kill()
        holder.wait()


def test_the_title_bar_says_so(window, monkeypatch, sample_file, tmp_path):
    assert "安全模式" not in window.windowTitle()
    monkeypatch.setenv(FORCE_ENV, "removable")
    other = tmp_path / "usb.sqreport"
    other.write_bytes(sample_file.read_bytes())
    window.close_session()
    assert window.open_path(other)
    assert "網路或卸除式磁碟：安全模式" in window.windowTitle()
