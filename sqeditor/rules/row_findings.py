"""Open findings counted per row: what the progress and detail sheets of an export show."""

from __future__ import annotations

from collections import Counter

from sqeditor.model import Report
from sqeditor.rules.engine import Checker


def findings_per_row(report: Report) -> Counter[str]:
    """Findings of the built-in rule packs (with the report's dictionary and disabled rules) per row.

    Findings the clerk ignored are kept in the .sqreport, not in the report, so they count here.
    """
    rows = {row.id for row in report.rows()}
    found = Checker.for_report(report).check_report(report)
    return Counter(f.node_id for f in found if f.node_id in rows)
