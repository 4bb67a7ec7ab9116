"""Which reader or writer handles a file, chosen by its extension.

This sits above both exchange and printing because PDF is drawn with Qt: the exporters
never import the printing layer, and printing never imports this.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from sqeditor.atomic_output import atomic_output
from sqeditor.errors import ImportFormatError
from sqeditor.exchange.formats import ExportOptions
from sqeditor.exchange.import_notes import ImportResult
from sqeditor.model import Report
from sqeditor.model.report import new_id
from sqeditor.store import ReportStore

# Exports a unit may edit and send back: each carries an export id, and the report records what
# it held (the kind names the format in the record).
RECORDED_EXPORTS = {".json": "json", ".xlsx": "xlsx", ".docx": "docx"}


def read_report(path: Path, *, results: bool = True) -> Report:
    """A report from any importable file: .json, .docx, .doc, .xlsx (or a .sqreport)."""
    return import_report(path, results=results).report


def import_report(path: Path, *, results: bool = True) -> ImportResult:
    """The report and the notes on what its import guessed or left out (only Word files have some yet)."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise ImportFormatError(f"找不到檔案「{path}」。")
    if suffix in (".docx", ".doc"):
        from sqeditor.exchange.docx_import import import_docx
        return import_docx(path, results=results)
    return ImportResult(_read_other(path, suffix, results))


def read_returned(path: Path) -> tuple[Report, list[str]]:
    """A file a unit sent back, as a merge reads it: the report, and what its import could not
    keep or had to guess (pictures, tables in cells, comments moved to 審閱意見)."""
    imported = import_report(path)
    return imported.report, [str(note) for note in imported.notes]


def _read_other(path: Path, suffix: str, results: bool) -> Report:
    if suffix == ".json":
        from sqeditor.exchange.json_format import read_json
        return read_json(path, results=results)
    if suffix == ".xlsx":
        from sqeditor.exchange.xlsx_import import read_xlsx
        return read_xlsx(path, results=results)
    if suffix == ".sqreport":
        from sqeditor.model import Status
        from sqeditor.store import ReportStore
        with ReportStore.open(path, read_only=True) as store:
            report = store.load()
        for row in [] if results else report.rows():  # last period's file as a new period's start
            row.result, row.status, row.comment, row.edited_by, row.edited_at = [], Status.EMPTY, "", "", None
        return report
    raise ImportFormatError(f"無法匯入「{path.name}」：不支援 {suffix or '無副檔名'} 格式。")


def write_report(report: Report, path: Path, options: ExportOptions | None = None) -> None:
    """Write a report to .json, .docx, .pdf or .xlsx, by the target's extension.

    Written through `atomic_output`: an interrupted or refused export never leaves a
    half-written file under the target name, and an old file there stays as it was.
    """
    options = options or ExportOptions()
    writer = _writer_for(path)
    with atomic_output(path) as tmp:
        writer(report, tmp, options)


def export_recorded(store: ReportStore, report: Report, path: Path,
                    options: ExportOptions | None = None) -> str:
    """Write an export with a new export id and record in the report what it holds; its id.

    What is recorded is the file read back as a returned copy will be read, matched onto the
    report's rows: what the format does not carry (section numbers, a status) then differs in
    neither the base nor the returned file, only the unit's edits do. A PDF, or a report open
    read-only, is written without an id ('' returned): returned, it merges against an empty base.
    """
    from sqeditor.merge.matching import match_blank_copy
    from sqeditor.store.exports import record_export
    options = options or ExportOptions()
    kind = RECORDED_EXPORTS.get(path.suffix.lower())
    if kind is None or store.read_only:
        write_report(report, path, options)
        return ""
    export_id = new_id()
    write_report(report, path, dataclasses.replace(options, export_id=export_id))
    held, _empty_base, _unmatched = match_blank_copy(report, read_report(path))
    record_export(store, export_id, kind, path.name, held.sections)
    return export_id


Writer = Callable[[Report, Path, ExportOptions], None]


def _writer_for(path: Path) -> Writer:
    suffix = path.suffix.lower()
    if suffix == ".json":
        from sqeditor.exchange.json_format import write_json
        return lambda report, target, options: write_json(report, target, options.export_id)
    if suffix == ".docx":
        from sqeditor.exchange.docx_export import export_docx
        from sqeditor.exchange.docx_revisions import export_against_last
        return lambda report, target, options: (
            export_against_last if options.against_last else export_docx)(report, target, options)
    if suffix == ".pdf":
        from sqeditor.printing.pdf import render_pdf
        return render_pdf
    if suffix == ".xlsx":
        from sqeditor.exchange.xlsx_export import export_xlsx
        from sqeditor.rules.row_findings import findings_per_row
        return lambda report, target, options: export_xlsx(report, target, options, findings_per_row(report))
    raise ImportFormatError(f"無法匯出成「{path.name}」：不支援 {suffix or '無副檔名'} 格式。")
