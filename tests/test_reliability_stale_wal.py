"""A -wal or -journal left by a crash is replayed only onto the file it belongs to (issue item 1).

Real writers are killed mid-session. When a newer copy of the report is then put over the file
(from e-mail, a USB stick), the crashed session's -wal is set aside, kept and named, and the
file opens as it is. Without a copy-over, the -wal is replayed as before: nothing acknowledged
is lost, also when the writer was killed while folding its -wal into the file.
"""

import random
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from sqeditor.cli import main
from sqeditor.store import FieldEdit, ReportStore
from tests.test_crash_safety import ROOT, kill_and_collect, start_writer

NEWER = "新版本：由承辦人在另一台電腦完成的內容"


def crash_a_writer(path: Path, *extra: str, after: float = 0.4) -> list[int]:
    """Killed mid-session with its edits still in the -wal: `hold` keeps a fast writer from closing
    cleanly first, and 60 small edits stay below the size at which the writer checkpoints."""
    proc = start_writer(path, 60, "hold", *extra)
    committed = kill_and_collect(proc, after)
    assert committed, "the writer committed nothing before it was killed"
    return committed


def newer_copy(path: Path, where: Path) -> Path:
    """The report as a colleague sent it back: the same report, edited elsewhere, closed cleanly."""
    shutil.copyfile(path, where)
    with ReportStore.open(where, user="同事") as store:
        row = next(store.load().rows()).id
        store.apply([FieldEdit(row, "comment", NEWER)], "註記")
    return where


def comments(store: ReportStore) -> set[str]:
    """Every comment the file records, now or in its history."""
    store.load()
    return {h.new for h in store.history() if h.field == "comment" and h.new}


def set_aside(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if "不屬於此檔" in p.name]


def test_an_older_sessions_wal_is_set_aside_when_a_newer_copy_was_put_over_the_file(tmp_path, sample_file):
    newer = newer_copy(sample_file, tmp_path / "mailed.sqreport")
    crash_a_writer(sample_file)
    wal = sample_file.with_name(sample_file.name + "-wal")
    assert wal.stat().st_size > 32
    shutil.copyfile(newer, sample_file)  # like `cp` or Explorer: the same file, new content

    with ReportStore.open(sample_file) as store:
        assert not store.read_only
        assert len(store.notices) == 1 and "不屬於此檔" in store.notices[0]
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        seen = comments(store)
    assert NEWER in seen and not any(c.startswith("edit ") for c in seen)
    kept = set_aside(tmp_path)
    assert len(kept) == 1 and kept[0].name in store.notices[0] and kept[0].stat().st_size > 32


def test_a_read_only_command_sets_the_stale_wal_aside_too_and_says_so(tmp_path, sample_file, capsys):
    newer = newer_copy(sample_file, tmp_path / "mailed.sqreport")
    crash_a_writer(sample_file)
    shutil.copyfile(newer, sample_file)
    out = tmp_path / "out.json"
    assert main(["export", str(sample_file), "-o", str(out)]) == 0
    assert "不屬於此檔" in capsys.readouterr().err
    assert NEWER in out.read_text(encoding="utf-8")
    assert len(set_aside(tmp_path)) == 1


def test_a_wal_from_a_crash_of_the_same_file_is_replayed(tmp_path, sample_file):
    committed = crash_a_writer(sample_file)
    assert sample_file.with_name(sample_file.name + "-wal").stat().st_size > 32
    with ReportStore.open(sample_file) as store:
        assert store.notices == []
        seen = comments(store)
    assert {f"edit {i}" for i in committed} <= seen
    assert set_aside(tmp_path) == []


@pytest.mark.parametrize("seed", [1, pytest.param(2, marks=pytest.mark.slow)])
def test_writers_killed_while_checkpointing_lose_nothing(tmp_path, sample_file, seed):
    """200 KB per edit: the writer folds its -wal into the file every few edits."""
    rng = random.Random(seed)
    for _ in range(3):
        proc = start_writer(sample_file, 200, "big")
        committed = kill_and_collect(proc, rng.uniform(0.3, 1.5))
        with ReportStore.open(sample_file) as store:
            assert store.notices == []
            assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            recorded = {h.new.split("，")[0] for h in store.history() if h.field == "comment" and h.new}
        assert {f"edit {i}" for i in committed} <= recorded
    assert set_aside(tmp_path) == []


def test_a_hot_journal_from_another_copy_is_set_aside(tmp_path, sample_file):
    """A -journal killed mid-transaction on an older copy, found beside a newer file."""
    crash_a_writer(sample_file)
    ReportStore.open(sample_file).close()  # replayed and closed cleanly; now crash once more
    crash_a_writer(sample_file)
    other = tmp_path / "old" / sample_file.name
    other.parent.mkdir()
    shutil.copyfile(sample_file, other)
    code = ("import sqlite3, sys, os\n"
            "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
            "c.execute('PRAGMA journal_mode = DELETE')\n"
            "c.execute('BEGIN IMMEDIATE')\n"
            "c.execute(\"UPDATE node SET comment = 'journal' \")\n"
            "c.execute('PRAGMA cache_spill = 1')\n"
            "c.execute(\"UPDATE node SET title = title || '' \")\n"
            "print('ready', flush=True)\n"
            "import time; time.sleep(60)\n")
    proc = subprocess.Popen([sys.executable, "-c", code, str(other)], cwd=ROOT, stdout=subprocess.PIPE,
                            text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    proc.kill()
    proc.wait()
    journal = other.with_name(other.name + "-journal")
    assert journal.exists() and journal.stat().st_size > 0
    shutil.copyfile(journal, sample_file.with_name(sample_file.name + "-journal"))
    sample_file.with_name(sample_file.name + "-wal").unlink()
    newer = newer_copy(sample_file, tmp_path / "mailed.sqreport")
    shutil.copyfile(newer, sample_file)
    with ReportStore.open(sample_file) as store:
        assert any("-journal" in n for n in store.notices)
        assert NEWER in comments(store)
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert any(p.name.startswith(sample_file.name + "-journal") for p in set_aside(tmp_path))


def test_without_a_record_sqlite_replays_as_it_always_did(tmp_path, sample_file):
    """No lock file (removed by hand, or a file from an older version): nothing is set aside."""
    committed = crash_a_writer(sample_file)
    sample_file.with_name(sample_file.name + ".lock").unlink()
    with ReportStore.open(sample_file) as store:
        assert store.notices == []
        assert {f"edit {i}" for i in committed} <= comments(store)
    conn = sqlite3.connect(sample_file)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
