"""報告資訊 (部會, 機關, 年度, 期間, 資料截止日期) changed as one undoable step."""

from __future__ import annotations

from sqeditor.model import Report, ReportMeta
from sqeditor.store import codec
from sqeditor.store.edits import Edit, MetaEdit


def meta_edits(report: Report, meta: ReportMeta) -> list[Edit]:
    """Only the entries that differ, so an unchanged dialog adds no step."""
    old, new = codec.meta_to_items(report.meta), codec.meta_to_items(meta)
    return [MetaEdit(key, value) for key, value in new.items() if old[key] != value]
