"""What each export of the report held, kept in the report's `export` table (schema version 4).

An exported JSON, Excel or Word file carries an export id; the report keeps, under that id,
the rows as the file gives them back when read (what the unit received). When the unit
returns the file, those rows are the base of a three-way merge.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass
from datetime import datetime

from sqeditor.errors import ReadOnlyError
from sqeditor.model import Node
from sqeditor.store import codec
from sqeditor.store.report_store import ReportStore


@dataclass(frozen=True)
class RecordedExport:
    """One export as the report recorded it: its sections with the report's node ids."""

    id: str
    at: str
    kind: str
    file: str
    sections: list[Node]


def record_export(store: ReportStore, export_id: str, kind: str, file: str, sections: list[Node]) -> None:
    """Keep what an export held, in its own transaction: not an undoable step, since the file
    is out there whatever the clerk undoes. Compressed: 2,000 rows are a few hundred kB."""
    if store.read_only:
        raise ReadOnlyError("這份報告以唯讀方式開啟，無法記下匯出內容。")
    data = json.dumps([codec.subtree_to_json(s) for s in sections], ensure_ascii=False)
    with store.conn:
        store.conn.execute("BEGIN IMMEDIATE")
        store.conn.execute("INSERT INTO export (id, at, kind, file, sections) VALUES (?, ?, ?, ?, ?)",
                           (export_id, datetime.now().isoformat(timespec="seconds"), kind, file,
                            zlib.compress(data.encode(), 6)))


def recorded_export(store: ReportStore, export_id: str) -> RecordedExport | None:
    """The export with that id, or None when this report did not record it (or cannot read it)."""
    row = store.conn.execute("SELECT id, at, kind, file, sections FROM export WHERE id = ?",
                             (export_id,)).fetchone()
    if row is None:
        return None
    try:
        sections = [codec.subtree_from_json(s) for s in json.loads(zlib.decompress(row[4]))]
    except (zlib.error, ValueError, KeyError, TypeError):
        return None
    return RecordedExport(*row[:4], sections)
