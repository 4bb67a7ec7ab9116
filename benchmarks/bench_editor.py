"""Keystroke latency of the result editor against a bare QTextEdit, in the same run.

A 3,000-character result (real results of the sample, list levels, findings underlined, the real
checker hooked in) gets key presses in the middle of a paragraph; each press is timed from
sending the event until the event loop has processed it and repainted. The application's fonts
are set as the editor sets them (`apply_fonts`), so the bare QTextEdit draws the same Chinese
face; a row in Qt's default face shows what the face alone costs. Usage:

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_editor.py [--presses 400] [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeyEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QTextEdit

from sqeditor.exchange.builtin_reports import builtin_sample
from sqeditor.gui.app import apply_fonts
from sqeditor.gui.result_editor import ResultEditor
from sqeditor.model import Paragraph, Report
from sqeditor.rules.engine import Checker


def result_paragraphs(total_chars: int = 3000) -> list[Paragraph]:
    """About total_chars characters of real results from the built-in sample (real mistakes)."""
    paragraphs: list[Paragraph] = []
    for row in builtin_sample().rows():
        paragraphs += row.result
        if sum(len(p.text) for p in paragraphs) >= total_chars:
            break
    return paragraphs


def middle_cursor(widget: QTextEdit) -> None:
    block = widget.document().findBlockByNumber(widget.document().blockCount() // 2)
    cursor = QTextCursor(block)
    cursor.movePosition(QTextCursor.MoveOperation.Right, n=10)
    widget.setTextCursor(cursor)
    widget.ensureCursorVisible()


def press_times(app: QApplication, widget: QTextEdit, presses: int) -> list[float]:
    """Seconds per key press: event delivery, the widget's handling, and the repaint."""
    app.processEvents()
    times = []
    for index in range(presses):
        char = "ab"[index % 2]
        start = time.perf_counter()
        for kind in (QKeyEvent.Type.KeyPress, QKeyEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_A + (index % 2), Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)
        app.processEvents()
        times.append(time.perf_counter() - start)
    return times


def build_editor(paragraphs: list[Paragraph]) -> ResultEditor:
    checker = Checker.for_report(Report())
    editor = ResultEditor()
    editor.set_paragraphs(paragraphs)
    editor.set_checker(lambda text, level: checker.check_text(text, level=level))
    findings = [f for i, p in enumerate(paragraphs) for f in checker.check_text(p.text, paragraph=i)]
    editor.set_findings(findings)
    return editor


def build_plain_editor(paragraphs: list[Paragraph]) -> ResultEditor:
    """The same editor without the checker and underlines: what levels and markers cost."""
    editor = ResultEditor()
    editor.set_paragraphs(paragraphs)
    return editor


def build_bare(paragraphs: list[Paragraph]) -> QTextEdit:
    """A QTextEdit as the editor's window would make it: the application's font."""
    bare = QTextEdit()
    bare.setPlainText("\n".join(p.text for p in paragraphs))
    return bare


def build_bare_default_face(paragraphs: list[Paragraph]) -> QTextEdit:
    """The same in Qt's default face (the baseline before the fonts were set here)."""
    bare = build_bare(paragraphs)
    bare.setFont(QFont("Sans Serif", bare.font().pointSize()))
    return bare


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=400)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    apply_fonts(app)
    paragraphs = result_paragraphs()
    builders = {
        "ResultEditor": build_editor,
        "  no findings": build_plain_editor,
        "bare QTextEdit": build_bare,
        "  default face": build_bare_default_face,
    }
    samples: dict[str, list[float]] = {name: [] for name in builders}
    for _ in range(args.runs):  # alternate, so all see the same machine load
        for name, build in builders.items():
            widget = build(paragraphs)
            widget.resize(900, 700)
            widget.show()
            middle_cursor(widget)
            samples[name] += press_times(app, widget, args.presses)
            widget.close()
            widget.deleteLater()
            app.processEvents()
    chars = sum(len(p.text) for p in paragraphs)
    findings = sum(len(Checker.for_report(Report()).check_text(p.text)) for p in paragraphs)
    print(
        f"keystroke latency, {chars} characters in {len(paragraphs)} paragraphs with {findings} findings, "
        f"{args.runs} runs x {args.presses} presses each"
    )
    bare = statistics.median(samples["bare QTextEdit"])
    print(f"{'editor':<16}{'median ms':>12}{'p99 ms':>10}{'x bare':>9}")
    for name, values in samples.items():
        median = statistics.median(values)
        print(f"{name:<16}{median * 1e3:>12.3f}{percentile(values, 0.99) * 1e3:>10.3f}{median / bare:>9.2f}")
    print("(bare QTextEdit: the application's font, as in the window; default face: Qt's Sans Serif)")
    print("aim: within 1.5x of the bare QTextEdit")
    recheck_ms = recheck_time(app, paragraphs)
    print(f"checker pass after a pause, one changed paragraph: {recheck_ms:.3f} ms (median of 50)")


def recheck_time(app: QApplication, paragraphs: list[Paragraph]) -> float:
    """The debounced pass: drop stale underlines, recheck the paragraph that changed."""
    editor = build_editor(paragraphs)
    editor.show()
    middle_cursor(editor)
    editor._recheck()  # the first pass checks every paragraph once
    times = []
    for index in range(50):
        editor.insertPlainText("ab"[index % 2])
        start = time.perf_counter()
        editor._recheck()
        times.append(time.perf_counter() - start)
    editor.close()
    app.processEvents()
    return statistics.median(times) * 1e3


if __name__ == "__main__":
    main()
