"""A report linked to last period's: read it by its extension, keep a snapshot in the file,
match the rows, and hand last period's text per row to the rules, the exporters and the editor.

This sits above file_formats (last period may be a .docx or .xlsx) and below the command line
and the editor, which both link reports and fix matches through it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqeditor.errors import SqeditorError
from sqeditor.file_formats import read_report
from sqeditor.merge.period_matching import RowMatch, match_rows, row_paths
from sqeditor.model import LastPeriod, LastRow, Node, Report
from sqeditor.model.last_period import Carry, carry_over
from sqeditor.model.new_period import next_period_meta, start_period
from sqeditor.rules.last_period_rules import PeriodContext
from sqeditor.store import LastPeriodLink, RecordEdit, ReportStore


def read_last_period(path: Path) -> LastPeriod:
    """Last period's report from any file `read_report` reads, as the snapshot a link keeps."""
    report = read_report(path)
    rows = [LastRow(node.id, path_titles, tuple(node.result), node.unit)
            for node, path_titles in row_paths(report)]
    meta = report.meta
    return LastPeriod(source=str(path), title=meta.title, roc_year=meta.roc_year, period=meta.period,
                      cutoff=meta.cutoff, linked_at=datetime.now(), rows=rows)


def new_period_from(path: Path, today: date | None = None) -> Report:
    """A new period's report started from last period's file: a new report (its own id) with its
    criteria and units' rows without results, statuses or comments, for the period after it."""
    last = read_report(path, results=False)
    return start_period(last, next_period_meta(last.meta, today or date.today()))


def link_last_period(store: ReportStore, path: Path) -> LastPeriod:
    """Link the store's report to the file at `path` (one undoable step, replacing any link)."""
    if path.resolve() == store.path.resolve():
        raise SqeditorError(f"「{path.name}」就是這份報告本身，請選擇上一期的報告。")
    last = read_last_period(path)
    if not last.rows:
        raise SqeditorError(f"「{path.name}」裡沒有任何評核列，無法作為上期報告。")
    store.apply([LastPeriodLink(last)], "連結上期報告")
    return last


def read_linked(path: Path, last_path: Path | None = None) -> tuple[Report, PeriodLink | None]:
    """A report from any file, with last period: `last_path` when given, else the .sqreport's link."""
    if path.suffix.lower() == ".sqreport" and last_path is None:
        with ReportStore.open(path, read_only=True) as store:
            report = store.load()
            return report, PeriodLink.of_store(store, report)
    report = read_report(path)
    return report, None if last_path is None else PeriodLink.of(report, read_last_period(last_path))


def match_edit(node_id: str, last_id: str | None) -> RecordEdit:
    """Fix one row's match by hand: a last-period row id, "" for none, None to let matching decide."""
    values = None if last_id is None else {"last_id": last_id}
    return RecordEdit("last_period_match", {"node_id": node_id}, values)


@dataclass
class PeriodLink:
    """Last period's report and this report's rows matched to it."""

    last: LastPeriod
    matches: dict[str, RowMatch]

    @classmethod
    def of(cls, report: Report, last: LastPeriod) -> PeriodLink:
        return cls(last, match_rows(report, last))

    @classmethod
    def of_store(cls, store: ReportStore, report: Report) -> PeriodLink | None:
        """The store's link with the report's rows matched, or None when it is not linked."""
        last = store.last_period()
        return None if last is None else cls.of(report, last)

    def last_row(self, node_id: str) -> LastRow | None:
        match = self.matches.get(node_id)
        return match.last if match else None

    def texts(self) -> dict[str, tuple[str, ...]]:
        """Each matched row's last-period paragraphs, by this report's row id."""
        return {node_id: match.last.texts for node_id, match in self.matches.items()}

    def context(self, report: Report) -> PeriodContext:
        """What the stale-text rules need: both periods and last period's text per row."""
        return PeriodContext.of_report(report, self.last.label, self.last.roc_year, self.texts())

    def carry(self, row: Node) -> Carry:
        last = self.last_row(row.id)
        return carry_over(row.result_text, last.texts if last else None)

    def unmatched(self, report: Report) -> list[Node]:
        return [row for row in report.rows() if row.id not in self.matches]

