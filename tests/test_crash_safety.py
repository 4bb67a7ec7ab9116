"""Killing a writer at random points never damages the file or loses a committed edit."""

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sqeditor.store import ReportStore

ROOT = Path(__file__).resolve().parent.parent


def start_writer(path: Path, edits: int, *extra: str) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-m", "tests.store_writer", str(path), str(edits), *extra],
                            cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    return proc


def kill_and_collect(proc: subprocess.Popen, after: float) -> list[int]:
    time.sleep(after)
    proc.send_signal(signal.SIGKILL)
    out, _ = proc.communicate()
    return [int(line.split()[1]) for line in out.splitlines() if line.startswith("committed ")]


def check_after_kill(path: Path, committed: list[int]) -> None:
    with ReportStore.open(path) as store:  # takes the dead writer's lock over
        assert not store.read_only
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        recorded = {h.new for h in store.history() if h.field == "comment"}
        store.load()
    missing = [i for i in committed if f"edit {i}" not in recorded]
    assert not missing, f"acknowledged edits lost: {missing[:5]}"


def run_trials(sample_file: Path, trials: int, seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(trials):
        proc = start_writer(sample_file, 1000)
        committed = kill_and_collect(proc, rng.uniform(0.0, 0.6))
        check_after_kill(sample_file, committed)


def test_killed_writer_leaves_a_sound_file_with_every_committed_edit(sample_file):
    run_trials(sample_file, trials=3, seed=1)


@pytest.mark.slow
def test_many_random_kills(sample_file):
    run_trials(sample_file, trials=25, seed=2)


def test_second_program_gets_read_only_and_takes_over_after_a_crash(sample_file):
    holder = start_writer(sample_file, 0, "hold")
    try:
        with ReportStore.open(sample_file, user="第二位") as second:
            assert second.read_only
            assert second.lock_holder is not None
            assert second.lock_holder.user == "寫入測試"
            second.load()
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    with ReportStore.open(sample_file, user="第二位") as third:
        assert not third.read_only and third.lock_holder is None
