"""The real editor with a real input method: ibus and Chewing (注音) under Xvfb, keys typed with
xdotool on the 大千 layout (服務 = zj6j4, 中文 = 5j/ jp6, 臺灣 = w96j0 then Down and 2).

What the simulated tests (test_gui_composition.py) cannot show: that Qt's ibus plugin really
sends what they assume, that the candidate window follows the cursor, and that quitting, the
close button, the next row (Ctrl+PgDown) and a click away really keep the composed text.
Skipped only when the tools are missing (scripts/install-system-deps.sh installs them).
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from sqeditor.chinese_text import without_bopomofo
from sqeditor.store import ReportStore
from tests.x11_desktop import Desktop, chewing_desktop, marked_processes, missing_tools

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("real_ime")]

TARGET = "提供多元案件查詢管道"
SETTLE_S = 1.5  # three times the form's save delay: a save that was going to come has come

# Runs the real entry point; prints where things are, what the input method sends and each save.
DRIVER = f'''
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from sqeditor.gui.app import create_application, run_gui
from sqeditor.gui.main_window import MainWindow
from sqeditor.gui.result_editor import ResultEditor
from sqeditor.store import ReportStore

def say(*words):
    print(*words, flush=True)

seen = ResultEditor.inputMethodEvent
def observed(self, event):
    say("IME", json.dumps([event.preeditString(), event.commitString()], ensure_ascii=False))
    seen(self, event)
ResultEditor.inputMethodEvent = observed

applied = ReportStore.apply
def apply(self, edits, label, **options):
    for edit in edits:
        value = getattr(edit, "value", None)
        if isinstance(value, list):
            value = "\\n".join(p.text for p in value)
        say("SAVE", json.dumps([getattr(edit, "field", ""), str(value)], ensure_ascii=False))
    return applied(self, edits, label, **options)
ReportStore.apply = apply

def box(widget):
    corner = widget.mapToGlobal(widget.rect().topLeft())
    return [corner.x(), corner.y(), widget.width(), widget.height()]

def ready():
    window = next((w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)), None)
    if window is None or window.windowHandle() is None or not window.windowHandle().isExposed():
        QTimer.singleShot(20, ready)  # not on the screen yet
        return
    window.select_node(next(r for r in window.session.report.rows() if {TARGET!r} in r.title))
    QApplication.processEvents()  # the row's form laid out
    form = window.rows.forms[0]
    say("READY", json.dumps({{"window": int(window.winId()), "editor": box(form.editor.viewport()),
                              "comment": box(form.comment_edit)}}))

app = create_application(sys.argv)
QTimer.singleShot(0, ready)
sys.exit(run_gui([sys.argv[1]]))
'''


class RunningEditor:
    """The editor as a subprocess on the desktop, its printed lines collected as they come."""

    def __init__(self, desktop: Desktop, report: Path, script: Path) -> None:
        env = dict(desktop.env, QT_QPA_PLATFORM="xcb", PYTHONPATH=os.pathsep.join(sys.path),
                   SQEDITOR_BACKUP_DIR=str(report.parent / "backups"))
        self.desktop = desktop
        self.process = subprocess.Popen([sys.executable, str(script), str(report)], env=env, text=True,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, encoding="utf-8")
        self.lines: list[str] = []
        self.start = 0  # where the lines of the test itself begin
        self._queue: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.places = json.loads(self.wait_for("READY").split(" ", 1)[1])

    def _read(self) -> None:
        for line in self.process.stdout:
            self._queue.put(line.rstrip("\n"))

    def _collect(self, timeout: float) -> None:
        try:
            self.lines.append(self._queue.get(timeout=timeout))
            while True:
                self.lines.append(self._queue.get_nowait())
        except queue.Empty:
            pass

    def wait_for(self, prefix: str, contains: str = "", timeout: float = 30) -> str:
        """The first printed line (since `start`) starting with prefix and holding `contains`."""
        hit = self._appears(prefix, contains, timeout)
        assert hit is not None, f"no {prefix} {contains!r} in {self.lines[-12:]}"
        return hit

    def _appears(self, prefix: str, contains: str, timeout: float) -> str | None:
        deadline = time.monotonic() + timeout
        while True:
            lines = self.lines[self.start:]
            hit = next((line for line in lines if line.startswith(prefix) and contains in line), None)
            if hit is not None or time.monotonic() > deadline:
                return hit
            assert self.process.poll() is None or not self._queue.empty(), self.process.stderr.read()
            self._collect(0.1)

    def wait_for_input_method(self, timeout: float = 30) -> None:
        """Type ㄈ until it arrives as a preedit, then clear it: Qt's ibus plugin connects to the
        bus after the window is up, and keys typed before go into the text as letters."""
        deadline = time.monotonic() + timeout
        while True:
            self.start = len(self.lines)
            self.desktop.keys("z")
            if self._appears("IME", '["ㄈ", ""]', 2) is not None:
                break
            assert time.monotonic() < deadline, f"ibus never composed: {self.lines[-12:]}"
            self.desktop.keys("BackSpace")  # the z landed as a letter
        self.desktop.keys("Escape")  # Chewing clears its buffer
        self.wait_for("IME", '["", ""]')
        self.settle()  # the saves of a letter typed and taken back
        self.start = len(self.lines)

    def settle(self) -> None:
        """Wait long enough for a save that was going to come (see SETTLE_S)."""
        deadline = time.monotonic() + SETTLE_S
        while time.monotonic() < deadline:
            self._collect(0.1)

    def saves(self) -> list[str]:
        return [json.loads(line.split(" ", 1)[1])[1] for line in self.lines[self.start:]
                if line.startswith("SAVE")]

    def preedits(self) -> list[str]:
        return [json.loads(line.split(" ", 1)[1])[0] for line in self.lines[self.start:]
                if line.startswith("IME")]

    def click_into_text_end(self) -> None:
        """Click into the result, as a clerk does, and go to its end."""
        self.desktop.focus(self.places["window"])
        x, y, width, height = self.places["editor"]
        self.desktop.click(x + width // 2, y + height // 2)
        self.desktop.keys("ctrl+End")

    def wait_for_exit(self) -> int:
        try:
            return self.process.wait(20)
        finally:
            self._collect(0.1)

    def end(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)


@pytest.fixture(scope="module")
def desktop(tmp_path_factory):
    missing = missing_tools()
    if missing:
        pytest.skip("no real input method here: missing " + ", ".join(missing))
    home = tmp_path_factory.mktemp("desktop")
    with chewing_desktop(home) as started:
        yield started
    assert marked_processes(str(home)) == [], "a process of the test desktop outlived it"


@pytest.fixture
def editor(desktop, tmp_path, sample_file):
    script = tmp_path / "drive_editor.py"
    script.write_text(DRIVER, encoding="utf-8")
    running = RunningEditor(desktop, sample_file, script)
    try:
        running.click_into_text_end()
        running.wait_for_input_method()
        yield running
    finally:
        running.end()


def stored_result(path: Path) -> str:
    with ReportStore.open(path, read_only=True) as store:
        row = next(r for r in store.load().rows() if TARGET in r.title)
    return "\n".join(p.text for p in row.result)


def test_a_commit_is_saved_once_and_nothing_while_composing(editor, desktop, sample_file, tmp_path):
    before = stored_result(sample_file)
    editor.desktop.keys(*"zj6j4")  # 服務
    editor.wait_for("IME", '["服務", ""]')
    editor.settle()
    assert editor.saves() == []  # the form's save timer came and went during the composition
    desktop.keys("Return")
    editor.wait_for("SAVE", "服務")
    editor.settle()
    assert editor.saves() == [before + "服務"]

    desktop.keys(*"w96j0", "space", "Down")  # 臺灣: the candidates of 台灣
    deadline = time.monotonic() + 10
    while not (shown := [w for w in desktop.shown_windows("ibus-ui-gtk3") if w[2] > 40 and w[3] > 40]):
        assert time.monotonic() < deadline, "no candidate window"
        time.sleep(0.1)
    shot = tmp_path / "chewing-candidates.png"
    desktop.screenshot(shot)
    if os.environ.get("SQEDITOR_SCREENSHOT_DIR"):
        Path(os.environ["SQEDITOR_SCREENSHOT_DIR"], shot.name).write_bytes(shot.read_bytes())
    x, y, _width, _height = shown[0]
    ex, ey, ewidth, eheight = editor.places["editor"]
    assert ex <= x <= ex + ewidth and ey <= y <= ey + eheight, (shown, editor.places)  # under the cursor
    desktop.keys("2", "Return")
    editor.wait_for("SAVE", "服務臺灣")
    editor.settle()
    assert editor.saves() == [before + "服務", before + "服務臺灣"]
    desktop.keys("ctrl+q")
    assert editor.wait_for_exit() == 0
    assert stored_result(sample_file) == before + "服務臺灣"


def test_ctrl_q_during_a_composition_keeps_the_text(editor, desktop, sample_file):
    before = stored_result(sample_file)
    desktop.keys("5", "j", "slash", "space", "j", "p", "6")  # 中文
    editor.wait_for("IME", '["中文", ""]')
    desktop.keys("ctrl+q")
    assert editor.wait_for_exit() == 0
    assert stored_result(sample_file) == before + "中文"


def test_the_close_button_during_a_composition_keeps_the_text(editor, desktop, sample_file):
    before = stored_result(sample_file)
    desktop.keys(*"zj6j4")
    editor.wait_for("IME", '["服務", ""]')
    desktop.close_window(editor.places["window"])
    assert editor.wait_for_exit() == 0
    assert stored_result(sample_file) == before + "服務"


def test_a_click_away_mid_syllable_keeps_no_bopomofo(editor, desktop, sample_file):
    before = stored_result(sample_file)
    desktop.keys("5", "j", "slash", "space", "j", "p")  # 中文 without its tone: ㄨㄣ still in the preedit
    editor.wait_for("IME", '["中ㄨㄣ", ""]')
    x, y, width, height = editor.places["comment"]
    desktop.click(x + width // 2, y + height // 2)
    editor.wait_for("SAVE", "中")
    desktop.keys("ctrl+q")
    assert editor.wait_for_exit() == 0
    stored = stored_result(sample_file)
    assert stored == before + "中" and without_bopomofo(stored) == stored
    assert "中ㄨㄣ" in editor.preedits()  # Qt's ibus plugin really had the raw syllable to commit


def test_the_next_row_during_a_composition_keeps_the_text(editor, desktop, sample_file):
    before = stored_result(sample_file)
    desktop.keys(*"zj6j4")
    editor.wait_for("IME", '["服務", ""]')
    desktop.keys("ctrl+Next")  # Ctrl+PgDown: the next row
    editor.wait_for("SAVE", "服務")
    assert editor.saves() == [before + "服務"]
    desktop.keys("ctrl+q")
    assert editor.wait_for_exit() == 0
    assert stored_result(sample_file) == before + "服務"
