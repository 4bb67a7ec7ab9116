"""Changes a clerk can make, each applied in one transaction and recorded in history."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqeditor.model import LastPeriod, Node


@dataclass(frozen=True)
class FieldEdit:
    """Set one field of a node: 'title', 'result', 'unit', 'status' or 'comment'."""

    node_id: str
    field: str
    value: object


@dataclass(frozen=True)
class MetaEdit:
    """Set one metadata entry (see codec.META_KEYS); values are stored as text."""

    key: str
    value: str


@dataclass(frozen=True)
class NodeInsert:
    """Insert a node (with its subtree) under a parent (None for a section) at a position."""

    parent_id: str | None
    position: int
    node: Node


@dataclass(frozen=True)
class NodeDelete:
    node_id: str


@dataclass(frozen=True)
class NodeMove:
    node_id: str
    parent_id: str | None
    position: int


@dataclass(frozen=True)
class SettingEdit:
    """Add or remove a report-wide entry: a dictionary word, a disabled rule, a unit."""

    table: str  # 'dictionary_word', 'disabled_rule' or 'unit'
    value: str
    present: bool


@dataclass(frozen=True)
class RecordEdit:
    """Set (values) or remove (None) one bookkeeping row: 'merged_draft', 'conflict',
    'ignored_finding' or 'last_period_match' (a row matched to last period's by hand).

    Lets a merge write its conflicts in its own transaction and undo them with it; a
    ``step_id`` of None is filled with the id of the step being applied.
    """

    table: str
    key: dict[str, str]
    values: dict[str, object] | None


@dataclass(frozen=True)
class LastPeriodLink:
    """Link last period's report (a snapshot of its rows), or unlink it with None."""

    last: LastPeriod | None


Edit = FieldEdit | MetaEdit | NodeInsert | NodeDelete | NodeMove | SettingEdit | RecordEdit | LastPeriodLink


@dataclass
class Step:
    """One user-visible change as committed: what it did and how to take it back."""

    id: int
    label: str
    who: str
    at: datetime
    edits: list[Edit]
    inverse: list[Edit] = field(default_factory=list)
    changed_nodes: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class HistoryEntry:
    """A recorded field change, for the clerk's history and the merge's base."""

    step_id: int
    label: str
    who: str
    at: str
    node_id: str
    field: str
    old: str | None
    new: str | None
