"""Last period beside this one, at 2,000 rows: link (read last period's file, keep its snapshot),
match the rows (a tenth of the criteria reworded), and find stale text; the budget for link +
match + stale text is 1 s. Baselines in the same run: loading the report, matching two periods
whose criteria are all the same, and the writing rules without last period.

Usage: python -m benchmarks.bench_last_period
"""

from __future__ import annotations

import copy
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.large_report import build_large_report
from sqeditor.last_period import PeriodLink, link_last_period, read_last_period
from sqeditor.merge.period_matching import match_rows
from sqeditor.model import Paragraph, Period, Report
from sqeditor.model.report import new_id
from sqeditor.rules import Checker
from sqeditor.rules.engine import clear_shared_caches
from sqeditor.rules.pack import builtin_packs
from sqeditor.store import ReportStore

ROWS = 2000
RUNS = 5


def next_period(last: Report) -> Report:
    """This period from last: new ids, a tenth of the criteria reworded, a fifth of the rows
    rewritten, a tenth half-edited, the rest copied unchanged."""
    report = copy.deepcopy(last)
    report.meta.roc_year, report.meta.period = 111, Period.FIRST_HALF
    report.meta.cutoff = date(2022, 6, 10)
    for node in report.walk():
        node.id = new_id()
    for index, row in enumerate(report.rows()):
        if index % 10 == 3:
            row.title = "辦理" + row.title.replace("，", "並", 1).replace("。", "") + "之情形"
        if index % 5 == 1:
            row.result = [Paragraph(f"本期第 {index} 項措施已改寫，111 年 3 月完成第 {index % 7 + 1} 階段。")]
        elif index % 10 == 2:
            row.result = [*row.result[:-1], Paragraph(f"本期辦理情形增加，計 {index} 件。")]
    return report


def median_ms(fn, runs: int = RUNS) -> tuple[float, float]:
    """Median wall-clock and CPU milliseconds (CPU leaves out the time other processes took)."""
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        cpu.append((time.process_time() - start_cpu) * 1000)
        wall.append((time.perf_counter() - start) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def stale_checker(report: Report, link: PeriodLink | None) -> Checker:
    """The 上期 rules only (the writing rules are timed by bench_rules)."""
    rules, specs = builtin_packs()
    stale = [s for s in specs if s.rule.category == "上期"]
    return Checker(rules, stale, period=link.context(report) if link else None)


def main() -> None:
    last = build_large_report(ROWS)
    this = next_period(last)
    with tempfile.TemporaryDirectory() as folder:
        last_path, this_path = Path(folder) / "last.sqreport", Path(folder) / "this.sqreport"
        ReportStore.create(last_path, last).close()
        ReportStore.create(this_path, this).close()
        with ReportStore.open(this_path) as store:
            load = median_ms(store.load)
            link_ms = median_ms(lambda: link_last_period(store, last_path))
            snapshot = store.last_period()
        same = read_last_period(last_path)
    assert snapshot is not None
    match_same = median_ms(lambda: match_rows(last, same))
    match_ms = median_ms(lambda: match_rows(this, snapshot))
    link = PeriodLink.of(this, snapshot)
    checker = stale_checker(this, link)
    stale_ms = median_ms(lambda: checker.check_report(this))
    found = checker.check_report(this)
    clear_shared_caches()
    rules_ms = median_ms(lambda: Checker.for_report(this).check_report(this), runs=3)
    fuzzy = [m for m in link.matches.values() if m.how == "fuzzy"]
    print(f"Last period beside this one, {ROWS:,} rows each, median of {RUNS} runs")
    print(f"{'step':58} {'wall ms':>8} {'CPU ms':>8}")
    lines = [
        ("baseline: load this period's report", load),
        ("baseline: match two periods with the same criteria", match_same),
        ("baseline: writing rules, whole report, without last period", rules_ms),
        ("link: read last period's .sqreport, keep its snapshot", link_ms),
        (f"match rows ({len(fuzzy)} reworded, by likeness)", match_ms),
        (f"stale text, 上期 rules ({len(found)} findings)", stale_ms),
    ]
    for label, (wall, cpu) in lines:
        print(f"{label:58} {wall:8.1f} {cpu:8.1f}")
    total = [sum(figures) for figures in zip(link_ms, match_ms, stale_ms, strict=True)]
    print(f"{'link + match + stale text (budget 1,000 ms)':58} {total[0]:8.1f} {total[1]:8.1f}")
    this_index = {row.id: i for i, row in enumerate(this.rows())}
    last_index = {row.id: i for i, row in enumerate(snapshot.rows)}
    right = sum(this_index[m.node_id] == last_index[m.last.id] for m in link.matches.values())
    print(f"rows matched to their own last-period row: {right} of {ROWS}; "
          f"reworded: {len(fuzzy)} of {ROWS // 10}, {sum(m.low for m in fuzzy)} flagged low confidence")


if __name__ == "__main__":
    main()
