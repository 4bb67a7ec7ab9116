"""The exported workbook's sheet parts compared with references kept in tests/reference/xlsx/.

A change to the layout (widths, heights, merges, formats, print setup) shows as a diff of those
files. After a deliberate change, write them again and review the diff before committing:

    python -m tests.test_xlsx_golden

Parts are compared pretty-printed, one element a line; the package's dates (docProps) are
not compared.
"""

from __future__ import annotations

import copy
import sys
import tempfile
from datetime import datetime
from pathlib import Path
from zipfile import ZipFile

from lxml import etree

from sqeditor.exchange.builtin_reports import builtin_sample
from sqeditor.exchange.formats import ExportOptions
from sqeditor.exchange.xlsx_export import export_xlsx
from sqeditor.model import Paragraph, Report, Status

REFERENCE = Path(__file__).resolve().parent / "reference" / "xlsx"
PARTS = ["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml",
         "xl/sharedStrings.xml", "xl/styles.xml", "xl/workbook.xml", "xl/tables/table1.xml"]


def small_report() -> Report:
    """The sample's first two items, with units, statuses, an editor and findings fixed."""
    report = builtin_sample()
    section = copy.copy(report.sections[0])
    section.children = section.children[:2]
    report.sections = [section, report.sections[1]]
    report.sections[1].children = report.sections[1].children[:1]
    report.units = ["秘書室", "資訊室"]
    for index, row in enumerate(report.rows()):
        row.unit = report.units[index % 2] if index != 2 else ""
        row.status = list(Status)[index % 4]
    rows = list(report.rows())
    rows[0].result = [Paragraph("=以等號開頭的結果", 0), Paragraph("第一點", 1), Paragraph("細項", 2)]
    rows[1].edited_by, rows[1].edited_at = "王小明", datetime(2021, 12, 1, 9, 30)
    return report


def exported_parts(folder: Path) -> dict[str, str]:
    report = small_report()
    findings = {row.id: index % 3 for index, row in enumerate(report.rows())}
    path = folder / "golden.xlsx"
    export_xlsx(report, path, ExportOptions(draft=True), findings)
    with ZipFile(path) as archive:
        return {name: pretty(archive.read(name)) for name in PARTS}


def pretty(xml: bytes) -> str:
    root = etree.fromstring(xml, etree.XMLParser(remove_blank_text=True))
    return etree.tostring(root, encoding="unicode", pretty_print=True)


def reference_name(part: str) -> str:
    return part.replace("/", "__")


def test_sheet_parts_match_the_references(tmp_path: Path) -> None:
    for part, text in exported_parts(tmp_path).items():
        reference = REFERENCE / reference_name(part)
        assert reference.exists(), f"no reference for {part}: python -m tests.test_xlsx_golden"
        assert text == reference.read_text(encoding="utf-8"), (
            f"{part} differs from {reference}; if the change is meant, run python -m tests.test_xlsx_golden "
            "and review the diff")


def write_references() -> None:
    REFERENCE.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for part, text in exported_parts(Path(tmp)).items():
            (REFERENCE / reference_name(part)).write_text(text, encoding="utf-8")
            print(f"wrote {REFERENCE / reference_name(part)}", file=sys.stderr)


if __name__ == "__main__":
    write_references()
