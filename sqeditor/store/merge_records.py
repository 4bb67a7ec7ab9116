"""The merge's bookkeeping in a report: conflicts left open, and the draft versions merged."""

from __future__ import annotations

from dataclasses import dataclass

from sqeditor.store.edits import RecordEdit
from sqeditor.store.report_store import ReportStore

NODE_FIELD = "node"  # conflict field of a structure change: a row added or deleted


@dataclass(frozen=True)
class OpenConflict:
    """Both texts of a field (or a row added/deleted on one side), as stored until resolved."""

    node_id: str
    field: str
    base: str | None
    mine: str | None
    theirs: str | None
    unit: str
    draft_id: str
    at: str
    title: str = ""  # the row's criterion, for lists

    @property
    def is_structure(self) -> bool:
        return self.field == NODE_FIELD


def open_conflicts(store: ReportStore) -> list[OpenConflict]:
    """Conflicts in the order the merges left them."""
    rows = store.conn.execute(
        "SELECT c.node_id, c.field, c.base, c.mine, c.theirs, c.unit, c.draft_id, c.at, "
        "COALESCE(n.title, '') FROM conflict c LEFT JOIN node n ON n.id = c.node_id "
        "ORDER BY c.at, c.rowid")
    return [OpenConflict(*row) for row in rows]


def conflict_record(node_id: str, field: str, draft_key: str, *, base: str | None, mine: str | None,
                    theirs: str | None, unit: str, at: str) -> RecordEdit:
    """The edit that leaves a conflict open, in the merge's own step."""
    return RecordEdit("conflict", {"node_id": node_id, "field": field, "draft_id": draft_key},
                      {"base": base, "mine": mine, "theirs": theirs, "unit": unit, "at": at})


def settled_record(conflict: OpenConflict) -> RecordEdit:
    """The edit that closes a conflict, in the step that resolves it."""
    return RecordEdit("conflict", {"node_id": conflict.node_id, "field": conflict.field,
                                   "draft_id": conflict.draft_id}, None)


def merged_drafts(store: ReportStore) -> dict[str, str]:
    """Draft versions already merged (merge key), with when."""
    return dict(store.conn.execute("SELECT draft_id, at FROM merged_draft"))


def merged_draft_record(merge_key: str, *, unit: str, file: str, at: str) -> RecordEdit:
    """The edit that marks a draft version merged, tied to the step that merges it."""
    return RecordEdit("merged_draft", {"draft_id": merge_key},
                      {"unit": unit, "file": file, "step_id": None, "at": at})
