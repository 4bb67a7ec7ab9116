"""Single nodes read straight from the file, where loading the whole report would be waste."""

from __future__ import annotations

from sqeditor.store import codec
from sqeditor.store.report_store import ReportStore


def field_value(store: ReportStore, node_id: str, field: str) -> str | None:
    """A node field as stored (None when the node is gone)."""
    if field not in codec.NODE_FIELDS:
        raise ValueError(f"unknown field {field}")
    row = store.conn.execute(f"SELECT {field} FROM node WHERE id = ?", (node_id,)).fetchone()
    return row[0] if row else None


def has_node(store: ReportStore, node_id: str) -> bool:
    return store.conn.execute("SELECT 1 FROM node WHERE id = ?", (node_id,)).fetchone() is not None


def child_count(store: ReportStore, parent_id: str | None) -> int:
    """How many children the node has (None: how many sections)."""
    return store.conn.execute("SELECT COUNT(*) FROM node WHERE parent_id IS ?", (parent_id,)).fetchone()[0]
