"""Word/PDF export and Word import speed, side by side with a baseline and the floor.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m benchmarks.bench_docx [--rows 2000] [--baseline-rows 300]

- ours: `export_docx` (python-docx's package and public API; table rows as lxml elements copied
  from one prototype per row shape; saved once by `Document.save`).
- baseline: what a typical developer writes with python-docx's API (`table.cell()` /
  `cell.merge()` / `cell.text`), which is quadratic: measured on fewer rows (--baseline-rows)
  and compared with ours on the same rows.
- floor: only serialising the finished file's XML parts (already-built lxml trees, document.xml
  among them) and zipping them: no export can be faster. The export should stay within 3× of it.
Times are medians of several runs; wall-clock and CPU time are both shown because the machine
is shared (CPU time is less disturbed by other processes). `calib` is a fixed pure-Python loop,
to show how loaded the machine was.
"""

from __future__ import annotations

import argparse
import io
import statistics
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
from lxml import etree

from benchmarks.large_report import build_large_report
from sqeditor.exchange.builtin_reports import builtin_sample
from sqeditor.exchange.docx_export import export_docx
from sqeditor.exchange.docx_import import import_docx
from sqeditor.exchange.layout import Merge, RowKind, build_layout
from sqeditor.model import Report


def measure(action: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median wall and CPU seconds; with several runs, after one unmeasured run.

    The first runs of an export in a fresh process grow the heap (page faults count as CPU
    time) and fill caches: 25 % slower than the rest for 2,000 rows, whichever is measured first.
    """
    if runs > 1:
        action()
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        action()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def floor_action(path: Path) -> Callable[[], object]:
    """Serialise the already-built XML trees of a finished .docx and zip them."""
    with zipfile.ZipFile(path) as archive:
        blobs = {n: archive.read(n) for n in archive.namelist()}
    trees = {n: etree.fromstring(b) for n, b in blobs.items() if n.endswith((".xml", ".rels"))}

    def run() -> None:
        with zipfile.ZipFile(io.BytesIO(), "w", zipfile.ZIP_DEFLATED) as archive:
            for name, blob in blobs.items():
                tree = trees.get(name)
                data = etree.tostring(tree, xml_declaration=True, encoding="UTF-8", standalone=True) \
                    if tree is not None else blob
                archive.writestr(name, data)
    return run


def baseline_docx(report: Report, path: Path) -> None:
    """The same table through python-docx's public API, as most code does it."""
    layout = build_layout(report)
    document = docx.Document()
    document.add_paragraph(layout.title)
    for line in layout.meta_lines:
        document.add_paragraph(line)
    table = document.add_table(rows=len(layout.rows), cols=4)
    table.style = "Table Grid"
    for r, row in enumerate(layout.rows):
        if row.kind is RowKind.SECTION:
            table.cell(r, 0).merge(table.cell(r, 3)).text = row.cells[0].text
            continue
        for c, cell in enumerate(row.cells):
            if cell.merge is Merge.CONTINUE:
                continue
            target = table.cell(r, c)
            paragraphs = cell.paragraphs or []
            target.text = (paragraphs[0].marker + " " + paragraphs[0].text) if paragraphs else ""
            for paragraph in paragraphs[1:]:
                target.add_paragraph(paragraph.marker + " " + paragraph.text)
            if cell.merge is Merge.RESTART and cell.row_span > 1:
                target.merge(table.cell(r + cell.row_span - 1, c))
    document.save(str(path))


def calibrate() -> float:
    start = time.process_time()
    sum(range(10_000_000))
    return time.process_time() - start


def row(label: str, timing: tuple[float, float], ref: tuple[float, float] | None = None) -> str:
    ratio = f"{timing[1] / ref[1]:6.2f}×" if ref else ""
    return f"{label:<44} {timing[0]:8.3f} s {timing[1]:8.3f} s  {ratio}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--baseline-rows", type=int, default=300)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-pdf", action="store_true")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-docx-"))
    reports = {"sample (47 rows)": builtin_sample(), f"{args.rows} rows": build_large_report(args.rows)}
    print(f"calib (pure-Python loop, ~0.12 s on an idle machine): {calibrate():.3f} s CPU")
    print(f"{'':<44} {'wall':>10} {'CPU':>10}  ratio (CPU)")
    for name, report in reports.items():
        path = tmp / "ours.docx"
        ours = measure(lambda r=report, p=path: export_docx(r, p), args.runs)
        floor = measure(floor_action(path), args.runs)
        size = path.stat().st_size
        print(row(f"docx export, ours — {name}", ours, floor))
        print(row(f"docx floor: serialise + zip — {name}", floor))
        imported = measure(lambda p=path: import_docx(p), args.runs)
        print(row(f"docx import — {name} ({size // 1024} KiB)", imported))
    small = build_large_report(args.baseline_rows)
    ours_small = measure(lambda: export_docx(small, tmp / "small.docx"), args.runs)
    baseline = measure(lambda: baseline_docx(small, tmp / "baseline.docx"), 1)
    print(row(f"docx export, ours — {args.baseline_rows} rows", ours_small))
    print(row(f"docx baseline python-docx API — {args.baseline_rows} rows", baseline, ours_small)
          + " (baseline / ours)")
    if not args.no_pdf:
        from sqeditor.printing.pdf import ensure_gui_application, render_pdf

        ensure_gui_application()
        for name, report in reports.items():
            pages: list[int] = []
            runs = 3 if "sample" in name else 1
            timing = measure(lambda r=report, p=pages: p.append(render_pdf(r, tmp / "x.pdf")), runs)
            print(row(f"pdf (Qt) — {name}, {pages[-1]} pages", timing))


if __name__ == "__main__":
    main()
