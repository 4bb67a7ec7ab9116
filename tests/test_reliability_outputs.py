"""Every output goes through one path: temp file beside the target, fsync, check, rename.

Issue items 4 (a full disk never renames a truncated file over a good one), 9 (a clear message,
not a traceback) and 10 (visible temporaries, swept; the umask's mode; a replaced file keeps its
mode and group).
"""

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

from sqeditor.atomic_output import STALE_TEMP_SECONDS, TEMP_PREFIX, OutputFileError, atomic_output
from sqeditor.exchange.docx_export import export_docx
from sqeditor.exchange.formats import ExportOptions
from sqeditor.exchange.xlsx_export import export_xlsx
from sqeditor.file_formats import write_report
from tests.disk_helpers import fill, tmpfs

ROOT = Path(__file__).resolve().parent.parent
FORMATS = [".json", ".docx", ".xlsx", ".pdf"]


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    with tmpfs(tmp_path / "disk", "size=1m") as disk:
        yield disk


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith((TEMP_PREFIX, ".")))


@pytest.mark.parametrize("suffix", FORMATS)
def test_full_disk_keeps_the_old_export_and_says_so(tiny_disk, sample_report, suffix):
    target = tiny_disk / f"報告{suffix}"
    target.write_bytes(b"the good old export")
    filler = fill(tiny_disk)
    with pytest.raises(OutputFileError, match=r"磁碟空間已滿|不完整") as raised:
        write_report(sample_report, target)
    assert "沒有" in raised.value.message
    assert target.read_bytes() == b"the good old export"
    assert leftovers(tiny_disk) == []
    filler.unlink()


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_a_file_that_fails_to_save_is_not_left_open(tiny_disk, sample_report, suffix):
    """python-docx and XlsxWriter leave their zip open when a write fails; the file must be
    closed all the same while the error is handled (Windows cannot delete it while it is open)."""
    filler = fill(tiny_disk)
    target = tiny_disk / f"x{suffix}"
    with pytest.raises(Exception) as raised:  # OSError, or XlsxWriter's FileCreateError wrapping it
        if suffix == ".docx":
            export_docx(sample_report, target)
        else:
            export_xlsx(sample_report, target, ExportOptions(), {})
    assert raised.value.__traceback__ is not None  # the failed writer's frames are still alive
    assert [f.path for f in psutil.Process().open_files() if Path(f.path).parent == tiny_disk] == []
    filler.unlink()


def test_pdf_truncated_by_a_full_disk_is_caught_by_the_check(tmp_path, sample_report):
    """QPdfWriter ignores write errors: only the check after writing sees the cut file."""
    with tmpfs(tmp_path / "pdfdisk", "size=16m") as disk:
        target = disk / "報告.pdf"
        write_report(sample_report, target)
        good = target.read_bytes()
        assert good.rstrip().endswith(b"%%EOF")
        filler = fill(disk)
        os.truncate(filler, filler.stat().st_size - 40_000)  # room for the start of a PDF only
        with pytest.raises(OutputFileError, match="PDF 沒有結尾"):
            write_report(sample_report, target)
        assert target.read_bytes() == good
        assert leftovers(disk) == []


def test_target_held_open_is_named_and_left_alone(tmp_path, sample_report):
    """Windows refuses to rename over a file Word holds; an immutable file refuses the same way."""
    target = tmp_path / "報告.docx"
    target.write_bytes(b"Word has this open")
    if subprocess.run(["chattr", "+i", str(target)], capture_output=True, check=False).returncode:
        pytest.skip("chattr +i is not available here")
    try:
        with pytest.raises(OutputFileError, match=r"請先在 Word 關閉「報告\.docx」再匯出"):
            write_report(sample_report, target)
        assert target.read_bytes() == b"Word has this open"
    finally:
        subprocess.run(["chattr", "-i", str(target)], check=False)
    assert leftovers(tmp_path) == []


