"""A split draft's file: written with its mark and its base, read back as its changes since then."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from sqeditor.model import Report, ReportMeta
from sqeditor.model.report import new_id
from sqeditor.store import codec
from sqeditor.store.draft_changes import DraftChanges, read_changes
from sqeditor.store.report_store import ReportStore, fill_new_file
from sqeditor.store.snapshot import Snapshot, base_rows

T = TypeVar("T")
DRAFT_ID_KEY = "draft_id"  # meta key: one split's draft for one unit, kept by every version of it

# What reading rows no draft of ours holds raises: SQLite refusing them, values of the wrong
# kind or form, a node that the rest of the file names but does not have.
DAMAGED_ROWS = (sqlite3.Error, ValueError, TypeError, KeyError)


@dataclass(frozen=True)
class SplitDraft:
    """What a split draft says of itself, and what it changed since its base."""

    identity: str  # its draft id
    unit: str
    source_report_id: str
    title: str
    changes: DraftChanges
    period: str = ""  # '110 年度下半年'
    split_at: str = ""  # as stored


def fill_draft(path: Path, draft: Report, base: Snapshot) -> None:
    """Write a draft, its base and a new draft id into an empty file (the caller's temporary)."""
    fill_new_file(path, draft)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("BEGIN")
        conn.executemany("INSERT INTO base (node_id, field, value) VALUES (?, ?, ?)", base_rows(base))
        conn.execute("INSERT INTO meta (key, value) VALUES (?, ?)", (DRAFT_ID_KEY, new_id()))
        conn.execute("COMMIT")
    finally:
        conn.close()


def read_draft_file(path: Path, copy_of: str = "",
                    read_copy: Callable[[ReportStore, ReportMeta], T] | None = None,
                    ) -> SplitDraft | Report | T:
    """A split draft's mark and changes; for a plain copy of the report `copy_of` (the same
    report id, no split mark) what `read_copy` reads of it (given its meta); else the whole report.

    One consistent read, even while the unit saves the file.
    """
    with ReportStore.open(path, read_only=True) as store:
        conn = store.conn
        conn.execute("BEGIN")
        meta = dict(conn.execute("SELECT key, value FROM meta"))
        has_base = conn.execute("SELECT 1 FROM base LIMIT 1").fetchone() is not None
        if not (meta.get("draft_unit") and meta.get(DRAFT_ID_KEY) and has_base):
            if read_copy is not None and copy_of and meta.get("report_id") == copy_of:
                return read_copy(store, codec.meta_from_items(meta))
            return store.load()
        draft_meta = codec.meta_from_items(meta)
        return SplitDraft(meta[DRAFT_ID_KEY], meta["draft_unit"], meta.get("draft_source", ""),
                          draft_meta.title, read_changes(store), draft_meta.period_label,
                          meta.get("draft_split_at", ""))
