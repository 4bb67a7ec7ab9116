"""Kill the running editor right after typing stops: the text is in the file."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sqeditor.store import ReportStore

TARGET = "提供多元案件查詢管道"
TYPED = "本局於110年新增LINE官方帳號查詢進度"

# Runs inside the editor process: starts the real entry point and types into the row.
DRIVER = f'''
import sys
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from sqeditor.gui.app import run_gui
from sqeditor.gui.main_window import MainWindow

def type_text():
    window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))
    row = next(r for r in window.session.report.rows() if {TARGET!r} in r.title)
    window.select_node(row)
    editor = window.rows.forms[0].editor
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    for ch in {TYPED!r}:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(editor, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))
        QApplication.processEvents()
    print("TYPED", flush=True)

app = QApplication(sys.argv)
QTimer.singleShot(300, type_text)
sys.exit(run_gui([sys.argv[1]]))
'''


@pytest.mark.slow
def test_killed_one_second_after_typing_keeps_the_text(tmp_path: Path, sample_file: Path):
    script = tmp_path / "drive_editor.py"
    script.write_text(DRIVER, encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_CONFIG_HOME=str(tmp_path / "config"))
    process = subprocess.Popen([sys.executable, str(script), str(sample_file)], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        line = ""
        while "TYPED" not in line and time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line and process.poll() is not None:
                break
        assert "TYPED" in line, process.stderr.read()
        time.sleep(1.0)
        assert process.poll() is None, "the editor ended by itself"
        os.kill(process.pid, signal.SIGKILL)
        process.wait(10)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(10)
    with ReportStore.open(sample_file) as store:  # the dead holder's lock is taken over
        assert not store.read_only
        row = next(r for r in store.load().rows() if TARGET in r.title)
    assert row.result[-1].text.endswith(TYPED)
