"""Export and split of a report the editor holds: written all the same, with a word on what was not noted."""

import signal

from sqeditor.cli import main
from sqeditor.store import ReportStore
from tests.test_crash_safety import start_writer


def test_export_of_a_held_report_is_written_without_an_id_and_says_so(sample_file, tmp_path, capsys):
    holder = start_writer(sample_file, 0, "hold")
    try:
        for name in ("out.docx", "out.json", "out.xlsx"):
            assert main(["export", str(sample_file), str(tmp_path / name)]) == 0
            out = capsys.readouterr().out
            assert (tmp_path / name).is_file()
            assert "匯出編號" not in out and "寫入測試（電腦" in out and "沒有記錄" in out
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    with ReportStore.open(sample_file, read_only=True) as store:
        assert store.conn.execute("SELECT count(*) FROM export").fetchone()[0] == 0


def test_split_of_a_held_report_writes_drafts_and_says_the_split_was_not_noted(sample_file, tmp_path, capsys):
    holder = start_writer(sample_file, 0, "hold")
    try:
        assert main(["split", str(sample_file), "-o", str(tmp_path / "d"), "--unit", "資訊室"]) == 0
        out = capsys.readouterr().out
        assert list((tmp_path / "d").glob("*.sqreport"))
        assert "寫入測試（電腦" in out and "分割時間" in out
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
