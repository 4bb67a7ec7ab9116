"""Word files that go out to units and reviewers and come back, on a 2,000-row report.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m benchmarks.bench_word_return [--rows 2000] [--changed 200]

- export: the plain Word export (the baseline, in the same run), and the export for review
  with `--changed` rows carrying three versions by two units each (their cells rewritten as
  w:ins/w:del after the export).
- merge: a returned Word export with `--changed` rows edited, read with the importer and
  merged against what the export held (one merge, backup included).
Times are medians of several runs (the machine is shared).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import docx

from benchmarks.large_report import build_large_report
from sqeditor.exchange.docx_export import export_docx
from sqeditor.exchange.formats import ExportOptions
from sqeditor.exchange.revision_pieces import Revision, Version
from sqeditor.file_formats import export_recorded, read_returned
from sqeditor.merge import DraftMerger
from sqeditor.model import Report
from sqeditor.store import ReportStore


def median(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def versions(report: Report, changed: int) -> dict[str, list[Version]]:
    """Each changed row: a sentence added by one unit, then partly reworded by another."""
    at = datetime(2026, 11, 2, 9)
    out = {}
    for row in list(report.rows())[:changed]:
        now = tuple(p.text for p in row.result)
        first = (now[0][:40] + "另增設服務專線。" + now[0][40:], *now[1:]) if now else ("新增說明。",)
        out[row.id] = [Version(now), Version(first, Revision(row.unit or "第1組", at)),
                       Version((first[0].replace("本局", "本署", 1), *first[1:]),
                               Revision("第2組", at + timedelta(days=1)))]
    return out


def edit_returned(path: Path, changed: int) -> None:
    """A unit's plain edits to the first `changed` result cells."""
    document = docx.Document(str(path))
    body_rows = [row for row in document.tables[0].rows if len(row._tr.tc_lst) == 4][1:]
    for row in body_rows[:changed]:
        paragraph = row.cells[3].paragraphs[0]
        if paragraph.runs:
            paragraph.add_run("（單位補充）")
    document.save(str(path))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--changed", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    report = build_large_report(args.rows)
    review = ExportOptions(revisions=versions(report, args.changed))
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        plain = median(lambda: export_docx(report, tmp / "plain.docx"), args.runs)
        marked = median(lambda: export_docx(report, tmp / "review.docx", review), args.runs)
        store = ReportStore.create(tmp / "r.sqreport", report, user="協調人")
        export_recorded(store, report, tmp / "unit.docx")
        store.close()
        edit_returned(tmp / "unit.docx", args.changed)

        def merge() -> None:
            shutil.copy(tmp / "r.sqreport", tmp / "m.sqreport")
            with ReportStore.open(tmp / "m.sqreport") as target:
                (outcome,) = DraftMerger(target, read_other=read_returned).merge_all([tmp / "unit.docx"])
                assert outcome.count("taken") == args.changed, outcome

        merged = median(merge, args.runs)
    print(f"{args.rows} rows, {args.changed} changed, median of {args.runs} runs")
    print(f"{'Word export (baseline)':<42}{plain:8.2f} s")
    print(f"{'Word export for review':<42}{marked:8.2f} s  (+{marked - plain:.2f} s)")
    print(f"{'merge of a returned Word export':<42}{merged:8.2f} s")


if __name__ == "__main__":
    main()
