"""Excel export and import of a 2,000-row report, beside the bare cost of the same cells.

Baselines in the same run: XlsxWriter (which the export uses) and openpyxl writing the same cell
values (all three sheets) with no styles, merges, heights or print setup, openpyxl in normal and
write-only mode, and openpyxl streaming
every value of the exported workbook back (read-only mode). The checker, which the export
runs for the findings column, is timed on its own, and the export also with the findings
handed in (as a caller that has them already would).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from openpyxl import Workbook, load_workbook

from benchmarks.large_report import build_large_report
from sqeditor.exchange.formats import ExportOptions
from sqeditor.exchange.xlsx_export import export_xlsx
from sqeditor.exchange.xlsx_import import read_xlsx
from sqeditor.exchange.xlsx_text import new_workbook
from sqeditor.rules.row_findings import findings_per_row

RUNS = 5


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def same_cells(path: Path) -> dict[str, list[tuple]]:
    """Every value of every sheet of the exported workbook: what the baselines write bare."""
    workbook = load_workbook(path, read_only=True, data_only=True)
    cells = {ws.title: list(ws.iter_rows(values_only=True)) for ws in workbook.worksheets}
    workbook.close()
    return cells


def bare_write(cells: dict[str, list[tuple]], path: Path, write_only: bool) -> None:
    """The same values with no styles, merges, heights, print setup or table."""
    workbook = Workbook(write_only=write_only)
    if not write_only:
        workbook.remove(workbook.active)
    for title, lines in cells.items():
        ws = workbook.create_sheet(title)
        for line in lines:
            ws.append(line)
    workbook.save(path)


def bare_xlsxwriter(cells: dict[str, list[tuple]], path: Path) -> None:
    """The same values through XlsxWriter, with no formats, merges, heights or print setup."""
    workbook = new_workbook(path)
    for title, lines in cells.items():
        ws = workbook.add_worksheet(title)
        for row, line in enumerate(lines):
            ws.write_row(row, 0, line)
    workbook.close()


def bare_read(path: Path) -> None:
    workbook = load_workbook(path, read_only=True, data_only=True)
    for ws in workbook.worksheets:
        for _ in ws.iter_rows(values_only=True):
            pass
    workbook.close()


def main() -> None:
    report = build_large_report(2000, 400)
    findings = findings_per_row(report)
    steps: dict[str, Callable[[Path], object]] = {
        "export (checker included)":
            lambda p: export_xlsx(report, p, ExportOptions(), findings_per_row(report)),
        "export, findings given": lambda p: export_xlsx(report, p, ExportOptions(), findings=findings),
        "  checker alone": lambda p: findings_per_row(report),
        "  baseline: XlsxWriter bare": lambda p: bare_xlsxwriter(cells, p),
        "  baseline: bare cells": lambda p: bare_write(cells, p, write_only=False),
        "  baseline: write-only": lambda p: bare_write(cells, p, write_only=True),
        "import": lambda p: read_xlsx(p),
        "  baseline: stream values": lambda p: bare_read(p),
    }
    results: dict[str, list[float]] = {name: [] for name in steps}
    with tempfile.TemporaryDirectory() as tmp:
        exported = Path(tmp) / "report.xlsx"
        export_xlsx(report, exported, ExportOptions(), findings=findings)
        size = exported.stat().st_size
        cells = same_cells(exported)
        for run in range(RUNS):
            for name, step in steps.items():
                reads = name.startswith(("import", "  baseline: stream"))
                target = exported if reads else Path(tmp) / f"out{run}.xlsx"
                results[name].append(timed(lambda s=step, t=target: s(t)))
    print(f"2,000 rows × 400 characters ({size / 1024:.0f} KB workbook), median and max of {RUNS} runs (ms)")
    print(f"{'step':<30}{'median':>10}{'max':>10}")
    for name, values in results.items():
        print(f"{name:<30}{statistics.median(values):>10.1f}{max(values):>10.1f}")


if __name__ == "__main__":
    main()
