"""One writer per report, whatever the names, the timing or the lock file holds (issue items 5, 6).

Real programs race for a stale lock; symlinks and hard links to a report share its lock; hostile
lock files never crash an open and never keep a report read-only for ever.
"""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import psutil
import pytest

from sqeditor.cli import main
from sqeditor.store import FieldEdit, ReportStore
from sqeditor.store.lock import ReportLock, lock_path
from sqeditor.store.report_store import CHECKPOINT_BYTES
from tests.test_crash_safety import start_writer

ROOT = Path(__file__).resolve().parent.parent
PROGRAMS = 6


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def write_stale_lock(report: Path, round_number: int) -> None:
    """A lock left by a crash: a dead process here, a silent PC, a reused number, or garbage."""
    path = lock_path(report)
    kind = round_number % 4
    if kind == 3:
        path.write_bytes(b"\x00garbage\xff" * 10)
        return
    record = {"user": "當機的人", "host": socket.gethostname(), "pid": dead_pid(),
              "since": "2026-11-01T08:00:00", "token": f"stale{round_number:04d}"}
    if kind == 1:
        record["host"] = "另一台電腦"
    if kind == 2:
        record |= {"pid": os.getpid(), "started": 1.0}  # alive, but started long after 1970
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    if kind == 1:
        past = time.time() - 3600
        os.utime(path, (past, past))


