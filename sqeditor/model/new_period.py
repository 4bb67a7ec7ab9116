"""Starting a new reporting period from last period's report: same criteria, a new report."""

from __future__ import annotations

import copy
from datetime import date

from sqeditor.model.report import Period, Report, ReportMeta, Status, new_id
from sqeditor.model.roc_date import ROC_OFFSET

_CUTOFF_MONTH = {Period.FIRST_HALF: 6, Period.SECOND_HALF: 12, Period.FULL_YEAR: 12}
CUTOFF_DAY = 10  # the 10th of the period's last month, as the yearly call for reports asks


def default_cutoff(roc_year: int, period: Period) -> date:
    return date(roc_year + ROC_OFFSET, _CUTOFF_MONTH[period], CUTOFF_DAY)


def next_period_meta(last: ReportMeta, today: date) -> ReportMeta:
    """The period after `last` (上半年 → 下半年 → next year's 上半年; 全年 → next year); a report
    without a year (the built-in criteria) starts at the half-year `today` falls in."""
    if last.roc_year <= 0:
        year = today.year - ROC_OFFSET
        period = Period.FIRST_HALF if today.month <= 6 else Period.SECOND_HALF
    elif last.period is Period.FIRST_HALF:
        year, period = last.roc_year, Period.SECOND_HALF
    elif last.period is Period.SECOND_HALF:
        year, period = last.roc_year + 1, Period.FIRST_HALF
    else:
        year, period = last.roc_year + 1, Period.FULL_YEAR
    cutoff = default_cutoff(year, period)
    if last.cutoff is not None and last.roc_year > 0 and last.period is not Period.FULL_YEAR:
        cutoff = cutoff.replace(day=min(last.cutoff.day, 28))  # the agency's own day of the month
    return ReportMeta(ministry=last.ministry, agency=last.agency, roc_year=year, period=period,
                      cutoff=cutoff)


def start_period(last: Report, meta: ReportMeta) -> Report:
    """A new report with last period's criteria and units: its own id (so last period's drafts
    and backups stay apart), no results, no draft mark, every unit on a row in its list."""
    report = copy.deepcopy(last)
    report.id = new_id()
    report.draft = None
    report.meta = copy.copy(meta)
    report.meta.title_override = ""
    for row in report.rows():
        row.result, row.status, row.comment, row.edited_by, row.edited_at = [], Status.EMPTY, "", "", None
    report.units = units_of(report)
    return report


def units_of(report: Report) -> list[str]:
    """The report's unit list followed by any unit typed on a row that the list lacks."""
    units = list(dict.fromkeys(u for u in report.units if u))
    known = set(units)
    for row in report.rows():
        if row.unit and row.unit not in known:
            units.append(row.unit)
            known.add(row.unit)
    return units
