"""Merging 20 unit drafts into a 2,000-row report, each draft changing 100 rows, 10 conflicts.

The same 20 units' work also comes back as 20 plain copies of the report file (copied after
the coordinator's first step, each with 100 rows typed in 10 steps): their merge finds each
copy's base in the shared history, rewinding both files to it.

Baseline in the same run: writing the same 2,000 changed results straight into the report
as 20 plain steps (what the merge cannot avoid doing), so the merge's own cost shows.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.large_report import build_large_report
from sqeditor.merge import DraftMerger, split_drafts
from sqeditor.merge.returned import ReturnedKind
from sqeditor.model import Paragraph
from sqeditor.store import FieldEdit, ReportStore
from sqeditor.store.merge_records import open_conflicts

RUNS = 3
DRAFTS = 20
CONFLICTS = 10
STEPS_PER_COPY = 10


def edits_for(store: ReportStore, unit: str) -> list[FieldEdit]:
    return [FieldEdit(row.id, "result", [*row.result, Paragraph(f"{unit}補充說明 {index}", 1)])
            for index, row in enumerate(r for r in store.load().rows() if r.unit == unit)]


def prepare(tmp: Path) -> tuple[Path, list[Path], list[Path], list[list[FieldEdit]]]:
    """The report, 20 edited drafts and 20 edited plain copies (100 rows each), and the
    coordinator's 10 rival edits."""
    report = build_large_report(2000, 400, units=DRAFTS)
    path = tmp / "report.sqreport"
    out = tmp / "drafts"
    out.mkdir()
    with ReportStore.create(path, report) as store:
        first = next(store.load().rows())
        store.apply([FieldEdit(first.id, "comment", "分送前的意見")], "輸入文字")
    copies = [tmp / f"copy-{unit}.sqreport" for unit in report.units]
    for copy in copies:
        shutil.copyfile(path, copy)
    with ReportStore.open(path) as store:
        drafts = split_drafts(store, report.units, out)
        per_unit = []
        for unit, draft_path in zip(report.units, drafts, strict=True):
            with ReportStore.open(draft_path) as draft:
                edits = edits_for(draft, unit)
                draft.apply(edits, "輸入文字")
                per_unit.append(edits)
        for copy, edits in zip(copies, per_unit, strict=True):
            with ReportStore.open(copy, user="承辦人") as unit:
                for start in range(0, len(edits), len(edits) // STEPS_PER_COPY):
                    unit.apply(edits[start:start + len(edits) // STEPS_PER_COPY], "輸入文字")
        rival = [FieldEdit(e.node_id, "result", [Paragraph("協調人改寫")]) for e in per_unit[0][:CONFLICTS]]
        store.apply(rival, "輸入文字")
    return path, drafts, copies, per_unit


def merge_all(path: Path, drafts: list[Path], kind: ReturnedKind = ReturnedKind.SPLIT) -> int:
    with ReportStore.open(path) as store:
        outcomes = DraftMerger(store).merge_all(drafts)
        assert all(o.error is None and o.kind is kind for o in outcomes)
        assert all(o.count("taken") + o.count("conflict") == 100 for o in outcomes)
        conflicts = len(open_conflicts(store))
        assert conflicts == CONFLICTS  # drafts and copies alike: only the coordinator's rival edits
        return conflicts


def apply_plain(path: Path, per_unit: list[list[FieldEdit]]) -> None:
    with ReportStore.open(path) as store:
        for edits in per_unit:
            store.apply(edits, "輸入文字")


def timed(fn) -> tuple[float, float]:
    """Wall and CPU seconds (the process's, reader threads included): on a shared machine the
    wall time also counts other programs' turns, the CPU time does not."""
    start, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - start, time.process_time() - cpu


def line(label: str, times: list[tuple[float, float]]) -> str:
    wall = [w for w, _ in times]
    cpu = statistics.median(c for _, c in times)
    return f"{label:<38}{statistics.median(wall):>10.2f}{max(wall):>10.2f}{cpu:>10.2f}"


def peak_mib(fn) -> tuple[float, object]:
    """Peak traced Python memory while fn runs, and what it returned."""
    tracemalloc.start()
    value = fn()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20, value


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        start = time.perf_counter()
        source, drafts, copies, per_unit = prepare(tmp)
        print(f"setup (report, {DRAFTS} drafts, {DRAFTS} copies, edits): {time.perf_counter() - start:.1f} s")
        merge_times, copy_times, plain_times = [], [], []
        for run in range(RUNS):
            copy = tmp / f"merge{run}.sqreport"
            shutil.copyfile(source, copy)
            merge_times.append(timed(lambda c=copy: merge_all(c, drafts)))
            copy = tmp / f"copies{run}.sqreport"
            shutil.copyfile(source, copy)
            copy_times.append(timed(lambda c=copy: merge_all(c, copies, ReturnedKind.COPY)))
            copy = tmp / f"plain{run}.sqreport"
            shutil.copyfile(source, copy)
            plain_times.append(timed(lambda c=copy: apply_plain(c, per_unit)))
        copy = tmp / "memory.sqreport"
        shutil.copyfile(source, copy)
        memory, conflicts = peak_mib(lambda: merge_all(copy, drafts))
    print(f"2,000 rows, {DRAFTS} drafts (or copies) × 100 changed rows, {conflicts} conflicts; "
          f"median and max of {RUNS} runs, median CPU time")
    print(f"{'step':<38}{'median s':>10}{'max s':>10}{'CPU s':>10}")
    print(line("merge 20 drafts", merge_times))
    print(line("merge 20 plain copies", copy_times))
    print(line("baseline: same 2,000 edits, 20 steps", plain_times))
    print(f"peak Python memory while merging (tracemalloc): {memory:.1f} MiB")


if __name__ == "__main__":
    main()
