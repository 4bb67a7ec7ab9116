"""Exporting over a file another program holds, and errors nobody caught.

On Windows, `os.replace` onto a file Word, Excel or Acrobat has open raises PermissionError.
Here the system refuses for real: the old export is made immutable (`chattr +i`, root only),
so the rename over it fails with EPERM, a PermissionError, as on Windows.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from docx import Document
from PySide6.QtWidgets import QApplication, QMessageBox

from sqeditor.gui.held_files import name_beside
from tests.conftest import when_shown

pytestmark = pytest.mark.skipif(os.geteuid() != 0 or shutil.which("chattr") is None,
                                reason="making a file immutable needs root and chattr")


@pytest.fixture
def held(tmp_path: Path) -> Iterator[Path]:
    """An earlier export the system refuses to replace (as Word holding it open on Windows)."""
    target = tmp_path / "評核報告.docx"
    target.write_bytes(b"last week's export")
    subprocess.run(["chattr", "+i", str(target)], check=True)
    yield target
    subprocess.run(["chattr", "-i", str(target)], check=True)


def message_box() -> QMessageBox | None:
    return next((w for w in QApplication.topLevelWidgets()
                 if isinstance(w, QMessageBox) and w.isVisible()), None)


def press(box: QMessageBox, text: str | None, seen: list[str]) -> None:
    """Click the button showing text (None: Cancel), noting what the box said."""
    seen.append(box.text())
    wanted = [b for b in box.buttons() if (b is box.button(QMessageBox.StandardButton.Cancel) if text is None
                                           else text in b.text())]
    if wanted:
        wanted[0].click()
    else:  # not the box this test expects: close it, so the test fails rather than waits
        box.done(0)


def test_the_refusal_is_real(held: Path):
    other = held.with_name("new.docx")
    other.write_bytes(b"new")
    with pytest.raises(PermissionError):
        os.replace(other, held)


def test_export_over_a_held_file_says_close_it_in_word(window, held: Path):
    seen: list[str] = []
    when_shown(message_box, lambda box: press(box, None, seen))
    assert window.menus.files.export_to(held) is None
    assert seen and "請先在 Word 關閉「評核報告.docx」再匯出" in seen[0]
    assert held.read_bytes() == b"last week's export"
    assert sorted(p.name for p in held.parent.iterdir() if p.suffix == ".docx") == ["評核報告.docx"]


def test_export_over_a_held_file_can_save_beside_it(window, held: Path):
    seen: list[str] = []
    when_shown(message_box, lambda box: press(box, "評核報告 (2).docx", seen))
    written = window.menus.files.export_to(held)
    assert written == held.with_name("評核報告 (2).docx")
    assert held.read_bytes() == b"last week's export"
    assert Document(str(written)).tables  # a real Word file
    assert str(written) in window.statusBar().currentMessage()


def test_excel_and_pdf_name_their_program(window, tmp_path: Path):
    for suffix, program in ((".xlsx", "Excel"), (".pdf", "PDF")):
        target = tmp_path / f"報告{suffix}"
        target.write_bytes(b"old")
        subprocess.run(["chattr", "+i", str(target)], check=True)
        try:
            seen: list[str] = []
            when_shown(message_box, lambda box, s=seen: press(box, None, s))
            assert window.menus.files.export_to(target) is None
            assert f"請先在 {program}" in seen[0] and f"關閉「報告{suffix}」再匯出" in seen[0]
        finally:
            subprocess.run(["chattr", "-i", str(target)], check=True)


def test_a_merge_report_excel_holds_is_written_beside_it(qtbot, tmp_path: Path, sample_report,
                                                          monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from sqeditor.exchange.xlsx_text import write_text_table
    from sqeditor.gui.merge_dialog import MergeDialog
    from sqeditor.merge.merge_report import COLUMN_WIDTHS, SHEET_NAME, is_merge_report, report_table
    from tests.test_merge_dialog import conflicting_drafts
    store, draft, _row = conflicting_drafts(tmp_path, sample_report)
    dialog = MergeDialog(None, store)
    qtbot.addWidget(dialog)
    dialog.merge_files([draft])
    earlier = tmp_path / "合併報告.xlsx"
    write_text_table(earlier, SHEET_NAME, report_table([]), COLUMN_WIDTHS)
    before = earlier.read_bytes()
    subprocess.run(["chattr", "+i", str(earlier)], check=True)
    try:
        picked = staticmethod(lambda *_a, **_k: (str(earlier), ""))
        monkeypatch.setattr(QFileDialog, "getSaveFileName", picked)
        seen: list[str] = []
        when_shown(message_box, lambda box: press(box, "合併報告 (2).xlsx", seen))
        dialog.export_report()
        assert seen and "請先在 Excel 關閉「合併報告.xlsx」" in seen[0]
        assert earlier.read_bytes() == before
        assert is_merge_report(tmp_path / "合併報告 (2).xlsx")
    finally:
        subprocess.run(["chattr", "-i", str(earlier)], check=True)
        store.close()


def test_names_beside_count_up(tmp_path: Path):
    target = tmp_path / "X.docx"
    assert name_beside(target) == tmp_path / "X (2).docx"
    (tmp_path / "X (2).docx").touch()
    (tmp_path / "X (3).docx").touch()
    assert name_beside(target) == tmp_path / "X (4).docx"


# Runs in a separate editor process: a slot raises, then a worker thread does.
DRIVER = '''
import sys, threading
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from sqeditor.gui.app import run_gui

def boom():
    QTimer.singleShot(300, look)
    raise RuntimeError("slot failed: 測試")

def look():
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    box = boxes[0] if boxes else None
    shown = None if box is None else box.windowTitle() + "|" + box.text().replace("\\n", " ")
    print("DIALOG", shown, flush=True)
    if box is not None:
        box.close()
    thread = threading.Thread(target=lambda: 1 / 0, name="worker")
    thread.start()
    thread.join()
    QTimer.singleShot(300, lambda: QApplication.instance().quit())

app = QApplication(sys.argv)
QTimer.singleShot(200, boom)
sys.exit(run_gui([]))
'''


@pytest.mark.slow
def test_an_error_in_a_slot_is_shown_and_logged(tmp_path: Path):
    """sqeditor.exe has no stderr: an exception nobody caught must reach the clerk and a log."""
    script = tmp_path / "drive.py"
    script.write_text(DRIVER, encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_CONFIG_HOME=str(tmp_path / "config"))
    done = subprocess.run([sys.executable, str(script)], env=env, capture_output=True, text=True,
                          timeout=120, encoding="utf-8")
    dialog = next(line for line in done.stdout.splitlines() if line.startswith("DIALOG"))
    log = tmp_path / "data" / "sqeditor" / "sqeditor" / "logs" / "sqeditor-errors.log"
    assert "發生錯誤|發生未預期的錯誤" in dialog, done.stderr
    assert str(log) in dialog
    text = log.read_text(encoding="utf-8")
    assert "RuntimeError: slot failed: 測試" in text
    assert "ZeroDivisionError" in text and "thread worker" in text
