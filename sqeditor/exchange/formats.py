"""What the formats share: the options an export may be asked for, and the reader for a file
chosen by its extension. Writing (which reaches Qt for PDF) is sqeditor.report_export, above."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqeditor.errors import ImportFormatError
from sqeditor.model import Report


@dataclass
class ExportOptions:
    """What a coordinator may ask of an export (formats ignore what does not apply)."""

    sections: list[int] = field(default_factory=list)  # indexes; empty means all
    unit: str = ""  # only this unit's rows
    draft: bool = False  # mark empty results （未填） and show each row's unit
    landscape: bool = False


def read_report(path: Path, *, results: bool = True) -> Report:
    """A report from any importable file: .json, .docx, .xlsx (or a .sqreport)."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise ImportFormatError(f"找不到檔案「{path}」。")
    if suffix == ".json":
        from sqeditor.exchange.json_format import read_json
        return read_json(path, results=results)
    if suffix == ".xlsx":
        from sqeditor.exchange.xlsx_import import read_xlsx
        return read_xlsx(path, results=results)
    if suffix == ".docx":
        from sqeditor.exchange.docx_import import import_docx
        return import_docx(path, results=results)
    if suffix == ".sqreport":
        from sqeditor.model import Status
        from sqeditor.store import ReportStore
        with ReportStore.open(path, read_only=True) as store:
            report = store.load()
        for row in [] if results else report.rows():  # last period's file as a new period's start
            row.result, row.status, row.comment, row.edited_by, row.edited_at = [], Status.EMPTY, "", "", None
        return report
    raise ImportFormatError(f"無法匯入「{path.name}」：不支援 {suffix or '無副檔名'} 格式。")