def race(tmp_path: Path, report: Path, mode: str, rounds: int) -> None:
    folder = tmp_path / f"race-{mode}"
    folder.mkdir()
    procs = [subprocess.Popen([sys.executable, "-m", "tests.lock_racer", mode, str(folder), str(report),
                               str(i), str(rounds)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
             for i in range(PROGRAMS)]
    try:
        for proc in procs:
            assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        for r in range(rounds):
            write_stale_lock(report, r)
            (folder / f"go-{r}").touch()
            results = [folder / f"res-{r}-{i}" for i in range(PROGRAMS)]
            deadline = time.monotonic() + 60
            while not all(p.exists() and p.stat().st_size for p in results):
                assert time.monotonic() < deadline, f"round {r}: a program hung"
                assert all(p.poll() is None for p in procs), f"round {r}: a program died"
                time.sleep(0.005)
            roles = [p.read_text(encoding="utf-8") for p in results]
            assert roles.count("writer") == 1, f"round {r} ({mode}): {roles}"
            winner = roles.index("writer")
            assert json.loads(lock_path(report).read_text(encoding="utf-8"))["user"] == f"程式{winner}"
            (folder / f"end-{r}").touch()
            while not all((folder / f"done-{r}-{i}").exists() for i in range(PROGRAMS)):
                time.sleep(0.005)
            assert not lock_path(report).exists()
    finally:
        for proc in procs:
            proc.kill()
            proc.wait()
    leftovers = [p.name for p in report.parent.iterdir() if p.name.startswith(report.name + ".lock")]
    assert leftovers == [] or all(".擱置" in name for name in leftovers)


@pytest.mark.slow
def test_six_programs_forty_rounds_exactly_one_writer_through_the_lock_file_alone(tmp_path, sample_file):
    race(tmp_path, sample_file, "file", 40)


@pytest.mark.slow
def test_six_programs_forty_rounds_exactly_one_writer_opening_the_store(tmp_path, sample_file):
    race(tmp_path, sample_file, "store", 40)


def test_lock_file_race_quick(tmp_path, sample_file):
    race(tmp_path, sample_file, "file", 4)


@pytest.mark.parametrize("link", ["symlink", "hardlink"])
def test_another_name_for_the_same_report_opens_read_only(tmp_path, sample_file, link):
    other = tmp_path / "elsewhere" / "同一份.sqreport"
    other.parent.mkdir()
    if link == "symlink":
        other.symlink_to(sample_file)
    else:
        os.link(sample_file, other)
    holder = start_writer(sample_file, 0, "hold")
    try:
        with ReportStore.open(other, user="第二位") as second:
            assert second.read_only
            assert second.lock_holder is not None
            if link == "symlink":  # the same lock file: the holder is named
                assert second.lock_holder.user == "寫入測試"
            second.load()
        assert not lock_path(other).exists() or link == "symlink"
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    with ReportStore.open(other, user="第二位") as third:  # the holder died: free again
        assert not third.read_only


def test_a_report_opened_through_a_symlink_folds_its_wal_while_edited(tmp_path, sample_file):
    """SQLite keeps the -wal beside the file the link points to: that is the one to measure."""
    other = tmp_path / "elsewhere" / "捷徑.sqreport"
    other.parent.mkdir()
    other.symlink_to(sample_file)
    wal = Path(str(sample_file) + "-wal")
    with ReportStore.open(other) as store:
        row = next(store.load().rows()).id
        big = "本期持續推動線上申辦服務。" * 30_000  # about 1 MB per step
        for step in range(2 * CHECKPOINT_BYTES // len(big.encode())):
            store.apply([FieldEdit(row, "comment", f"{step}{big}")], "輸入文字")
        assert wal.stat().st_size < CHECKPOINT_BYTES


def test_hard_link_opened_first_keeps_the_main_name_read_only(tmp_path, sample_file):
    other = tmp_path / "硬連結.sqreport"
    os.link(sample_file, other)
    holder = start_writer(other, 0, "hold")
    try:
        with ReportStore.open(sample_file, user="第二位") as second:
            assert second.read_only
            assert "另一個程式" in second.lock_holder.describe()
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()


@pytest.mark.parametrize("content", [
    {"user": "x", "host": socket.gethostname(), "pid": 2**40, "since": "2026-01-01T00:00:00"},
    {"user": "x", "host": socket.gethostname(), "pid": -5, "since": ""},
    {"user": "x", "host": socket.gethostname(), "pid": "12", "since": ""},
    {"user": ["x"], "host": None, "pid": 1.5, "since": 3},
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
    "\udcff not json",
], ids=["huge-pid", "negative-pid", "pid-as-text", "wrong-types", "nesting", "garbage"])
def test_hostile_lock_contents_are_stale_not_fatal(sample_file, content):
    path = lock_path(sample_file)
    text = content if isinstance(content, str) else json.dumps(content)
    path.write_bytes(text.encode("utf-8", "surrogateescape"))
    with ReportStore.open(sample_file) as store:
        assert not store.read_only
    assert not path.exists()


def test_a_one_gib_lock_is_read_with_a_cap(sample_file):
    path = lock_path(sample_file)
    with path.open("wb") as handle:
        handle.truncate(1 << 30)  # sparse: 1 GiB to read, nothing on disk
    tracemalloc.start()
    try:
        with ReportStore.open(sample_file) as store:
            assert not store.read_only
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 64 * 1024 * 1024


def test_a_lock_that_is_a_folder_is_set_aside(sample_file):
    path = lock_path(sample_file)
    path.mkdir()
    (path / "something").write_text("kept", encoding="utf-8")
    with ReportStore.open(sample_file) as store:
        assert not store.read_only
    aside = [p for p in sample_file.parent.iterdir() if p.name.endswith(".擱置")]
    assert len(aside) == 1 and (aside[0] / "something").read_text(encoding="utf-8") == "kept"


def test_a_live_process_with_the_holders_number_but_a_later_start_is_stale(sample_file):
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        started = psutil.Process(sleeper.pid).create_time()
        record = {"user": "真的在用", "host": socket.gethostname(), "pid": sleeper.pid,
                  "since": "2026-11-29T08:00:00", "started": started}
        lock_path(sample_file).write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
        with ReportStore.open(sample_file) as store:  # the holder's own process: live
            assert store.read_only and store.lock_holder.user == "真的在用"
        record["started"] = started - 3600  # the number now belongs to a later process
        lock_path(sample_file).write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
        with ReportStore.open(sample_file) as store:
            assert not store.read_only
    finally:
        sleeper.kill()
        sleeper.wait()


def test_command_line_refusal_names_the_holder(sample_file, capsys):
    holder = start_writer(sample_file, 0, "hold")
    try:
        assert main(["fix", str(sample_file)]) == 2
        err = capsys.readouterr().err
        assert "寫入測試（電腦" in err and "無法修正" in err
        draft = sample_file.with_name("x.sqreport")
        assert main(["merge", str(sample_file), str(draft)]) == 2
        assert "寫入測試（電腦" in capsys.readouterr().err
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()


def test_liveness_is_probed_not_signalled():
    """psutil probes by start time; os.kill(pid, 0) would send CTRL_C_EVENT on Windows."""
    lock = ReportLock(Path("x.sqreport"))
    assert not lock.is_stale(lock.me)
    assert lock.is_stale(lock.me.__class__("x", lock.me.host, dead_pid(), ""))


def test_the_editor_banner_names_another_program_holding_a_hard_link(qtbot, gui_env, sample_file):
    from sqeditor.gui.main_window import MainWindow
    other = sample_file.with_name("硬連結.sqreport")
    os.link(sample_file, other)
    holder = start_writer(other, 0, "hold")
    try:
        window = MainWindow()
        qtbot.addWidget(window)
        assert window.open_path(sample_file)
        assert window.session.read_only
        assert "另一個程式" in window.banner.text()
        window.close()
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
