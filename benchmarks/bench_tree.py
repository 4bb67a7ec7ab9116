"""A save on a 2,000-row report, as the criteria tree sees it: signals sent and time taken.

A save is the clerk's edit of one row going through the session (written to the file), the
background check of that row, and the tree showing the new status, counts and finding mark,
until the event loop is idle again. The tree is fully expanded in a shown window, as when a
filter is on. Baselines in the same run, interleaved save by save so the machine's load
falls on both alike: the same save followed by the full re-layout the tree model used to
send (layoutAboutToBeChanged + layoutChanged after every check), and the edit written to
the store alone, without any window (the floor a save cannot go below).

    QT_QPA_PLATFORM=offscreen python -m benchmarks.bench_tree [--saves 40]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from benchmarks.large_report import build_large_report
from sqeditor.model import Paragraph, Status
from sqeditor.store import FieldEdit, ReportStore

SIGNALS = ("dataChanged", "layoutChanged", "modelReset")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--saves", type=int, default=40)
    saves = parser.parse_args().saves
    app = QApplication.instance() or QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.update(XDG_DATA_HOME=f"{tmp}/data", XDG_CONFIG_HOME=f"{tmp}/config")
        path = Path(tmp) / "large.sqreport"
        ReportStore.create(path, build_large_report(2000, 400)).close()
        from sqeditor.gui.main_window import MainWindow
        window = MainWindow()
        window.resize(1366, 768)
        window.open_path(path)
        window.show()
        window.tree.expandAll()
        index = window.findings_index
        index.run_now()  # every row's findings known, as after 檢查文字
        rows = list(window.session.report.rows())
        model = window.tree_model
        counted = dict.fromkeys(SIGNALS, 0)
        counting = [False]  # only the model's own signals, not the baseline's forced ones
        for name in SIGNALS:
            getattr(model, name).connect(
                lambda *_a, n=name: counting[0] and counted.__setitem__(n, counted[n] + 1))

        def relayout() -> None:  # what the tree model sent after every check before
            model.layoutAboutToBeChanged.emit()
            model.layoutChanged.emit()

        def save(i: int, as_before: bool = False) -> float:
            row = rows[(i * 37) % len(rows)]
            text = "本局提昇服務品質。" if i // 2 % 2 else "本局提升服務品質。"  # a finding comes and goes
            start = time.perf_counter()
            window.session.apply([FieldEdit(row.id, "result", [Paragraph(text)]),
                                  FieldEdit(row.id, "status", list(Status)[i % 4])], "bench")
            loop = QEventLoop()
            if as_before:
                index.changed.connect(relayout)
            index.changed.connect(loop.quit)
            QTimer.singleShot(10_000, loop.quit)
            loop.exec()  # the row's check, then the tree's update
            index.changed.disconnect(loop.quit)
            if as_before:
                index.changed.disconnect(relayout)
            app.processEvents()  # the view lays out and paints what changed
            return time.perf_counter() - start

        save(-1)
        times, before = [], []
        for i in range(saves):
            counting[0] = True
            times.append(save(2 * i))
            counting[0] = False
            before.append(save(2 * i + 1, as_before=True))
        window.close()

        floor_path = Path(tmp) / "floor.sqreport"
        ReportStore.create(floor_path, build_large_report(2000, 400)).close()
        with ReportStore.open(floor_path) as store:
            ids = [r.id for r in store.load().rows()]
            floor = []
            for i in range(saves):
                start = time.perf_counter()
                store.apply([FieldEdit(ids[(i * 37) % len(ids)], "result", [Paragraph("本局提升服務品質。")]),
                             FieldEdit(ids[(i * 37) % len(ids)], "status", list(Status)[i % 4])], "bench")
                floor.append(time.perf_counter() - start)

    print(f"{'A save on a 2,000-row report, tree expanded':<46} {'median':>9} {'p90':>9}")
    for label, values in ((f"save → check → tree shown ({saves} saves)", times),
                          ("  baseline: the same with a full re-layout", before),
                          ("  baseline: the store's write alone", floor)):
        ordered = sorted(values)
        p90 = ordered[int(0.9 * (len(ordered) - 1))]
        print(f"{label:<46} {statistics.median(values) * 1000:>7.1f}ms {p90 * 1000:>7.1f}ms")
    print("tree model signals per save: " + ", ".join(
        f"{name} {counted[name] / saves:.1f}" for name in SIGNALS))


if __name__ == "__main__":
    main()
