"""The reviewer's Word file: this period's results as tracked changes against last period's.

Each row whose text differs from last period's gets two versions — last period's paragraphs,
then this period's by the row's unit, dated when the row was last edited — and the Word export
writes them as w:del and w:ins (`docx_tracked_changes`, the writer the export for review uses
too): a supervisor reading with changes shown sees only what is new, and an unchanged row
reads as plain text.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path

from sqeditor.exchange.docx_export import export_docx
from sqeditor.exchange.formats import ExportOptions
from sqeditor.exchange.revision_pieces import Revision, Version
from sqeditor.model import Report

UNASSIGNED = "未指派"


def export_against_last(report: Report, path: Path, options: ExportOptions) -> None:
    """The official table with each result marked against last period's (options.last_texts)."""
    revisions = against_last(report, options.last_texts or {})
    export_docx(report, path, dataclasses.replace(options, revisions=revisions))


def against_last(report: Report, last_texts: Mapping[str, Sequence[str]]) -> dict[str, list[Version]]:
    """Per row that reads otherwise than last period's: last period's text, then this one's."""
    out = {}
    for row in report.rows():
        last = tuple(t for t in last_texts.get(row.id, ()) if t)
        now = tuple(p.text for p in row.result)
        if tuple(t for t in now if t) != last:
            by = Revision(row.unit or UNASSIGNED, row.edited_at or datetime.now())
            out[row.id] = [Version(last), Version(now, by)]
    return out
