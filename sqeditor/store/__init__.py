"""The .sqreport file: schema, safe opening, locking, recorded changes (no Qt)."""

from sqeditor.store.edits import (
    Edit,
    FieldEdit,
    HistoryEntry,
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
