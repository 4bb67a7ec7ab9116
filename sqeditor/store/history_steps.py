"""The steps a report file went through, read so that a merge can find where two copies parted.

A file copied with `cp` keeps its history; from then on each copy appends its own steps. A
step is recognised in another file by its mark (number, label, who, when, how many changes):
a copy holds the same marks as its original up to the moment it was copied. Two files can
share a mark by chance; the merge checks the states at a shared mark before trusting it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from sqeditor.store.report_store import ReportStore

START = "start"  # the key of the moment before the first step


@dataclass(frozen=True)
class StepMark:
    """One recorded step as another file holding it would record it too."""

    id: int
    label: str
    who: str
    at: str
    changes: int

    @property
    def key(self) -> str:
        text = f"{self.id}\0{self.label}\0{self.who}\0{self.at}\0{self.changes}"
        return hashlib.sha256(text.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class HistoryRow:
    """One recorded change of a step: a field, a row added/deleted/moved, a setting, a record."""

    step_id: int
    node_id: str
    field: str
    old: str | None
    new: str | None


def step_marks(store: ReportStore) -> list[StepMark]:
    """Every step's mark, oldest first."""
    return [StepMark(*row) for row in store.conn.execute(
        "SELECT s.id, s.label, s.who, s.at, (SELECT COUNT(*) FROM history h WHERE h.step_id = s.id) "
        "FROM step s ORDER BY s.id")]


def rows_after(store: ReportStore, step_id: int) -> list[HistoryRow]:
    """The changes of the steps after step_id (0: all of them), newest first: the order to undo them."""
    return [HistoryRow(*row) for row in store.conn.execute(
        "SELECT step_id, node_id, field, old, new FROM history WHERE step_id > ? ORDER BY id DESC",
        (step_id,))]


def values_merged_from(store: ReportStore, draft_id: str) -> dict[tuple[str, str], set[str]]:
    """Every value the report's merges of one returned file set (by its draft id), per field:
    a later version of the file supersedes them where the report still holds one."""
    merged: dict[tuple[str, str], set[str]] = {}
    for node_id, name, value in store.conn.execute(
            "SELECT h.node_id, h.field, h.new FROM history h JOIN step s ON s.id = h.step_id "
            "WHERE json_valid(s.source) AND json_extract(s.source, '$.draft_id') = ? "
            "AND h.node_id != '' AND h.new IS NOT NULL", (draft_id,)):
        merged.setdefault((node_id, name), set()).add(value)
    return merged
