"""The report as plain data: metadata, the criteria tree and result paragraphs (no Qt)."""

from sqeditor.model.last_period import LastPeriod, LastRow
from sqeditor.model.numbering import (
    list_markers,
    marker_for,
    parse_paragraph,
    parse_paragraphs,
    section_label,
    strip_section_number,
)
from sqeditor.model.report import (
    DraftInfo,
    Node,
    NodeKind,
    Paragraph,
    Period,
    Report,
    ReportMeta,
    Status,
)
from sqeditor.model.roc_date import format_roc_date, parse_roc_date

__all__ = [
    "DraftInfo",
    "LastPeriod",
    "LastRow",
    "Node",
    "NodeKind",
    "Paragraph",
    "Period",
    "Report",
    "ReportMeta",
    "Status",
    "format_roc_date",
    "list_markers",
    "marker_for",
    "parse_paragraph",
    "parse_paragraphs",
    "parse_roc_date",
    "section_label",
    "strip_section_number",
]
