"""A 10,000-row report (five times anything real) through every step a clerk takes, with time and memory.

Side by side in the same run, the built-in sample (47 rows) as the baseline: what the same
steps cost on a real report on this machine. Per step: median wall time of RUNS runs, the
Python heap peak of one extra traced run (tracemalloc: Python objects only, not SQLite's or
Qt's C memory), and the process's resident high-water mark after the step (ru_maxrss: all
memory, but it only ever grows, so it is the peak of everything up to that step).

    .venv/bin/python benchmarks/bench_load.py [--rows 10000] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.large_report import build_large_report
from sqeditor.exchange.builtin_reports import builtin_sample
from sqeditor.file_formats import read_report, write_report
from sqeditor.merge import DraftMerger, split_drafts
from sqeditor.model import Paragraph, Report
from sqeditor.rules import Checker
from sqeditor.store import FieldEdit, ReportStore

Step = Callable[[], object]


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(step: Step, runs: int) -> tuple[float, float, float]:
    """(median seconds, traced Python peak in MB, RSS high-water in MB after the step)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    step()
    peak = tracemalloc.get_traced_memory()[1] / 1024**2
    tracemalloc.stop()
    return statistics.median(times), peak, rss_mb()


def steps_for(report: Report, folder: Path) -> dict[str, Step]:
    """Every step on one report, each repeatable (new names, fresh copies)."""
    path = folder / "report.sqreport"
    ReportStore.create(path, report).close()
    counter = iter(range(10**6))
    unit = next(r.unit for r in report.rows())
    drafts = folder / "drafts"
    drafts.mkdir()

    def open_and_close() -> None:
        ReportStore.open(path).close()

    def load() -> Report:
        with ReportStore.open(path) as store:
            return store.load()

    def merge_one_draft() -> None:
        """Split a draft for one unit, change its first row, merge it back (one transaction)."""
        out = drafts / str(next(counter))
        out.mkdir()
        with ReportStore.open(path) as store:
            [draft] = split_drafts(store, [unit], out)
            with ReportStore.open(draft) as draft_store:
                row = next(r for r in draft_store.load().rows() if r.unit == unit)
                draft_store.apply([FieldEdit(row.id, "result", [Paragraph(f"草稿修改 {out.name}", 1)])],
                                  "輸入文字")
            DraftMerger(store).merge(draft)

    loaded = load()
    steps: dict[str, Step] = {
        "create file": lambda: ReportStore.create(folder / f"c{next(counter)}.sqreport", report).close(),
        "open (checks)": open_and_close,
        "open + load": load,
        "check rules": lambda: Checker.for_report(loaded, set()).check_report(loaded),
    }
    for suffix in ("json", "docx", "xlsx", "pdf"):
        steps[f"export {suffix}"] = lambda s=suffix: write_report(loaded, folder / f"out.{s}")
    for suffix in ("json", "docx", "xlsx"):
        steps[f"import {suffix}"] = lambda s=suffix: read_report(folder / f"out.{s}")
    steps["split + merge draft"] = merge_one_draft
    return steps


def in_five_sections(report: Report, sections: int) -> Report:
    """Gather the builder's repeated sections back into the real report's five 構面.

    The builder repeats the sample's sections (over 1,000 of them for 10,000 rows); a real report
    has five, and section labels (一、… 九百九十九、) stop at 999.
    """
    merged = report.sections[:sections]
    for index, section in enumerate(report.sections[sections:]):
        merged[index % sections].children.extend(section.children)
    for section in merged:
        section.title = section.title.rsplit("（", 1)[0]
    report.sections = merged
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip", action="append", default=[], metavar="STEP",
                        help="leave out a step, e.g. --skip 'export pdf'")
    args = parser.parse_args()
    sample = builtin_sample()
    for row in sample.rows():  # the sample assigns no units; a draft needs some
        row.unit = "資訊室"
    large = in_five_sections(build_large_report(rows=args.rows), len(sample.sections))
    results: dict[str, dict[str, tuple[float, float, float]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for label, report in (("sample", sample), ("large", large)):
            folder = Path(tmp) / label
            folder.mkdir()
            for name, step in steps_for(report, folder).items():
                if name in args.skip:
                    continue
                results.setdefault(name, {})[label] = measure(step, args.runs)
                print(f"  {label} {name}: {results[name][label][0]:.2f} s", file=sys.stderr, flush=True)
    rows = sum(1 for _ in sample.rows()), sum(1 for _ in large.rows())
    print(f"Baseline: the sample ({rows[0]} rows); large: {rows[1]:,} rows. Median of {args.runs} runs; "
          "heap = tracemalloc peak; RSS = process high-water after the step.")
    header = (f"{'step':<20}{'sample s':>10}{'large s':>10}{'ratio':>8}{'heap MB':>10}"
              f"{'large heap MB':>15}{'RSS MB':>9}")
    print(header)
    print("-" * len(header))
    if args.skip:
        print(f"left out: {', '.join(args.skip)}")
    for name, by_label in results.items():
        (small_s, small_heap, _), (large_s, large_heap, rss) = by_label["sample"], by_label["large"]
        print(f"{name:<20}{small_s:>10.3f}{large_s:>10.3f}{large_s / max(small_s, 1e-6):>8.0f}"
              f"{small_heap:>10.1f}{large_heap:>15.1f}{rss:>9.0f}")


if __name__ == "__main__":
    main()