def test_missing_and_read_only_folders_and_long_names(tmp_path, sample_report):
    with pytest.raises(OutputFileError, match="找不到資料夾"):
        write_report(sample_report, tmp_path / "nowhere" / "報告.json")
    long_name = "報" * 84 + ".json"  # 252 + 5 bytes
    with pytest.raises(OutputFileError, match="太長"):
        write_report(sample_report, tmp_path / long_name)
    fits = "報" * 83 + ".json"  # 254 bytes: fits, and so does the short temporary name
    write_report(sample_report, tmp_path / fits)
    assert (tmp_path / fits).stat().st_size > 0
    with tmpfs(tmp_path / "ro", "ro,size=1m") as ro, pytest.raises(OutputFileError, match="不能寫入"):
        write_report(sample_report, ro / "報告.xlsx")


def test_exports_keep_the_umask_and_a_replaced_file_keeps_mode_and_group(tmp_path, sample_report):
    old = os.umask(0o022)
    try:
        fresh = tmp_path / "新.json"
        write_report(sample_report, fresh)
        assert fresh.stat().st_mode & 0o777 == 0o644
        shared = tmp_path / "共用.json"
        shared.write_text("{}", encoding="utf-8")
        os.chmod(shared, 0o664)
        os.chown(shared, -1, 12345) if os.geteuid() == 0 else None
        group = shared.stat().st_gid
        write_report(sample_report, shared)
        assert shared.stat().st_mode & 0o777 == 0o664
        assert shared.stat().st_gid == group
    finally:
        os.umask(old)


def test_a_read_only_file_is_replaced_and_stays_read_only(tmp_path, sample_report):
    """The writer gets a writable temporary (a clerk who is not root could not write one made
    read-only at the start); the mode is copied once it is written."""
    target = tmp_path / "唯讀.json"
    target.write_text("{}", encoding="utf-8")
    os.chmod(target, 0o444)
    with atomic_output(target) as tmp:
        assert tmp.stat().st_mode & 0o200
        tmp.write_text("新的內容", encoding="utf-8")
    assert target.read_text(encoding="utf-8") == "新的內容"
    assert target.stat().st_mode & 0o777 == 0o444


def test_a_killed_export_leaves_a_visible_temporary_that_the_next_write_sweeps(tmp_path, sample_report):
    target = tmp_path / "報告.json"
    code = ("import sys, time\n"
            "from pathlib import Path\n"
            "from sqeditor.atomic_output import atomic_output\n"
            "with atomic_output(Path(sys.argv[1])) as tmp:\n"
            "    tmp.write_text('本機關的評核結果', encoding='utf-8')\n"
            "    print('written', flush=True)\n"
            "    time.sleep(60)\n")
    proc = subprocess.Popen([sys.executable, "-c", code, str(target)], cwd=ROOT,
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "written"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    left = [p for p in tmp_path.iterdir() if p.name.startswith(TEMP_PREFIX)]
    assert len(left) == 1 and not left[0].name.startswith(".")  # visible, not hidden
    assert not target.exists()
    with atomic_output(tmp_path / "別的.json") as tmp:  # a fresh leftover (a live export?) stays
        tmp.write_text("{}", encoding="utf-8")
    assert left[0].exists()
    past = time.time() - STALE_TEMP_SECONDS - 60
    os.utime(left[0], (past, past))
    write_report(sample_report, target)
    assert not left[0].exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(TEMP_PREFIX)] == []


def test_a_writer_error_removes_the_temporary_and_keeps_the_old_file(tmp_path):
    target = tmp_path / "報告.json"
    target.write_text("舊的", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_output(target) as tmp:
        tmp.write_text("一半", encoding="utf-8")
        raise RuntimeError("the exporter failed")
    assert target.read_text(encoding="utf-8") == "舊的"
    assert leftovers(tmp_path) == []


def test_never_replace_mode_keeps_an_existing_file(tmp_path):
    target = tmp_path / "a.json"
    target.write_text("first", encoding="utf-8")
    with pytest.raises(FileExistsError), atomic_output(target, replace=False) as tmp:
        tmp.write_text("second", encoding="utf-8")
    assert target.read_text(encoding="utf-8") == "first"
    assert leftovers(tmp_path) == []
