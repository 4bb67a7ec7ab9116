"""A .sqreport from outside: objects, definitions or rows that are not a report's are refused."""

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from sqeditor.errors import ReportFileError
from sqeditor.file_formats import read_report
from sqeditor.store import ReportStore


def tamper(sql: str) -> Callable[[Path], None]:
    def run(path: Path) -> None:
        conn = sqlite3.connect(path)
        conn.executescript(sql)
        conn.close()
    return run


# Each would run code, change data on a later write, or make our reads or writes fail.
HOSTILE_SCHEMAS = {
    "trigger": ("CREATE TRIGGER wipe AFTER UPDATE ON node BEGIN DELETE FROM node; END;", "不該有"),
    "view": ("CREATE VIEW v AS SELECT * FROM node;", "不該有"),
    "extra table": ("CREATE TABLE payload (x BLOB);", "不該有"),
    "node without result column": (
        "ALTER TABLE node DROP COLUMN result;", "結構與報告檔不符"),
    "node with an extra column": ("ALTER TABLE node ADD COLUMN extra TEXT;", "結構與報告檔不符"),
    "node rebuilt with a check": (
        "ALTER TABLE node RENAME TO old_node;"
        "CREATE TABLE node (id TEXT PRIMARY KEY, parent_id TEXT, kind TEXT NOT NULL,"
        " position INTEGER NOT NULL, title TEXT NOT NULL DEFAULT '', result TEXT NOT NULL DEFAULT '[]',"
        " unit TEXT NOT NULL DEFAULT '', status TEXT NOT NULL DEFAULT '未填',"
        " comment TEXT NOT NULL DEFAULT '', edited_by TEXT NOT NULL DEFAULT '', edited_at TEXT,"
        " CHECK (length(comment) < 3));"
        "INSERT INTO node SELECT * FROM old_node; DROP TABLE old_node;"
        "CREATE INDEX node_parent ON node (parent_id, position);", "結構與報告檔不符"),
    "index on an expression": (
        "DROP INDEX history_node; CREATE INDEX history_node ON history (lower(node_id));",
        "結構與報告檔不符"),
    "meta with another default": (
        "ALTER TABLE meta RENAME TO m2; CREATE TABLE meta (key TEXT PRIMARY KEY,"
        " value TEXT NOT NULL DEFAULT (hex(randomblob(4))));"
        "INSERT INTO meta SELECT * FROM m2; DROP TABLE m2;", "結構與報告檔不符"),
    "generated column": (
        "ALTER TABLE unit ADD COLUMN g TEXT GENERATED ALWAYS AS (upper(name)) VIRTUAL;",
        "結構與報告檔不符"),
}


@pytest.mark.parametrize("kind", list(HOSTILE_SCHEMAS))
def test_hostile_definitions_are_refused_before_reading_and_the_file_is_unchanged(sample_file, kind):
    sql, message = HOSTILE_SCHEMAS[kind]
    tamper(sql)(sample_file)
    before = sample_file.read_bytes()
    with pytest.raises(ReportFileError, match=message):
        ReportStore.open(sample_file)
    with pytest.raises(ReportFileError, match=message):
        read_report(sample_file)
    assert sample_file.read_bytes() == before
    assert not Path(str(sample_file) + ".lock").exists()


# Rows a sound SQLite file can hold but no report has: refused when loaded, never a crash.
BAD_ROWS = {
    "unknown kind": "UPDATE node SET kind = 'macro' WHERE parent_id IS NULL",
    "unknown status": "UPDATE node SET status = '已核准' WHERE kind = 'standard'",
    "result not JSON": "UPDATE node SET result = '[[1, \"a\"' WHERE kind = 'standard'",
    "result of the wrong shape": "UPDATE node SET result = '{\"a\": 1}' WHERE kind = 'standard'",
    "bad edit time": "UPDATE node SET edited_at = 'yesterday' WHERE kind = 'standard'",
    "no report id": "DELETE FROM meta WHERE key = 'report_id'",
    "bad year": "UPDATE meta SET value = '一一〇' WHERE key = 'roc_year'",
    "bad period": "UPDATE meta SET value = '第三季' WHERE key = 'period'",
    "bad cutoff": "UPDATE meta SET value = '110-13-45' WHERE key = 'cutoff'",
    "node its own parent": "UPDATE node SET parent_id = id WHERE kind = 'item'",
    "parents in a ring": "UPDATE node SET parent_id = (SELECT id FROM node n2 WHERE n2.parent_id = node.id"
                         " LIMIT 1) WHERE kind = 'indicator'",
    "number as result": "UPDATE node SET result = 42 WHERE kind = 'standard'",
}


@pytest.mark.parametrize("kind", list(BAD_ROWS))
def test_rows_no_report_holds_are_refused_with_our_error(sample_file, kind):
    conn = sqlite3.connect(sample_file)
    conn.execute("PRAGMA ignore_check_constraints = ON")
    conn.executescript("PRAGMA writable_schema = OFF;" + BAD_ROWS[kind])
    conn.close()
    try:
        with ReportStore.open(sample_file) as store:
            store.load()
    except ReportFileError as exc:
        assert exc.message
