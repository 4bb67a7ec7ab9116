"""Open conflicts kept in the report, and settling one of them as one undoable step."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from sqeditor.merge.plan import NODE_FIELD
from sqeditor.merge.three_way import Resolution, resolved_value
from sqeditor.model.numbering import parse_paragraphs, render_paragraphs
from sqeditor.store import Edit, FieldEdit, NodeDelete, NodeInsert, RecordEdit, ReportStore, Step, codec

RESOLVE_LABEL = "解決衝突"


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
    def key(self) -> dict[str, str]:
        return {"node_id": self.node_id, "field": self.field, "draft_id": self.draft_id}

    @property
    def is_structure(self) -> bool:
        return self.field == NODE_FIELD


def open_conflicts(store: ReportStore) -> list[OpenConflict]:
    rows = store.conn.execute(
        "SELECT c.node_id, c.field, c.base, c.mine, c.theirs, c.unit, c.draft_id, c.at, "
        "COALESCE(n.title, '') FROM conflict c LEFT JOIN node n ON n.id = c.node_id "
        "ORDER BY c.at, c.rowid")
    return [OpenConflict(*row) for row in rows]


def current_value(store: ReportStore, conflict: OpenConflict) -> str | None:
    """The report's value now (the 'mine' side may have moved on since the merge)."""
    if conflict.is_structure:
        return conflict.mine
    return field_value(store, conflict.node_id, conflict.field)


def field_value(store: ReportStore, node_id: str, field: str) -> str | None:
    """A node field as stored (None when the node is gone)."""
    if field not in codec.NODE_FIELDS:
        raise ValueError(f"unknown field {field}")
    row = store.conn.execute(f"SELECT {field} FROM node WHERE id = ?", (node_id,)).fetchone()
    return row[0] if row else None


def resolve_conflict(store: ReportStore, conflict: OpenConflict, resolution: Resolution | str | None = None,
                     *, edited: object = None,
                     apply: Callable[[list[Edit], str], Step] | None = None) -> Step:
    """Keep mine, take theirs, keep both, or (resolution None) set the edited value; one step.

    ``apply`` writes the step (the GUI passes its session's); by default the store does.
    """
    edits: list[Edit] = []
    if conflict.is_structure:
        edits += _structure_edits(store, conflict, Resolution(resolution or Resolution.MINE))
    else:
        mine = current_value(store, conflict)
        if mine is not None:
            if resolution is None:
                value = codec.encode_field(conflict.field, edited)
            else:
                value = resolved_value(conflict.field, Resolution(resolution), mine, conflict.theirs or "")
            if value != mine:
                edits.append(FieldEdit(conflict.node_id, conflict.field,
                                       codec.decode_field(conflict.field, value)))
    edits.append(RecordEdit("conflict", conflict.key, None))
    return (apply or store.apply)(edits, RESOLVE_LABEL)


def _structure_edits(store: ReportStore, conflict: OpenConflict, resolution: Resolution) -> list[Edit]:
    exists = store.conn.execute("SELECT 1 FROM node WHERE id = ?", (conflict.node_id,)).fetchone()
    if conflict.theirs is None:  # the draft deleted a row the report changed
        return [NodeDelete(conflict.node_id)] if resolution is Resolution.THEIRS and exists else []
    if resolution is Resolution.MINE or exists:
        return []
    data = json.loads(conflict.theirs)
    parent_id = data["parent_id"]
    count_sql = "SELECT COUNT(*) FROM node WHERE parent_id IS ?"
    if parent_id is not None and not store.conn.execute("SELECT 1 FROM node WHERE id = ?",
                                                        (parent_id,)).fetchone():
        parent_id = None  # its place is gone: it comes back at the end, where it is seen
    count = store.conn.execute(count_sql, (parent_id,)).fetchone()[0]
    return [NodeInsert(parent_id, min(data["position"], count), codec.subtree_from_json(data["tree"]))]


def display_text(field: str, stored: str | None) -> str:
    """A conflict side as the coordinator reads it: list markers written out, one line each."""
    if stored is None:
        return ""
    if field == NODE_FIELD:
        tree = codec.subtree_from_json(json.loads(stored)["tree"])
        lines = []
        for node in tree.walk():
            if node.title:
                lines.append(node.title)
            lines += render_paragraphs(node.result)
        return "\n".join(lines)
    if field == "result":
        return "\n".join(render_paragraphs(codec.decode_result(stored)))
    return stored


def value_from_text(field: str, text: str) -> object:
    """The field value for text the coordinator edited (markers become list levels)."""
    if field == "result":
        return parse_paragraphs(line for line in text.splitlines() if line.strip())
    return text.strip()
