"""The .sqreport file on a 2,000-row report: create, open, load the tree, change one result,
search (a scan of the rows: a phrase in one row, and a word in most rows).

Baseline in the same run: reading the same JSON export with the json module (the cost of
parsing the data at all), so the figures can be judged against this machine's speed.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.large_report import build_large_report
from sqeditor.exchange.json_format import read_json, write_json
from sqeditor.model import Paragraph
from sqeditor.store import FieldEdit, ReportStore

RUNS = 7


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def _open_load_close(path: Path) -> None:
    with ReportStore.open(path) as store:
        store.load()


def main() -> None:
    report = build_large_report(2000, 400)
    row_id = next(report.rows()).id
    results: dict[str, list[float]] = {k: [] for k in
                                       ("create", "open", "load tree", "open+load", "change one result",
                                        "search: one row", "search: most rows", "baseline: json read")}
    with tempfile.TemporaryDirectory() as tmp:
        json_path = Path(tmp) / "r.json"
        write_json(report, json_path)
        for run in range(RUNS):
            path = Path(tmp) / f"r{run}.sqreport"
            results["create"].append(timed(lambda p=path: ReportStore.create(p, report).close()))
            start = time.perf_counter()
            store = ReportStore.open(path)
            results["open"].append((time.perf_counter() - start) * 1000)
            results["load tree"].append(timed(store.load))
            results["change one result"].append(timed(lambda s=store, n=run: s.apply(
                [FieldEdit(row_id, "result", [Paragraph(f"修改 {n}", 1)])], "輸入文字")))
            results["search: one row"].append(timed(lambda s=store, n=run: s.search(f"修改 {n}")))
            results["search: most rows"].append(timed(lambda s=store: s.search("服務")))
            store.close()
            results["open+load"].append(timed(lambda p=path: _open_load_close(p)))
            results["baseline: json read"].append(timed(lambda: read_json(json_path)))
    print(f"2,000 rows × 400 characters, median and max of {RUNS} runs (ms)")
    print(f"{'step':<22}{'median':>10}{'max':>10}")
    for name, values in results.items():
        print(f"{name:<22}{statistics.median(values):>10.1f}{max(values):>10.1f}")


if __name__ == "__main__":
    main()
