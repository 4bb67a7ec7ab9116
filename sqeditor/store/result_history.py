"""Each row's result as it changed after a given moment, read from the recorded history.

A review export shows a supervisor what units wrote since a point (a date, the last split,
the last export) as Word revisions: the history table holds, per step, the result before and
after, who saved it and, for a merge, the unit whose draft it was.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime

from sqeditor.store import codec
from sqeditor.store.report_store import ReportStore

SPLIT_KEY = "last_split_at"  # meta: when drafts were last split off this report


@dataclass(frozen=True)
class ResultChange:
    """One recorded change of a row's result (values as stored: JSON paragraph lists)."""

    node_id: str
    old: str | None
    new: str | None
    at: datetime
    who: str
    unit: str  # the unit whose draft a merge brought it from ('' when typed in the report)


def result_changes_since(store: ReportStore, since: datetime) -> dict[str, list[ResultChange]]:
    """Every result change recorded after `since`, per row, oldest first; a row added since
    (typed in, or brought by a merge) counts as its whole result written then."""
    rows = store.conn.execute(
        "SELECT h.node_id, h.field, h.old, h.new, s.at, s.who, s.source FROM history h "
        "JOIN step s ON s.id = h.step_id "
        "WHERE s.at > ? AND (h.field = 'result' OR (h.field = 'node' AND h.old IS NULL)) ORDER BY h.id",
        (since.isoformat(timespec="seconds"),))
    out: dict[str, list[ResultChange]] = {}
    for node_id, name, old, new, at, who, source in rows:
        when, unit = datetime.fromisoformat(at), _source_unit(source)
        if name == "result":
            out.setdefault(node_id, []).append(ResultChange(node_id, old, new, when, who, unit))
            continue
        for node in codec.subtree_from_json(json.loads(new)["tree"]).rows():
            if node.result:
                out.setdefault(node.id, []).append(
                    ResultChange(node.id, None, codec.encode_result(node.result), when, who, unit))
    return out


def _source_unit(source: str) -> str:
    if not source.startswith("{"):
        return ""
    try:
        unit = json.loads(source).get("unit", "")
    except (ValueError, AttributeError):
        return ""
    return unit if isinstance(unit, str) else ""


def last_split_at(store: ReportStore) -> datetime | None:
    """When drafts were last split off this report, if it recorded a split."""
    value = store.meta_value(SPLIT_KEY)
    return datetime.fromisoformat(value) if value else None


def last_export_at(store: ReportStore) -> datetime | None:
    """When the report last recorded an export (store/exports.py), if it ever did."""
    try:
        value = store.conn.execute("SELECT max(at) FROM export").fetchone()[0]
    except sqlite3.OperationalError:  # a file of an older version, open read-only: no such table
        return None
    return datetime.fromisoformat(value) if value else None


def record_split(store: ReportStore, at: datetime) -> None:
    """Note a split in its own transaction, not as an undoable step: the drafts are out there
    whatever the clerk undoes. A report open read-only elsewhere simply does not note it."""
    if store.read_only:
        return
    with store.conn:
        store.conn.execute("BEGIN IMMEDIATE")
        store.conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                           (SPLIT_KEY, at.isoformat(timespec="seconds")))
