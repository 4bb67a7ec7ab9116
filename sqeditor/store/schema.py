"""The .sqreport schema: its version, tables, and forward migrations."""

from collections.abc import Callable
from sqlite3 import Connection

from sqeditor.store.last_period_store import FIRST_VERSION as LAST_PERIOD_VERSION
from sqeditor.store.last_period_store import LAST_PERIOD_SCHEMA, LAST_PERIOD_TABLES, add_last_period_tables

APPLICATION_ID = 0x53515250  # 'SQRP': tells our files from other programs' SQLite files
SCHEMA_VERSION = 4

# Version 4 keeps what each export held (store/exports.py): an exported file returned by a unit
# merges against it.
EXPORT_SCHEMA = """
CREATE TABLE export (
    id TEXT PRIMARY KEY, at TEXT NOT NULL, kind TEXT NOT NULL, file TEXT NOT NULL,
    sections BLOB NOT NULL
);
"""
EXPORT_TABLES = frozenset({"export"})
EXPORT_VERSION = 4  # files of older versions do not have the table

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE node (
    id TEXT PRIMARY KEY,
    parent_id TEXT,
    kind TEXT NOT NULL,
    position INTEGER NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    result TEXT NOT NULL DEFAULT '[]',
    unit TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT '未填',
    comment TEXT NOT NULL DEFAULT '',
    edited_by TEXT NOT NULL DEFAULT '',
    edited_at TEXT
);
CREATE INDEX node_parent ON node (parent_id, position);
CREATE TABLE unit (name TEXT PRIMARY KEY, position INTEGER NOT NULL);
CREATE TABLE dictionary_word (word TEXT PRIMARY KEY);
CREATE TABLE disabled_rule (rule TEXT PRIMARY KEY);
CREATE TABLE ignored_finding (
    rule TEXT NOT NULL, node_id TEXT NOT NULL, text TEXT NOT NULL,
    PRIMARY KEY (rule, node_id, text)
);
CREATE TABLE step (
    id INTEGER PRIMARY KEY,
    label TEXT NOT NULL,
    who TEXT NOT NULL,
    at TEXT NOT NULL,
    undoes INTEGER,
    source TEXT NOT NULL DEFAULT ''
);
CREATE TABLE history (
    id INTEGER PRIMARY KEY,
    step_id INTEGER NOT NULL,
    node_id TEXT NOT NULL,
    field TEXT NOT NULL,
    old TEXT,
    new TEXT
);
CREATE INDEX history_node ON history (node_id);
CREATE INDEX history_step ON history (step_id);
CREATE TABLE base (
    node_id TEXT NOT NULL, field TEXT NOT NULL, value TEXT,
    PRIMARY KEY (node_id, field)
);
CREATE TABLE merged_draft (
    draft_id TEXT PRIMARY KEY, unit TEXT NOT NULL, file TEXT NOT NULL,
    step_id INTEGER NOT NULL, at TEXT NOT NULL
);
CREATE TABLE conflict (
    node_id TEXT NOT NULL, field TEXT NOT NULL,
    base TEXT, mine TEXT, theirs TEXT,
    unit TEXT NOT NULL, draft_id TEXT NOT NULL, at TEXT NOT NULL,
    PRIMARY KEY (node_id, field, draft_id)
);
""" + LAST_PERIOD_SCHEMA + EXPORT_SCHEMA

# Objects a valid file holds, by (type, name); anything else (a trigger, a view, an extra
# table) is refused before a single row is read.
EXPECTED_TABLES = frozenset({
    "meta", "node", "unit", "dictionary_word", "disabled_rule", "ignored_finding", "step",
    "history", "base", "merged_draft", "conflict",
}) | LAST_PERIOD_TABLES | EXPORT_TABLES
EXPECTED_INDEXES = frozenset({"node_parent", "history_node", "history_step"})
# Version 1 kept a trigram full-text index of titles and results beside the rows. Keeping it in
# step cost more than every other part of a save (a merge of 2,000 rows spent half its time
# there), and searching the rows themselves takes tens of milliseconds, so version 2 dropped it.
V1_FULL_TEXT_TABLES = frozenset({
    "text_key", "node_fts", "node_fts_data", "node_fts_idx", "node_fts_content",
    "node_fts_docsize", "node_fts_config",
})


def expected_tables(version: int) -> frozenset[str]:
    """The tables a file of that version holds."""
    tables = EXPECTED_TABLES
    if version < EXPORT_VERSION:
        tables -= EXPORT_TABLES
    if version < LAST_PERIOD_VERSION:
        tables -= LAST_PERIOD_TABLES
    return tables | V1_FULL_TEXT_TABLES if version == 1 else tables


def _drop_full_text_index(conn: Connection) -> None:
    """The index and its shadow tables, each by name: a file whose index was not what version 1
    wrote (a plain table named node_fts) keeps no stray table that would bar it next time."""
    for table in sorted(V1_FULL_TEXT_TABLES):
        conn.execute(f"DROP TABLE IF EXISTS {table}")


def _add_export_table(conn: Connection) -> None:
    conn.execute(EXPORT_SCHEMA)


Migration = Callable[[Connection], None]
# MIGRATIONS[n] turns a version-n file into version n+1; each runs in the open transaction.
MIGRATIONS: dict[int, Migration] = {1: _drop_full_text_index, 2: add_last_period_tables,
                                  3: _add_export_table}


def create_schema(conn: Connection) -> None:
    """Lay out an empty v-current file (caller holds the transaction)."""
    for statement in SCHEMA.split(";"):
        if statement.strip():
            conn.execute(statement)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def migrate(conn: Connection, from_version: int) -> None:
    """Bring a file forward to SCHEMA_VERSION inside one transaction: all or nothing."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        for version in range(from_version, SCHEMA_VERSION):
            MIGRATIONS[version](conn)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
