"""The .sqreport file (SQLite): schema, safe opening, locking, backups and recorded changes, no Qt.

ReportStore loads the report and applies edits (edits.py) as undoable, recorded steps.
All SQL lives here, the merge's too: drafts and their bases, snapshots, open conflicts.
"""

from sqeditor.store.edits import (
    Edit,
    FieldEdit,
    HistoryEntry,
    LastPeriodLink,
    MetaEdit,
    NodeDelete,
    NodeInsert,
    NodeMove,
    RecordEdit,
    SettingEdit,
    Step,
)
from sqeditor.store.lock import LockHolder
from sqeditor.store.report_store import ReportStore

__all__ = [
    "Edit",
    "FieldEdit",
    "HistoryEntry",
    "LastPeriodLink",
    "LockHolder",
    "MetaEdit",
    "NodeDelete",
    "NodeInsert",
    "NodeMove",
    "RecordEdit",
    "ReportStore",
    "SettingEdit",
    "Step",
]
