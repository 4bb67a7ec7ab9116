"""Settling an open conflict as one undoable step, and its sides as the coordinator reads them."""

from __future__ import annotations

import json
from collections.abc import Callable

from sqeditor.merge.three_way import Resolution, resolved_value
from sqeditor.model.numbering import parse_paragraphs, render_paragraphs
from sqeditor.store import Edit, FieldEdit, NodeDelete, NodeInsert, ReportStore, Step, codec
from sqeditor.store.merge_records import NODE_FIELD, OpenConflict, settled_record
from sqeditor.store.node_rows import child_count, field_value, has_node

RESOLVE_LABEL = "解決衝突"


def current_value(store: ReportStore, conflict: OpenConflict) -> str | None:
    """The report's value now (the 'mine' side may have moved on since the merge)."""
    if conflict.is_structure:
        return conflict.mine
    return field_value(store, conflict.node_id, conflict.field)


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
    edits.append(settled_record(conflict))
    return (apply or store.apply)(edits, RESOLVE_LABEL)


def _structure_edits(store: ReportStore, conflict: OpenConflict, resolution: Resolution) -> list[Edit]:
    exists = has_node(store, conflict.node_id)
    if conflict.theirs is None:  # the draft deleted a row the report changed
        return [NodeDelete(conflict.node_id)] if resolution is Resolution.THEIRS and exists else []
    if resolution is Resolution.MINE or exists:
        return []
    data = json.loads(conflict.theirs)
    parent_id = data["parent_id"]
    if parent_id is not None and not has_node(store, parent_id):
        parent_id = None  # its place is gone: it comes back at the end, where it is seen
    position = min(data["position"], child_count(store, parent_id))
    return [NodeInsert(parent_id, position, codec.subtree_from_json(data["tree"]))]


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
