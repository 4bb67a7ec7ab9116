"""The editor on a 2,000-row report: start-up, row switch, keystroke latency.

Baselines measured side by side in the same run: a bare PySide6 process showing an empty
QMainWindow (the floor of starting Python and Qt), `setPlainText` of the same result into a
bare QTextEdit (for the row switch), and typing into a bare QTextEdit holding the same
3,000 characters in the application's font and at the editor's size (for the keystroke; a
row in Qt's default face shows what the face alone costs). Aims: start < 1 s, row switch
< 30 ms, keystroke within 1.5x of the bare editor.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import QApplication, QTextEdit

from benchmarks.large_report import build_large_report
from sqeditor.model import Paragraph
from sqeditor.store import FieldEdit, ReportStore

START_RUNS = 5
SAVES = 10
SWITCHES = 120
KEYS = 300

SHOW_EDITOR = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv)
def shown():
    print("SHOWN", flush=True)
    app.quit()
QTimer.singleShot(0, shown)
from sqeditor.gui.app import run_gui
run_gui([sys.argv[1]])
"""

SHOW_BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.show()
QTimer.singleShot(0, lambda: (print("SHOWN", flush=True), app.quit()))
app.exec()
"""


def time_to_shown(script: str, path: Path, env: dict[str, str]) -> float:
    """Seconds from spawning the process to the window shown and the event loop running."""
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", script, str(path)], env=env,
                               stdout=subprocess.PIPE, text=True, encoding="utf-8",
                               cwd=str(Path(__file__).parent.parent))
    for line in process.stdout:
        if "SHOWN" in line:
            break
    elapsed = time.perf_counter() - start
    process.wait(30)
    return elapsed


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def row(name: str, values: list[float], unit: str = "ms", scale: float = 1000.0) -> str:
    med = statistics.median(values) * scale
    p99 = percentile(values, 0.99) * scale
    return f"{name:<44} {med:>10.2f} {p99:>10.2f}  {unit}"


def press(widget, ch: str) -> None:
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def interleaved_key_times(widgets: list, app: QApplication, keys: int) -> list[list[float]]:
    """Key times per widget, one key to each in turn: all see the same machine load."""
    times: list[list[float]] = [[] for _ in widgets]
    for i in range(keys):
        for widget, widget_times in zip(widgets, times, strict=True):
            start = time.perf_counter()
            press(widget, "服務品質"[i % 4])
            app.processEvents()
            widget_times.append(time.perf_counter() - start)
    return times


def save_times(window, app: QApplication, row, saves: int) -> list[float]:
    """A save while findings are shown: the write, the row's recheck, the panel and the tree."""
    done: list[int] = []
    window.findings_index.changed.connect(lambda: done.append(1))
    times = []
    for i in range(saves):
        done.clear()
        start = time.perf_counter()
        text = [Paragraph("本局提昇服務品質" + "字" * i)]
        window.session.apply([FieldEdit(row.id, "result", text)], "bench")
        while not done:
            app.processEvents()
        times.append(time.perf_counter() - start)
    return times


def timed_each(items: list, action: Callable[[object], None], app: QApplication) -> list[float]:
    times = []
    for item in items:
        start = time.perf_counter()
        action(item)
        app.processEvents()
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    report = build_large_report(2000, 400)
    long_text = ("本局持續檢討申辦流程，簡化書表並推動線上申辦，提升民眾洽公便利性與服務品質。" * 80)[:3000]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "large.sqreport"
        ReportStore.create(path, report).close()
        env = dict(os.environ, XDG_DATA_HOME=str(Path(tmp) / "data"),
                   XDG_CONFIG_HOME=str(Path(tmp) / "config"))
        os.environ.update(XDG_DATA_HOME=env["XDG_DATA_HOME"], XDG_CONFIG_HOME=env["XDG_CONFIG_HOME"])
        editor_start = [time_to_shown(SHOW_EDITOR, path, env) for _ in range(START_RUNS)]
        bare_start = [time_to_shown(SHOW_BARE, path, env) for _ in range(START_RUNS)]

        app = QApplication.instance() or QApplication(sys.argv)
        from sqeditor.gui.app import apply_fonts
        from sqeditor.gui.main_window import MainWindow
        apply_fonts(app)  # as run_gui does: the bare baselines draw the same face
        window = MainWindow()
        window.resize(1366, 768)
        window.open_path(path)
        window.show()
        window.findings_index.stop()  # measure the editor, not the background check
        rows = list(window.session.report.rows())[:SWITCHES]
        switch = timed_each(rows, window.select_node, app)
        bare = QTextEdit()
        bare.resize(800, 400)
        bare.show()
        bare_switch = timed_each(rows, lambda r: bare.setPlainText(r.result_text), app)

        target = rows[3]
        window.session.apply_raw([FieldEdit(target.id, "result", [Paragraph(long_text, 1)])], "bench")
        window.findings_index.stop()  # the change above queued a check of the row
        window.select_node(target)
        editor = window.rows.forms[0].editor
        editor.setFocus()
        editor.moveCursor(editor.textCursor().MoveOperation.End)
        app.processEvents()
        bare.resize(editor.size())
        default_face = QTextEdit()
        default_face.setFont(QFont("Sans Serif", bare.font().pointSize()))
        default_face.resize(editor.size())
        default_face.show()
        for widget in (bare, default_face, editor):  # the editor last: it keeps the focus
            if widget is not editor:
                widget.setPlainText(long_text)
            widget.setFocus()
            widget.moveCursor(widget.textCursor().MoveOperation.End)
        app.processEvents()
        typed, bare_typed, default_typed = interleaved_key_times([editor, bare, default_face], app, KEYS)

        mistakes = [FieldEdit(r.id, "result", [Paragraph("本局提昇服務品質，於台北設置據點"), *r.result])
                    for r in list(window.session.report.rows())[::5]]  # a mistake in every fifth row
        window.session.apply_raw(mistakes, "bench")
        window.findings_index.run_now()
        window.findings.show()
        app.processEvents()
        shown = len(window.findings.shown)
        saved = save_times(window, app, target, SAVES)
        window.close()

    print(f"{'GUI on a 2,000-row report (offscreen)':<44} {'median':>10} {'p99':>10}")
    print(row("start: process to main window shown", editor_start, "s", 1.0))
    print(row("  baseline: bare QMainWindow process", bare_start, "s", 1.0))
    print(row(f"row switch ({len(rows)} rows, 400 chars)", switch))
    print(row("  baseline: QTextEdit.setPlainText", bare_switch))
    print(row(f"keystroke in a 3,000-char result ({KEYS})", typed))
    print(row("  baseline: bare QTextEdit", bare_typed))
    print(row("  bare QTextEdit in Qt's default face", default_typed))
    ratio = statistics.median(typed) / statistics.median(bare_typed)
    print(f"{'keystroke median ratio editor / bare':<44} {ratio:>10.2f}")
    print(row(f"a save with {shown} findings shown ({SAVES})", saved))


if __name__ == "__main__":
    main()
