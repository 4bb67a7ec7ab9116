"""What a review export shows: each row's result since a chosen point, change by change.

The point is a date, the last split into drafts, or the last export. Every recorded change of a
result after it becomes a version authored by the unit that made it (the unit of a merged
draft, else the row's unit, else who saved it) at the time the history gives, so that Word's
審閱 tools list the units' changes, each with its time.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime, time

from sqeditor.errors import SqeditorError
from sqeditor.exchange.formats import ExportOptions
from sqeditor.exchange.revision_pieces import Revision, Version
from sqeditor.model import Node, Report, parse_roc_date
from sqeditor.store import ReportStore, codec
from sqeditor.store.result_history import ResultChange, last_export_at, last_split_at, result_changes_since

SINCE_SPLIT = "split"
SINCE_LAST_EXPORT = "last-export"


def review_options(store: ReportStore, report: Report, point: str, options: ExportOptions) -> ExportOptions:
    """The options of a Word export for review: each row's versions since the point."""
    since = review_since(store, point)
    return dataclasses.replace(options, revisions=review_versions(store, report, since))


def review_since(store: ReportStore, point: str) -> datetime:
    """The moment named by 'split', 'last-export', a date (2026-11-01, 115-11-01) or a date and
    time; a clear message when the report has no such moment or the text is not a date."""
    point = point.strip()
    if point == SINCE_SPLIT:
        found = last_split_at(store)
        if found is None:
            raise SqeditorError("這份報告沒有分割草稿的紀錄，請改用日期（例如 2026-11-01）。")
        return found
    if point == SINCE_LAST_EXPORT:
        found = last_export_at(store)
        if found is None:
            raise SqeditorError("這份報告沒有匯出的紀錄，請改用日期（例如 2026-11-01）。")
        return found
    try:
        return datetime.fromisoformat(point)
    except ValueError:
        pass
    try:
        return datetime.combine(parse_roc_date(point), time())
    except ValueError:
        raise SqeditorError(f"「{point}」看不懂：請寫 split、last-export，或日期如 2026-11-01、"
                            "115-11-01。") from None


def review_versions(store: ReportStore, report: Report, since: datetime) -> dict[str, list[Version]]:
    """Per row changed since `since`: its text then, and each later text with who and when."""
    nodes = report.node_index()
    out: dict[str, list[Version]] = {}
    for node_id, changes in result_changes_since(store, since).items():
        node = nodes.get(node_id)
        if node is None:
            continue  # deleted since: not in the export
        versions = [Version(_texts(changes[0].old))]
        versions += [Version(_texts(c.new), Revision(_author(c, node), c.at)) for c in changes]
        now = tuple(p.text for p in node.result)
        if versions[-1].paragraphs != now:  # a change the history does not hold (cut history)
            versions.append(Version(now, Revision(node.unit or node.edited_by,
                                                  node.edited_at or datetime.now())))
        out[node_id] = versions
    return out


def _texts(stored: str | None) -> tuple[str, ...]:
    return tuple(p.text for p in codec.decode_result(stored)) if stored else ()


def _author(change: ResultChange, node: Node) -> str:
    return change.unit or node.unit or change.who

