"""Last period's report kept inside this report's file (schema version 3).

A snapshot of its rows, where it was read from, and the matches the clerk fixed by hand. A
snapshot rather than a path: the link keeps working when last period's file moves, and reads
the same whether it came from a .sqreport or a .docx.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime

from sqeditor.model import LastPeriod, LastRow, Period
from sqeditor.model.roc_date import parse_roc_date, roc_iso
from sqeditor.store import codec

LAST_PERIOD_SCHEMA = """
CREATE TABLE last_period (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE last_period_row (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    path TEXT NOT NULL,
    result TEXT NOT NULL DEFAULT '[]',
    unit TEXT NOT NULL DEFAULT ''
);
CREATE TABLE last_period_match (node_id TEXT PRIMARY KEY, last_id TEXT NOT NULL);
"""
LAST_PERIOD_TABLES = frozenset({"last_period", "last_period_row", "last_period_match"})
FIRST_VERSION = 3  # files of older versions do not have these tables


def add_last_period_tables(conn: sqlite3.Connection) -> None:
    """Migration 2 → 3: the empty tables (no report is linked yet)."""
    for statement in LAST_PERIOD_SCHEMA.split(";"):
        if statement.strip():
            conn.execute(statement)


def _has_tables(conn: sqlite3.Connection) -> bool:
    """An older file opened read-only is not migrated: it has no link."""
    row = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'last_period'")
    return row.fetchone() is not None


def read_last_period(conn: sqlite3.Connection) -> LastPeriod | None:
    """The linked last period, or None when this report is not linked."""
    if not _has_tables(conn):
        return None
    meta = dict(conn.execute("SELECT key, value FROM last_period"))
    if not meta:
        return None
    rows = [LastRow(row_id, tuple(json.loads(path)), tuple(codec.decode_result(result)), unit)
            for row_id, path, result, unit in conn.execute(
                "SELECT id, path, result, unit FROM last_period_row ORDER BY position")]
    return LastPeriod(
        source=meta["source"], title=meta.get("title", ""), roc_year=int(meta.get("roc_year") or 0),
        period=Period(meta.get("period") or Period.FULL_YEAR),
        cutoff=parse_roc_date(meta["cutoff"]) if meta.get("cutoff") else None,
        linked_at=datetime.fromisoformat(meta["linked_at"]), rows=rows,
        overrides=dict(conn.execute("SELECT node_id, last_id FROM last_period_match")))


def swap_last_period(conn: sqlite3.Connection, last: LastPeriod | None) -> LastPeriod | None:
    """Store `last` (None: unlink) in place of the current link; return the link it replaced.

    The caller holds the transaction, so a link is one undoable step like any other change.
    """
    old = read_last_period(conn)
    for table in ("last_period", "last_period_row", "last_period_match"):
        conn.execute(f"DELETE FROM {table}")
    if last is None:
        return old
    meta = {"source": last.source, "title": last.title, "roc_year": str(last.roc_year),
            "period": str(last.period), "cutoff": roc_iso(last.cutoff) if last.cutoff else "",
            "linked_at": last.linked_at.isoformat(timespec="seconds")}
    conn.executemany("INSERT INTO last_period (key, value) VALUES (?, ?)", meta.items())
    conn.executemany(
        "INSERT INTO last_period_row (id, position, path, result, unit) VALUES (?, ?, ?, ?, ?)",
        [(row.id, position, json.dumps(row.path, ensure_ascii=False),
          codec.encode_result(list(row.result)), row.unit)
         for position, row in enumerate(last.rows)])
    conn.executemany("INSERT INTO last_period_match (node_id, last_id) VALUES (?, ?)",
                     last.overrides.items())
    return old
